"""Who may do what: owners, team members and admins change a tactic; the team sees contacts."""

from __future__ import annotations

from collections.abc import Sequence

from commplan.errors import NotAllowed
from commplan.people import Directory, Person


def may_change(person: Person | None, owners: Sequence[str], directory: Directory) -> bool:
    """Whether the person may change an item with these owners."""
    if person is None:
        return False
    return person.role.is_team or directory.is_owner(person, owners)


def require_change(
    person: Person | None, owners: Sequence[str], directory: Directory, what: str
) -> None:
    """Raise NotAllowed unless the person may change the item."""
    if not may_change(person, owners, directory):
        raise NotAllowed(
            f"Only the owners of {what} ({', '.join(owners)}) or the harmonisation team "
            "can change it."
        )


CONTACTS_ARE_PERSONAL = "Contacts are personal data: only the harmonisation team can see them."


def require_team(person: Person | None, reason: str = CONTACTS_ARE_PERSONAL) -> None:
    """Raise NotAllowed unless the person is on the team roster."""
    if person is None or not person.role.is_team:
        raise NotAllowed(reason)
