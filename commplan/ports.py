"""The ports the domain needs from the outside world, as Protocols.

Storage implements the repositories and the unit of work; tests implement them with fakes.
Every ``erase_person(who)`` takes one person out of its rows (``commplan.erasure``): a whole
field that is them becomes ``who.placeholder``, their spellings inside text ``[erased]``; it
returns how many rows changed or went.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Literal, Protocol

from commplan.champions import Champion, ChampionUpdate
from commplan.contacts import Contact, ContactChange
from commplan.conversations import ConversationRef
from commplan.erasure import Erasure
from commplan.meetings import MeetingAction
from commplan.notices import Notice
from commplan.organisations import Organisation
from commplan.people import Group, Person
from commplan.plan import FieldChange, Plan, StatusChange, Tactic
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.records.batches import ImportBatch
from commplan.reminder_settings import ReminderSettings, Snooze
from commplan.standards import Standard

ContactField = Literal[
    "org_type", "user_group", "channel", "direction", "standard", "organisation", "month", "quarter"
]


class Clock(Protocol):
    """The time, injected so that tests can hold it still."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class PlanRepository(Protocol):
    def get(self, year: int) -> Plan | None: ...
    def latest(self) -> Plan | None: ...
    def add(self, plan: Plan) -> None: ...
    def save(self, plan: Plan) -> None: ...
    def remove(self, year: int) -> None:
        """Delete a plan year and its tactics (undoing the import that created it)."""
        ...


class TacticRepository(Protocol):
    def all(self, plan_year: int | None = None, *, open_only: bool = False) -> list[Tactic]:
        """Tactics in plan order; ``open_only`` leaves out the closed (complete, cancelled)."""
        ...

    def get(self, plan_year: int, number: int) -> Tactic | None: ...
    def add(self, tactic: Tactic) -> None: ...
    def save(self, tactic: Tactic) -> None:
        """Update every field but the history."""
        ...

    def record(self, plan_year: int, number: int, change: StatusChange) -> None:
        """Append to a tactic's status history."""
        ...

    def erase_person(self, who: Erasure) -> int: ...

    def remove(self, plan_year: int, number: int) -> None:
        """Delete a tactic and its history (undoing the import that added it)."""
        ...

    def record_edit(self, plan_year: int, number: int, change: FieldChange) -> None:
        """Keep one change of a field of a stored tactic (NotFound when there is none)."""
        ...

    def edits(self, plan_year: int, number: int) -> list[FieldChange]:
        """The field changes kept for a tactic, oldest first."""
        ...


class PeopleRepository(Protocol):
    def all(self) -> list[Person]: ...
    def get(self, name: str) -> Person | None: ...
    def find(self, *, email: str = "", slack_id: str = "", teams_id: str = "") -> Person | None: ...
    def add(self, person: Person) -> None:
        """Store a new person; the store numbers them (``Person.id``), ignoring the given id."""
        ...

    def save(self, person: Person) -> None:
        """Update a stored person, found by ``id`` (so the name can change) or, at 0, by name."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Their entries (by address or chat id) keep id, role, organisation; no groups."""
        ...


class GroupRepository(Protocol):
    def all(self) -> list[Group]: ...
    def get(self, name: str) -> Group | None: ...
    def add(self, group: Group) -> None: ...
    def save(self, group: Group) -> None: ...


class ActionRepository(Protocol):
    def all(self) -> list[MeetingAction]: ...
    def get(self, meeting_date: date, number: int) -> MeetingAction | None: ...
    def add(self, action: MeetingAction) -> None: ...
    def save(self, action: MeetingAction) -> None: ...
    def remove(self, meeting_date: date, number: int) -> None:
        """Delete an action (undoing the import that added it)."""
        ...

    def erase_person(self, who: Erasure) -> int: ...

    def record_edit(self, meeting_date: date, number: int, change: FieldChange) -> None:
        """Keep one change of a field of a stored action (NotFound when there is none)."""
        ...

    def edits(self, meeting_date: date, number: int) -> list[FieldChange]:
        """The field changes kept for an action, oldest first."""
        ...


class OrganisationRepository(Protocol):
    def all(self) -> list[Organisation]: ...
    def get(self, name: str) -> Organisation | None: ...
    def by_domain(self, domain: str) -> Organisation | None: ...
    def add(self, organisation: Organisation) -> None: ...
    def save(self, organisation: Organisation) -> None: ...
    def remove(self, name: str) -> bool:
        """Take an organisation and its domains out of the directory; False when not there."""
        ...


class StandardRepository(Protocol):
    def all(self) -> list[Standard]: ...
    def get(self, name: str) -> Standard | None: ...
    def add(self, standard: Standard) -> None: ...
    def save(self, standard: Standard) -> None: ...
    def remove(self, name: str) -> None:
        """Delete a catalogue entry (undoing the import that added it)."""
        ...

    def erase_person(self, who: Erasure) -> int: ...


class ContactRepository(Protocol):
    def add(self, contact: Contact) -> bool:
        """Log a contact; False (and nothing written) when its dedupe key is already logged."""
        ...

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]: ...

    def get(self, source_ref: str) -> Contact | None:
        """The contact logged under this source reference (its dedupe key)."""
        ...

    def save(self, contact: Contact) -> None:
        """Update the contact with the same dedupe key (a correction)."""
        ...

    # By number (``Contact.id``): ``update`` writes every field but the dedupe key; ``delete``
    # keeps the history; ``restore`` puts a deleted contact back under its number and key
    # (False, nothing written, when that key was logged again since); ``history`` is oldest
    # first.
    def by_id(self, contact_id: int) -> Contact | None: ...
    def update(self, contact: Contact) -> None: ...
    def delete(self, contact_id: int) -> bool: ...
    def restore(self, contact: Contact) -> bool: ...
    def record(self, change: ContactChange) -> None: ...
    def history(self, contact_id: int) -> list[ContactChange]: ...

    def organisations_of_domain(self, domain: str) -> set[str]:
        """The organisations contacts from addresses at exactly ``domain`` are logged under."""
        ...

    def refile(self, organisation: str, to: Organisation) -> int:
        """Log every contact of ``organisation`` under ``to`` (its name, type and group);
        the number moved."""

    def remove(self, source_ref: str) -> None:
        """Delete the contact logged under this dedupe key (undoing the import that added it)."""
        ...

    def counts(self, by: ContactField, first: date, last: date) -> dict[str, int]:
        """Contacts per group of ``by`` in the inclusive range; "" for contacts without one."""
        ...

    def last_contact(self, by: Literal["organisation", "user_group"]) -> dict[str, date]:
        """The latest contact date per organisation or user group."""
        ...

    def counts_by_month(
        self, by: ContactField, first: date, last: date
    ) -> dict[str, dict[str, int]]:
        """Contacts per month ("YYYY-MM") and group of ``by`` in the inclusive range."""
        ...

    def counts_by_day(
        self, by: ContactField, first: date, last: date
    ) -> dict[date, dict[str, int]]:
        """Contacts per day and group of ``by`` in the inclusive range (days with none left out)."""
        ...

    def of_person(self, email: str) -> list[Contact]: ...

    def erase_person(self, who: Erasure) -> int:
        """Their contacts (their address, or them as the name) keep only what the baseline
        counts, as :meth:`strip_before` leaves them; others lose their spellings."""
        ...

    def strip_before(self, day: date) -> int:
        """Blank name, e-mail and summary of contacts before ``day``, keeping what the baseline
        counts (date, organisation, type, group, channel, direction, topic); the number changed.
        """
        ...


class QuestionRepository(Protocol):
    def add(self, question: Question) -> bool:
        """Keep a question; False when one with the same key is already kept."""
        ...

    def get(self, key: str) -> Question | None: ...
    def save(self, question: Question) -> None: ...
    def needing_team(self) -> list[Question]:
        """Unresolved questions nobody could answer, newest first."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Their questions lose asker and text and leave the team's queue (resolved)."""
        ...


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


class QueryRepository(Protocol):
    """Inbox queries, by their Message-ID key."""

    def add(self, query: InboxQuery) -> None: ...
    def get(self, key: str) -> InboxQuery | None: ...
    def by_thread(self, thread: str) -> InboxQuery | None:
        """The earliest query of a thread."""
        ...

    def save(self, query: InboxQuery) -> None: ...
    def all(self, first: datetime | None = None, last: datetime | None = None) -> list[InboxQuery]:
        """Queries received in the range, oldest first."""
        ...

    def open(self) -> list[InboxQuery]:
        """Queries not yet answered or closed, oldest first."""
        ...

    def answered_between(self, first: datetime, before: datetime) -> list[InboxQuery]:
        """Queries first answered at or after ``first`` and before ``before``, oldest first."""
        ...

    def by_ref(self, ref: str) -> InboxQuery | None:
        """The query with this short reference (``InboxQuery.ref``, any case); the oldest
        received when several share it."""
        ...

    def touched(self, first: datetime, before: datetime) -> list[InboxQuery]:
        """What a period's inbox figures need: queries received at or after ``first`` and
        before ``before``, first answered in that range, or still open; each once, sorted by
        (received_at, key)."""
        ...

    def refile(self, organisation: str, to: Organisation) -> int:
        """File every query of ``organisation`` under ``to`` (its name, type and group); the
        number moved."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Their queries stay for the inbox figures, stripped as :meth:`strip_before` does."""
        ...

    def strip_before(self, moment: datetime) -> int:
        """Blank the personal fields of queries received before ``moment``; the number changed."""
        ...


class MailboxRepository(Protocol):
    def cursor(self, mailbox: str) -> str: ...
    def set_cursor(self, mailbox: str, cursor: str, at: datetime) -> None: ...


class ImportBatchRepository(Protocol):
    """What each import changed, newest last, so that the last one can be undone."""

    def add(self, batch: ImportBatch) -> int:
        """Keep a batch; the store numbers it (``ImportBatch.id``) and returns the number."""
        ...

    def last(self) -> ImportBatch | None:
        """The newest batch not yet undone."""
        ...

    def mark_undone(self, batch_id: int, at: datetime) -> None: ...
    def erase_person(self, who: Erasure) -> int: ...


class ChampionRepository(Protocol):
    """Harmonisation champions (one organisation each) and their quarterly updates."""

    def all(self) -> list[Champion]:
        """The champions, by organisation and then name."""
        ...

    def get(self, person_id: int) -> Champion | None: ...

    def appoint(self, person_id: int, organisation: str, at: datetime) -> None:
        """Make the person champion for the organisation, moving them from any other one;
        ``since`` stays when they champion that organisation already."""
        ...

    def remove(self, person_id: int) -> bool:
        """The person is no longer a champion (their updates stay); False if they were not."""
        ...

    def add_update(self, update: ChampionUpdate) -> bool:
        """Store an update; False (nothing written) when its key is stored already.

        The same champion's current update for the same quarter is kept, marked replaced at
        the new one's time. The update's ``person`` name is read from the people, not stored.
        """
        ...

    def updates(self, quarter: str = "", *, replaced: bool = False) -> list[ChampionUpdate]:
        """Current updates, of one quarter ("2026Q3") or all, oldest first; ``replaced``
        includes the ones a later update replaced."""
        ...

    def erase_person(self, who: Erasure) -> int: ...


class Repositories(Protocol):
    """The repositories of one open unit of work; only code inside a transaction gets them.

    Helpers that must run inside a transaction take this, so that the types reject a call
    made with a unit of work that was never entered.
    """

    plans: PlanRepository
    tactics: TacticRepository
    people: PeopleRepository
    groups: GroupRepository
    actions: ActionRepository
    organisations: OrganisationRepository
    standards: StandardRepository
    contacts: ContactRepository
    questions: QuestionRepository
    drafts: DraftRepository
    claims: ClaimRepository
    notices: NoticeRepository
    reminder_settings: ReminderSettingsRepository
    conversations: ConversationRefRepository
    queries: QueryRepository
    mailboxes: MailboxRepository
    imports: ImportBatchRepository
    champions: ChampionRepository

    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class UnitOfWork(Protocol):
    """One transaction, not yet open: ``with uow as repos:``; leaving without commit rolls back.

    A service takes one of these and enters it exactly once.
    """

    def __enter__(self) -> Repositories: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]

__all__ = [
    "Claim",
    "ChampionRepository",
    "ActionRepository",
    "Clock",
    "ContactField",
    "ContactRepository",
    "ConversationRefRepository",
    "ClaimRepository",
    "DraftRepository",
    "GroupRepository",
    "ImportBatchRepository",
    "NoticeRepository",
    "OrganisationRepository",
    "PeopleRepository",
    "MailboxRepository",
    "PlanRepository",
    "QueryRepository",
    "QuestionRepository",
    "ReminderSettingsRepository",
    "Repositories",
    "StandardRepository",
    "TacticRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
]
