"""contact counts: contacts per day and counted field, so that reports read a small table

Revision ID: 0020_contact_counts
Revises: 0019_champion_updates
Create Date: 2026-12-03 21:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_contact_counts"
down_revision = "0019_champion_updates"
branch_labels = None
depends_on = None

# As storage.repositories.contact_counts counts them; written out here so that this
# migration keeps meaning what it meant when the code moves on.
_COUNTED = ("org_type", "user_group", "standard", "channel", "direction")


def upgrade() -> None:
    op.create_table(
        "contact_counts",
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("field", "day", "value", name=op.f("pk_contact_counts")),
        sqlite_with_rowid=False,
    )
    # Counts by organisation stay on the log: this index lets a date range read only it.
    op.create_index(
        "ix_contacts_occurred_on_organisation", "contacts", ["occurred_on", "organisation"]
    )
    op.execute(
        "INSERT INTO contact_counts (field, day, value, n) "
        "SELECT 'total', occurred_on, '', count(*) FROM contacts GROUP BY occurred_on"
    )
    for field in _COUNTED:
        op.execute(
            "INSERT INTO contact_counts (field, day, value, n) "
            f"SELECT '{field}', occurred_on, coalesce({field}, ''), count(*) FROM contacts "
            f"GROUP BY occurred_on, coalesce({field}, '')"
        )


def downgrade() -> None:
    op.drop_index("ix_contacts_occurred_on_organisation", table_name="contacts")
    op.drop_table("contact_counts")
