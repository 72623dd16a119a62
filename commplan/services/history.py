"""Every change to a tactic or a meeting action kept (who, when, field, from, to), and read back
as one history that also shows the status entries imports and the seed wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.plan import FieldChange, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.services.plan import current_year


def record_change(
    repos: Repositories, tactic: Tactic, field: str, old: str, new: str, *, who: str, at: datetime
) -> None:
    """Keep one change of a tactic's field (nothing when the value did not change)."""
    if old != new:
        change = FieldChange(field=field, old=old, new=new, by=who, at=at)
        repos.tactics.record_edit(tactic.plan_year, tactic.number, change)


def record_action_change(
    repos: Repositories,
    action: MeetingAction,
    field: str,
    old: str,
    new: str,
    *,
    who: str,
    at: datetime,
) -> None:
    """Keep one change of a meeting action's field (nothing when the value did not change)."""
    if old != new:
        change = FieldChange(field=field, old=old, new=new, by=who, at=at)
        repos.actions.record_edit(action.meeting_date, action.number, change)


@dataclass(frozen=True, kw_only=True)
class TacticHistory:
    """A tactic as it is now and every change kept for it, oldest first."""

    tactic: Tactic
    changes: tuple[FieldChange, ...]


def tactic_history(uow: UnitOfWork, number: int, *, today: date) -> TacticHistory:
    """The history of the tactic with this number in the current plan.

    Status entries written by an import or the seed (which keep no field changes) are shown
    as status changes; those the chat wrote appear once, as the field change kept with them.
    """
    with uow as repos:
        year = current_year(repos, today)
        tactic = repos.tactics.get(year, number)
        if tactic is None:
            raise NotFound("tactic", number)
        edits = repos.tactics.edits(year, number)
    kept = {(e.at, e.by, e.new) for e in edits if e.field == "status"}
    earlier = [
        FieldChange(
            field="status",
            old="",
            new=c.status.value + (f" ({c.note})" if c.note else ""),
            by=c.by,
            at=c.at,
        )
        for c in tactic.history
        if (c.at, c.by, c.status.value) not in kept
    ]
    changes = sorted((*earlier, *edits), key=lambda c: c.at)
    return TacticHistory(tactic=tactic, changes=tuple(changes))
