"""Benchmark: reading dates in chat (import, first call, later calls, cached calls).

dateparser is imported on the first phrase that needs it and loads its English data then, so
the first such phrase pays for both; :func:`commplan.when.warm_up` moves that to start-up.
Run in a fresh process: .venv/bin/python bench/bench_when.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
PHRASES = (
    "18 December", "by next Friday", "end of March", "in two weeks", "tomorrow", "the 3rd",
    "w/c 7 Dec", "Q1", "mid-January", "end of the month", "03/04/2027", "1st of Feb",
    "Friday 11 December", "3 weeks from today", "soonish", "the 45th",
)  # fmt: skip
NAMES = ("Pete Brodie by 18 December", "Jacqui Jones next Friday", "circulate the paper for Emma")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> int:
    started = time.perf_counter()
    from commplan import when

    print(f"import commplan.when: {_ms(time.perf_counter() - started)}")
    assert "dateparser" not in sys.modules, "commplan.when imported dateparser eagerly"

    started = time.perf_counter()
    when.parse_when("18 December", now=NOW)
    print(f"first call (imports dateparser, loads English): {_ms(time.perf_counter() - started)}")

    # Later calls on new days miss the cache, so each one runs the rules or dateparser.
    timings: dict[str, list[float]] = {"rules": [], "dateparser": []}
    for offset in range(1, 41):
        now = NOW + timedelta(days=offset)
        for phrase in PHRASES:
            started = time.perf_counter()
            when.parse_when(phrase, now=now)
            elapsed = time.perf_counter() - started
            needs_dateparser = any(c.isdigit() for c in phrase) and "/c" not in phrase
            timings["dateparser" if needs_dateparser else "rules"].append(elapsed)
    for kind, values in timings.items():
        print(
            f"warm, uncached, mostly {kind}: median {_ms(statistics.median(values))}, "
            f"max {_ms(max(values))} over {len(values)} calls"
        )

    cached = []
    for _ in range(200):
        started = time.perf_counter()
        when.parse_when("by next Friday", now=NOW)
        cached.append(time.perf_counter() - started)
    print(f"cached: median {_ms(statistics.median(cached))}")

    for text in NAMES:
        started = time.perf_counter()
        when.split_trailing_when(text + " ", now=NOW + timedelta(days=99))
        when.split_name(text + " ")
        print(f"split {text!r} (uncached): {_ms(time.perf_counter() - started)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
