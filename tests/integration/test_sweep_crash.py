"""A sweep killed part-way loses nothing: the restart sends what the crash left unsent, and at
most the one message in flight goes twice. On PostgreSQL, 10,000 people, SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from adapters.calendar import uk_working_days
from commplan.people import Group, Person
from commplan.plan import DueWindow, Phase, Plan, Tactic
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.conftest import LONDON, migrated_database

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PEOPLE = 10_000
# Thursday 10 September 2026, a week before the conference every one of them owns.
AT = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with migrated_database("postgres", request, tmp_path) as url:
        yield url


def seed_everyone(url: str, start: date = date(2026, 9, 17)) -> list[str]:
    """10,000 people in one group that owns a tactic starting on ``start``: one nudge each."""
    names = [f"Owner {n:05d}" for n in range(PEOPLE)]
    engine = make_engine(url)
    with unit_of_work_factory(engine)() as repos:
        repos.plans.add(Plan(year=2026, title="Communication plan 2026"))
        for number, name in enumerate(names, start=1):
            repos.people.add(Person(name=name, email=f"owner{number}@example.org"))
        repos.groups.add(Group(name="Everyone", members=tuple(names)))
        repos.tactics.add(
            Tactic(
                plan_year=2026,
                number=20,
                name="GSS conference",
                phase=Phase.Q3,
                timing=f"{start:%-d %B}",
                window=DueWindow(start=start, end=start),
                owners=("Everyone",),
            )
        )
        repos.commit()
    engine.dispose()
    return names


def run_sweep(
    url: str, at: datetime, record: Path, *, capture: bool = False
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_sweep", url, at.isoformat(), str(record)],
        cwd=ROOT,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def lines(record: Path) -> list[str]:
    return record.read_text(encoding="utf-8").splitlines() if record.exists() else []


def test_a_sweep_killed_part_way_loses_no_message(postgres_url: str, tmp_path: Path) -> None:
    names = seed_everyone(postgres_url)
    record = tmp_path / "received.tsv"
    first = run_sweep(postgres_url, AT, record)
    deadline = time.monotonic() + 600
    while len(lines(record)) < PEOPLE // 4 and first.poll() is None:
        assert time.monotonic() < deadline, "the sweep sent nothing for ten minutes"
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    before = len(lines(record))
    assert first.returncode == -signal.SIGKILL
    assert 0 < before < PEOPLE, "the kill must land part-way through the sweep"
    # The next sweep, a quarter of an hour later: the killed one's claims have run out.
    restart = run_sweep(postgres_url, AT + timedelta(minutes=15), record, capture=True)
    out, _ = restart.communicate(timeout=1200)
    assert restart.returncode == 0
    received = Counter(line.split("\t")[0] for line in lines(record))
    missing = [name for name in names if name not in received]
    twice = {name: n for name, n in received.items() if n > 1}
    assert missing == []
    assert len(twice) <= 1 and all(n == 2 for n in twice.values()), twice
    assert set(received) == set(names)
    # The figures for the report: pytest -s shows them.
    sys.stdout.write(f"killed after {before} messages; restart sent {int(out)}; twice {twice}\n")


def test_a_clock_stopped_mid_sweep_stops_after_one_send_and_loses_nothing(
    postgres_url: str, tmp_path: Path
) -> None:
    now = datetime.now(LONDON)
    if not uk_working_days().is_working(now.date()) or now.hour < 10:
        pytest.skip("the clock sweeps at the real time: needs a working day after 10:00")
    names = seed_everyone(postgres_url, now.date() + timedelta(days=7))
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": postgres_url}
    environment = {k: v for k, v in environment.items() if not k.startswith(("SLACK_", "TEAMS_"))}
    log = (tmp_path / "clock.log").open("wb")
    clock = subprocess.Popen(
        [sys.executable, "-m", "adapters.cli.main", "clock"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 600
    while received(postgres_url) < PEOPLE // 4:
        assert clock.poll() is None, (tmp_path / "clock.log").read_text()
        assert time.monotonic() < deadline, "the clock sent nothing for ten minutes"
        time.sleep(0.05)
    clock.send_signal(signal.SIGTERM)
    assert clock.wait(timeout=120) == 0
    log.close()
    stopped_at = received(postgres_url)
    # It stopped after the message it was sending, not after the whole sweep ...
    assert stopped_at < PEOPLE
    # ... and gave the rest back: the next sweep sends them at once, each once.
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "nudges"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    counts = per_person(postgres_url)
    assert [n for n in names if counts.get(n) != 1] == []
    sys.stdout.write(f"SIGTERM after {stopped_at} messages; the next sweep sent the rest\n")


def received(url: str) -> int:
    return sum(per_person(url).values())


def per_person(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT person, count(*) FROM notices WHERE person <> '#team' GROUP BY person")
            )
            return {str(person): int(n) for person, n in rows}
    finally:
        engine.dispose()
