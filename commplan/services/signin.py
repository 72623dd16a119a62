"""Who may sign in to the dashboard: contacts are personal data, so only the team."""

from __future__ import annotations

from commplan.people import Person
from commplan.ports import UnitOfWork


def team_member(uow: UnitOfWork, name: str) -> Person | None:
    """The person by this exact name when they are on the harmonisation team, else None.

    Asked on every dashboard request, not only at sign-in, so that someone who leaves the
    team loses the dashboard at once rather than when their session ends.
    """
    with uow as repos:
        person = repos.people.get(name)
    return person if person is not None and person.role.is_team else None
