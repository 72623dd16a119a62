"""Changing the plan from chat: done, snooze, assign, add; each checked and recorded."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date, datetime

from commplan.errors import InvalidInput, NotFound
from commplan.meetings import MeetingAction
from commplan.people import Directory, Person, split_owners
from commplan.permissions import require_change, require_team
from commplan.plan import Phase, Status, StatusChange, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.services.importing import ensure_owners
from commplan.timing import parse_timing


def current_year(repos: Repositories, today: date) -> int:
    """The plan year in use: this year's plan if there is one, else the latest."""
    if repos.plans.get(today.year) is not None:
        return today.year
    latest = repos.plans.latest()
    if latest is None:
        raise NotFound("plan", "yet: run `harmonibot seed` or import a plan")
    return latest.year


def _directory(repos: Repositories) -> Directory:
    return Directory(people=repos.people.all(), groups=repos.groups.all())


def get_tactic(repos: Repositories, number: int, today: date) -> Tactic:
    """The tactic with this number in the current plan."""
    tactic = repos.tactics.get(current_year(repos, today), number)
    if tactic is None:
        raise NotFound("tactic", number)
    return tactic


def set_status(
    uow: UnitOfWork, number: int, status: Status, *, person: Person | None, at: datetime
) -> Tactic:
    """Set a tactic's status, with a history entry; owners and the team only."""
    with uow as repos:
        tactic = get_tactic(repos, number, at.date())
        require_change(person, tactic.owners, _directory(repos), f"tactic {number}")
        if tactic.status is status:
            return tactic
        changed = replace(tactic, status=status)
        repos.tactics.save(changed)
        who = person.name if person else ""
        repos.tactics.record(tactic.plan_year, number, StatusChange(status=status, at=at, by=who))
        repos.commit()
    return changed


def snooze(
    uow: UnitOfWork, number: int, until: date, *, person: Person | None, at: datetime
) -> Tactic:
    """Hold a tactic's nudges until a day (its due window is unchanged)."""
    if until <= at.date():
        raise InvalidInput(f"{until:%d %B %Y} is not in the future; snooze to a later day.")
    with uow as repos:
        tactic = get_tactic(repos, number, at.date())
        require_change(person, tactic.owners, _directory(repos), f"tactic {number}")
        changed = replace(tactic, snoozed_until=until)
        repos.tactics.save(changed)
        repos.commit()
    return changed


def assign(
    uow: UnitOfWork,
    number: int,
    owners_text: str,
    *,
    person: Person | None,
    at: datetime,
    allow_new: bool = False,
) -> Tactic:
    """Make people or groups accountable for a tactic, replacing the owners.

    A name the directory does not know is refused with the nearest known name, since it is
    far more often a typo ("Pete Brodei") than a newcomer; ``allow_new`` adds it instead.
    """
    owners = split_owners(owners_text)
    if not owners:
        raise InvalidInput("Name at least one person or group to assign it to.")
    with uow as repos:
        tactic = get_tactic(repos, number, at.date())
        directory = _directory(repos)
        require_change(person, tactic.owners, directory, f"tactic {number}")
        unknown = directory.unknown(owners)
        if unknown and not allow_new:
            raise InvalidInput(_unknown_owner(unknown[0], directory, number))
        ensure_owners(repos, owners)
        changed = replace(tactic, owners=owners)
        repos.tactics.save(changed)
        repos.commit()
    return changed


def _unknown_owner(name: str, directory: Directory, number: int) -> str:
    known = [p.name for p in directory.people] + [g.name for g in directory.groups]
    by_lower = {k.lower(): k for k in known}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.75)
    guess = f" Did you mean {by_lower[close[0]]}?" if close else ""
    return (
        f"I don't know anyone called {name}.{guess} To add someone new, say "
        f"'assign tactic {number} to new person {name}'."
    )


@dataclass(frozen=True, kw_only=True)
class TacticDraft:
    """What is known so far of a tactic being added in conversation."""

    name: str = ""
    timing: str = ""
    owners: str = ""
    purpose: str = ""
    audience: str = ""

    def missing(self) -> str | None:
        """The next field to ask for, or None when the draft is complete."""
        for field_name in ("name", "timing", "owners"):
            if not getattr(self, field_name):
                return field_name
        return None


def add_tactic(
    uow: UnitOfWork, draft: TacticDraft, *, person: Person | None, at: datetime
) -> Tactic:
    """Add a tactic to the current plan from a complete draft (team members only)."""
    require_team(person, "Only the harmonisation team can add tactics to the plan.")
    with uow as repos:
        year = current_year(repos, at.date())
        window = parse_timing(draft.timing, year)
        existing = repos.tactics.all(year)
        owners = split_owners(draft.owners)
        ensure_owners(repos, owners)
        number = max((t.number for t in existing), default=0) + 1
        tactic = Tactic(
            plan_year=year,
            number=number,
            name=draft.name,
            phase=Phase.of_month(window.start.month) if window else Phase.of_month(at.month),
            purpose=draft.purpose,
            audience=draft.audience,
            timing=draft.timing,
            window=window,
            owners=owners,
        )
        repos.tactics.add(tactic)
        who = person.name if person else ""
        repos.tactics.record(year, number, StatusChange(status=Status.PLANNED, at=at, by=who))
        repos.commit()
    return tactic


def actions_numbered(repos: Repositories, number: int) -> list[MeetingAction]:
    """Every action with this number, oldest meeting first (numbers restart each meeting)."""
    return sorted(
        (a for a in repos.actions.all() if a.number == number), key=lambda a: a.meeting_date
    )


def get_action(repos: Repositories, meeting_date: date, number: int) -> MeetingAction:
    """Exactly one action: ``number`` of the meeting held on ``meeting_date``."""
    action = repos.actions.get(meeting_date, number)
    if action is None:
        raise NotFound("action", f"{number} of {meeting_date:%-d %B %Y}")
    return action


def done_note(existing: str, who: str, at: datetime) -> str:
    """The update with "marked done" appended; what was written before is kept."""
    note = f"Complete – marked done by {who or 'someone'} on {at:%d/%m/%Y}"
    kept = existing.strip()
    if not kept:
        return note
    return f"{kept}{'' if kept.endswith(('.', '!', '?')) else '.'} {note}"


def action_done(
    uow: UnitOfWork, meeting_date: date, number: int, *, person: Person | None, at: datetime
) -> MeetingAction:
    """Mark one meeting action done; its owners and the team only. Done twice changes nothing."""
    with uow as repos:
        action = get_action(repos, meeting_date, number)
        owners = split_owners(action.responsible)
        require_change(person, owners, _directory(repos), _action_label(action))
        if action.done:
            return action
        who = person.name if person else ""
        changed = replace(action, done=True, update=done_note(action.update, who, at))
        repos.actions.save(changed)
        repos.commit()
    return changed


def snooze_action(
    uow: UnitOfWork,
    meeting_date: date,
    number: int,
    until: date,
    *,
    person: Person | None,
    at: datetime,
) -> MeetingAction:
    """Hold one meeting action's nudges until a day; its owners and the team only."""
    if until <= at.date():
        raise InvalidInput(f"{until:%d %B %Y} is not in the future; snooze to a later day.")
    with uow as repos:
        action = get_action(repos, meeting_date, number)
        require_change(
            person, split_owners(action.responsible), _directory(repos), _action_label(action)
        )
        changed = replace(action, snoozed_until=until)
        repos.actions.save(changed)
        repos.commit()
    return changed


def _action_label(action: MeetingAction) -> str:
    return f"action {action.number} of {action.meeting_date:%-d %B %Y}"


def add_action(
    uow: UnitOfWork, text: str, responsible: str, *, person: Person | None, at: datetime
) -> MeetingAction:
    """Add an action to the latest meeting's log (team members only)."""
    if not text.strip():
        raise InvalidInput("Say what the action is: add action <text> for <person>.")
    require_team(person, "Only the harmonisation team can add actions to the log.")
    with uow as repos:
        actions = repos.actions.all()
        meeting_date = max((a.meeting_date for a in actions), default=at.date())
        meeting = next((a.meeting for a in actions if a.meeting_date == meeting_date), "")
        number = max((a.number for a in actions if a.meeting_date == meeting_date), default=0) + 1
        ensure_owners(repos, split_owners(responsible))
        action = MeetingAction(
            meeting_date=meeting_date,
            meeting=meeting,
            number=number,
            text=text.strip(),
            responsible=responsible.strip(),
        )
        repos.actions.add(action)
        repos.commit()
    return action
