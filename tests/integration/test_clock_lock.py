"""Exactly one clock works at a time, on PostgreSQL (advisory lock) and SQLite (file lock)."""

from __future__ import annotations

from storage.engine import make_engine
from storage.leader import ClockLock


def test_a_second_clock_waits_until_the_first_lets_go(database_url: str) -> None:
    first = ClockLock(make_engine(database_url))
    second = ClockLock(make_engine(database_url))
    assert first.try_acquire()
    try:
        assert first.still_held()
        assert not second.try_acquire()
    finally:
        first.release()
    assert second.try_acquire()
    second.release()
