"""Reading the plan: the plan in use, and filtered tactic lists for people and scripts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commplan.errors import NotFound
from commplan.people import Directory, Group, normalise_name
from commplan.plan import Status, Tactic
from commplan.ports import Repositories, UnitOfWork


def current_year(repos: Repositories, today: date) -> int:
    """The plan year in use: this year's plan if there is one, else the latest."""
    if repos.plans.get(today.year) is not None:
        return today.year
    latest = repos.plans.latest()
    if latest is None:
        raise NotFound("plan", "yet: run `harmonibot seed` or import a plan")
    return latest.year


@dataclass(frozen=True, kw_only=True)
class CurrentPlan:
    """The plan in use: its year, its tactics in plan order, and who can own them."""

    year: int
    tactics: tuple[Tactic, ...]
    directory: Directory
    objectives: tuple[str, ...] = ()


def current_plan(uow: UnitOfWork, today: date) -> CurrentPlan:
    """This year's plan if there is one, else the latest, read in one go."""
    with uow as repos:
        year = current_year(repos, today)
        plan = repos.plans.get(year)
        return CurrentPlan(
            year=year,
            tactics=tuple(repos.tactics.all(year)),
            directory=Directory(people=repos.people.all(), groups=repos.groups.all()),
            objectives=plan.objectives if plan is not None else (),
        )


@dataclass(frozen=True, kw_only=True)
class TacticDetails:
    """A tactic with what its numbers and names stand for: the plan's objectives, and the
    owners that are organisations outside the team (not nudged; reached through a contact)."""

    tactic: Tactic
    objectives: tuple[str, ...]
    outside: tuple[Group, ...]
    #: Until when the person asking snoozed its reminders for themselves, if they did.
    snoozed_for_viewer: date | None = None


def tactic_details(
    uow: UnitOfWork, number: int, *, today: date, viewer: str | None = None
) -> TacticDetails:
    """The tactic with this number in the current plan, with its plan's objectives, its
    outside owners and, for ``viewer``, their own snooze of it."""
    with uow as repos:
        year = current_year(repos, today)
        tactic = repos.tactics.get(year, number)
        if tactic is None:
            raise NotFound("tactic", number)
        plan = repos.plans.get(year)
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        item = f"tactic:{tactic.plan_year}/{tactic.number}"
        snoozed = [
            s.until
            for s in repos.reminder_settings.snoozed(today)
            if viewer and (s.person, s.item) == (viewer, item)
        ]
    groups = (directory.group(owner) for owner in tactic.owners)
    return TacticDetails(
        tactic=tactic,
        objectives=plan.objectives if plan is not None else (),
        outside=tuple(g for g in groups if g is not None and g.is_organisation),
        snoozed_for_viewer=max(snoozed, default=None),
    )


@dataclass(frozen=True, kw_only=True)
class TacticFilter:
    """Which tactics to list; every field left at None matches all."""

    plan_year: int | None = None
    owner: str | None = None
    status: Status | None = None
    due_before: date | None = None


def list_tactics(uow: UnitOfWork, wanted: TacticFilter) -> list[Tactic]:
    """Tactics of one plan (the latest unless a year is given) that match the filter.

    ``owner`` matches a name as written in the plan, or a person through the groups they are
    in; ``due_before`` keeps tactics whose window starts before that day.
    """
    with uow as repos:
        year = wanted.plan_year
        if year is None:
            latest = repos.plans.latest()
            if latest is None:
                return []
            year = latest.year
        tactics = repos.tactics.all(year)
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    if wanted.status is not None:
        tactics = [t for t in tactics if t.status is wanted.status]
    if wanted.due_before is not None:
        cutoff = wanted.due_before
        tactics = [t for t in tactics if t.window is not None and t.window.start < cutoff]
    if wanted.owner:
        tactics = [t for t in tactics if _owned_by(t, wanted.owner, directory)]
    return tactics


def _owned_by(tactic: Tactic, owner: str, directory: Directory) -> bool:
    key = normalise_name(owner)
    if any(normalise_name(name) == key for name in tactic.owners):
        return True
    group = directory.group(owner)
    if group is not None and any(directory.group(name) == group for name in tactic.owners):
        return True
    person = directory.person(owner)
    return person is not None and directory.is_owner(person, tactic.owners)
