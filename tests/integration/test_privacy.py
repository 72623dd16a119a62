"""Erasure reaches every table, and retention the web chat's notices, on SQLite and PostgreSQL.

A person is seeded into every column that may hold a name, an address or a chat id; after
``contacts erase`` no column of any table holds them, and the baseline counts the same. The
tables are read from the schema itself: a table or text column added later fails
:func:`test_every_text_column_is_declared_personal_or_not` until it is declared below, and a
declared personal column fails the erasure test until the seed puts the person in it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import JSON, Engine, String, Text, cast, select

from adapters.bootstrap import Runtime, build_intake, build_messenger, build_runtime
from adapters.settings import load_settings
from bot.messages import Reply
from bot.views.inbox import new_query_reply
from storage.tables import Base
from tests.integration.cli import Cli
from tests.integration.jane_everywhere import (
    JANE,
    SENDER,
    SPELLINGS,
    SUMMARY,
    import_query,
    seed_jane_everywhere,
)


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    return cli


@pytest.fixture
def runtime(cli: Cli) -> Iterator[Runtime]:
    runtime = build_runtime(load_settings())
    yield runtime
    runtime.engine.dispose()


def team_notices(runtime: Runtime) -> list[str]:
    with runtime.uow() as uow:
        return [n.text for n in uow.notices.after(["#team", "Pete Brodie"])]


def test_erasing_a_person_removes_every_notice_that_mentions_their_address(
    cli: Cli, runtime: Runtime, tmp_path: Path
) -> None:
    import_query(cli, tmp_path)
    with runtime.uow() as uow:
        query = uow.queries.get("q1@leeds.gov.uk")
    assert query is not None
    messenger = build_messenger(runtime)  # no Slack or Teams: the notices table
    reply = new_query_reply(query, build_intake(runtime).standards)
    assert asyncio.run(messenger.send_team(reply)) == "web"
    # A notice that does not mention the address stays put.
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
    assert pete is not None
    asyncio.run(messenger.send_direct(pete, Reply(text="Overdue: Tactic 10")))
    stored = team_notices(runtime)
    assert len(stored) == 2 and SENDER.lower() in stored[0].lower()

    result = cli.ok("contacts", "erase", "--email", SENDER.upper())
    assert "1 inbox queries" in result.out

    assert team_notices(runtime) == ["Overdue: Tactic 10"]
    with runtime.uow() as uow:
        left = uow.notices.after(["#team", "Pete Brodie", "Becki Aquilina"])
    assert not any(SUMMARY in repr(n.payload) or SUMMARY in n.text for n in left)


def test_retention_deletes_notices_older_than_the_period(cli: Cli, runtime: Runtime) -> None:
    now = runtime.clock.now()
    days = runtime.settings.retention_days
    with runtime.uow() as uow:
        uow.notices.add("#team", "New query from an old sender", now - timedelta(days=days + 1))
        uow.notices.add("#team", "New query from a recent one", now - timedelta(days=days - 1))
        uow.commit()
    cli.ok("contacts", "retention")
    assert team_notices(runtime) == ["New query from a recent one"]


# -- every table ----------------------------------------------------------------------------

#: The columns that may hold a person's name, address or chat ids, by table.
PERSONAL: dict[str, set[str]] = {
    "people": {"name", "email", "slack_id", "teams_id", "aliases"},
    "groups": {"contact"},
    "tactics": {"owners", "notes"},
    "tactic_status_changes": {"by", "note"},
    "meeting_actions": {"text", "responsible", "update"},
    "standards": {"owner"},
    "contacts": {"name", "email", "summary", "dedupe_key"},
    "contact_changes": {"changed_by", "before", "after"},
    "import_batches": {"source", "by", "changes"},
    "reminder_settings": {"person"},
    "plan_edits": {"old", "new", "by"},
    "champion_updates": {"key", "harmonised", "blocked"},
    "reminder_snoozes": {"person"},
    "questions": {"key", "text", "asker"},
    "drafts": {"key", "data"},
    "claims": {"key", "person", "item"},
    "notices": {"person", "text", "payload"},
    "conversation_refs": {"conversation_id", "user_id", "payload"},
    "inbox_queries": {
        "key",
        "thread",
        "sender_name",
        "sender_email",
        "subject",
        "summary",
        "assignee",
    },
}

#: The text columns that never hold one: the plan, the catalogue, the directory of
#: organisations, and what the baseline counts.
NOT_PERSONAL: dict[str, set[str]] = {
    "plans": {"title", "objectives", "key_messages"},
    "tactics": {"phase", "name", "purpose", "audience", "timing", "status", "objectives"},
    "tactic_status_changes": {"status"},
    "people": {"role", "organisation"},
    "groups": {"name", "aliases", "kind"},
    "meetings": {"title"},
    "meeting_actions": {"paragraph"},
    "organisations": {"name", "org_type", "user_group"},
    "organisation_domains": {"domain"},
    "contacts": {"channel", "direction", "organisation", "org_type", "user_group", "standard"},
    "contact_changes": {"kind", "field"},
    # Counts per day by type, group, topic, channel and direction: no person in them.
    "contact_counts": {"field", "value"},
    "import_batches": {"kind"},
    "reminder_settings": {"ahead_days", "quiet_days"},
    "plan_edits": {"item", "key", "field"},
    "champions": {"organisation"},
    "champion_updates": {"organisation", "quarter"},
    "reminder_snoozes": {"item"},
    "standards": {
        *("name", "topic", "group_name", "covers", "synonyms", "related", "status", "url"),
        *("question", "options", "response", "base", "concept", "rules"),
    },
    "questions": {"best_match", "feedback"},
    "claims": {"kind", "channel"},
    "conversation_refs": {"platform", "kind", "service_url", "tenant_id"},
    "inbox_queries": {"ref", "organisation", "org_type", "user_group", "standard", "state"},
    "mailbox_cursors": {"mailbox", "cursor"},
}


def text_columns() -> dict[str, set[str]]:
    """Every string or JSON column of every table in the schema, by table."""
    found: dict[str, set[str]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | JSON):
                found.setdefault(table.name, set()).add(column.name)
    return found


def test_every_text_column_is_declared_personal_or_not() -> None:
    undeclared = {
        f"{table}.{column}"
        for table, columns in text_columns().items()
        for column in columns
        if column not in PERSONAL.get(table, set()) | NOT_PERSONAL.get(table, set())
    }
    assert not undeclared, (
        "declare these columns in PERSONAL (and seed the person into them) or NOT_PERSONAL: "
        + ", ".join(sorted(undeclared))
    )
    both = {f"{t}.{c}" for t, cs in PERSONAL.items() for c in cs & NOT_PERSONAL.get(t, set())}
    assert not both
    gone = {f"{t}.{c}" for t, cs in PERSONAL.items() for c in cs - text_columns().get(t, set())}
    assert not gone, "declared personal but not in the schema"


def holding_her(engine: Engine) -> dict[str, set[str]]:
    """Which personal columns of which tables hold one of her spellings, read as raw text."""
    found: dict[str, set[str]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = PERSONAL.get(table.name, set())
            if not columns:
                continue
            for row in connection.execute(
                select(*(cast(table.c[c], Text).label(c) for c in sorted(columns)))
            ).mappings():
                for column in columns:
                    value = (row[column] or "").lower()
                    # JSON escapes nothing in these spellings, so the raw text shows them.
                    if any(spelling.lower() in value for spelling in SPELLINGS):
                        found.setdefault(table.name, set()).add(column)
    return found


def test_erasure_leaves_no_trace_in_any_table_and_the_baseline_counts_the_same(
    cli: Cli, runtime: Runtime, tmp_path: Path
) -> None:
    seed_jane_everywhere(cli, runtime, tmp_path)
    # The seed reaches every column that may hold her, so that the check below means something.
    assert holding_her(runtime.engine) == PERSONAL
    counts = {
        by: cli.ok("report", "baseline", "--json", "--by", by).json()
        for by in ("org_type", "user_group", "organisation", "standard", "month")
    }

    result = cli.ok("contacts", "erase", "--email", f" {SENDER.upper()} ")

    assert result.out.startswith(
        f"erased {SENDER.lower()}: 3 contacts, 3 inbox queries, 2 questions, 2 notices, "
        "8 chat records, 5 plan entries, 1 directory entries"
    )
    assert holding_her(runtime.engine) == {}
    for by, before in counts.items():
        assert cli.ok("report", "baseline", "--json", "--by", by).json() == before, by
    with runtime.uow() as uow:
        people = {p.name: p for p in uow.people.all()}
        placeholder = next(name for name in people if name.startswith("Erased person "))
        assert people[placeholder].organisation == "Leeds City Council"
        assert all(placeholder not in g.members for g in uow.groups.all())
        # Her tactic keeps an owner to reassign; the colleague's words keep their sense.
        assert placeholder in uow.tactics.all()[0].owners
        tom = uow.contacts.get("meeting:2026-09-08:tom")
        assert tom is not None and tom.summary == (
            "Tom passed on [erased]'s question ([erased]) about ethnicity"
        )
        assert uow.notices.after([JANE, "#team", placeholder]) == []
