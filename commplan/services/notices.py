"""Who sees which notices: the messages the bot left for people in their web chat."""

from __future__ import annotations

from datetime import datetime

from commplan.notices import Notice
from commplan.people import Directory
from commplan.ports import UnitOfWork

#: The inbox of notices meant for the whole harmonisation team (the digest, new queries).
TEAM_INBOX = "#team"


def notices_for(uow: UnitOfWork, name: str, *, after: int, limit: int) -> list[Notice]:
    """The notices for the person with this name with an id above ``after``, oldest first.

    A team member also sees the team's inbox. A name the directory does not know sees
    nothing: the web chat's name is typed, not proven, so it must name someone known.
    """
    if not name:
        return []
    with uow as repos:
        person = Directory(people=repos.people.all(), groups=()).person(name)
        if person is None:
            return []
        inboxes = [person.name, TEAM_INBOX] if person.role.is_team else [person.name]
        return repos.notices.after(inboxes, after, limit)


def leave_notice(
    uow: UnitOfWork, person: str, text: str, at: datetime, payload: dict[str, object]
) -> None:
    """Keep a message for someone's web chat (or ``TEAM_INBOX``), with the whole reply."""
    with uow as repos:
        repos.notices.add(person, text, at, payload)
        repos.commit()
