"""The contact counts rollup: kept by every contact write, read by every count a report needs.

Each contact counts once under each of :data:`COUNTED` (its value there, "" for none) and
once under "total". Writes add or take away those counts in the same transaction; reads sum
a field's days in a range, so a year's counts by organisation type read a few thousand rows
whatever the size of the log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Integer, and_, cast, delete, func, literal, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from commplan.ports import ContactField
from storage.tables import ContactCountRow

#: The contact fields counted per day. Organisations are not: there are thousands, so a
#: rollup by day and organisation would be nearly as long as the log itself.
COUNTED = ("org_type", "user_group", "standard", "channel", "direction")
TOTAL = "total"

Tally = Counter[tuple[str, date, str]]


def tally_of(fields: Mapping[str, Any], sign: int = 1) -> Tally:
    """What one contact (its column values) adds to the rollup, or takes away (``sign`` -1)."""
    day = fields["occurred_on"]
    found: Tally = Counter({(TOTAL, day, ""): sign})
    for field in COUNTED:
        found[(field, day, str(fields[field] or ""))] += sign
    return found


def apply(session: Session, change: Tally) -> None:
    """Add ``change`` to the stored counts; rows that reach zero go."""
    keys = sorted(key for key, n in change.items() if n)
    if not keys:
        return
    rows = [{"field": f, "day": d, "value": v, "n": change[(f, d, v)]} for f, d, v in keys]
    # Sorted keys: two transactions touching the same days lock their rows in one order.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(ContactCountRow).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["field", "day", "value"],
            set_={"n": ContactCountRow.n + statement.excluded.n},
        )
    )
    if any(change[key] < 0 for key in keys):
        session.execute(
            delete(ContactCountRow).where(
                ContactCountRow.n <= 0,
                or_(
                    *(
                        and_(
                            ContactCountRow.field == f,
                            ContactCountRow.day == d,
                            ContactCountRow.value == v,
                        )
                        for f, d, v in keys
                        if change[(f, d, v)] < 0
                    )
                ),
            )
        )


def total(tallies: Iterable[Tally]) -> Tally:
    found: Tally = Counter()
    for one in tallies:
        found.update(one)
    return found


def rolled_up(by: ContactField) -> bool:
    """Whether counts by ``by`` come from the rollup (all but organisation do)."""
    return by in COUNTED or by in ("month", "quarter")


def period_key(session: Session, by: str, day: Any) -> ColumnElement[Any]:
    """The month ("YYYY-MM") or quarter ("YYYY-Qn") of ``day``, in the session's dialect."""
    dialect = session.get_bind().dialect.name
    if by == "month":
        if dialect == "postgresql":
            return func.to_char(day, "YYYY-MM")
        return func.strftime("%Y-%m", day)
    if dialect == "postgresql":
        return func.to_char(day, 'YYYY-"Q"Q')
    month = cast(func.strftime("%m", day), Integer)
    quarter = cast((month + 2) / 3, Integer)
    return func.strftime("%Y", day).concat(literal("-Q")).concat(quarter)


def _field_and_key(session: Session, by: ContactField) -> tuple[str, ColumnElement[Any]]:
    if by in ("month", "quarter"):
        return TOTAL, period_key(session, by, ContactCountRow.day)
    value: ColumnElement[Any] = ContactCountRow.__table__.c.value
    return by, value


def counts(session: Session, by: ContactField, first: date, last: date) -> dict[str, int]:
    field, key = _field_and_key(session, by)
    query = (
        select(key, func.sum(ContactCountRow.n))
        .where(
            ContactCountRow.field == field,
            ContactCountRow.day >= first,
            ContactCountRow.day <= last,
        )
        .group_by(key)
    )
    return {str(k or ""): int(n) for k, n in session.execute(query)}


def counts_by(
    session: Session, unit: Literal["day", "month"], by: ContactField, first: date, last: date
) -> list[tuple[Any, str, int]]:
    """(day or month, group, count) rows of ``by`` in the inclusive range."""
    field, key = _field_and_key(session, by)
    day = ContactCountRow.day
    when = day if unit == "day" else period_key(session, "month", day)
    query = (
        select(when, key, func.sum(ContactCountRow.n))
        .where(
            ContactCountRow.field == field,
            ContactCountRow.day >= first,
            ContactCountRow.day <= last,
        )
        .group_by(when, key)
    )
    return [(w, str(k or ""), int(n)) for w, k, n in session.execute(query)]
