"""What teaching the directory a domain needs from storage, on every implementation: which
organisations a domain's mail is filed under, re-filing a placeholder's contacts and queries,
and taking an entry out of the directory."""

from __future__ import annotations

from datetime import UTC, date, datetime

from commplan.contacts import Channel, Contact
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.ports import UnitOfWorkFactory
from commplan.queries import InboxQuery

PARISH = Organisation(
    name="Little Snoring Parish Council",
    org_type=OrgType.LOCAL_GOVERNMENT,
    user_group=UserGroup.SUB_NATIONAL,
    domains=("parish.example.org",),
)


def _contact(email: str, organisation: str, ref: str) -> Contact:
    return Contact(
        on=date(2026, 9, 1),
        channel=Channel.INBOX,
        email=email,
        organisation=organisation,
        source_ref=ref,
    )


def test_a_domains_organisations_are_those_its_exact_addresses_are_filed_under(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.contacts.add(_contact("Sam@Parish.example.org", "parish.example.org", "m1"))
        uow.contacts.add(_contact("jo@parish.example.org", "Leeds City Council", "m2"))
        uow.contacts.add(_contact("al@sub.parish.example.org", "Elsewhere", "m3"))
        uow.contacts.add(_contact("x@parishzexample.org", "Z Trust", "m4"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.organisations_of_domain("parish.example.org") == {
            "parish.example.org",
            "Leeds City Council",
        }
        # "_" is a character here, not a LIKE wildcard.
        assert uow.contacts.organisations_of_domain("parish_example.org") == set()


def test_a_placeholders_contacts_and_queries_are_refiled_and_it_leaves_the_directory(
    uow_factory: UnitOfWorkFactory,
) -> None:
    query = InboxQuery(
        key="m1@parish.example.org",
        thread="m1@parish.example.org",
        received_at=datetime(2026, 9, 1, 9, tzinfo=UTC),
        sender_email="sam@parish.example.org",
        organisation="parish.example.org",
    )
    with uow_factory() as uow:
        uow.organisations.add(Organisation(name="parish.example.org"))
        uow.organisations.add(PARISH)
        uow.contacts.add(_contact("sam@parish.example.org", "parish.example.org", "m1"))
        uow.contacts.add(_contact("jo@leeds.gov.uk", "Leeds City Council", "m2"))
        uow.queries.add(query)
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.refile("parish.example.org", PARISH) == 1
        assert uow.queries.refile("parish.example.org", PARISH) == 1
        assert uow.organisations.remove("parish.example.org") is True
        assert uow.organisations.remove("parish.example.org") is False
        uow.commit()
    with uow_factory() as uow:
        moved = uow.contacts.get("m1")
        assert moved is not None
        assert (moved.organisation, moved.org_type, moved.user_group) == (
            PARISH.name,
            OrgType.LOCAL_GOVERNMENT,
            UserGroup.SUB_NATIONAL,
        )
        stored = uow.queries.get(query.key)
        assert stored is not None and stored.organisation == PARISH.name
        assert uow.organisations.get("parish.example.org") is None
        assert uow.organisations.by_domain("parish.example.org") == PARISH
        untouched = uow.contacts.get("m2")
        assert untouched is not None and untouched.organisation == "Leeds City Council"
