"""The data every fake unit of work shares (the "database"), and the fake repositories' base."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from commplan.champions import Champion, ChampionUpdate
from commplan.contacts import Contact, ContactChange
from commplan.conversations import ConversationRef
from commplan.meetings import MeetingAction
from commplan.notices import Notice
from commplan.organisations import Organisation
from commplan.people import Group, Person
from commplan.plan import FieldChange, Plan, Tactic
from commplan.queries import InboxQuery
from commplan.questions import Question
from commplan.records.batches import ImportBatch
from commplan.reminder_settings import ReminderSettings, Snooze
from commplan.standards import Standard

if TYPE_CHECKING:
    from tests.fakes.database import FakeUnitOfWork


class Store:
    """Plain dicts and lists of frozen values; a transaction works on a shallow copy."""

    def __init__(self) -> None:
        self.plans: dict[int, Plan] = {}
        self.tactics: dict[tuple[int, int], Tactic] = {}
        self.people: dict[str, Person] = {}
        self.groups: dict[str, Group] = {}
        self.actions: dict[tuple[date, int], MeetingAction] = {}
        # A meeting's title is shared by its actions, as in the database's meetings table.
        self.meetings: dict[date, str] = {}
        self.organisations: dict[str, Organisation] = {}
        self.standards: dict[str, Standard] = {}
        self.contacts: dict[str, Contact] = {}
        # The highest contact number ever given, as a one-item list so that copy() copies it:
        # like the table's AUTOINCREMENT, a deleted contact's number is never given again.
        self.contact_numbers: list[int] = [0]
        self.contact_changes: list[ContactChange] = []
        self.questions: dict[str, Question] = {}
        self.drafts: dict[str, dict[str, str]] = {}
        self.claims: dict[str, dict[str, object]] = {}
        self.notices: list[Notice] = []
        self.reminder_settings: dict[str, ReminderSettings] = {}
        self.snoozes: dict[tuple[str, str], Snooze] = {}
        self.conversations: dict[tuple[str, str], ConversationRef] = {}
        self.queries: dict[str, InboxQuery] = {}
        self.cursors: dict[str, str] = {}
        self.imports: list[ImportBatch] = []
        # Field changes of tactics and actions, by ("tactic", "2026/12") or ("action", key).
        self.plan_edits: dict[tuple[str, str], tuple[FieldChange, ...]] = {}
        self.champions: dict[int, Champion] = {}
        self.champion_updates: list[ChampionUpdate] = []

    def copy(self) -> Store:
        clone = Store()
        for name, value in vars(self).items():
            setattr(clone, name, list(value) if isinstance(value, list) else dict(value))
        return clone


class Repo:
    """A fake repository: reads and writes the store of its unit of work's transaction."""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> Store:
        return self._uow.working
