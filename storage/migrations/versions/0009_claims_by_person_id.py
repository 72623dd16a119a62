"""claims by person id: keys name people by id, and queries already announced stay announced

Two changes of claim key, made in place so that the upgrade sends nothing twice:
- nudge and unreachable keys ended (or, for unreachable, began) with the person's display
  name; they now use the person's id, so that renaming someone does not re-send their nudges;
- the new-query notice is now claimed like every other message; every query stored before
  this revision was announced (or imported as an archive) by the code before it, so each gets
  its notice claim, already sent.

Revision ID: 0009_claims_by_person_id
Revises: 0008_query_refs
Create Date: 2026-12-03 16:30:00.000000
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009_claims_by_person_id"
down_revision = "0008_query_refs"
branch_labels = None
depends_on = None

_CLAIMS = sa.table(
    "claims",
    sa.column("key", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("person", sa.String()),
    sa.column("item", sa.String()),
    sa.column("claimed_at", sa.DateTime(timezone=True)),
    sa.column("sent_at", sa.DateTime(timezone=True)),
    sa.column("channel", sa.String()),
)
_PEOPLE = sa.table("people", sa.column("id", sa.Integer()), sa.column("name", sa.String()))
_QUERIES = sa.table("inbox_queries", sa.column("key", sa.String()))


def upgrade() -> None:
    bind = op.get_bind()
    ids = {name: str(number) for number, name in bind.execute(sa.select(_PEOPLE.c.id, _PEOPLE.c.name))}
    for key, person in bind.execute(sa.select(_CLAIMS.c.key, _CLAIMS.c.person)).all():
        renamed = _by_id(key, person, ids.get(person))
        if renamed != key:
            bind.execute(
                sa.update(_CLAIMS).where(_CLAIMS.c.key == key).values(key=renamed)
            )
    now = datetime.now(UTC)
    claimed = {k for (k,) in bind.execute(sa.select(_CLAIMS.c.key))}
    owed = [
        {
            "key": f"inbox_notice:{key}",
            "kind": "inbox_notice",
            "person": "team",
            "item": key[:300],
            "claimed_at": now,
            "sent_at": now,
            "channel": "before-claims",
        }
        for (key,) in bind.execute(sa.select(_QUERIES.c.key))
        if f"inbox_notice:{key}" not in claimed
    ]
    if owed:
        bind.execute(sa.insert(_CLAIMS), owed)


def _by_id(key: str, name: str, number: str | None) -> str:
    """The key with the person's display name (held in the claim's person column) as an id."""
    if number is None:
        return key
    if key.startswith(f"unreachable:{name}:"):
        return f"unreachable:{number}:" + key[len(f"unreachable:{name}:") :]
    if key.endswith(f":{name}"):
        return key[: -len(name)] + number
    return key


def downgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.delete(_CLAIMS).where(_CLAIMS.c.channel == "before-claims"))
    names = {str(number): name for number, name in bind.execute(sa.select(_PEOPLE.c.id, _PEOPLE.c.name))}
    for key, person in bind.execute(sa.select(_CLAIMS.c.key, _CLAIMS.c.person)).all():
        number = next((n for n, name in names.items() if name == person), None)
        if number is None:
            continue
        if key.startswith(f"unreachable:{number}:"):
            restored = f"unreachable:{person}:" + key[len(f"unreachable:{number}:") :]
        elif key.endswith(f":{number}"):
            restored = key[: -len(number)] + person
        else:
            continue
        bind.execute(sa.update(_CLAIMS).where(_CLAIMS.c.key == key).values(key=restored))
