"""plan history: every change to a tactic or action kept; organisations that own tactics

- ``plan_edits``: one row per changed field of a tactic or meeting action (who, when, from,
  to), named by kind and key so that the history outlives an import;
- ``groups.kind`` and ``groups.contact``: an owner may be an organisation outside the team
  (the RSS, ONS Geography), kept with the person the team deals with there and never nudged.

Revision ID: 0014_plan_history
Revises: 0011_reminder_settings
Create Date: 2026-12-03 18:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0014_plan_history"
down_revision = "0011_reminder_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_edits")),
    )
    op.create_index("ix_plan_edits_item_key", "plan_edits", ["item", "key"])
    with op.batch_alter_table("groups") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="group")
        )
        batch.add_column(
            sa.Column("contact", sa.String(length=300), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("groups") as batch:
        batch.drop_column("contact")
        batch.drop_column("kind")
    op.drop_index("ix_plan_edits_item_key", table_name="plan_edits")
    op.drop_table("plan_edits")
