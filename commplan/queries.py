"""Queries from the harmonisation inbox, tracked until someone has answered them."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from datetime import datetime

from commplan.organisations import OrgType, UserGroup


class QueryState(enum.StrEnum):
    NEW = "new"
    TAKEN = "taken"
    ANSWERED = "answered"
    CLOSED = "closed"


@dataclass(frozen=True, kw_only=True)
class InboxQuery:
    """One query: who sent it, what it is about, and where it stands.

    ``key`` is the message's Message-ID (or its stable fallback); ``thread`` is the id of the
    message that started the thread, which the team's reply refers to.
    """

    key: str
    thread: str
    received_at: datetime
    sender_name: str = ""
    sender_email: str = ""
    organisation: str = ""
    org_type: OrgType | None = None
    user_group: UserGroup | None = None
    subject: str = ""
    summary: str = ""
    standard: str = ""
    state: QueryState = QueryState.NEW
    assignee: str = ""
    answered_at: datetime | None = None

    @property
    def ref(self) -> str:
        """A short, stable reference people can type ("take query 3f9a1c").

        Six hex digits of the key's SHA-256, so that the references already shown in chat keep
        working; two queries can share one, which is why lookups take the oldest.
        """
        return hashlib.sha256(self.key.encode()).hexdigest()[:6]

    @property
    def open(self) -> bool:
        return self.state in (QueryState.NEW, QueryState.TAKEN)

    @property
    def hours_to_answer(self) -> float | None:
        """Time from arrival to the team's first reply, in hours."""
        if self.answered_at is None:
            return None
        return round((self.answered_at - self.received_at).total_seconds() / 3600, 1)
