"""The communication plan and its tactics, with each tactic's status history."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Row, RowMapping, Select, bindparam, select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.paging import Page
from commplan.plan import DueWindow, FieldChange, Phase, Plan, Status, StatusChange, Tactic
from commplan.tactic_lists import TacticQuery
from storage.repositories._erase import redact_row, redact_rows, rows_naming
from storage.repositories._rows import update_row
from storage.repositories.tactic_lists import owner_names, tactic_page
from storage.tables import PlanEditRow, PlanRow, StatusChangeRow, TacticRow

#: The statuses that close a tactic: no nudges, not open.
_CLOSED = [s.value for s in Status if s.is_closed]


class SqlPlanRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, year: int) -> Plan | None:
        # A plain row from a statement built once: most plan answers ask for this year's plan.
        self._session.flush()  # what the ORM's own query would have written first
        row = self._session.execute(_plan_of_year(), {"year": year}).first()
        return _plan(row) if row else None

    def latest(self) -> Plan | None:
        row = self._session.scalar(select(PlanRow).order_by(PlanRow.year.desc()).limit(1))
        return _plan(row) if row else None

    def add(self, plan: Plan) -> None:
        self._session.add(PlanRow(year=plan.year, **_plan_fields(plan)))
        self._session.flush()

    def save(self, plan: Plan) -> None:
        row = self._session.scalar(select(PlanRow).where(PlanRow.year == plan.year))
        update_row(self._session, row, _plan_fields(plan), what="plan", key=plan.year)

    def remove(self, year: int) -> None:
        row = self._session.scalar(select(PlanRow).where(PlanRow.year == year))
        if row is None:
            raise NotFound("plan", year)
        for tactic in self._session.scalars(select(TacticRow).where(TacticRow.plan_id == row.id)):
            self._session.delete(tactic)
        self._session.delete(row)
        self._session.flush()


def _plan_fields(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "objectives": list(plan.objectives),
        "key_messages": list(plan.key_messages),
    }


@cache
def _plan_of_year() -> Select[*tuple[Any, ...]]:
    plans = PlanRow.__table__.c
    return select(*plans).where(plans.year == bindparam("year"))


def _plan(row: PlanRow | Row[Any]) -> Plan:
    return Plan(
        year=row.year,
        title=row.title,
        objectives=tuple(row.objectives),
        key_messages=tuple(row.key_messages),
    )


class SqlTacticRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self, plan_year: int | None = None, *, open_only: bool = False) -> list[Tactic]:
        where: list[ColumnElement[bool]] = []
        if plan_year is not None:
            where.append(PlanRow.year == plan_year)
        if open_only:
            where.append(TacticRow.status.not_in(_CLOSED))
        return self._read(*where)

    def get(self, plan_year: int, number: int) -> Tactic | None:
        found = self._read(PlanRow.year == plan_year, TacticRow.number == number)
        return found[0] if found else None

    def page(self, query: TacticQuery, *, limit: int) -> Page[Tactic]:
        return tactic_page(self._session, query, limit=limit, build=_tactic)

    def owner_names(self, plan_year: int) -> set[str]:
        return owner_names(self._session, plan_year)

    def _read(self, *where: ColumnElement[bool]) -> list[Tactic]:
        # Core rows, not ORM objects: the digest and the sweep read thousands of tactics,
        # and building mapped instances costs ten times more than the query.
        columns = [*TacticRow.__table__.c, PlanRow.year.label("plan_year")]
        query = select(*columns).join(PlanRow).where(*where)
        rows = self._session.execute(query.order_by(PlanRow.year, TacticRow.number)).mappings()
        tactics = rows.all()
        if not tactics:
            return []
        changes = (
            select(*StatusChangeRow.__table__.c)
            .join(TacticRow)
            .join(PlanRow)
            .where(*where)
            .order_by(StatusChangeRow.id)
        )
        history: dict[int, list[StatusChange]] = {}
        for change in self._session.execute(changes).mappings():
            history.setdefault(change["tactic_id"], []).append(
                StatusChange(
                    status=Status(change["status"]),
                    at=change["at"],
                    by=change["by"],
                    note=change["note"],
                )
            )
        return [_tactic(row, tuple(history.get(row["id"], ()))) for row in tactics]

    def _row(self, plan_year: int, number: int) -> TacticRow | None:
        query = (
            select(TacticRow)
            .join(PlanRow)
            .where(PlanRow.year == plan_year, TacticRow.number == number)
        )
        row: TacticRow | None = self._session.scalar(query)
        return row

    def add(self, tactic: Tactic) -> None:
        plan_id = self._session.scalar(select(PlanRow.id).where(PlanRow.year == tactic.plan_year))
        if plan_id is None:
            raise NotFound("plan", tactic.plan_year)
        row = TacticRow(plan_id=plan_id, number=tactic.number, **_tactic_fields(tactic))
        row.history = [_change_row(change) for change in tactic.history]
        self._session.add(row)
        self._session.flush()

    def save(self, tactic: Tactic) -> None:
        row = self._row(tactic.plan_year, tactic.number)
        update_row(self._session, row, _tactic_fields(tactic), what="tactic", key=tactic.number)

    def remove(self, plan_year: int, number: int) -> None:
        row = self._row(plan_year, number)
        if row is None:
            raise NotFound("tactic", number)
        self._session.delete(row)
        self._session.flush()

    def record(self, plan_year: int, number: int, change: StatusChange) -> None:
        row = self._row(plan_year, number)
        if row is None:
            raise NotFound("tactic", number)
        row.history.append(_change_row(change))
        self._session.flush()

    def erase_person(self, who: Erasure) -> int:
        changed: set[int] = set()
        for row in rows_naming(self._session, TacticRow, ("owners", "notes"), who):
            if redact_row(row, ("owners", "notes"), who):
                changed.add(row.id)
        for change in rows_naming(self._session, StatusChangeRow, ("by", "note"), who):
            if redact_row(change, ("by", "note"), who):
                changed.add(change.tactic_id)
        # The edit history of tactics and actions: who edited, and owners from and to.
        edits = redact_rows(self._session, PlanEditRow, ("old", "new", "by"), who)
        self._session.flush()
        return len(changed) + edits

    def record_edit(self, plan_year: int, number: int, change: FieldChange) -> None:
        if self._row(plan_year, number) is None:
            raise NotFound("tactic", number)
        add_edit(self._session, "tactic", tactic_key(plan_year, number), change)

    def edits(self, plan_year: int, number: int) -> list[FieldChange]:
        return read_edits(self._session, "tactic", tactic_key(plan_year, number))


def tactic_key(plan_year: int, number: int) -> str:
    """How the history names a tactic: "2026/12"."""
    return f"{plan_year}/{number}"


def add_edit(session: Session, item: str, key: str, change: FieldChange) -> None:
    """Keep one change of a tactic's or an action's field."""
    session.add(
        PlanEditRow(
            item=item,
            key=key,
            field=change.field,
            old=change.old,
            new=change.new,
            by=change.by,
            at=change.at,
        )
    )
    session.flush()


def read_edits(session: Session, item: str, key: str) -> list[FieldChange]:
    """The changes of one item, oldest first."""
    query = (
        select(PlanEditRow)
        .where(PlanEditRow.item == item, PlanEditRow.key == key)
        .order_by(PlanEditRow.id)
    )
    return [
        FieldChange(field=row.field, old=row.old, new=row.new, by=row.by, at=row.at)
        for row in session.scalars(query)
    ]


def _change_row(change: StatusChange) -> StatusChangeRow:
    return StatusChangeRow(status=change.status.value, at=change.at, by=change.by, note=change.note)


def _tactic_fields(tactic: Tactic) -> dict[str, Any]:
    return {
        "phase": tactic.phase.value,
        "name": tactic.name,
        "purpose": tactic.purpose,
        "audience": tactic.audience,
        "timing": tactic.timing,
        "due_start": tactic.window.start if tactic.window else None,
        "due_end": tactic.window.end if tactic.window else None,
        "owners": list(tactic.owners),
        "status": tactic.status.value,
        "objectives": list(tactic.objectives),
        "notes": tactic.notes,
        "snoozed_until": tactic.snoozed_until,
    }


def _tactic(row: RowMapping, history: tuple[StatusChange, ...]) -> Tactic:
    """The one mapper from a tactics row (with its plan's year) to a Tactic."""
    start, end = row["due_start"], row["due_end"]
    return Tactic(
        plan_year=row["plan_year"],
        number=row["number"],
        name=row["name"],
        phase=Phase(row["phase"]),
        purpose=row["purpose"],
        audience=row["audience"],
        timing=row["timing"],
        window=DueWindow(start=start, end=end) if start is not None and end is not None else None,
        owners=tuple(row["owners"]),
        status=Status(row["status"]),
        objectives=tuple(row["objectives"]),
        notes=row["notes"],
        snoozed_until=row["snoozed_until"],
        history=history,
    )
