"""Who is talking: the one place that turns a chat identity into a known person."""

from __future__ import annotations

import logging
from dataclasses import replace

from commplan.people import Directory, Person
from commplan.ports import PeopleRepository, Repositories, UnitOfWork

logger = logging.getLogger(__name__)

#: Chats whose identity is only a typed name: trusted on loopback, for local trials.
TYPED_NAME_PLATFORMS = frozenset({"console", "web", "cli"})


def identify(
    uow: UnitOfWork, *, platform: str, user_id: str = "", email: str = "", name: str = ""
) -> Person | None:
    """The known person behind a chat user, or None for a stranger (see :func:`identify_in`)."""
    with uow as repos:
        person = identify_in(repos, platform=platform, user_id=user_id, email=email, name=name)
        repos.commit()
    return person


def identify_in(
    repos: Repositories, *, platform: str, user_id: str = "", email: str = "", name: str = ""
) -> Person | None:
    """``identify`` inside an open unit of work, for services that do more in the same one.

    By platform id first, then by e-mail (linking the platform id to the person found, so the
    next look-up is by id), then, for chats that only have a typed name, by name. The caller
    commits the link.
    """
    person = by_platform_id(repos.people, platform, user_id)
    if person is None and email:
        person = repos.people.find(email=email)
        if person is not None and user_id and platform in ("slack", "teams"):
            person = _link(repos, person, platform, user_id)
    if person is None and name and platform in TYPED_NAME_PLATFORMS:
        person = Directory(people=repos.people.all(), groups=()).person(name)
    return person


def link_platform_id(uow: UnitOfWork, *, platform: str, user_id: str, email: str) -> Person | None:
    """Tie a Slack or Teams user to the person with this e-mail; the person, or None."""
    if not (user_id and email):
        return None
    with uow as repos:
        person = repos.people.find(email=email)
        if person is None:
            return None
        linked = _link(repos, person, platform, user_id)
        repos.commit()
    return linked


def by_platform_id(people: PeopleRepository, platform: str, user_id: str) -> Person | None:
    if not user_id:
        return None
    if platform == "slack":
        return people.find(slack_id=user_id)
    if platform == "teams":
        return people.find(teams_id=user_id)
    return None


def _link(repos: Repositories, person: Person, platform: str, user_id: str) -> Person:
    if _platform_id(person, platform) == user_id:
        return person
    previous = by_platform_id(repos.people, platform, user_id)
    if previous is not None and previous.name != person.name:
        # One chat user is one person, and a matching e-mail is the better evidence.
        repos.people.save(_with_platform_id(previous, platform, ""))
    linked = _with_platform_id(person, platform, user_id)
    repos.people.save(linked)
    logger.info("linked %s to their %s account", person.name, platform)
    return linked


def _platform_id(person: Person, platform: str) -> str:
    return person.slack_id if platform == "slack" else person.teams_id


def _with_platform_id(person: Person, platform: str, user_id: str) -> Person:
    if platform == "slack":
        return replace(person, slack_id=user_id)
    return replace(person, teams_id=user_id)
