"""champion updates: harmonisation champions and the update each gives once a quarter

Revision ID: 0019_champion_updates
Revises: 0014_plan_history
Create Date: 2026-12-03 19:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_champion_updates"
down_revision = "0014_plan_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "champions",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_champions_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_champions")),
    )
    op.create_index(op.f("ix_champions_organisation"), "champions", ["organisation"])
    op.create_table(
        "champion_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("harmonised", sa.Text(), nullable=False),
        sa.Column("blocked", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_champion_updates_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_champion_updates")),
        sa.UniqueConstraint("key", name=op.f("uq_champion_updates_key")),
    )
    op.create_index(op.f("ix_champion_updates_quarter"), "champion_updates", ["quarter"])
    op.create_index(
        "ix_champion_updates_person_id_quarter", "champion_updates", ["person_id", "quarter"]
    )


def downgrade() -> None:
    op.drop_table("champion_updates")
    op.drop_table("champions")
