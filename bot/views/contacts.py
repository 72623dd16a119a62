"""Presenters for a logged contact: the one wording every chat and command uses."""

from __future__ import annotations

from datetime import tzinfo

from bot.messages import Bullets, Button, Buttons, Context, Fields, Header, Reply, Text
from commplan.contacts import ChangeKind, Contact, ContactChange


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


# -- the team's edits to the contact log --------------------------------------------------------

#: How the history and replies name a contact's fields.
FIELD_LABELS = {
    "on": "date",
    "name": "name",
    "email": "e-mail",
    "organisation": "organisation",
    "org_type": "organisation type",
    "user_group": "user group",
    "channel": "channel",
    "direction": "direction",
    "standard": "topic",
    "summary": "summary",
}


def _pairs(contact: Contact) -> tuple[tuple[str, str], ...]:
    return (
        ("Date", f"{contact.on:%-d %B %Y}"),
        ("Who", contact.name or contact.email or "not known"),
        ("Organisation", contact.organisation or "not known"),
        ("Type", contact.org_type.value if contact.org_type else "not known"),
        ("User group", contact.user_group.value if contact.user_group else "not known"),
        ("Channel", contact.channel.value),
        ("Direction", contact.direction.value),
        ("Topic", contact.standard or "none"),
        ("Summary", contact.summary[:300] or "none"),
    )


def _number(contact_id: int) -> str:
    return f"contact {contact_id}"


def contact_card(contact: Contact) -> Reply:
    """One contact as the team sees it, with what they can do to it."""
    title = f"Contact {contact.id}"
    pairs = _pairs(contact)
    hint = (
        f"Change a field with 'edit contact {contact.id} topic ethnicity'; "
        f"'history of contact {contact.id}' shows who changed what."
    )
    return Reply(
        text="\n".join([title, *(f"{k}: {v}" for k, v in pairs), hint]),
        blocks=(
            Header(text=title),
            Fields(pairs=pairs),
            Context(text=hint),
            Buttons(
                buttons=(
                    Button(label="Delete", action_id="contact_delete_ask", value=str(contact.id)),
                )
            ),
        ),
        intent="show_contact",
        data={"id": contact.id, "standard": contact.standard, "on": contact.on.isoformat()},
    )


def contact_line(contact: Contact) -> str:
    """A contact in a list: its number first, so that the team can edit or delete it."""
    return (
        f"#{contact.id} {contact.on:%-d %b}: {contact.name or contact.email or 'someone'} "
        f"({contact.organisation or 'unknown'}"
        f"{', ' + contact.org_type.value if contact.org_type else ''}) by {contact.channel.value}"
        f"{', ' + contact.direction.value if contact.direction.value != 'inbound' else ''}"
        f"{' about ' + contact.standard if contact.standard else ''}"
    )


def contact_edited(contact: Contact, changes: tuple[ContactChange, ...]) -> Reply:
    """What an edit changed (or that it changed nothing)."""
    if not changes:
        text = f"Contact {contact.id} already says that: nothing changed."
        return Reply(text=text, blocks=(Text(text=text),), intent="contact_unchanged")
    lines = tuple(
        f"{FIELD_LABELS.get(c.field, c.field)}: {_shown(c.before)} \u2192 {_shown(c.after)}"
        for c in changes
    )
    title = f"Changed contact {contact.id} ({_who(contact) or 'no name'})."
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Text(text=title), Bullets(items=lines)),
        intent="contact_edited",
        data={
            "id": contact.id,
            "changed": [c.field for c in changes],
            "standard": contact.standard,
            "on": contact.on.isoformat(),
        },
    )


def confirm_delete(contact: Contact) -> Reply:
    """Ask before deleting: a contact is part of the baseline."""
    text = (
        f"Delete {_number(contact.id)}: {_who(contact) or 'no name'} on "
        f"{contact.on:%-d %B %Y} by {contact.channel.value}"
        f"{', about ' + contact.standard if contact.standard else ''}? It leaves the "
        "baseline; you can undo it."
    )
    value = str(contact.id)
    return Reply(
        blocks=(
            Text(text=text),
            Buttons(
                buttons=(
                    Button(
                        label="Delete it", action_id="contact_delete", value=value, style="danger"
                    ),
                    Button(label="Keep it", action_id="contact_keep", value=value),
                )
            ),
        ),
        intent="contact_delete_confirm",
        data={"id": contact.id},
    )


def contact_kept(contact_id: int) -> Reply:
    text = f"Kept contact {contact_id}: nothing was deleted."
    return Reply(text=text, blocks=(Text(text=text),), intent="contact_kept")


def contact_deleted(contact: Contact) -> Reply:
    """A deleted contact, with the button that brings it back."""
    text = (
        f"Deleted {_number(contact.id)} ({_who(contact) or 'no name'}, "
        f"{contact.on:%-d %B %Y}). Say 'undo delete contact {contact.id}' or press Undo."
    )
    return Reply(
        blocks=(
            Text(text=text),
            Buttons(
                buttons=(Button(label="Undo", action_id="contact_undo", value=str(contact.id)),)
            ),
        ),
        intent="contact_deleted",
        data={"id": contact.id},
    )


def contact_restored(contact: Contact) -> Reply:
    text = (
        f"Restored {_number(contact.id)} ({_who(contact) or 'no name'}, "
        f"{contact.on:%-d %B %Y}) as it was."
    )
    return Reply(
        text=text, blocks=(Text(text=text),), intent="contact_restored", data={"id": contact.id}
    )


def contact_history(
    contact_id: int,
    contact: Contact | None,
    changes: tuple[ContactChange, ...],
    *,
    zone: tzinfo | None = None,
) -> Reply:
    """Who changed what of a contact, and when (in ``zone``), oldest first."""
    title = f"History of contact {contact_id}"
    now = (
        f"Now: {_who(contact) or 'no name'}, {contact.on:%-d %B %Y}, "
        f"topic {contact.standard or 'none'}."
        if contact is not None
        else "It is deleted now."
    )
    lines = tuple(_change_line(c, zone) for c in changes) or ("No changes since it was logged.",)
    return Reply(
        text="\n".join([title, *lines, now]),
        blocks=(Header(text=title), Bullets(items=lines), Context(text=now)),
        intent="contact_history",
        data={
            "id": contact_id,
            "changes": [
                {
                    "at": c.at.isoformat(),
                    "by": c.by,
                    "kind": c.kind.value,
                    "field": c.field,
                    "before": c.before if c.kind is ChangeKind.EDITED else "",
                    "after": c.after if c.kind is ChangeKind.EDITED else "",
                }
                for c in changes
            ],
        },
    )


def _change_line(change: ContactChange, zone: tzinfo | None) -> str:
    when = f"{change.at.astimezone(zone):%-d %b %Y %H:%M}"
    who = change.by or "someone"
    if change.kind is ChangeKind.DELETED:
        return f"{when} {who} deleted it"
    if change.kind is ChangeKind.RESTORED:
        return f"{when} {who} undid its deletion"
    label = FIELD_LABELS.get(change.field, change.field)
    return f"{when} {who} changed {label} from {_shown(change.before)} to {_shown(change.after)}"


def _shown(value: str) -> str:
    return f"\u201c{value}\u201d" if value else "none"
