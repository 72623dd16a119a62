"""The contact log behind the baseline, on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from commplan.contacts import Channel, Contact, Direction
from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.organisations import OrgType, UserGroup
from commplan.ports import UnitOfWorkFactory


def _contact(day: date, **fields: object) -> Contact:
    values: dict[str, object] = {"on": day, "channel": Channel.INBOX, **fields}
    return Contact(**values)  # type: ignore[arg-type]


def test_a_contact_is_logged_once_per_source(uow_factory: UnitOfWorkFactory) -> None:
    first = _contact(date(2015, 2, 3), source_ref="<m1@leeds.gov.uk>", summary="ethnicity")
    with uow_factory() as uow:
        assert uow.contacts.add(first) is True
        assert uow.contacts.add(replace(first, summary="again")) is False
        assert uow.contacts.add(_contact(date(2015, 2, 3), name="Jane")) is True
        assert uow.contacts.add(_contact(date(2015, 2, 3), name="Jane")) is False
        uow.commit()
    with uow_factory() as uow:
        assert len(uow.contacts.all()) == 2


def test_contact_counts_group_in_sql(uow_factory: UnitOfWorkFactory) -> None:
    rows = [
        _contact(date(2015, 1, 5), org_type=OrgType.NHS, organisation="NHS A", source_ref="1"),
        _contact(date(2015, 1, 20), org_type=OrgType.NHS, organisation="NHS A", source_ref="2"),
        _contact(date(2015, 2, 1), org_type=OrgType.MEDIA, organisation="BBC", source_ref="3"),
        _contact(date(2015, 4, 1), source_ref="4", user_group=UserGroup.CITIZEN),
        _contact(date(2015, 12, 31), source_ref="5", direction=Direction.OUTBOUND),
    ]
    with uow_factory() as uow:
        for row in rows:
            uow.contacts.add(row)
        uow.commit()
    first, last = date(2015, 1, 1), date(2015, 12, 31)
    with uow_factory() as uow:
        assert uow.contacts.counts("org_type", first, last) == {
            "NHS": 2,
            "Media": 1,
            "": 2,
        }
        assert uow.contacts.counts("org_type", first, date(2015, 1, 31)) == {"NHS": 2}
        assert uow.contacts.counts("month", first, last) == {
            "2015-01": 2,
            "2015-02": 1,
            "2015-04": 1,
            "2015-12": 1,
        }
        assert uow.contacts.counts("quarter", first, last) == {
            "2015-Q1": 3,
            "2015-Q2": 1,
            "2015-Q4": 1,
        }
        assert uow.contacts.counts("direction", first, last) == {"inbound": 4, "outbound": 1}
        assert uow.contacts.organisations_heard(first, last) == 2
        assert uow.contacts.organisations_heard(date(2015, 1, 10), last) == 2
        assert uow.contacts.organisations_heard(date(2015, 1, 21), last) == 1
        assert uow.contacts.organisations_heard(date(2015, 3, 1), last) == 0
        names = ["NHS A", "BBC", "Nobody"]
        assert uow.contacts.last_contact_of("organisation", names, upto=last) == {
            "NHS A": date(2015, 1, 20),
            "BBC": date(2015, 2, 1),
        }


def test_contacts_by_month_erase_and_retention(uow_factory: UnitOfWorkFactory) -> None:
    jane = _contact(
        date(2015, 1, 5),
        name="Jane",
        email="Jane@Leeds.gov.uk",
        summary="ethnicity",
        org_type=OrgType.LOCAL_GOVERNMENT,
        organisation="Leeds",
        source_ref="a",
    )
    with uow_factory() as uow:
        uow.contacts.add(jane)
        uow.contacts.add(
            _contact(
                date(2015, 2, 5),
                name="Tom",
                email="tom@bbc.co.uk",
                org_type=OrgType.MEDIA,
                source_ref="b",
            )
        )
        uow.contacts.add(
            _contact(date(2015, 2, 9), name="Ann", org_type=OrgType.MEDIA, source_ref="c")
        )
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.counts_by_month("org_type", date(2015, 1, 1), date(2015, 12, 31)) == {
            "2015-01": {"Local Government": 1},
            "2015-02": {"Media": 2},
        }
        assert uow.contacts.counts_by_day("org_type", date(2015, 2, 1), date(2015, 2, 28)) == {
            date(2015, 2, 5): {"Media": 1},
            date(2015, 2, 9): {"Media": 1},
        }
        assert uow.contacts.strip_before(date(2015, 2, 6)) == 2
        # Already stripped of her address and name: nothing left to erase.
        assert uow.contacts.erase_person(Erasure.of("jane@leeds.gov.uk", names=["Jane"])) == 0
        assert uow.contacts.erase_person(Erasure.of("nobody@example.org")) == 0
        uow.commit()
    with uow_factory() as uow:
        kept = {c.source_ref: c for c in uow.contacts.all()}
    assert (kept["a"].name, kept["a"].email, kept["a"].summary) == ("", "", "")
    assert (kept["a"].organisation, kept["a"].org_type) == ("Leeds", OrgType.LOCAL_GOVERNMENT)
    assert kept["c"].name == "Ann"
    with uow_factory() as uow:
        uow.contacts.add(_contact(date(2015, 3, 1), email="ann@ons.gov.uk", source_ref="d"))
        assert [c.source_ref for c in uow.contacts.of_person("ANN@ons.gov.uk")] == ["d"]
        assert uow.contacts.erase_person(Erasure.of("ANN@ons.gov.uk")) == 1
        uow.commit()
    with uow_factory() as uow:
        # Erased, not deleted: the contact still counts, with nothing saying who it was.
        assert uow.contacts.of_person("ann@ons.gov.uk") == []
        erased = uow.contacts.get("d")
        assert erased is not None and (erased.name, erased.email) == ("", "")
        assert erased.on == date(2015, 3, 1)


def test_contacts_are_listed_by_date_then_as_logged(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        for day, ref in ((9, "late"), (3, "early"), (9, "late-again"), (5, "middle")):
            uow.contacts.add(_contact(date(2015, 2, day), source_ref=ref))
        uow.commit()
    with uow_factory() as uow:
        assert [c.source_ref for c in uow.contacts.all()] == [
            "early",
            "middle",
            "late",
            "late-again",
        ]
        assert [c.source_ref for c in uow.contacts.all(date(2015, 2, 4), date(2015, 2, 8))] == [
            "middle"
        ]


def test_a_contact_is_corrected_by_its_source_and_only_if_logged(
    uow_factory: UnitOfWorkFactory,
) -> None:
    unsourced = _contact(date(2015, 2, 3), name="Jane", organisation="Leeds")
    with uow_factory() as uow:
        uow.contacts.add(_contact(date(2015, 2, 3), source_ref="<m1@leeds.gov.uk>"))
        uow.contacts.add(unsourced)
        uow.contacts.save(
            _contact(date(2015, 2, 3), source_ref="<m1@leeds.gov.uk>", org_type=OrgType.NHS)
        )
        with pytest.raises(NotFound, match="contact"):
            uow.contacts.save(_contact(date(2015, 2, 3), source_ref="<never@logged>"))
        uow.commit()
    with uow_factory() as uow:
        corrected = uow.contacts.get("<m1@leeds.gov.uk>")
        assert corrected is not None and corrected.org_type is OrgType.NHS
        assert uow.contacts.get("<never@logged>") is None
        # Logged without a source, a contact comes back under its dedupe key.
        assert uow.contacts.get(unsourced.dedupe_key) == replace(
            unsourced, source_ref=unsourced.dedupe_key
        )


def test_contacts_by_month_also_group_by_month_and_quarter(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.contacts.add(_contact(date(2015, 3, 31), source_ref="1"))
        uow.contacts.add(_contact(date(2015, 4, 1), source_ref="2"))
        uow.commit()
    first, last = date(2015, 1, 1), date(2015, 12, 31)
    with uow_factory() as uow:
        assert uow.contacts.counts_by_month("quarter", first, last) == {
            "2015-03": {"2015-Q1": 1},
            "2015-04": {"2015-Q2": 1},
        }
        assert uow.contacts.counts_by_month("month", first, last) == {
            "2015-03": {"2015-03": 1},
            "2015-04": {"2015-04": 1},
        }
