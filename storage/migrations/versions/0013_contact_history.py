"""contact history: who changed, deleted or restored a contact, and how sure its topic is

Contacts can now be edited and deleted by the team in chat; every change is kept (who, when,
which field, from, to) and a deletion keeps the whole contact so that it can be undone.
``topic_confidence`` lets one conversation's follow-ups keep the best topic of the thread.

Revision ID: 0013_contact_history
Revises: 0009_claims_by_person_id
Create Date: 2026-12-03 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_contact_history"
down_revision = "0009_claims_by_person_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite reuses the highest rowid once its row is deleted; AUTOINCREMENT (a rebuilt
    # table there) keeps a deleted contact's number, which its history and undo refer to.
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table(
        "contacts",
        schema=None,
        recreate="always" if sqlite else "auto",
        table_kwargs={"sqlite_autoincrement": True} if sqlite else {},
    ) as batch_op:
        batch_op.add_column(
            sa.Column("topic_confidence", sa.Float(), server_default="0", nullable=False)
        )
    op.create_table(
        "contact_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_changes")),
    )
    with op.batch_alter_table("contact_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_changes_contact_id"), ["contact_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_changes_contact_id"))
    op.drop_table("contact_changes")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("topic_confidence")
