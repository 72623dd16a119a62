"""Alembic environment: runs on the connection handed over by ``storage.migrate``."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from storage.tables import Base, UTCDateTime

connection = context.config.attributes["connection"]


def _render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Our UTC type is a DateTime(timezone=True) to the database; render it as one so that
    # migrations never import application code.
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # Batch mode rebuilds tables on SQLite (which cannot ALTER most things) and is a
    # plain ALTER on PostgreSQL, so one set of migrations serves both.
    render_as_batch=True,
    compare_type=True,
    render_item=_render_item,
)
with context.begin_transaction():
    context.run_migrations()
