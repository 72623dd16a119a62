"""standard questions: the recommended question, its options and rules, kept with each standard

The compliance check compares a draft survey question with these. Existing entries get empty
values: a standard without a question is never a check's answer.

Revision ID: 0018_standard_questions
Revises: 0013_contact_history
Create Date: 2026-12-03 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_standard_questions"
down_revision = "0013_contact_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("standards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("question", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("options", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(
            sa.Column("response", sa.String(length=20), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("base", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("concept", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(sa.Column("rules", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("standards", schema=None) as batch_op:
        for column in ("rules", "concept", "base", "response", "options", "question"):
            batch_op.drop_column(column)
