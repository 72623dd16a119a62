"""The one INSERT ... ON CONFLICT, written for whichever dialect the session is bound to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.tables import Base


def upsert(
    session: Session,
    table: type[Base],
    rows: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    *,
    on: Sequence[str],
    update: Mapping[str, Any] | None = None,
) -> Insert:
    """Insert ``rows``; on a clash over the unique columns ``on``, update them with ``update``,
    or (without it) leave the stored row alone.

    One statement, so that two processes racing on the same key cannot both insert it. Add
    ``.returning(...)`` to learn which rows this statement wrote.
    """
    # Both dialects spell ON CONFLICT the same way, but through different Insert classes.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    if not isinstance(rows, Mapping) and len(rows) == 1:
        # SQLAlchemy compiles a multi-row VALUES afresh each time (it has no cache key); one
        # row's statement is compiled once per process. A chat turn claims one message.
        rows = rows[0]
    statement = insert(table).values(rows)
    if update:
        return statement.on_conflict_do_update(index_elements=on, set_=dict(update))
    return statement.on_conflict_do_nothing(index_elements=on)
