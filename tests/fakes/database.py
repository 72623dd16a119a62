"""The fake unit of work, with copy-on-enter transactions, and the database that makes them."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from tests.fakes._store import Store
from tests.fakes.actions import FakeActions
from tests.fakes.champions import FakeChampions
from tests.fakes.claims import FakeClaims
from tests.fakes.contacts import FakeContacts
from tests.fakes.conversations import FakeConversations
from tests.fakes.imports import FakeImports
from tests.fakes.inbox import FakeMailboxes, FakeQueries
from tests.fakes.notices import FakeNotices
from tests.fakes.organisations import FakeOrganisations
from tests.fakes.people import FakeGroups, FakePeople
from tests.fakes.plan import FakePlans, FakeTactics
from tests.fakes.questions import FakeDrafts, FakeQuestions
from tests.fakes.reminder_settings import FakeReminderSettings
from tests.fakes.standards import FakeStandards


class FakeUnitOfWork:
    """Works on a copy of the shared store; commit publishes the copy, like a transaction."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.working = store
        self.committed = False
        self.plans = FakePlans(self)
        self.tactics = FakeTactics(self)
        self.people = FakePeople(self)
        self.groups = FakeGroups(self)
        self.actions = FakeActions(self)
        self.organisations = FakeOrganisations(self)
        self.standards = FakeStandards(self)
        self.contacts = FakeContacts(self)
        self.questions = FakeQuestions(self)
        self.drafts = FakeDrafts(self)
        self.claims = FakeClaims(self)
        self.notices = FakeNotices(self)
        self.reminder_settings = FakeReminderSettings(self)
        self.queries = FakeQueries(self)
        self.mailboxes = FakeMailboxes(self)
        self.conversations = FakeConversations(self)
        self.imports = FakeImports(self)
        self.champions = FakeChampions(self)

    def __enter__(self) -> Self:
        self.working = self._store.copy()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.working = self._store

    def commit(self) -> None:
        for name, value in vars(self.working).items():
            setattr(self._store, name, value)
        self.committed = True

    def rollback(self) -> None:
        self.working = self._store.copy()


class FakeDatabase:
    """A factory of fake units of work over one shared store."""

    def __init__(self) -> None:
        self.store = Store()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)
