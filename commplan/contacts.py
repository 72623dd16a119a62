"""Contacts: one interaction with a user, the unit the baseline counts."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import date

from commplan.organisations import OrgType, UserGroup


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
    two contacts with the same reference are the same contact.
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

    @property
    def dedupe_key(self) -> str:
        """The key that stops a contact being logged twice."""
        if self.source_ref:
            return self.source_ref
        parts = (self.on.isoformat(), self.email.lower(), self.name, self.channel, self.summary)
        return "sha256:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
