"""Chat lists of tactics in SQL: one page of rows and the count, never the whole plan.

At ten thousand tactics a chat answer must not build every tactic to show ten; this module
turns a :class:`TacticQuery` into a WHERE clause, a COUNT and a LIMIT.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    Text,
    and_,
    cast,
    false,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from commplan.paging import Page
from commplan.plan import Status, StatusChange, Tactic
from commplan.tactic_lists import TacticQuery
from storage.tables import PlanRow, StatusChangeRow, TacticRow

_CLOSED = [s.value for s in Status if s.is_closed]


def tactic_page(
    session: Session,
    query: TacticQuery,
    *,
    limit: int,
    build: Callable[[RowMapping, tuple[StatusChange, ...]], Tactic],
) -> Page[Tactic]:
    """The query's first ``limit`` tactics, each made by ``build`` (the plan repository's one
    mapper from a row), and how many it keeps."""
    where = _where(session, query)
    # Plan order, or the longest overdue first; the number settles ties either way.
    order: list[Any] = [TacticRow.plan_id, TacticRow.number]
    if query.most_overdue_first:
        order = [TacticRow.due_end, TacticRow.number]
    # The count rides along as a window over the same rows: one pass of the filter (a search
    # lower-cases every tactic's text) instead of one for the count and one for the page.
    columns = [
        *TacticRow.__table__.c,
        literal(query.plan_year).label("plan_year"),
        func.count().over().label("matching"),
    ]
    found: Select[Any] = select(*columns).where(*where).order_by(*order).limit(limit)
    rows = session.execute(found).mappings().all()
    total = rows[0]["matching"] if rows else 0
    history = _history(session, [row["id"] for row in rows])
    tactics = tuple(build(row, tuple(history.get(row["id"], ()))) for row in rows)
    return Page(rows=tactics, total=int(total or 0))


def owner_names(session: Session, plan_year: int) -> set[str]:
    return {name for written in _owner_lists(session, plan_year) for name in json.loads(written)}


def _owner_lists(session: Session, plan_year: int) -> list[str]:
    """Each distinct owners list of the year's tactics, as the JSON text stored.

    A plan writes few distinct lists however many tactics it has, so matching names against
    these in Python and then the stored text exactly is cheaper than unpacking every row's
    JSON in SQL (and PostgreSQL has no equality on ``json`` but has it on its text).
    """
    written = cast(TacticRow.owners, Text)
    query = select(written).where(_of_year(plan_year)).distinct()
    return [str(text) for text in session.scalars(query)]


def _where(session: Session, query: TacticQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [_of_year(query.plan_year)]
    has_window = and_(TacticRow.due_start.is_not(None), TacticRow.due_end.is_not(None))
    if query.open_only:
        where.append(TacticRow.status.not_in(_CLOSED))
    if query.overdue_on is not None:
        where += [
            TacticRow.status == Status.PLANNED.value,
            has_window,
            TacticRow.due_end < query.overdue_on,
        ]
    if query.due_first is not None:
        where += [has_window, TacticRow.due_end >= query.due_first]
    if query.due_last is not None:
        where += [has_window, TacticRow.due_start <= query.due_last]
    if query.phase is not None:
        where.append(TacticRow.phase == query.phase.value)
    if query.owners is not None:
        names = {o.lower() for o in query.owners}
        lists = [
            written
            for written in _owner_lists(session, query.plan_year)
            if any(str(o).lower() in names for o in json.loads(written))
        ]
        where.append(cast(TacticRow.owners, Text).in_(lists) if lists else false())
    if query.words:
        about = func.lower(
            TacticRow.name
            + " "
            + TacticRow.purpose
            + " "
            + TacticRow.audience
            + " "
            + TacticRow.notes
        )
        where += [about.contains(word, autoescape=True) for word in query.words]
    return where


def _of_year(plan_year: int) -> ColumnElement[bool]:
    """The year's tactics by their plan's id, so that the (plan_id, number) index serves."""
    plan = select(PlanRow.id).where(PlanRow.year == plan_year).scalar_subquery()
    return TacticRow.plan_id == plan


def _history(session: Session, ids: list[int]) -> dict[int, list[StatusChange]]:
    if not ids:
        return {}
    changes = (
        select(*StatusChangeRow.__table__.c)
        .where(StatusChangeRow.tactic_id.in_(ids))
        .order_by(StatusChangeRow.id)
    )
    history: dict[int, list[StatusChange]] = {}
    for change in session.execute(changes).mappings():
        history.setdefault(change["tactic_id"], []).append(
            StatusChange(
                status=Status(change["status"]),
                at=change["at"],
                by=change["by"],
                note=change["note"],
            )
        )
    return history
