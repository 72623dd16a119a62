"""Champions and their quarterly updates, on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from commplan.champions import Champion, ChampionUpdate
from commplan.errors import NotFound
from commplan.people import Person
from commplan.ports import UnitOfWorkFactory

JULY = datetime(2026, 7, 6, 9, tzinfo=UTC)
AUGUST = datetime(2026, 8, 3, 14, tzinfo=UTC)


def _people(uow_factory: UnitOfWorkFactory) -> tuple[int, int]:
    with uow_factory() as uow:
        uow.people.add(Person(name="Nadia Rahman", organisation="Office for National Statistics"))
        uow.people.add(Person(name="Owen Price", organisation="Welsh Government"))
        uow.commit()
    with uow_factory() as uow:
        nadia, owen = uow.people.get("Nadia Rahman"), uow.people.get("Owen Price")
        assert nadia is not None and owen is not None
        return nadia.id, owen.id


def test_champions_are_appointed_moved_listed_and_removed(uow_factory: UnitOfWorkFactory) -> None:
    nadia, owen = _people(uow_factory)
    with uow_factory() as uow:
        uow.champions.appoint(owen, "Welsh Government", JULY)
        uow.champions.appoint(nadia, "Office for National Statistics", JULY)
        uow.commit()
    with uow_factory() as uow:
        assert uow.champions.all() == [
            Champion(
                person_id=nadia, person="Nadia Rahman",
                organisation="Office for National Statistics", since=JULY,
            ),
            Champion(
                person_id=owen, person="Owen Price", organisation="Welsh Government", since=JULY
            ),
        ]  # fmt: skip
        # Appointed again to the same organisation, a champion keeps their date.
        uow.champions.appoint(owen, "Welsh Government", AUGUST)
        uow.champions.appoint(nadia, "HM Treasury (HMT)", AUGUST)
        uow.commit()
    with uow_factory() as uow:
        moved = uow.champions.get(nadia)
        assert moved is not None and (moved.organisation, moved.since) == (
            "HM Treasury (HMT)",
            AUGUST,
        )
        stayed = uow.champions.get(owen)
        assert stayed is not None and stayed.since == JULY
        assert uow.champions.remove(owen) is True
        assert uow.champions.remove(owen) is False
        uow.commit()
    with uow_factory() as uow:
        assert [c.person for c in uow.champions.all()] == ["Nadia Rahman"]
        assert uow.champions.get(owen) is None


def _update(
    person_id: int, key: str, at: datetime, harmonised: str, blocked: str = ""
) -> ChampionUpdate:
    return ChampionUpdate(
        person_id=person_id, person="", organisation="Office for National Statistics",
        quarter="2026Q3", harmonised=harmonised, blocked=blocked, at=at, key=key,
    )  # fmt: skip


def test_an_update_is_stored_once_and_a_later_one_replaces_it(
    uow_factory: UnitOfWorkFactory,
) -> None:
    nadia, owen = _people(uow_factory)
    first = _update(nadia, "slack:Ev1", JULY, "Ethnicity standard in the Labour Force Survey")
    with uow_factory() as uow:
        assert uow.champions.add_update(first) is True
        # The same message again (a retried delivery) stores nothing.
        assert uow.champions.add_update(first) is False
        assert uow.champions.add_update(_update(owen, "slack:Ev2", JULY, "Welsh language")) is True
        uow.commit()
    later = _update(nadia, "slack:Ev3", AUGUST, "Ethnicity and sex", "Waiting for guidance")
    with uow_factory() as uow:
        assert uow.champions.add_update(later) is True
        uow.commit()
    with uow_factory() as uow:
        current = uow.champions.updates("2026Q3")
        assert [(u.person, u.harmonised, u.blocked) for u in current] == [
            ("Owen Price", "Welsh language", ""),
            ("Nadia Rahman", "Ethnicity and sex", "Waiting for guidance"),
        ]
        every = uow.champions.updates("2026Q3", replaced=True)
        assert [(u.key, u.replaced_at) for u in every] == [
            ("slack:Ev1", AUGUST),
            ("slack:Ev2", None),
            ("slack:Ev3", None),
        ]
        assert every[0] == replace(first, person="Nadia Rahman", replaced_at=AUGUST)
        assert uow.champions.updates("2026Q2") == []
        assert len(uow.champions.updates()) == 2


def test_a_champion_is_a_stored_person(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow, pytest.raises((NotFound, IntegrityError)):
        uow.champions.appoint(4242, "Welsh Government", JULY)
