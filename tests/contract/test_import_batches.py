"""What ``import undo`` needs from storage: every imported kind of record can be removed, and
each import's changes are kept until it is undone; on every implementation of the ports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from commplan.contacts import Channel, Contact
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.organisations import Organisation
from commplan.plan import Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.records.batches import ImportBatch, RecordChange
from commplan.standards import Standard

AT = datetime(2015, 11, 12, 9, 30, tzinfo=UTC)


def test_batches_are_kept_newest_last_until_undone(uow_factory: UnitOfWorkFactory) -> None:
    first = ImportBatch(
        kind="plan",
        source="plan.docx",
        at=AT,
        by="operator (command line)",
        changes=(
            RecordChange(record="tactics", key="2015/1", label="tactic 1, Harmonisation blog"),
            RecordChange(
                record="tactics",
                key="2015/2",
                label="tactic 2, Guidance – “£” sign",
                before={"number": "2", "name": "Guidance", "status": ""},
                changed=("name",),
            ),
        ),
    )
    with uow_factory() as uow:
        assert uow.imports.last() is None
        one = uow.imports.add(first)
        two = uow.imports.add(
            ImportBatch(kind="contacts", source="c.csv", at=AT, by="x", changes=())
        )
        uow.commit()
    with uow_factory() as uow:
        latest = uow.imports.last()
        assert latest is not None and (latest.id, latest.kind) == (two, "contacts")
        uow.imports.mark_undone(two, AT)
        uow.commit()
    with uow_factory() as uow:
        assert uow.imports.last() == ImportBatch(
            id=one, kind="plan", source="plan.docx", at=AT, by=first.by, changes=first.changes
        )
        with pytest.raises(NotFound):
            uow.imports.mark_undone(one + 100, AT)


def test_every_imported_record_can_be_removed(uow_factory: UnitOfWorkFactory) -> None:
    tactic = Tactic(
        plan_year=2015, number=1, name="Harmonisation blog", phase=Phase.Q1, owners=("Becki",)
    )
    action = MeetingAction(
        meeting_date=date(2015, 7, 10), number=6, text="Write up", responsible="Palvi Shah"
    )
    contact = Contact(on=date(2015, 3, 2), channel=Channel.CHAT, source_ref="slack:Ev01")
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2015, title="Plan"))
        uow.tactics.add(tactic)
        uow.tactics.record(2015, 1, StatusChange(status=Status.PLANNED, at=AT, by="import"))
        uow.actions.add(action)
        uow.organisations.add(Organisation(name="Leeds City Council", domains=("leeds.gov.uk",)))
        uow.standards.add(Standard(name="Ethnicity", topic="Ethnicity", covers="ethnic group"))
        uow.contacts.add(contact)
        uow.commit()
    with uow_factory() as uow:
        uow.tactics.remove(2015, 1)
        uow.actions.remove(date(2015, 7, 10), 6)
        uow.organisations.remove("Leeds City Council")
        uow.standards.remove("Ethnicity")
        uow.contacts.remove("slack:Ev01")
        uow.commit()
    with uow_factory() as uow:
        assert uow.tactics.all() == [] and uow.actions.all() == []
        assert uow.organisations.by_domain("leeds.gov.uk") is None
        assert uow.standards.all() == [] and uow.contacts.all() == []
        # Added again, nothing of the removed ones comes back with them.
        uow.tactics.add(tactic)
        uow.actions.add(action)
        uow.organisations.add(Organisation(name="Leeds City Council"))
        stored = uow.tactics.get(2015, 1)
        assert stored is not None and stored.history == ()
        assert uow.organisations.by_domain("leeds.gov.uk") is None
        uow.plans.add(Plan(year=2016, title="Next"))
        uow.tactics.add(replace(tactic, plan_year=2016))
        uow.plans.remove(2016)
        assert uow.plans.latest() == Plan(year=2015, title="Plan")
        assert [t.plan_year for t in uow.tactics.all()] == [2015]
        for remove in (
            lambda: uow.tactics.remove(2015, 9),
            lambda: uow.actions.remove(date(2015, 7, 11), 1),
            lambda: uow.standards.remove("Ethnicity"),
            lambda: uow.contacts.remove("slack:Ev01"),
            lambda: uow.plans.remove(2016),
        ):
            with pytest.raises(NotFound):
                remove()
        assert uow.organisations.remove("BBC") is False  # the directory answers instead
