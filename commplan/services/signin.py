"""Who may sign in to the web chat and the dashboard, and for how long.

The dashboard shows contacts, which are personal data, so only the team; the web chat is for
anyone in the directory, once a link from a direct message or single sign-on says who they are.
"""

from __future__ import annotations

from datetime import datetime

from commplan.errors import NotAllowed, NotFound
from commplan.people import Directory, Person
from commplan.ports import UnitOfWork
from commplan.services.steering import is_steering_member

#: The claim kind that marks a web session signed out.
SESSION_ENDED = "web_session_ended"


def team_member(uow: UnitOfWork, name: str) -> Person | None:
    """The person by this exact name when they are on the harmonisation team, else None.

    Asked on every dashboard request, not only at sign-in, so that someone who leaves the
    team loses the dashboard at once rather than when their session ends.
    """
    with uow as repos:
        person = repos.people.get(name)
    return person if person is not None and person.role.is_team else None


def team_member_named(uow: UnitOfWork, name: str) -> Person:
    """The team member, or steering group member, a name (as people type it) means; says why
    when there is none. A steering group member's link opens their view of counts only."""
    with uow as repos:
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    person = directory.person(name)
    if person is None:
        raise NotFound("person", name)
    if not person.role.is_team and not is_steering_member(directory, person):
        raise NotAllowed(
            f"{person.name} is neither on the team roster nor in the steering group; the "
            "dashboard is for them."
        )
    return person


def session_holder(uow: UnitOfWork, name: str, *, ended: str = "") -> Person | None:
    """The person a web session names, or None when it was ended or they are gone.

    ``ended`` is the claim key that signing out of this session takes (see ``end_session``);
    asked on every request, so a signed-out cookie is refused even before it expires.
    """
    with uow as repos:
        if ended and repos.claims.claimed([ended]):
            return None
        return repos.people.get(name)


def end_session(uow: UnitOfWork, *, ended: str, person: str, at: datetime) -> None:
    """Sign a web session out for good: its key is claimed, so the cookie is refused."""
    use_once(uow, ended, kind=SESSION_ENDED, at=at, person=person, item="web session")


def use_once(
    uow: UnitOfWork, key: str, *, kind: str, at: datetime, person: str = "", item: str = ""
) -> bool:
    """Claim a sign-in key (a link's nonce, a state, a session's end); False if used before.

    Recorded as done in the same unit: a claim never marked sent reads as a delivery cut
    short, which a sweep may give back, and a link or a sign-out must never come undone.
    """
    with uow as repos:
        won = repos.claims.claim(key, kind=kind, person=person, item=item[:300], at=at)
        if won:
            repos.claims.mark_all_sent({key: "web"}, at)
        repos.commit()
    return won


def person_with_email(uow: UnitOfWork, email: str) -> Person | None:
    """The person whose address single sign-on vouched for, or None for a stranger."""
    if not email:
        return None
    with uow as repos:
        return repos.people.find(email=email.strip().lower())


def person_named(uow: UnitOfWork, name: str) -> Person:
    """Anyone in the directory by a name as people type it; says why when there is none."""
    with uow as repos:
        person = Directory(people=repos.people.all(), groups=()).person(name)
    if person is None:
        raise NotFound("person", name)
    return person
