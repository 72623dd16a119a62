"""query refs: the six hex digits people type for an inbox query, stored and indexed

Finding a query by the reference people type ("take query 3f9a1c") used to hash every stored
key; the column makes it one indexed lookup.

Revision ID: 0008_query_refs
Revises: 0007_claims
Create Date: 2026-12-10 10:00:00.000000
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0008_query_refs"
down_revision = "0007_claims"
branch_labels = None
depends_on = None

_QUERIES = sa.table(
    "inbox_queries",
    sa.column("id", sa.Integer()),
    sa.column("key", sa.String()),
    sa.column("ref", sa.String()),
)


def _ref(key: str) -> str:
    # The same formula as commplan.queries.InboxQuery.ref, written out so that this
    # migration keeps its meaning whatever the application later does.
    return hashlib.sha256(key.encode()).hexdigest()[:6]


def upgrade() -> None:
    with op.batch_alter_table("inbox_queries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ref", sa.String(length=6), server_default="", nullable=False)
        )
    connection = op.get_bind()
    rows = connection.execute(sa.select(_QUERIES.c.id, _QUERIES.c.key)).all()
    if rows:
        statement = (
            _QUERIES.update()
            .where(_QUERIES.c.id == sa.bindparam("row_id"))
            .values(ref=sa.bindparam("row_ref"))
        )
        connection.execute(statement, [{"row_id": i, "row_ref": _ref(key)} for i, key in rows])
    with op.batch_alter_table("inbox_queries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbox_queries_ref"), ["ref"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inbox_queries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_queries_ref"))
        batch_op.drop_column("ref")
