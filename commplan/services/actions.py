"""Meeting actions from chat: listed, found by number or key, marked done, snoozed, dated,
added.

Numbers restart at each meeting, so "action 3" may mean several actions: a reference is
resolved in the same unit of work as the change it asks for, and an ambiguous one changes
nothing: the answer is then the candidates to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from commplan.errors import InvalidInput, NotFound
from commplan.meetings import MeetingAction
from commplan.people import Directory, Person, known_owners, split_owners
from commplan.permissions import require_change, require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.reminder_settings import Snooze
from commplan.services.history import record_action_change


@dataclass(frozen=True, kw_only=True)
class MeetingDay:
    """A meeting's date as typed: a month, and the day and year when they were given.

    ``words`` are what was typed, for telling the member nothing matched.
    """

    month: int
    day: int | None = None
    year: int | None = None
    words: str = ""

    def matches(self, day: date) -> bool:
        return (
            day.month == self.month
            and self.day in (None, day.day)
            and self.year in (None, day.year)
        )


@dataclass(frozen=True, kw_only=True)
class ActionRef:
    """Which action is meant: ``number`` of the meeting on ``meeting_date`` (from a key), of a
    meeting matching ``meeting`` ("action 5 of 4 March"), or of any meeting.
    """

    number: int
    meeting_date: date | None = None
    meeting: MeetingDay | None = None


@dataclass(frozen=True, kw_only=True)
class Ambiguous:
    """A reference several actions fit (their numbers repeat): nothing was changed.

    ``candidates`` are the ones to choose from, oldest meeting first.
    """

    candidates: tuple[MeetingAction, ...]


@dataclass(frozen=True, kw_only=True)
class ActionChange:
    """The action as it is now; ``changed`` is False when it already was so (done twice)."""

    action: MeetingAction
    changed: bool


def open_actions(uow: UnitOfWork) -> list[MeetingAction]:
    """Actions not yet done, in log order."""
    with uow as repos:
        return [a for a in repos.actions.all() if not a.done]


def actions_of(uow: UnitOfWork, person: Person) -> list[MeetingAction]:
    """The person's open actions, including those of groups they are in."""
    with uow as repos:
        directory = _directory(repos)
        return [
            a
            for a in repos.actions.all()
            if not a.done and directory.is_owner(person, split_owners(a.responsible))
        ]


def find_action(uow: UnitOfWork, ref: ActionRef) -> MeetingAction | Ambiguous:
    """The one action meant, or the candidates to choose from."""
    with uow as repos:
        return _resolve(repos, ref)


def action_done(
    uow: UnitOfWork, ref: ActionRef, *, person: Person | None, at: datetime
) -> ActionChange | Ambiguous:
    """Mark the action meant done; its owners and the team only. Done twice changes nothing."""
    with uow as repos:
        found = _resolve(repos, ref)
        if isinstance(found, Ambiguous):
            return found
        if found.done:
            return ActionChange(action=found, changed=False)
        require_change(
            person, split_owners(found.responsible), _directory(repos), _action_label(found)
        )
        who = person.name if person else ""
        changed = replace(found, done=True, update=done_note(found.update, who, at))
        repos.actions.save(changed)
        record_action_change(repos, changed, "status", "open", "done", who=who, at=at)
        record_action_change(repos, changed, "update", found.update, changed.update, who=who, at=at)
        repos.commit()
    return ActionChange(action=changed, changed=True)


def snooze_action(
    uow: UnitOfWork, ref: ActionRef, until: date, *, person: Person | None, at: datetime
) -> ActionChange | Ambiguous:
    """Hold the nudges of the action meant to ``person`` until a day; its other owners and
    the team still hear of it (the snooze is kept with that person's reminder settings)."""
    with uow as repos:
        found = _resolve(repos, ref)
        if isinstance(found, Ambiguous):
            return found
        if until <= at.date():
            raise InvalidInput(f"{until:%d %B %Y} is not in the future; snooze to a later day.")
        require_change(
            person, split_owners(found.responsible), _directory(repos), _action_label(found)
        )
        item = f"action:{found.key}"
        repos.reminder_settings.snooze(Snooze(person=_who(person), item=item, until=until))
        repos.commit()
    return ActionChange(action=found, changed=True)


def set_action_due(
    uow: UnitOfWork, ref: ActionRef, due: date, *, person: Person | None, at: datetime
) -> ActionChange | Ambiguous:
    """Set the day the action meant is due, which its nudges count to; owners and the team."""
    _require_not_past(due, at)
    with uow as repos:
        found = _resolve(repos, ref)
        if isinstance(found, Ambiguous):
            return found
        require_change(
            person, split_owners(found.responsible), _directory(repos), _action_label(found)
        )
        if found.due == due:
            return ActionChange(action=found, changed=False)
        changed = replace(found, due=due)
        repos.actions.save(changed)
        old = f"{found.due:%-d %B %Y}" if found.due else ""
        record_action_change(
            repos, changed, "due", old, f"{due:%-d %B %Y}", who=_who(person), at=at
        )
        repos.commit()
    return ActionChange(action=changed, changed=True)


def add_action(
    uow: UnitOfWork,
    text: str,
    responsible: str,
    *,
    person: Person | None,
    at: datetime,
    due: date | None = None,
) -> MeetingAction:
    """Add an action to the latest meeting's log (team members only), due on ``due`` if given."""
    if not text.strip():
        raise InvalidInput("Say what the action is: add action <text> for <person>.")
    if not responsible.strip():
        raise InvalidInput("Say who the action is for: add action <text> for <person>.")
    if due is not None:
        _require_not_past(due, at)
    require_team(person, "Only the harmonisation team can add actions to the log.")
    with uow as repos:
        actions = repos.actions.all()
        meeting_date = max((a.meeting_date for a in actions), default=at.date())
        meeting = next((a.meeting for a in actions if a.meeting_date == meeting_date), "")
        number = max((a.number for a in actions if a.meeting_date == meeting_date), default=0) + 1
        owners = known_owners(responsible, _directory(repos))
        action = MeetingAction(
            meeting_date=meeting_date,
            meeting=meeting,
            number=number,
            text=text.strip(),
            responsible=join_owners(owners),
            due=due,
        )
        repos.actions.add(action)
        record_action_change(repos, action, "added", "", action.text, who=_who(person), at=at)
        repos.commit()
    return action


def done_note(existing: str, who: str, at: datetime) -> str:
    """The update with "marked done" appended; what was written before is kept."""
    note = f"Complete – marked done by {who or 'someone'} on {at:%d/%m/%Y}"
    kept = existing.strip()
    if not kept:
        return note
    return f"{kept}{'' if kept.endswith(('.', '!', '?')) else '.'} {note}"


def _resolve(repos: Repositories, ref: ActionRef) -> MeetingAction | Ambiguous:
    """The action a reference means; when several match, the one still open, else them all.

    A key names one action exactly. A number alone (or with a meeting that matches several)
    means the one open action with that number when exactly one is open.
    """
    if ref.meeting_date is not None:
        action = repos.actions.get(ref.meeting_date, ref.number)
        if action is None:
            raise NotFound("action", f"{ref.number} of {ref.meeting_date:%-d %B %Y}")
        return action
    # Oldest meeting first, so that a choice lists the meetings in order.
    numbered = sorted(
        (a for a in repos.actions.all() if a.number == ref.number), key=lambda a: a.meeting_date
    )
    chosen = [a for a in numbered if ref.meeting is None or ref.meeting.matches(a.meeting_date)]
    if not chosen:
        where = f" of {ref.meeting.words}" if ref.meeting is not None else ""
        raise NotFound("action", f"{ref.number}{where}")
    if len(chosen) == 1:
        return chosen[0]
    still_open = [a for a in chosen if not a.done]
    if len(still_open) == 1:
        return still_open[0]
    return Ambiguous(candidates=tuple(still_open or chosen))


def _require_not_past(due: date, at: datetime) -> None:
    # A due day already gone would make the action overdue the moment it is set.
    if due < at.date():
        raise InvalidInput(f"{due:%-d %B %Y} has passed; give a due date from today on.")


def join_owners(owners: tuple[str, ...]) -> str:
    """Owner names as a meeting log writes them: "Emma Wright and Becki Aquilina"."""
    if len(owners) <= 1:
        return "".join(owners)
    return ", ".join(owners[:-1]) + " and " + owners[-1]


def _who(person: Person | None) -> str:
    return person.name if person else ""


def _directory(repos: Repositories) -> Directory:
    return Directory(people=repos.people.all(), groups=repos.groups.all())


def _action_label(action: MeetingAction) -> str:
    return f"action {action.number} of {action.meeting_date:%-d %B %Y}"
