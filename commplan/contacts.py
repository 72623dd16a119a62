"""Contacts: one interaction with a user, the unit the baseline counts."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from commplan.organisations import OrgType, UserGroup, parse_org_type, parse_user_group


class Channel(enum.StrEnum):
    """How the contact happened."""

    INBOX = "inbox"
    CHAT = "chat"
    EVENT = "event"
    WEBINAR = "webinar"
    MEETING = "meeting"
    PHONE = "phone"
    OTHER = "other"


class Direction(enum.StrEnum):
    """Whether the user came to us or we went to them."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True, kw_only=True)
class Contact:
    """One interaction with a user.

    ``source_ref`` identifies where it came from (a Message-ID, a Slack event id, a file row);
    two contacts with the same reference are the same contact. ``id`` is the stored contact's
    number, the one the team types ("edit contact 42"); 0 for a contact not stored yet.
    ``topic_confidence`` is how sure the topic is: the answer's confidence for a chat
    question, 1.0 once a team member has set it, so a weaker follow-up never replaces it.
    """

    on: date
    channel: Channel
    direction: Direction = Direction.INBOUND
    name: str = ""
    email: str = ""
    organisation: str = ""
    org_type: OrgType | None = None
    user_group: UserGroup | None = None
    standard: str = ""
    summary: str = ""
    source_ref: str = ""
    topic_confidence: float = 0.0
    # The store's number, not part of what the contact says: equal contacts stay equal.
    id: int = field(default=0, compare=False)

    @property
    def dedupe_key(self) -> str:
        """The key that stops a contact being logged twice."""
        if self.source_ref:
            return self.source_ref
        parts = (self.on.isoformat(), self.email.lower(), self.name, self.channel, self.summary)
        return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


class ChangeKind(enum.StrEnum):
    """What a team member did to a logged contact."""

    EDITED = "edited"
    DELETED = "deleted"
    RESTORED = "restored"


@dataclass(frozen=True, kw_only=True)
class ContactChange:
    """One entry of a contact's history: who changed what, when, from what to what.

    ``field`` is the changed field for an edit ("standard", "on", ...) and empty for a
    deletion or restoration, whose ``before`` (deleted) or ``after`` (restored) holds the
    whole contact as :func:`contact_record` writes it, so that a deletion can be undone.
    """

    contact_id: int
    at: datetime
    by: str
    kind: ChangeKind
    field: str = ""
    before: str = ""
    after: str = ""


#: The fields a team member may edit, by the names they type them with.
EDITABLE = {
    "date": "on",
    "day": "on",
    "name": "name",
    "person": "name",
    "email": "email",
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "type": "org_type",
    "org type": "org_type",
    "organisation type": "org_type",
    "user group": "user_group",
    "group": "user_group",
    "channel": "channel",
    "direction": "direction",
    "topic": "standard",
    "standard": "standard",
    "summary": "summary",
    "notes": "summary",
}


def field_text(contact: Contact, name: str) -> str:
    """A contact's field as the history and the team read it ("" for none)."""
    value = getattr(contact, name)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def contact_record(contact: Contact) -> str:
    """The whole contact as one JSON text, kept in the history of a deletion."""
    fields = {name: field_text(contact, name) for name in _RECORDED}
    fields["topic_confidence"] = str(contact.topic_confidence)
    return json.dumps(fields, sort_keys=True)


def contact_from_record(record: str, *, contact_id: int) -> Contact:
    """The contact :func:`contact_record` wrote, with its number back."""
    fields = json.loads(record)
    return Contact(
        id=contact_id,
        on=date.fromisoformat(fields["on"]),
        channel=Channel(fields["channel"]),
        direction=Direction(fields["direction"]),
        name=fields["name"],
        email=fields["email"],
        organisation=fields["organisation"],
        org_type=parse_org_type(fields["org_type"]),
        user_group=parse_user_group(fields["user_group"]),
        standard=fields["standard"],
        summary=fields["summary"],
        source_ref=fields["source_ref"],
        topic_confidence=float(fields.get("topic_confidence") or 0.0),
    )


_RECORDED = (
    "on",
    "channel",
    "direction",
    "name",
    "email",
    "organisation",
    "org_type",
    "user_group",
    "standard",
    "summary",
    "source_ref",
)
