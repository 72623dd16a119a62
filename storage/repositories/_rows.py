"""Small helpers every repository shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from commplan.errors import NotFound

Row = TypeVar("Row")


def update_row(
    session: Session, row: Row | None, fields: Mapping[str, Any], *, what: str, key: object
) -> Row:
    """Write ``fields`` onto a stored row, or raise ``NotFound(what, key)`` when there is none."""
    if row is None:
        raise NotFound(what, key)
    for name, value in fields.items():
        setattr(row, name, value)
    session.flush()
    return row


def rowcount(result: object) -> int:
    """How many rows a bulk UPDATE or DELETE touched (0 where the driver does not say)."""
    return int(getattr(result, "rowcount", 0) or 0)
