"""Ports for what the team hears and knows: the organisation directory, the standards
catalogue, contacts, questions, inbox queries and mailbox cursors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Literal, Protocol

from commplan.contacts import Contact, ContactChange
from commplan.erasure import Erasure
from commplan.inbox_figures import QueryTimes
from commplan.organisations import Organisation
from commplan.paging import Page
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.standards import Standard

ContactField = Literal[
    "org_type", "user_group", "channel", "direction", "standard", "organisation", "month", "quarter"
]


class OrganisationRepository(Protocol):
    def all(self) -> list[Organisation]: ...
    def names(self) -> list[str]:
        """Every organisation's name, in order: what a list of them needs, without the rest."""
        ...

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
    """The contact log. Its counts may come from a rollup kept beside it (the SQL one keeps
    contacts per day), but every count must equal a GROUP BY over the contacts :meth:`all`
    lists, after any write (tests/contract/test_contact_counts.py)."""

    def add(self, contact: Contact) -> bool:
        """Log a contact; False (and nothing written) when its dedupe key is already logged."""
        ...

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]: ...

    def get(self, source_ref: str) -> Contact | None:
        """The contact logged under this source reference (its dedupe key)."""
        ...

    def page(self, first: date, last: date, *, limit: int) -> Page[Contact]:
        """The newest ``limit`` contacts from ``first`` to ``last`` inclusive (latest day, then
        highest number, first) and how many there are in that range."""
        ...

    def last_contact_of(
        self, by: Literal["organisation", "user_group"], names: Sequence[str], *, upto: date
    ) -> dict[str, date]:
        """The latest contact on or before ``upto`` of each of these organisations or user
        groups; names never heard from are left out."""
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

    def organisations_heard(self, first: date, last: date) -> int:
        """How many named organisations have a contact in the inclusive range."""
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
    def remove(self, key: str) -> bool:
        """Delete a question (taking the demo out); False when there was none."""
        ...

    def needing_team(self) -> list[Question]:
        """Unresolved questions nobody could answer, newest first."""
        ...

    def needing_team_page(self, *, limit: int) -> Page[Question]:
        """The newest ``limit`` of :meth:`needing_team` and how many there are."""
        ...

    def erase_person(self, who: Erasure) -> int:
        """Their questions lose asker and text and leave the team's queue (resolved)."""
        ...


class QueryRepository(Protocol):
    """Inbox queries, by their Message-ID key."""

    def add(self, query: InboxQuery) -> None: ...
    def get(self, key: str) -> InboxQuery | None: ...
    def remove(self, key: str) -> bool:
        """Delete a query (taking the demo out); False when there was none."""
        ...

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

    def open_page(self, *, limit: int) -> Page[InboxQuery]:
        """The ``limit`` longest waiting of :meth:`open` and how many are open."""
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

    def touched_times(self, first: datetime, before: datetime) -> list[QueryTimes]:
        """:meth:`touched`, each query only as the inbox figures read it."""
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
