"""Exactly one clock works at a time, on PostgreSQL (advisory lock) and SQLite (file lock)."""

from __future__ import annotations

from storage.engine import make_engine
from storage.leader import ClockLock


def test_a_second_clock_waits_until_the_first_lets_go(database_url: str) -> None:
    engines = [make_engine(database_url), make_engine(database_url)]
    first, second = ClockLock(engines[0]), ClockLock(engines[1])
    try:
        assert first.try_acquire()
        assert first.still_held()
        assert not second.try_acquire()
        first.release()
        assert second.try_acquire()
        second.release()
    finally:
        for engine in engines:
            engine.dispose()
