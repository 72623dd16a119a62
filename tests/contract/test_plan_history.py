"""The changes kept for tactics and actions, on every implementation of the repositories."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.plan import FieldChange, Phase, Plan, Status, Tactic
from commplan.ports import UnitOfWorkFactory

AT = datetime(2026, 7, 6, 9, 30, tzinfo=UTC)
TACTIC = Tactic(plan_year=2026, number=12, name="Contact the ONS lead", phase=Phase.Q2)
ACTION = MeetingAction(
    meeting_date=date(2026, 3, 4), meeting="NSH SG", number=5, text="Circulate", responsible="Emma"
)


def change(field: str, old: str, new: str, minutes: int = 0) -> FieldChange:
    return FieldChange(
        field=field, old=old, new=new, by="Becki Aquilina", at=AT.replace(minute=minutes)
    )


def test_changes_are_kept_per_item_in_order_and_only_when_committed(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2026, title="Plan"))
        uow.tactics.add(TACTIC)
        uow.tactics.add(Tactic(plan_year=2026, number=13, name="Other", phase=Phase.Q2))
        uow.actions.add(ACTION)
        uow.tactics.record_edit(2026, 12, change("audience", "GSS", "GSS analysts"))
        uow.tactics.record_edit(2026, 12, change("status", "planned", "ongoing", 5))
        uow.tactics.record_edit(2026, 13, change("name", "Other", "Another"))
        uow.actions.record_edit(ACTION.meeting_date, 5, change("due", "", "18 December 2026"))
        uow.commit()
    with uow_factory() as uow:
        uow.tactics.record_edit(2026, 12, change("name", "a", "b"))  # rolled back
    with uow_factory() as uow:
        assert uow.tactics.edits(2026, 12) == [
            change("audience", "GSS", "GSS analysts"),
            change("status", "planned", "ongoing", 5),
        ]
        assert uow.tactics.edits(2026, 13) == [change("name", "Other", "Another")]
        assert uow.tactics.edits(2026, 14) == []
        assert uow.actions.edits(ACTION.meeting_date, 5) == [change("due", "", "18 December 2026")]
        assert uow.actions.edits(ACTION.meeting_date, 12) == []
        # Editing keeps the tactic's status history and fields as they were.
        stored = uow.tactics.get(2026, 12)
        assert stored == TACTIC and stored is not None and stored.status is Status.PLANNED


def test_a_change_of_something_not_stored_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2026, title="Plan"))
        with pytest.raises(NotFound):
            uow.tactics.record_edit(2026, 99, change("name", "a", "b"))
        with pytest.raises(NotFound):
            uow.actions.record_edit(date(2026, 3, 4), 99, change("text", "a", "b"))


def test_open_only_leaves_out_cancelled_as_well_as_complete(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2026, title="Plan"))
        for number, status in enumerate(Status, start=1):
            uow.tactics.add(
                Tactic(plan_year=2026, number=number, name=status, phase=Phase.Q1, status=status)
            )
        uow.commit()
    with uow_factory() as uow:
        open_ones = [t.status for t in uow.tactics.all(2026, open_only=True)]
    assert open_ones == [Status.PLANNED, Status.ONGOING]
