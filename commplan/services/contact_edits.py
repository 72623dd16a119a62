"""The team's own corrections to the contact log: show, edit, delete and undo a contact by its
number, each change kept with who made it and when (see :class:`commplan.contacts.ContactChange`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from commplan.contacts import (
    ChangeKind,
    Channel,
    Contact,
    ContactChange,
    Direction,
    contact_from_record,
    contact_record,
    field_text,
)
from commplan.errors import InvalidInput, NotFound
from commplan.organisations import (
    Organisation,
    OrgType,
    UserGroup,
    parse_org_type,
    parse_user_group,
)
from commplan.orgmatch import resolve_organisation
from commplan.orgmatch.placeholders import named
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.ranking import StandardsIndex
from commplan.services.contacts import which_of

#: Words that clear a field ("edit contact 42 topic none").
CLEARING = frozenset({"none", "nothing", "no topic", "clear", "blank", "-", "n/a"})
#: A topic a team member chose is sure: a chat follow-up never replaces it.
SET_BY_THE_TEAM = 1.0


@dataclass(frozen=True, kw_only=True)
class Edited:
    """A contact after an edit, and the history entries the edit made (none: nothing changed)."""

    contact: Contact
    changes: tuple[ContactChange, ...]


@dataclass(frozen=True, kw_only=True)
class ContactHistory:
    """A contact as it is now (None once deleted) and every change made to it, oldest first."""

    contact_id: int
    contact: Contact | None
    changes: tuple[ContactChange, ...]


def show_contact(uow: UnitOfWork, contact_id: int, *, person: Person | None) -> Contact:
    """The contact with this number, for the team.

    Raises:
        NotAllowed: the person is not on the team.
        NotFound: no contact has this number (or it was deleted).
    """
    require_team(person)
    with uow as repos:
        return _stored(repos, contact_id)


def edit_contact(
    uow: UnitOfWork,
    contact_id: int,
    *,
    field: str,
    value: str,
    person: Person | None,
    at: datetime,
    standards: StandardsIndex,
) -> Edited:
    """Set one field of a contact as a team member typed it, and keep the change.

    ``field`` is a :class:`commplan.contacts.Contact` field name ("standard", "on", ...);
    ``value`` the typed text, a date as ISO. A topic must name a catalogue entry or clear
    it ("none"); an organisation is read as the directory knows it and brings its type and
    user group along.

    Raises:
        NotAllowed: the person is not on the team.
        NotFound: no contact has this number.
        InvalidInput: the value does not fit the field.
    """
    require_team(person)
    with uow as repos:
        before = _stored(repos, contact_id)
        after = _with_value(repos, before, field, value.strip(), standards)
        changes = tuple(
            ContactChange(
                contact_id=contact_id,
                at=at,
                by=person.name if person else "",
                kind=ChangeKind.EDITED,
                field=name,
                before=field_text(before, name),
                after=field_text(after, name),
            )
            for name in _SHOWN
            if field_text(before, name) != field_text(after, name)
        )
        if changes or after != before:
            repos.contacts.update(after)
        for change in changes:
            repos.contacts.record(change)
        repos.commit()
    return Edited(contact=after, changes=changes)


def delete_contact(
    uow: UnitOfWork, contact_id: int, *, person: Person | None, at: datetime
) -> Contact:
    """Delete a contact; its history keeps it whole, so that the deletion can be undone.

    Raises:
        NotAllowed: the person is not on the team.
        NotFound: no contact has this number (or it was deleted already).
    """
    require_team(person)
    with uow as repos:
        contact = _stored(repos, contact_id)
        repos.contacts.delete(contact_id)
        repos.contacts.record(
            ContactChange(
                contact_id=contact_id,
                at=at,
                by=person.name if person else "",
                kind=ChangeKind.DELETED,
                before=contact_record(contact),
            )
        )
        repos.commit()
    return contact


def restore_contact(
    uow: UnitOfWork, contact_id: int, *, person: Person | None, at: datetime
) -> Contact:
    """Undo a contact's deletion: it comes back as it was, under its own number.

    Raises:
        NotAllowed: the person is not on the team.
        InvalidInput: the contact is not deleted, or was logged again since.
        NotFound: no contact ever had this number.
    """
    require_team(person)
    with uow as repos:
        if repos.contacts.by_id(contact_id) is not None:
            raise InvalidInput(f"Contact {contact_id} is not deleted: nothing to undo.")
        deletions = [c for c in repos.contacts.history(contact_id) if c.kind is ChangeKind.DELETED]
        if not deletions:
            raise NotFound("contact", contact_id)
        contact = contact_from_record(deletions[-1].before, contact_id=contact_id)
        if not repos.contacts.restore(contact):
            raise InvalidInput(
                f"Contact {contact_id} has been logged again since it was deleted: "
                "there is nothing to bring back."
            )
        repos.contacts.record(
            ContactChange(
                contact_id=contact_id,
                at=at,
                by=person.name if person else "",
                kind=ChangeKind.RESTORED,
                after=deletions[-1].before,
            )
        )
        repos.commit()
    return contact


def contact_history(uow: UnitOfWork, contact_id: int, *, person: Person | None) -> ContactHistory:
    """Who changed what of a contact, and when.

    Raises:
        NotAllowed: the person is not on the team.
        NotFound: no contact has or had this number.
    """
    require_team(person)
    with uow as repos:
        contact = repos.contacts.by_id(contact_id)
        changes = tuple(repos.contacts.history(contact_id))
    if contact is None and not changes:
        raise NotFound("contact", contact_id)
    return ContactHistory(contact_id=contact_id, contact=contact, changes=changes)


#: The fields an edit may change, in the order the history lists them.
_SHOWN = (
    "on",
    "name",
    "email",
    "organisation",
    "org_type",
    "user_group",
    "channel",
    "direction",
    "standard",
    "summary",
)


def _stored(repos: Repositories, contact_id: int) -> Contact:
    contact = repos.contacts.by_id(contact_id)
    if contact is None:
        raise NotFound("contact", contact_id)
    return contact


def _with_value(
    repos: Repositories, contact: Contact, field: str, value: str, standards: StandardsIndex
) -> Contact:
    cleared = value.lower() in CLEARING
    if field == "on":
        return replace(contact, on=_day(value))
    if field == "name":
        return replace(contact, name="" if cleared else value)
    if field == "summary":
        return replace(contact, summary="" if cleared else value)
    if field == "email":
        if not cleared and "@" not in value:
            raise InvalidInput(f"\u201c{value}\u201d is not an e-mail address.")
        return replace(contact, email="" if cleared else value)
    if field == "organisation":
        return _with_organisation(repos, contact, "" if cleared else value)
    if field == "org_type":
        return replace(contact, org_type=None if cleared else _org_type(value))
    if field == "user_group":
        return replace(contact, user_group=None if cleared else _user_group(value))
    if field == "channel":
        return replace(contact, channel=_channel(value))
    if field == "direction":
        return replace(contact, direction=_direction(value))
    if field == "standard":
        if cleared:
            return replace(contact, standard="", topic_confidence=SET_BY_THE_TEAM)
        named = standards.resolve(value)
        if named is None:
            raise InvalidInput(
                f"No harmonised standard matches \u201c{value}\u201d; say 'topic none' to clear it."
            )
        return replace(contact, standard=named.name, topic_confidence=SET_BY_THE_TEAM)
    raise InvalidInput(f"A contact has no field \u201c{field}\u201d.")


def _with_organisation(repos: Repositories, contact: Contact, typed: str) -> Contact:
    if not typed:
        return replace(contact, organisation="", org_type=None, user_group=None)
    match = resolve_organisation(typed, named(repos.organisations.all()))
    if match.ambiguous:
        raise InvalidInput(which_of(match.candidates))
    if match.new and repos.organisations.get(match.name) is None:
        repos.organisations.add(
            Organisation(name=match.name, org_type=match.org_type, user_group=match.user_group)
        )
    return replace(
        contact,
        organisation=match.name,
        org_type=match.org_type or contact.org_type,
        user_group=match.user_group or contact.user_group,
    )


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"\u201c{value}\u201d is not a day I can read.") from None


def _org_type(value: str) -> OrgType:
    try:
        found = parse_org_type(value)
    except ValueError:
        found = None
    if found is None:
        raise InvalidInput(_not_one_of(value, [k.value for k in OrgType]))
    return found


def _user_group(value: str) -> UserGroup:
    try:
        found = parse_user_group(value)
    except ValueError:
        found = None
    if found is None:
        raise InvalidInput(_not_one_of(value, [k.value for k in UserGroup]))
    return found


def _channel(value: str) -> Channel:
    try:
        return Channel(value.lower())
    except ValueError:
        raise InvalidInput(_not_one_of(value, [k.value for k in Channel])) from None


def _direction(value: str) -> Direction:
    try:
        return Direction(value.lower())
    except ValueError:
        raise InvalidInput(_not_one_of(value, [k.value for k in Direction])) from None


def _not_one_of(value: str, choices: list[str]) -> str:
    return f"\u201c{value}\u201d is not one of: {', '.join(choices)}."
