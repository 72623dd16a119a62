"""Ports for the plan and its people: plans, tactics, people, groups, meeting actions,
imports (for undo) and champions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from commplan.champions import Champion, ChampionUpdate
from commplan.erasure import Erasure
from commplan.meetings import MeetingAction
from commplan.paging import Page
from commplan.people import Group, Person
from commplan.plan import FieldChange, Plan, StatusChange, Tactic
from commplan.records.batches import ImportBatch
from commplan.tactic_lists import TacticQuery


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

    def page(self, query: TacticQuery, *, limit: int) -> Page[Tactic]:
        """The first ``limit`` tactics the query keeps, in its order, and how many it keeps."""
        ...

    def owner_names(self, plan_year: int) -> set[str]:
        """Every owner name the year's tactics are written with."""
        ...

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
