"""The weekly digest as data: due, overdue, completed, open actions, contacts, questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.meetings import MeetingAction
from commplan.plan import Status, Tactic
from commplan.questions import Question
from commplan.standards import Standard


@dataclass(frozen=True, kw_only=True)
class GroupCount:
    """Contacts of one organisation type this week against the baseline's weekly average."""

    group: str
    count: int
    weekly_baseline: float


@dataclass(frozen=True, kw_only=True)
class Digest:
    """Everything the steering group reads on a Monday."""

    week_start: date
    week_end: date
    due: tuple[Tactic, ...]
    overdue: tuple[Tactic, ...]
    completed: tuple[Tactic, ...]
    open_actions: tuple[MeetingAction, ...]
    contacts_total: int
    contacts_by_type: tuple[GroupCount, ...]
    top_topics: tuple[tuple[str, int], ...]
    unanswered: tuple[Question, ...]
    due_for_review: tuple[Standard, ...]
    unreachable: tuple[str, ...] = ()
    weekly_history: tuple[tuple[date, Mapping[str, int]], ...] = ()


def build_digest(
    *,
    at: date,
    tactics: Sequence[Tactic],
    actions: Sequence[MeetingAction],
    contacts_by_type: Mapping[str, int],
    baseline_by_type: Mapping[str, int],
    baseline_weeks: float,
    topics: Mapping[str, int],
    unanswered: Sequence[Question],
    standards: Sequence[Standard],
    review_age: timedelta = timedelta(days=5 * 365),
    unreachable: Sequence[str] = (),
    weekly_history: Sequence[tuple[date, Mapping[str, int]]] = (),
) -> Digest:
    """Assemble the digest for the week starting ``at``.

    "Due" is due from ``at`` to seven days after; "overdue" is every tactic not complete whose
    window has ended; "completed" is what was marked complete in the seven days before ``at``.
    """
    week_end = at + timedelta(days=7)
    due = [t for t in tactics if not t.is_complete and t.is_due_between(at, week_end)]
    overdue = [t for t in tactics if t.is_overdue(at)]
    last_week = at - timedelta(days=7)
    completed = [
        t
        for t in tactics
        if t.is_complete
        and any(c.status is Status.COMPLETE and last_week <= c.at.date() < at for c in t.history)
    ]
    groups = set(contacts_by_type) | set(baseline_by_type)
    by_type = sorted(
        (
            GroupCount(
                group=g or "(not known)",
                count=contacts_by_type.get(g, 0),
                weekly_baseline=round(baseline_by_type.get(g, 0) / max(baseline_weeks, 1), 1),
            )
            for g in groups
        ),
        key=lambda c: (-c.count, -c.weekly_baseline, c.group),
    )
    cutoff = at - review_age
    return Digest(
        week_start=at,
        week_end=week_end,
        due=tuple(sorted(due, key=lambda t: (t.window.start if t.window else at, t.number))),
        overdue=tuple(sorted(overdue, key=lambda t: (t.window.end if t.window else at, t.number))),
        completed=tuple(completed),
        open_actions=tuple(a for a in actions if not a.done),
        contacts_total=sum(contacts_by_type.values()),
        contacts_by_type=tuple(by_type),
        top_topics=tuple(
            sorted(((k, v) for k, v in topics.items() if k), key=lambda kv: (-kv[1], kv[0]))[:5]
        ),
        unanswered=tuple(unanswered),
        due_for_review=tuple(
            s for s in standards if s.last_review is None or s.last_review < cutoff
        ),
        unreachable=tuple(unreachable),
        weekly_history=tuple(weekly_history),
    )
