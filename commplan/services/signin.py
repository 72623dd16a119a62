"""Who may sign in to the dashboard: contacts are personal data, so only the team."""

from __future__ import annotations

from commplan.errors import NotAllowed, NotFound
from commplan.people import Directory, Person
from commplan.ports import UnitOfWork


def team_member(uow: UnitOfWork, name: str) -> Person | None:
    """The person by this exact name when they are on the harmonisation team, else None.

    Asked on every dashboard request, not only at sign-in, so that someone who leaves the
    team loses the dashboard at once rather than when their session ends.
    """
    with uow as repos:
        person = repos.people.get(name)
    return person if person is not None and person.role.is_team else None


def team_member_named(uow: UnitOfWork, name: str) -> Person:
    """The team member a name (as people type it) means; says why when there is none."""
    with uow as repos:
        person = Directory(people=repos.people.all(), groups=()).person(name)
    if person is None:
        raise NotFound("person", name)
    if not person.role.is_team:
        raise NotAllowed(f"{person.name} is not on the team roster; the dashboard is team-only.")
    return person
