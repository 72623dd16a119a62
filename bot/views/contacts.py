"""Presenters for a logged contact: the one wording every chat and command uses."""

from __future__ import annotations

from bot.messages import Fields, Reply, Text
from commplan.contacts import Contact


def _who(contact: Contact) -> str:
    return f"{contact.name} ({contact.organisation})" if contact.organisation else contact.name


def contact_logged(
    contact: Contact, *, unknown_topic: str = "", new_organisation: bool = False
) -> Reply:
    """A contact just logged; ``unknown_topic`` is a typed topic the catalogue lacks, and
    ``new_organisation`` says the organisation joined the directory with it."""
    text = f"Logged a contact with {_who(contact)} on {contact.on:%-d %B %Y}."
    pairs = (
        ("Who", contact.name),
        ("Organisation", contact.organisation or "not known"),
        ("Type", contact.org_type.value if contact.org_type else "not known"),
        ("User group", contact.user_group.value if contact.user_group else "not known"),
        ("Channel", contact.channel.value),
        ("Direction", contact.direction.value),
        ("Topic", contact.standard or "none found"),
        *((("Number", str(contact.id)),) if contact.id else ()),
    )
    notes = []
    if unknown_topic:
        notes.append(
            f"\u201c{unknown_topic}\u201d is not in the catalogue, so no topic was recorded."
        )
    if new_organisation and contact.organisation:
        kind = contact.org_type.value if contact.org_type else "type not known"
        notes.append(
            f"{contact.organisation} is new to the directory: I've filed it as {kind}. "
            "Correct it if that's wrong."
        )
    lines = [text, *(f"{label}: {value}" for label, value in pairs), *notes]
    return Reply(
        text="\n".join(lines),
        blocks=(Text(text=text), Fields(pairs=pairs), *(Text(text=note) for note in notes)),
        intent="contact_logged",
        data={
            "organisation": contact.organisation,
            "standard": contact.standard,
            "channel": contact.channel.value,
            "new_organisation": new_organisation,
            "id": contact.id,
            "on": contact.on.isoformat(),
            "direction": contact.direction.value,
        },
    )


def contact_already_logged(contact: Contact) -> Reply:
    """The message was logged as a contact before: nothing new was written."""
    text = f"That message is already logged as a contact with {_who(contact)}."
    return Reply(text=text, blocks=(Text(text=text),), intent="contact_duplicate")
