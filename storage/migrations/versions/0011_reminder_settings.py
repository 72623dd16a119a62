"""reminder settings: each person's reminder settings and their own snoozes

Revision ID: 0011_reminder_settings
Revises: 0012_import_batches
Create Date: 2026-12-03 19:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_reminder_settings"
down_revision = "0012_import_batches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_settings",
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("ahead_days", sa.String(length=40), nullable=False),
        sa.Column("daily_summary", sa.Boolean(), nullable=False),
        sa.Column("quiet_days", sa.String(length=40), nullable=False),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("person", name=op.f("pk_reminder_settings")),
    )
    op.create_table(
        "reminder_snoozes",
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("item", sa.String(length=300), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("person", "item", name=op.f("pk_reminder_snoozes")),
    )


def downgrade() -> None:
    op.drop_table("reminder_snoozes")
    op.drop_table("reminder_settings")
