"""Changing the plan's tactics from chat: done, snooze, date, assign, add; each checked and
recorded."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from commplan.errors import InvalidInput, NotFound
from commplan.people import Directory, Person, known_owners, split_owners
from commplan.permissions import require_change, require_team
from commplan.plan import DueWindow, Phase, Status, StatusChange, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.reminder_settings import Snooze
from commplan.services.history import record_change
from commplan.services.plan import current_year
from commplan.timing import parse_timing

#: What an owner is told about a tactic: the notice's text and the whole reply (plain JSON
#: values), written by the caller's presenter and kept in the same unit of work as the change.
Notice = Callable[[Tactic], tuple[str, dict[str, object]]]


def _leave(
    repos: Repositories,
    people: Iterable[Person],
    notice: Notice | None,
    tactic: Tactic,
    at: datetime,
) -> tuple[Person, ...]:
    """Leave the notice for each of these people; who was told."""
    told = tuple(people)
    if notice is not None and told:
        text, payload = notice(tactic)
        for someone in told:
            repos.notices.add(someone.name, text, at, payload)
    return told


def _others(people: Iterable[Person], person: Person | None) -> tuple[Person, ...]:
    return tuple(p for p in people if person is None or p.name != person.name)


def _who(person: Person | None) -> str:
    return person.name if person else ""


def _directory(repos: Repositories) -> Directory:
    return Directory(people=repos.people.all(), groups=repos.groups.all())


def _tactic(repos: Repositories, number: int, today: date) -> Tactic:
    """The tactic with this number in the current plan."""
    tactic = repos.tactics.get(current_year(repos, today), number)
    if tactic is None:
        raise NotFound("tactic", number)
    return tactic


def tactic_by_number(uow: UnitOfWork, number: int, *, today: date) -> Tactic:
    """The tactic with this number in the current plan."""
    with uow as repos:
        return _tactic(repos, number, today)


@dataclass(frozen=True, kw_only=True)
class StatusResult:
    """A tactic after a status change: what it was before, and the owners to tell.

    ``tell`` are the owners (people, groups expanded) who did not make the change
    themselves, when it completed the tactic.
    """

    tactic: Tactic
    before: Status
    tell: tuple[Person, ...] = ()

    @property
    def changed(self) -> bool:
        return self.tactic.status is not self.before


def set_status(
    uow: UnitOfWork,
    number: int,
    status: Status,
    *,
    person: Person | None,
    at: datetime,
    notice: Notice | None = None,
) -> StatusResult:
    """Set a tactic's status, with a history entry; owners and the team only.

    Completing it leaves ``notice`` for its other owners (groups expanded).
    """
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        return _change_status(repos, tactic, status, person=person, at=at, notice=notice)


def reopen(uow: UnitOfWork, number: int, *, person: Person | None, at: datetime) -> StatusResult:
    """Open a complete or cancelled tactic again, at the open status it had before closing
    (planned when it never had one); an open tactic is left as it is."""
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        if not tactic.is_closed:
            require_change(person, tactic.owners, _directory(repos), f"tactic {number}")
            return StatusResult(tactic=tactic, before=tactic.status)
        earlier = [c.status for c in tactic.history if not c.status.is_closed]
        return _change_status(
            repos, tactic, earlier[-1] if earlier else Status.PLANNED, person=person, at=at
        )


def _change_status(
    repos: Repositories,
    tactic: Tactic,
    status: Status,
    *,
    person: Person | None,
    at: datetime,
    notice: Notice | None = None,
) -> StatusResult:
    directory = _directory(repos)
    require_change(person, tactic.owners, directory, f"tactic {tactic.number}")
    if tactic.status is status:
        return StatusResult(tactic=tactic, before=status)
    changed = replace(tactic, status=status)
    repos.tactics.save(changed)
    who = person.name if person else ""
    repos.tactics.record(
        tactic.plan_year, tactic.number, StatusChange(status=status, at=at, by=who)
    )
    record_change(repos, changed, "status", tactic.status.value, status.value, who=who, at=at)
    owners = _others(directory.expand(tactic.owners), person)
    told = _leave(repos, owners if status is Status.COMPLETE else (), notice, changed, at)
    repos.commit()
    return StatusResult(tactic=changed, before=tactic.status, tell=told)


def snooze(
    uow: UnitOfWork, number: int, until: date, *, person: Person | None, at: datetime
) -> Tactic:
    """Hold a tactic's nudges to ``person`` until a day. A snooze is one person's choice, so
    it is kept with their reminder settings: the tactic's other owners still hear of it."""
    if until <= at.date():
        raise InvalidInput(f"{until:%d %B %Y} is not in the future; snooze to a later day.")
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        require_change(person, tactic.owners, _directory(repos), f"tactic {number}")
        item = f"tactic:{tactic.plan_year}/{tactic.number}"
        repos.reminder_settings.snooze(Snooze(person=_who(person), item=item, until=until))
        repos.commit()
    return tactic


def set_due(
    uow: UnitOfWork, number: int, start: date, end: date, *, person: Person | None, at: datetime
) -> Tactic:
    """Set when a tactic is due, from ``start`` to ``end`` (one day when they are equal).

    The timing is rewritten as the plan writes it ("30 November", "17-18 September", "March")
    so that an export and re-import reads the same window; the history notes the old timing.
    """
    if end < start:
        raise InvalidInput("That date range ends before it starts.")
    if end < at.date():
        raise InvalidInput(f"{end:%-d %B %Y} has passed; give a due date from today on.")
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        if start.year != tactic.plan_year or end.year != tactic.plan_year:
            raise InvalidInput(
                f"Tactic {number} is in the {tactic.plan_year} plan; give a date in "
                f"{tactic.plan_year}."
            )
        window = DueWindow(start=start, end=end)
        return _set_timing(repos, tactic, timing_text(start, end), window, person=person, at=at)


#: Timing words read for a plan year: the timing as the plan keeps it, and its window.
ReadTiming = Callable[[int], tuple[str, DueWindow | None]]


@dataclass(frozen=True, kw_only=True)
class Retimed:
    """A tactic given a timing; ``old`` is the timing it had ("TBC" for none)."""

    tactic: Tactic
    old: str


def set_timing(
    uow: UnitOfWork, number: int, read: ReadTiming, *, person: Person | None, at: datetime
) -> Retimed:
    """Give a tactic a timing as the plan writes it ("November", "TBC") and its window (None
    for TBC), both ``read`` in the tactic's plan year; the phase follows the window."""
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        timing, window = read(tactic.plan_year)
        if window is not None and {window.start.year, window.end.year} != {tactic.plan_year}:
            raise InvalidInput(
                f"Tactic {number} is in the {tactic.plan_year} plan; give a timing in "
                f"{tactic.plan_year}."
            )
        changed = _set_timing(repos, tactic, timing, window, person=person, at=at)
    return Retimed(tactic=changed, old=tactic.timing or "TBC")


def _set_timing(
    repos: Repositories,
    tactic: Tactic,
    timing: str,
    window: DueWindow | None,
    *,
    person: Person | None,
    at: datetime,
) -> Tactic:
    require_change(person, tactic.owners, _directory(repos), f"tactic {tactic.number}")
    if tactic.window == window and tactic.timing == timing:
        return tactic
    phase = Phase.of_month(window.start.month) if window is not None else tactic.phase
    changed = replace(tactic, timing=timing, window=window, phase=phase)
    repos.tactics.save(changed)
    who = _who(person)
    record_change(repos, changed, "timing", tactic.timing or "TBC", timing, who=who, at=at)
    record_change(repos, changed, "phase", tactic.phase.value, phase.value, who=who, at=at)
    repos.commit()
    return changed


def timing_text(start: date, end: date) -> str:
    """A window as the plan's timing column writes it, which :func:`parse_timing` reads back."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if start == end:
        return f"{start:%-d %B}"
    if whole_months:
        return f"{start:%B}" if start.month == end.month else f"{start:%B} - {end:%B}"
    if start.month == end.month:
        return f"{start.day}-{end.day} {start:%B}"
    return f"{start:%-d %B} - {end:%-d %B}"


@dataclass(frozen=True, kw_only=True)
class Assigned:
    """A tactic given new owners; ``tell`` are the people newly accountable for it (groups
    expanded), other than the one who assigned it."""

    tactic: Tactic
    before: tuple[str, ...]
    tell: tuple[Person, ...] = ()


def assign(
    uow: UnitOfWork,
    number: int,
    owners_text: str,
    *,
    person: Person | None,
    at: datetime,
    notice: Notice | None = None,
) -> Assigned:
    """Make known people or groups accountable for a tactic, replacing the owners.

    A name the directory does not know is refused with the nearest known name: it is far
    more often a typo ("Pete Brodei") than a newcomer, and newcomers are added explicitly.
    """
    with uow as repos:
        tactic = _tactic(repos, number, at.date())
        directory = _directory(repos)
        require_change(person, tactic.owners, directory, f"tactic {number}")
        owners = known_owners(owners_text, directory)
        if owners == tactic.owners:
            return Assigned(tactic=tactic, before=tactic.owners)
        changed = replace(tactic, owners=owners)
        repos.tactics.save(changed)
        record_change(
            repos,
            changed,
            "owners",
            ", ".join(tactic.owners),
            ", ".join(owners),
            who=_who(person),
            at=at,
        )
        already = {p.name for p in directory.expand(tactic.owners)}
        new = _others((p for p in directory.expand(owners) if p.name not in already), person)
        told = _leave(repos, new, notice, changed, at)
        repos.commit()
    return Assigned(tactic=changed, before=tactic.owners, tell=told)


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


#: The kind of conversation draft that holds a tactic being added.
TACTIC_DRAFT = "add_tactic"


@dataclass(frozen=True, kw_only=True)
class TacticStep:
    """Where adding a tactic in conversation stands after one message.

    Either ``tactic`` was added, or the dialogue waits for the field named ``waiting``;
    ``problem`` says why a typed timing was refused, when it was.
    """

    tactic: Tactic | None = None
    waiting: str = ""
    problem: str = ""
    tell: tuple[Person, ...] = ()


def add_tactic_step(
    uow: UnitOfWork,
    draft: TacticDraft,
    *,
    conversation_key: str,
    person: Person | None,
    at: datetime,
    notice: Notice | None = None,
) -> TacticStep:
    """Add the tactic when the draft is complete, else keep the draft and name what is missing.

    The conversation's draft is cleared in the same unit of work as the add, so a tactic
    that cannot be added leaves the dialogue where it was.
    """
    require_team(person, "Only the harmonisation team can add tactics to the plan.")
    problem = ""
    if draft.timing:
        try:
            parse_timing(draft.timing, at.year)
        except InvalidInput as error:
            problem = str(error)
            draft = replace(draft, timing="")
    with uow as repos:
        if draft.owners:
            try:
                owners = known_owners(draft.owners, _directory(repos))
                draft = replace(draft, owners=", ".join(owners))
            except InvalidInput as error:
                problem = str(error)
                draft = replace(draft, owners="")
        missing = draft.missing()
        if missing is None:
            tactic = _add_tactic(repos, draft, person=person, at=at)
            repos.drafts.clear(conversation_key)
            people = _others(_directory(repos).expand(tactic.owners), person)
            told = _leave(repos, people, notice, tactic, at)
            repos.commit()
            return TacticStep(tactic=tactic, tell=told)
        data = {k: v for k, v in asdict(draft).items() if v}
        repos.drafts.put(conversation_key, {"kind": TACTIC_DRAFT, "waiting": missing, **data}, at)
        repos.commit()
    return TacticStep(waiting=missing, problem=problem)


def _add_tactic(
    repos: Repositories, draft: TacticDraft, *, person: Person | None, at: datetime
) -> Tactic:
    """A tactic added to the current plan from a complete draft, with its first history entry."""
    year = current_year(repos, at.date())
    window = parse_timing(draft.timing, year)
    existing = repos.tactics.all(year)
    owners = split_owners(draft.owners)
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
    who = _who(person)
    repos.tactics.record(year, number, StatusChange(status=Status.PLANNED, at=at, by=who))
    record_change(repos, tactic, "added", "", tactic.name, who=who, at=at)
    return tactic
