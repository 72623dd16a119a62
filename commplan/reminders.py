"""Reminders as people read them: one summary per person, most urgent first, counted by section.

The sweep finds nudges one item at a time (:mod:`commplan.nudges`); this module decides how
they reach people: every nudge for a person at a sweep in one message, the team's escalations
in one team message, and nothing escalated that the team already had as its owners.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from commplan.meetings import MeetingAction
from commplan.nudges import ItemType, Kind, Nudge, NudgePolicy, person_key
from commplan.people import Directory, Person, split_owners
from commplan.plan import Tactic
from commplan.reminder_settings import ReminderSettings, Snooze

#: How many items a summary shows with their buttons; the rest are counted.
SHOWN_ITEMS = 10


class Section(enum.StrEnum):
    """The parts of a summary, in the order they are read."""

    OVERDUE = "overdue"
    UNANSWERED = "unanswered"
    DUE_TODAY = "due today"
    COMING_UP = "coming up"
    REVIEW = "due for review"
    NEEDS_A_DATE = "needs a date"


_SECTIONS = {
    Kind.OVERDUE: Section.OVERDUE,
    Kind.UNANSWERED: Section.UNANSWERED,
    Kind.DUE: Section.DUE_TODAY,
    Kind.BEFORE: Section.COMING_UP,
    Kind.REVIEW: Section.REVIEW,
    Kind.TBC: Section.NEEDS_A_DATE,
}
_ORDER = {section: rank for rank, section in enumerate(Section)}


def section(nudge: Nudge) -> Section:
    return _SECTIONS[nudge.kind]


def by_urgency(nudges: Iterable[Nudge]) -> list[Nudge]:
    """Overdue (longest first), unanswered, due today, coming up (soonest first), reviews, then
    "please set a date"."""

    def rank(nudge: Nudge) -> tuple[int, int, str, str]:
        weeks = -nudge.weeks_overdue
        when = nudge.due.isoformat() if nudge.due else ""
        return (_ORDER[section(nudge)], weeks, when, nudge.item)

    return sorted(nudges, key=rank)


def counts(nudges: Iterable[Nudge]) -> dict[Section, int]:
    """How many items each section has, sections in reading order, empty ones left out."""
    found: dict[Section, int] = {}
    for nudge in nudges:
        found[section(nudge)] = found.get(section(nudge), 0) + 1
    return {s: found[s] for s in Section if s in found}


@dataclass(frozen=True, kw_only=True)
class Message:
    """One message of a sweep: to a person (None: the team), its items most urgent first.

    ``follow_up`` is set when the recipient already had a summary for this day: the message
    then adds only what is new.
    """

    person: Person | None
    nudges: tuple[Nudge, ...]
    follow_up: bool = False
    alone: bool = False  # one item as a message of its own: its person asked for them so

    @property
    def recipient(self) -> str:
        return recipient(self.person)


def recipient(person: Person | None) -> str:
    return person_key(person) if person is not None else "team"


def without_repeats_for_the_team(nudges: Sequence[Nudge]) -> list[Nudge]:
    """Leave out an escalation the team's own members already got as the item's owners."""
    team_owned = {
        (n.item_type, n.item)
        for n in nudges
        if n.person is not None and n.kind is Kind.OVERDUE and n.person.role.is_team
    }
    outsiders = {
        (n.item_type, n.item)
        for n in nudges
        if n.person is not None and n.kind is Kind.OVERDUE and not n.person.role.is_team
    }
    return [
        n
        for n in nudges
        if not (
            n.escalated
            and n.person is None
            and (n.item_type, n.item) in team_owned
            and (n.item_type, n.item) not in outsiders
        )
    ]


def summaries(
    nudges: Sequence[Nudge], *, had_today: Iterable[str] = (), one_by_one: Iterable[str] = ()
) -> list[Message]:
    """One message per recipient, people first in the order met, then the team's.

    ``had_today`` are the recipients (:func:`recipient`) already sent a summary this day;
    ``one_by_one`` the people, by name, who asked for each reminder as a message of its own.
    """
    alone = set(one_by_one)
    earlier = set(had_today)
    grouped: dict[str, list[Nudge]] = {}
    people: dict[str, Person | None] = {}
    for nudge in nudges:
        key = recipient(nudge.person)
        grouped.setdefault(key, []).append(nudge)
        people.setdefault(key, nudge.person)
    order = [k for k in grouped if k != "team"] + (["team"] if "team" in grouped else [])
    messages: list[Message] = []
    for key in order:
        person, ordered = people[key], tuple(by_urgency(grouped[key]))
        if person is not None and person.name in alone:
            messages += [Message(person=person, nudges=(n,), alone=True) for n in ordered]
        else:
            messages.append(Message(person=person, nudges=ordered, follow_up=key in earlier))
    return messages


def standing(
    *,
    person: Person,
    directory: Directory,
    tactics: Sequence[Tactic],
    actions: Sequence[MeetingAction],
    today: date,
) -> list[Nudge]:
    """Everything open with this person's name on it, as reminders, most urgent first.

    Unlike a sweep this ignores the calendar of nudges: it is what "my reminders" lists.
    """
    found: list[Nudge] = []
    for tactic in tactics:
        if tactic.is_complete or not directory.is_owner(person, tactic.owners):
            continue
        window = (tactic.window.start, tactic.window.end) if tactic.window else None
        found.append(
            _standing_item(
                ItemType.TACTIC, f"{tactic.plan_year}/{tactic.number}", tactic.name, window, today
            )
        )
    for action in actions:
        if action.done or not directory.is_owner(person, split_owners(action.responsible)):
            continue
        window = (action.due, action.due) if action.due else None
        found.append(_standing_item(ItemType.ACTION, action.key, action.text, window, today))
    return by_urgency(replace(n, person=person) for n in found)


def _standing_item(
    item_type: ItemType, item: str, name: str, window: tuple[date, date] | None, today: date
) -> Nudge:
    plain = Nudge(
        key=f"{item_type}:{item}",
        person=None,
        item_type=item_type,
        item=item,
        item_name=name,
        kind=Kind.TBC,
    )
    if window is None:
        return plain
    start, end = window
    if end < today:
        return replace(plain, kind=Kind.OVERDUE, due=end, weeks_overdue=(today - end).days // 7)
    if start <= today:
        return replace(plain, kind=Kind.DUE, due=start)
    return replace(plain, kind=Kind.BEFORE, due=start)


def personal(
    nudges_for: Callable[[NudgePolicy], list[Nudge]],
    *,
    policy: NudgePolicy,
    settings: Mapping[str, ReminderSettings],
    snoozes: Iterable[Snooze],
    today: date,
) -> list[Nudge]:
    """The nudges as each person asked for them: their own days ahead, nothing on their quiet
    days or while paused, nothing about an item they snoozed (its other owners still hear).

    ``nudges_for`` finds the nudges under a policy; it is asked again for each other choice
    of days ahead, and only that choice's people keep its "coming up" and "due" nudges.
    """
    found = nudges_for(policy)
    choices = {s.ahead_days for s in settings.values() if s.ahead_days != policy.offsets}
    if choices:
        own = {name for name, s in settings.items() if s.ahead_days != policy.offsets}
        found = [n for n in found if not _timed(n) or n.person is None or n.person.name not in own]
        for ahead in sorted(choices):
            chose = {name for name, s in settings.items() if s.ahead_days == ahead}
            found += [
                n
                for n in nudges_for(replace(policy, offsets=ahead))
                if _timed(n) and n.person is not None and n.person.name in chose
            ]
    quiet = {name for name, s in settings.items() if s.silent_on(today)}
    snoozed = {(s.person, s.item) for s in snoozes if s.until > today}
    return [
        n
        for n in found
        if n.person is None
        or (
            n.person.name not in quiet
            and (n.person.name, f"{n.item_type.value}:{n.item}") not in snoozed
        )
    ]


def _timed(nudge: Nudge) -> bool:
    """Whether a nudge depends on how far ahead its person is told."""
    return nudge.kind in (Kind.BEFORE, Kind.DUE)
