"""Finding and rewriting the rows that hold a person being erased (``commplan.erasure``).

The database narrows the rows with case-insensitive substring tests; :class:`Erasure` then
decides in Python, where a term must stand alone, and rewrites the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure

Row = TypeVar("Row")


def naming(row_class: type[Any], columns: Sequence[str], who: Erasure) -> ColumnElement[bool]:
    """Rows where one of ``columns`` may name ``who`` (a superset; :class:`Erasure` decides)."""
    tests = [
        func.lower(cast(getattr(row_class, column), Text)).contains(needle, autoescape=True)
        for column in columns
        for needle in who.needles
    ]
    return or_(*tests)


def rows_naming(
    session: Session, row_class: type[Row], columns: Sequence[str], who: Erasure
) -> list[Row]:
    """The rows where one of ``columns`` may name ``who``."""
    if not who.needles:
        return []
    return list(session.scalars(select(row_class).where(naming(row_class, columns, who))))


def redact_row(row: object, columns: Sequence[str], who: Erasure) -> bool:
    """Replace ``who`` in the row's columns; whether anything changed."""
    changed = False
    for column in columns:
        value = getattr(row, column)
        redacted = who.redact(value)
        if redacted != value:
            setattr(row, column, redacted)
            changed = True
    return changed


def redact_rows(
    session: Session, row_class: type[Any], columns: Sequence[str], who: Erasure
) -> int:
    """Replace ``who`` in ``columns`` of every row naming them; the number of rows changed."""
    changed = sum(
        redact_row(row, columns, who) for row in rows_naming(session, row_class, columns, who)
    )
    session.flush()
    return changed
