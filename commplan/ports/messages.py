"""Ports for messages the bot sends and keeps: dialogue drafts, claims (sent once),
reminder settings, web notices and stored conversations."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from commplan.conversations import ConversationRef
from commplan.erasure import Erasure
from commplan.notices import Notice
from commplan.reminder_settings import ReminderSettings, Snooze


class DraftRepository(Protocol):
    """Half-finished conversations ("add tactic" asking for what is missing), by key."""

    def get(self, key: str) -> dict[str, str] | None: ...
    def put(self, key: str, data: dict[str, str], at: datetime) -> None: ...
    def clear(self, key: str) -> None: ...

    def erase_person(self, who: Erasure) -> int:
        """The drafts whose key or data names them go."""
        ...


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A scheduled message about to be sent, identified by its key."""

    key: str
    kind: str
    person: str
    item: str


class ClaimRepository(Protocol):
    """Claims on scheduled messages: a key can be claimed once, so nothing is sent twice."""

    def claim(self, key: str, *, kind: str, person: str, item: str, at: datetime) -> bool:
        """Claim a key; False when it was already claimed (by this or another process)."""
        ...

    def claimed(
        self,
        keys: Collection[str],
        *,
        unsent_before: datetime | None = None,
        since: datetime | None = None,
    ) -> set[str]:
        """Which of these keys are already claimed.

        With ``unsent_before``, leaving out claims made before then and never recorded as
        sent: those a lease (``claim_many(retake_before=...)``) would take over. With
        ``since``, only those claimed at or after it.
        """
        ...

    def claimants(self, keys: Collection[str]) -> set[str]:
        """Who claimed these keys: a chat message's claim holds its sender's chat id."""
        ...

    def claim_many(
        self, claims: Sequence[Claim], at: datetime, *, retake_before: datetime | None = None
    ) -> set[str]:
        """Claim several keys at once; returns the keys this call claimed.

        With ``retake_before``, a key claimed before that moment and never recorded as sent
        (its sender died mid-send) is taken over too: a lease, not a claim for ever.
        """
        ...

    def mark_sent(self, key: str, *, channel: str, at: datetime) -> None: ...

    def mark_all_sent(self, channels: Mapping[str, str], at: datetime) -> None:
        """Record several sends at once: key to the channel it went through."""
        ...

    def release(self, key: str) -> None:
        """Give a claim back after a failed send, so that the next sweep tries again."""
        ...

    def unreachable_since(self, since: datetime) -> list[str]:
        """People a nudge could not reach since then, by name, each once."""
        ...

    def forget(self, kind: str, before: datetime) -> int:
        """Delete the claims of one kind made before ``before``; the number deleted."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Claims whose key names them go (a key rewritten would guard nothing)."""
        ...


class ReminderSettingsRepository(Protocol):
    """Each person's reminder settings (by name; None: the defaults) and their own snoozes.

    ``put`` replaces a person's settings whole; a later snooze of an item replaces the
    earlier; ``snoozed`` gives those still running on a day (``until`` after it), and
    ``forget_snoozes`` deletes those run out on or before a day, returning how many.
    """

    def get(self, person: str) -> ReminderSettings | None: ...
    def all(self) -> list[ReminderSettings]: ...
    def put(self, settings: ReminderSettings) -> None: ...
    def snooze(self, snooze: Snooze) -> None: ...
    def snoozed(self, today: date) -> list[Snooze]: ...
    def forget_snoozes(self, before: date) -> int: ...
    def erase_person(self, who: Erasure) -> int:
        """Forget their settings and snoozes; the number of rows gone."""
        ...


class NoticeRepository(Protocol):
    """Messages for people without Slack or Teams, shown in their web chat."""

    def add(
        self, person: str, text: str, at: datetime, payload: dict[str, object] | None = None
    ) -> None:
        """Store a notice; ``payload`` is the whole reply as plain JSON values, if given."""
        ...

    def for_person(
        self, person: str, since: datetime | None = None
    ) -> list[tuple[datetime, str]]: ...

    def after(self, people: Collection[str], after_id: int = 0, limit: int = 100) -> list[Notice]:
        """The notices for any of ``people`` with an id above ``after_id``, oldest first."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Every notice for them, or whose text or stored reply names them, goes."""
        ...

    def delete_before(self, cutoff: datetime) -> int:
        """Delete the notices created before ``cutoff``; how many went."""
        ...


class ConversationRefRepository(Protocol):
    """Conversation references by platform, for messages the bot starts itself."""

    def save(self, ref: ConversationRef) -> None:
        """Add the reference, or refresh the stored one for the same conversation."""
        ...

    def for_user(self, platform: str, user_id: str) -> ConversationRef | None:
        """The person's own (personal) chat with the bot, the most recently seen one."""
        ...

    def channels(self, platform: str) -> list[ConversationRef]:
        """Every channel the bot has been added to or spoken to in, by conversation id."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Their own chats with the bot (by user id) go."""
        ...
