"""The weekly digest as data: due, overdue, completed, open actions, contacts, questions.

A digest made on day D looks two ways: "due" looks ahead, D to D + 7; contacts, topics, the
inbox figures and "completed" look back over the seven days that just ended, D - 7 to D - 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.impact import TacticImpact
from commplan.inbox_figures import InboxFigures
from commplan.meetings import MeetingAction
from commplan.plan import Status, Tactic
from commplan.questions import Question
from commplan.standards import Standard


@dataclass(frozen=True, kw_only=True)
class GroupCount:
    """Contacts of one organisation type last week against the baseline's weekly average."""

    group: str
    count: int
    weekly_baseline: float


@dataclass(frozen=True, kw_only=True)
class Digest:
    """Everything the steering group reads on a Monday.

    ``undated`` are the open tactics without a date (TBC); ``ongoing`` those marked on-going.
    ``week_start`` is the digest's day and ``week_end`` seven days after it: the window "due"
    covers (both inclusive). ``reported_first``..``reported_last`` is the week that just ended,
    which contacts, topics, ``inbox`` and ``completed`` cover. ``weekly_history`` is contacts
    by organisation type for each of the weeks up to and including that one, oldest first,
    keyed by each week's first day.
    """

    week_start: date
    week_end: date
    reported_first: date
    reported_last: date
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
    ongoing: tuple[Tactic, ...] = ()
    champions: tuple[str, ...] = ()  # the champions' quarter so far, in brief
    undated: tuple[Tactic, ...] = ()
    weekly_history: tuple[tuple[date, Mapping[str, int]], ...] = ()
    inbox: InboxFigures | None = None
    #: The tactics that started in the last weeks, their audiences' contacts after against
    #: before: the steering group sees each week whether the plan's work is being heard.
    impact: tuple[TacticImpact, ...] = ()


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
    inbox: InboxFigures | None = None,
    champions: Sequence[str] = (),
    impact: Sequence[TacticImpact] = (),
) -> Digest:
    """Assemble the digest made on day ``at``.

    "Due" is a window opening or closing from ``at`` to seven days after; "overdue" is every
    tactic neither complete nor on-going whose window has ended; "undated" has no window yet;
    "completed" is what was marked complete in the seven days before ``at``, the same week
    that ``contacts_by_type``, ``topics`` and ``inbox`` must cover.
    """
    first, last = reported_week(at)
    week_end = at + timedelta(days=7)
    due = [t for t in tactics if not t.is_closed and starts_or_ends_between(t, at, week_end)]
    # On-going work has no finish line to miss: it is counted as on-going, not overdue.
    overdue = [t for t in tactics if t.is_overdue(at) and t.status is not Status.ONGOING]
    ongoing = [t for t in tactics if t.status is Status.ONGOING]
    undated = [t for t in tactics if not t.is_closed and t.window is None]
    last_week = first
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
        reported_first=first,
        reported_last=last,
        due=tuple(sorted(due, key=lambda t: (t.window.start if t.window else at, t.number))),
        overdue=tuple(sorted(overdue, key=lambda t: (t.window.end if t.window else at, t.number))),
        completed=tuple(completed),
        ongoing=tuple(ongoing),
        undated=tuple(sorted(undated, key=lambda t: t.number)),
        open_actions=tuple(a for a in actions if not a.done),
        champions=tuple(champions),
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
        inbox=inbox,
        impact=tuple(
            sorted(
                (i for i in impact if first - timedelta(weeks=i.weeks) < i.start <= last),
                key=lambda i: (i.start, i.number),
                reverse=True,
            )
        ),
    )


def starts_or_ends_between(tactic: Tactic, first: date, last: date) -> bool:
    """Whether the tactic's window opens or closes in [first, last]: what "due" means here.

    A July-to-September window is due in the week it opens and the week it ends, not in
    every week between.
    """
    window = tactic.window
    return window is not None and (first <= window.start <= last or first <= window.end <= last)


def reported_week(at: date) -> tuple[date, date]:
    """The seven days that ended the day before ``at``, first and last (inclusive)."""
    return at - timedelta(days=7), at - timedelta(days=1)
