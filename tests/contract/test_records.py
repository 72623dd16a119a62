"""Meeting actions, the organisation directory and the standards catalogue, on every
implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.ports import UnitOfWorkFactory
from commplan.standards import Standard


def test_meeting_actions(uow_factory: UnitOfWorkFactory) -> None:
    action = MeetingAction(
        meeting_date=date(2015, 7, 10),
        meeting="NSH SG meeting",
        number=6,
        paragraph="4.6",
        text="Palvi to highlight the recommendation",
        responsible="Palvi Shah",
    )
    with uow_factory() as uow:
        uow.actions.add(action)
        uow.actions.add(replace(action, number=7))
        uow.commit()
    with uow_factory() as uow:
        uow.actions.save(replace(action, done=True, update="Complete"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.actions.get(date(2015, 7, 10), 6) == replace(
            action, done=True, update="Complete"
        )
        assert [a.number for a in uow.actions.all()] == [6, 7]


def test_organisations_own_their_domains(uow_factory: UnitOfWorkFactory) -> None:
    leeds = Organisation(
        name="Leeds City Council",
        org_type=OrgType.LOCAL_GOVERNMENT,
        user_group=UserGroup.SUB_NATIONAL,
        domains=("leeds.gov.uk",),
    )
    with uow_factory() as uow:
        uow.organisations.add(leeds)
        uow.organisations.add(Organisation(name="Other body", domains=("other.org",)))
        uow.commit()
    with uow_factory() as uow:
        assert uow.organisations.by_domain("LEEDS.gov.uk") == leeds
        # Teaching the directory that a domain belongs elsewhere moves it.
        uow.organisations.save(Organisation(name="Other body", domains=("leeds.gov.uk",)))
        uow.commit()
    with uow_factory() as uow:
        found = uow.organisations.by_domain("leeds.gov.uk")
        assert found is not None and found.name == "Other body"
        leeds_now = uow.organisations.get("Leeds City Council")
        assert leeds_now is not None and leeds_now.domains == ()


def test_standards(uow_factory: UnitOfWorkFactory) -> None:
    entry = Standard(
        name="Tenure harmonised standard",
        topic="housing",
        covers="Whether the household owns or rents.",
        synonyms=("own or rent", "housing tenure"),
        related=("Housing costs and benefits harmonised principle",),
        last_review=date(2019, 4, 17),
        url="https://example.org/tenure",
        question="Do you (or your household) own or rent this accommodation?",
        options=("Own it outright", "Rent it"),
        response="single",
        base="16+",
        concept=("own+rent",),
        rules="Renters are asked about their landlord.",
    )
    with uow_factory() as uow:
        uow.standards.add(entry)
        uow.commit()
    with uow_factory() as uow:
        assert uow.standards.all() == [entry]
        uow.standards.save(replace(entry, status="Under development"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.standards.get(entry.name) == replace(entry, status="Under development")


def test_an_action_shares_its_meeting_title(uow_factory: UnitOfWorkFactory) -> None:
    first = MeetingAction(
        meeting_date=date(2015, 7, 10),
        meeting="NSH SG meeting",
        number=1,
        text="One",
        responsible="Jo",
    )
    with uow_factory() as uow:
        uow.actions.add(first)
        # An action added without a title, or with another, is of the same meeting.
        uow.actions.add(replace(first, number=2, meeting=""))
        uow.actions.add(replace(first, number=3, meeting="Another title"))
        uow.commit()
    with uow_factory() as uow:
        assert [a.meeting for a in uow.actions.all()] == ["NSH SG meeting"] * 3
        # Saving an action with a title retitles the meeting.
        uow.actions.save(replace(first, number=2, meeting="Steering group"))
        with pytest.raises(NotFound, match="action"):
            uow.actions.save(replace(first, number=9))
        uow.commit()
    with uow_factory() as uow:
        assert [a.meeting for a in uow.actions.all()] == ["Steering group"] * 3


def test_the_directory_keeps_domains_in_lower_case_and_order(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.organisations.add(Organisation(name="ONS", domains=("Statistics.gov.uk", "ons.gov.uk")))
        with pytest.raises(NotFound, match="organisation"):
            uow.organisations.save(Organisation(name="Nobody"))
        with pytest.raises(NotFound, match="standard"):
            uow.standards.save(Standard(name="Nothing harmonised", topic="", covers=""))
        uow.commit()
    with uow_factory() as uow:
        assert uow.organisations.all() == [
            Organisation(name="ONS", domains=("ons.gov.uk", "statistics.gov.uk"))
        ]
        assert uow.organisations.by_domain("statistics.GOV.uk") == uow.organisations.get("ONS")
        assert uow.organisations.get("Nobody") is None
