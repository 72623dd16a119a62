"""notice payloads: the whole reply, so that the web chat shows its buttons and sections

Revision ID: 0006_notice_payloads
Revises: 0005_inbox
Create Date: 2026-11-22 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0006_notice_payloads"
down_revision = "0005_inbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: rows from before have only their text, which the web chat still shows.
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_notices_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notices_created_at"))
        batch_op.drop_column("payload")
