"""Which nudges are due at a moment: a pure function of the plan, the calendar and the time.

Every nudge has a key; the sweep sends a nudge only if it can claim that key in the
database, so a second sweep, a restart or a second clock never sends it twice.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from commplan.claims import ClaimKind
from commplan.meetings import MeetingAction
from commplan.people import Directory, Person, split_owners
from commplan.plan import Tactic
from commplan.ports import Claim
from commplan.queries import InboxQuery
from commplan.standards import Standard
from commplan.workdays import WorkingDays


class Kind(enum.StrEnum):
    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"
    TBC = "tbc"
    REVIEW = "review"
    UNANSWERED = "unanswered"


class ItemType(enum.StrEnum):
    TACTIC = "tactic"
    ACTION = "action"
    STANDARD = "standard"
    INBOX = "inbox"


@dataclass(frozen=True, kw_only=True)
class NudgePolicy:
    """When to nudge; every field has the default the team asked for."""

    offsets: tuple[int, ...] = (7, 1)
    hour: time = time(9, 0)
    overdue_every_days: int = 7
    escalate_after_weeks: int = 3
    review_age_days: int = 5 * 365
    grace_days: int = 2  # working days: a nudge missed on a Friday still goes on Monday
    unanswered_after_days: int = 3


DEFAULT_POLICY = NudgePolicy()


@dataclass(frozen=True, kw_only=True)
class Nudge:
    """One message to one person (or, escalated, to the team channel) about one item."""

    key: str
    person: Person | None
    item_type: ItemType
    item: str
    item_name: str
    kind: Kind
    due: date | None = None
    weeks_overdue: int = 0
    escalated: bool = False
    owners: tuple[str, ...] = ()


_CLAIM_KINDS = {
    Kind.BEFORE: ClaimKind.NUDGE_BEFORE,
    Kind.DUE: ClaimKind.NUDGE_DUE,
    Kind.OVERDUE: ClaimKind.NUDGE_OVERDUE,
    Kind.TBC: ClaimKind.NUDGE_TBC,
    Kind.REVIEW: ClaimKind.NUDGE_REVIEW,
    Kind.UNANSWERED: ClaimKind.NUDGE_UNANSWERED,
}


def person_key(person: Person) -> str:
    """How a claim key names a person: by id where people have one, else by name.

    With an id, renaming someone leaves their open nudges claimed; by name it would send
    them again.
    """
    number = getattr(person, "id", 0)
    return str(number) if number else person.name


def nudge_claim(nudge: Nudge) -> Claim:
    """The claim a sweep makes before sending ``nudge``."""
    return Claim(
        key=nudge.key,
        kind=_CLAIM_KINDS[nudge.kind],
        person=nudge.person.name if nudge.person else "team",
        item=nudge.item,
    )


def unreachable_claim(nudge: Nudge) -> Claim:
    """The claim on telling the team that ``nudge``'s person could not be reached.

    The key is the person and the item, not the nudge: next week's overdue nudge about the
    same item is not reported again.
    """
    who = person_key(nudge.person) if nudge.person else "team"
    return Claim(
        key=f"unreachable:{who}:{nudge.item_type.value}:{nudge.item}",
        kind=ClaimKind.UNREACHABLE,
        person=nudge.person.name if nudge.person else "team",
        item=nudge.item,
    )


def _window_days(tactic: Tactic) -> tuple[date, date] | None:
    return (tactic.window.start, tactic.window.end) if tactic.window else None


def due_nudges(
    *,
    tactics: Sequence[Tactic],
    actions: Sequence[MeetingAction],
    standards: Sequence[Standard],
    directory: Directory,
    now: datetime,
    calendar: WorkingDays,
    policy: NudgePolicy = DEFAULT_POLICY,
    queries: Sequence[InboxQuery] = (),
) -> list[Nudge]:
    """The nudges due at ``now`` (local time); empty before the hour and on non-working days."""
    today = now.date()
    if now.timetz().replace(tzinfo=None) < policy.hour or not calendar.is_working(today):
        return []
    found: list[Nudge] = []
    for tactic in tactics:
        if tactic.is_complete or (tactic.snoozed_until and tactic.snoozed_until > today):
            continue
        item = f"{tactic.plan_year}/{tactic.number}"
        found += _item_nudges(
            item_type=ItemType.TACTIC,
            item=item,
            name=tactic.name,
            owners=tactic.owners,
            window=_window_days(tactic),
            today=today,
            calendar=calendar,
            policy=policy,
            directory=directory,
        )
    for action in actions:
        if action.done or (action.snoozed_until and action.snoozed_until > today):
            continue
        if action.meeting_date > today:
            continue  # a backdated sweep: the meeting had not happened yet
        window = (action.due, action.due) if action.due else None
        found += _item_nudges(
            item_type=ItemType.ACTION,
            item=action.key,
            name=action.text,
            owners=split_owners(action.responsible),
            window=window,
            today=today,
            calendar=calendar,
            policy=policy,
            directory=directory,
        )
    found += _review_nudges(standards, directory, today, calendar, policy)
    found += _unanswered_nudges(queries, directory, today, calendar, policy)
    return found


def _unanswered_nudges(
    queries: Sequence[InboxQuery],
    directory: Directory,
    today: date,
    calendar: WorkingDays,
    policy: NudgePolicy,
) -> list[Nudge]:
    """Open inbox queries past the working-day limit: to whoever took them, else the team.

    Answered and closed queries (a backfilled archive is imported closed) say nothing.
    """
    nudges = []
    for query in queries:
        if not query.open or query.answered_at is not None:
            continue
        received = query.received_at.date()
        due = calendar.add(received, policy.unanswered_after_days)
        if today < due:
            continue
        week = (today - due).days // 7
        assignee = directory.person(query.assignee) if query.assignee else None
        who = assignee.name if assignee else "team"
        name = f"{query.subject or '(no subject)'} from {query.sender_email or 'someone'}"
        nudges.append(
            Nudge(
                key=f"inbox:{query.key}:unanswered:w{week}:"
                + (person_key(assignee) if assignee else "team"),
                person=assignee,
                item_type=ItemType.INBOX,
                item=query.key,
                item_name=name,
                kind=Kind.UNANSWERED,
                due=due,
                weeks_overdue=week,
                escalated=assignee is None,
                owners=(who,),
            )
        )
    return nudges


def _item_nudges(
    *,
    item_type: ItemType,
    item: str,
    name: str,
    owners: Sequence[str],
    window: tuple[date, date] | None,
    today: date,
    calendar: WorkingDays,
    policy: NudgePolicy,
    directory: Directory,
) -> list[Nudge]:
    people = directory.expand(owners)
    base = f"{item_type}:{item}"

    def nudge(
        kind: Kind,
        stage: str,
        who: Person | None,
        *,
        due: date | None = None,
        weeks_overdue: int = 0,
        escalated: bool = False,
    ) -> Nudge:
        # The key names the item, the stage and the person: a claim on it is sent once.
        return Nudge(
            key=f"{base}:{stage}:{person_key(who) if who else 'team'}",
            person=who,
            item_type=item_type,
            item=item,
            item_name=name,
            kind=kind,
            due=due,
            weeks_overdue=weeks_overdue,
            escalated=escalated,
            owners=tuple(owners),
        )

    if window is None:
        # Undated items get a monthly "please set a date", on the month's first working day
        # or, after a restart, on the first sweep of the month.
        return [nudge(Kind.TBC, f"tbc:{today:%Y-%m}", p) for p in people]
    start, end = window
    nudges: list[Nudge] = []
    for offset in policy.offsets:
        send_on = calendar.on_or_before(start - timedelta(days=offset))
        if send_on <= today < start and today <= calendar.add(send_on, policy.grace_days):
            nudges += [nudge(Kind.BEFORE, f"before{offset}:{start}", p, due=start) for p in people]
            break  # the nearest offset that applies; the next sweep may send the closer one
    due_day = calendar.on_or_after(start)
    # "Coming up" the day before already said it: not again on the next day.
    eve = due_day - timedelta(days=1)
    told_the_day_before = any(
        calendar.on_or_before(start - timedelta(days=offset)) == eve for offset in policy.offsets
    )
    due_last = min(end, calendar.add(due_day, policy.grace_days))
    if not told_the_day_before and due_day <= today <= due_last:
        nudges += [nudge(Kind.DUE, f"due:{start}", p, due=start) for p in people]
    if today > end:
        first = calendar.on_or_after(end + timedelta(days=1))
        if not told_the_day_before and due_day <= first - timedelta(days=1) <= due_last:
            # "Due now" may have gone the day before: the weekly overdue starts a day later.
            first = calendar.on_or_after(first + timedelta(days=1))
        if today >= first:
            # Weekly on the weekday the item first fell overdue, each within the grace days:
            # a week's reminder missed for longer waits for the next week's, so two weeks'
            # reminders never land on consecutive days.
            week = (today - first).days // policy.overdue_every_days
            week_start = calendar.on_or_after(
                first + timedelta(days=week * policy.overdue_every_days)
            )
            if week_start <= today <= calendar.add(week_start, policy.grace_days):
                stage = f"overdue:{end}:w{week}"
                nudges += [
                    nudge(Kind.OVERDUE, stage, p, due=end, weeks_overdue=week) for p in people
                ]
                if week >= policy.escalate_after_weeks:
                    nudges.append(
                        nudge(
                            Kind.OVERDUE, stage, None, due=end, weeks_overdue=week, escalated=True
                        )
                    )
    return nudges


def _review_nudges(
    standards: Sequence[Standard],
    directory: Directory,
    today: date,
    calendar: WorkingDays,
    policy: NudgePolicy,
) -> list[Nudge]:
    """Standards past their review age, to their owner, once a quarter."""
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    cutoff = today - timedelta(days=policy.review_age_days)
    nudges = []
    for standard in standards:
        if standard.last_review is not None and standard.last_review >= cutoff:
            continue  # reviewed lately, or (a backdated sweep) not published yet
        if standard.under_development:
            continue  # nothing published to review
        owner = standard.owner or "GSS Harmonisation Team"
        people = directory.expand([owner]) or directory.expand(["Harmonisation team"])
        nudges += [
            Nudge(
                key=f"standard:{standard.name}:review:{quarter}:{person_key(p)}",
                person=p,
                item_type=ItemType.STANDARD,
                item=standard.name,
                item_name=standard.name,
                kind=Kind.REVIEW,
                due=standard.last_review,
                owners=(owner,),
            )
            for p in people
        ]
    return nudges
