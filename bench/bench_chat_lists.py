"""Benchmark: chat lists at 1,000,000 contacts and 10,000 tactics, through the real bot core.

Each question goes through ``BotCore.handle`` as every chat calls it (the turn begun, the
asker identified, the command routed, its one service call, the reply built), asked by a
team member on 3 December 2026. Beside each is its anchor: the plain SQL that gives the same
rows and count. The data is bulk SQL (a recursive CTE on SQLite, ``generate_series`` on
PostgreSQL): contacts logged day by day over 2025 and 2026 (about 1,400 a day, in the order
they arrived, as the inbox and the chat log them), 400 directory organisations of which 100
were never heard from, 10,000 tactics across the plan year.

Budget (issue 17): every chat list answers in under 100 ms at this size.
Run: .venv/bin/python bench/bench_chat_lists.py [--contacts 1000000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seeding import analyze, postgres_schema  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

from adapters.bootstrap import build_bot, build_runtime, migrate  # noqa: E402
from adapters.settings import load_settings  # noqa: E402
from bot.core import BotCore  # noqa: E402
from bot.messages import Actor, Incoming, Reply  # noqa: E402
from commplan.sample import load_sample  # noqa: E402
from commplan.services.seeding import seed  # noqa: E402

AT = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
TACTICS = 10_000
ORGANISATIONS = 400
HEARD_FROM = 300  # organisations 0-299 have contacts; 300-399 never
ASKER = "Becki Aquilina"  # a team member in the sample roster
RUNS = 30

#: The questions, each with its anchor: plain SQL giving the same rows and count.
QUESTIONS: list[tuple[str, list[str]]] = [
    (
        "who contacted us last month",
        [
            "SELECT count(*) FROM contacts WHERE occurred_on BETWEEN '2026-11-01' AND '2026-11-30'",
            (
                "SELECT * FROM contacts WHERE occurred_on BETWEEN '2026-11-01' AND '2026-11-30' "
                "ORDER BY occurred_on DESC, id DESC LIMIT 10"
            ),
        ],
    ),
    (
        "contacts this week",
        [
            "SELECT count(*) FROM contacts WHERE occurred_on BETWEEN '2026-11-30' AND '2026-12-03'",
            (
                "SELECT * FROM contacts WHERE occurred_on BETWEEN '2026-11-30' AND '2026-12-03' "
                "ORDER BY occurred_on DESC, id DESC LIMIT 10"
            ),
        ],
    ),
    (
        "what's overdue",
        [
            "SELECT count(*) FROM tactics WHERE status = 'planned' AND due_end < '2026-12-03'",
            (
                "SELECT * FROM tactics WHERE status = 'planned' AND due_end < '2026-12-03' "
                "ORDER BY due_end, number LIMIT 10"
            ),
        ],
    ),
    (
        "who has gone quiet",
        [
            "SELECT organisation, max(occurred_on) FROM contacts GROUP BY organisation",
            "SELECT user_group, max(occurred_on) FROM contacts GROUP BY user_group",
        ],
    ),
    (
        "my tactics",
        [
            "SELECT count(*) FROM tactics WHERE status NOT IN ('complete', 'cancelled')",
            (
                "SELECT * FROM tactics WHERE status NOT IN ('complete', 'cancelled') "
                "ORDER BY number LIMIT 10"
            ),
        ],
    ),
    (
        "tactics owned by the harmonisation team",
        [
            "SELECT count(*) FROM tactics WHERE status NOT IN ('complete', 'cancelled')",
            (
                "SELECT * FROM tactics WHERE status NOT IN ('complete', 'cancelled') "
                "ORDER BY number LIMIT 10"
            ),
        ],
    ),
    (
        "what's due in March",
        [
            (
                "SELECT count(*) FROM tactics WHERE due_start <= '2026-03-31' "
                "AND due_end >= '2026-03-01'"
            ),
            (
                "SELECT * FROM tactics WHERE due_start <= '2026-03-31' AND due_end >= '2026-03-01' "
                "ORDER BY number LIMIT 10"
            ),
        ],
    ),
    (
        "search tactics webinar",
        [
            "SELECT count(*) FROM tactics WHERE lower(name) LIKE '%webinar%'",
            "SELECT * FROM tactics WHERE lower(name) LIKE '%webinar%' ORDER BY number LIMIT 10",
        ],
    ),
]


def _contacts_sql(dialect: str) -> str:
    columns = (
        "occurred_on, channel, direction, name, email, organisation, org_type, user_group, "
        "standard, summary, dedupe_key, topic_confidence"
    )
    # Organisation i % 300; its type and user group follow from it, as the directory says.
    values = """
        {day}, 'inbox', 'inbound', 'Person ' || i, 'person' || i || '@example.org',
        'Organisation ' || (i % {heard}),
        CASE (i % {heard}) % 4 WHEN 0 THEN 'Local Government' WHEN 1 THEN 'NHS'
            WHEN 2 THEN 'Charity' ELSE 'Central Government Department' END,
        CASE (i % {heard}) % 4 WHEN 0 THEN 'Sub national organisations'
            WHEN 1 THEN 'Other government departments' WHEN 2 THEN 'Voluntary and Community sector'
            ELSE 'Major policy customers' END,
        'Ethnicity harmonised standard', 'Asked about the ethnicity standard',
        'bench:' || i, 0.9
    """
    if dialect == "postgresql":
        day = "DATE '2025-01-01' + ((i::bigint * 702) / :count)::int"
        return (
            f"INSERT INTO contacts ({columns}) SELECT "
            + values.format(day=day, heard=HEARD_FROM)
            + " FROM generate_series(1, :count) AS i"
        )
    day = "date('2025-01-01', '+' || ((i * 702) / :count) || ' days')"
    return (
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
        f"INSERT INTO contacts ({columns}) SELECT "
        + values.format(day=day, heard=HEARD_FROM)
        + " FROM n"
    )


def _tactics_sql(dialect: str) -> str:
    columns = (
        "plan_id, number, phase, name, purpose, audience, timing, due_start, due_end, owners, "
        "status, objectives, notes, snoozed_until"
    )
    if dialect == "postgresql":
        start = "DATE '2026-01-01' + (i % 360)"
        end = "DATE '2026-01-01' + (i % 360) + (i % 20)"
        series = "generate_series(1, :count) AS i"
        phase = "'Q' || (1 + (i % 360) / 90)"
    else:
        start = "date('2026-01-01', '+' || (i % 360) || ' days')"
        end = "date('2026-01-01', '+' || ((i % 360) + (i % 20)) || ' days')"
        series = "n"
        phase = "'Q' || (1 + (i % 360) / 90)"
    names = (
        "CASE i % 3 WHEN 0 THEN 'Webinar ' || i WHEN 1 THEN 'Blog post ' || i "
        "ELSE 'Newsletter ' || i END"
    )
    owners = "CASE i % 2 WHEN 0 THEN '[\"Becki Aquilina\"]' ELSE '[\"The harmonisation team\"]' END"
    status = "CASE WHEN i % 10 = 0 THEN 'complete' ELSE 'planned' END"
    select = (
        f"SELECT (SELECT id FROM plans WHERE year = 2026), 1000 + i, {phase}, {names}, "
        f"'To reach users', 'GSS', 'bench', {start}, {end}, {owners}, {status}, '[]', '', NULL "
        f"FROM {series}"
    )
    if dialect == "postgresql":
        return f"INSERT INTO tactics ({columns}) " + select.replace("{owners}", owners).replace(
            ", '[]',", ", '[]'::json,"
        ).replace(f"{owners},", f"({owners})::json,")
    return (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
        f"INSERT INTO tactics ({columns}) " + select
    )


def _organisations_sql(dialect: str) -> str:
    series = "generate_series(0, :count - 1) AS i" if dialect == "postgresql" else "n"
    head = (
        ""
        if dialect == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1) "
    )
    return (
        f"{head}INSERT INTO organisations (name, org_type, user_group) "
        f"SELECT 'Organisation ' || i, 'Other', '' FROM {series}"
    )


def populate(engine: Engine, contacts: int) -> None:
    dialect = engine.dialect.name
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(text(_contacts_sql(dialect)), {"count": contacts})
        connection.execute(text(_tactics_sql(dialect)), {"count": TACTICS})
        connection.execute(text(_organisations_sql(dialect)), {"count": ORGANISATIONS})
    analyze(engine)
    print(
        f"  seeded {contacts:,} contacts and {TACTICS:,} tactics in "
        f"{time.perf_counter() - started:.0f} s"
    )


def ask(bot: BotCore, question: str) -> tuple[float, Reply]:
    incoming = Incoming(
        actor=Actor(platform="cli", user_id="bench", name=ASKER), text=question, at=AT
    )
    started = time.perf_counter()
    reply = bot.handle(incoming)
    return (time.perf_counter() - started) * 1000, reply


def anchor_ms(engine: Engine, statements: list[str]) -> float:
    started = time.perf_counter()
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement)).all()
    return (time.perf_counter() - started) * 1000


def percentiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times), cuts[-1]


def measure(label: str, url: str, contacts: int) -> list[str]:
    runtime = build_runtime(load_settings(environ={"DATABASE_URL": url}))
    migrate(runtime)
    seed(runtime.uow(), load_sample(2026), at=AT)
    populate(runtime.engine, contacts)
    bot = build_bot(runtime)
    failures = []
    try:
        print(
            f"{'database':<9} {'question':<42} {'p50 ms':>7} {'p95 ms':>7} {'chars':>6} "
            f"{'total':>7} {'anchor p50':>10} {'x anchor':>8}"
        )
        for question, statements in QUESTIONS:
            ask(bot, question)  # warm: the first turn builds the catalogue index
            runs = [ask(bot, question) for _ in range(RUNS)]
            times = [ms for ms, _ in runs]
            reply = runs[-1][1]
            anchors = [anchor_ms(runtime.engine, statements) for _ in range(RUNS)]
            p50, p95 = percentiles(times)
            anchor = statistics.median(anchors)
            total = reply.data.get("count", reply.data.get("total", ""))
            print(
                f"{label:<9} {question:<42} {p50:7.1f} {p95:7.1f} {len(reply.text):6} "
                f"{total!s:>7} {anchor:10.1f} {p50 / anchor:8.1f}"
            )
            if reply.intent in ("error", "invalid", "not_allowed", "unknown"):
                failures.append(f"{label}: {question!r} answered {reply.intent}: {reply.text}")
            if p95 >= 100:
                failures.append(f"{label}: {question!r} p95 {p95:.0f} ms is over 100 ms")
        return failures
    finally:
        runtime.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    failures: list[str] = []
    if args.only != "postgres":
        print(f"SQLite, {args.contacts:,} contacts")
        with tempfile.TemporaryDirectory() as folder:
            failures += measure("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", args.contacts)
    if args.only != "sqlite":
        print(f"PostgreSQL, {args.contacts:,} contacts")
        with postgres_schema(args.postgres) as url:
            failures += measure("postgres", url, args.contacts)
    for failure in failures:
        print("OVER BUDGET or FAILED:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
