"""Upgrading to claims by person id sends nothing twice: old keys are rewritten in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from storage.migrate import upgrade

AT = datetime(2026, 9, 10, 8, 30, tzinfo=UTC)


def test_name_keys_become_id_keys_and_stored_queries_count_as_announced(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0008_query_refs")
    with engine.begin() as db:
        db.execute(
            sa.text(
                "INSERT INTO people (id, name, email, role, organisation, slack_id, teams_id,"
                " aliases) VALUES (7, 'Pete Brodie', '', 'member', '', '', '', '[]')"
            )
        )
        for key, person in (
            ("tactic:2026/20:before7:2026-09-17:Pete Brodie", "Pete Brodie"),
            ("unreachable:Pete Brodie:tactic:2026/20", "Pete Brodie"),
            ("digest:2026-W37", "team"),
        ):
            db.execute(
                sa.text(
                    "INSERT INTO claims (key, kind, person, item, claimed_at, channel)"
                    " VALUES (:key, 'before', :person, '', :at, 'slack')"
                ),
                {"key": key, "person": person, "at": AT},
            )
        db.execute(
            sa.text(
                "INSERT INTO inbox_queries (key, ref, thread, received_at, sender_name,"
                " sender_email, organisation, org_type, user_group, subject, summary, standard,"
                " state, assignee) VALUES ('m1@example.org', 'abc123', 'm1@example.org', :at,"
                " '', '', '', '', '', '', '', '', 'new', '')"
            ),
            {"at": AT},
        )
    upgrade(engine)
    with engine.connect() as db:
        keys = set(db.execute(sa.text("SELECT key FROM claims")).scalars())
    assert keys == {
        "tactic:2026/20:before7:2026-09-17:7",
        "unreachable:7:tactic:2026/20",
        "digest:2026-W37",
        "inbox_notice:m1@example.org",
    }
    engine.dispose()
