"""claims: the table of once-only keys, formerly "deliveries"

It holds far more than scheduled deliveries (platform message dedupe, sign-in nonces, digest
posts), so it is named for what it does.

Revision ID: 0007_claims
Revises: 0006_notice_payloads
Create Date: 2026-12-03 16:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0007_claims"
down_revision = "0006_notice_payloads"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.rename_table("deliveries", "claims")
    # SQLite keeps a primary key's name inside the table's SQL, where nothing compares it.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE claims RENAME CONSTRAINT pk_deliveries TO pk_claims")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE claims RENAME CONSTRAINT pk_claims TO pk_deliveries")
    op.rename_table("claims", "deliveries")
