"""Benchmark of organisation resolution: accuracy per split and latency.

Run from the repository root:

    .venv/bin/python bench/bench_organisations.py          # the table
    .venv/bin/python bench/bench_organisations.py --misses # and every row it gets wrong

Accuracy is the share of typed names in tests/eval/organisations.csv whose organisation type,
user group and name (the directory's, or the typed one tidied when the directory does not list
it) come out as expected, per split. The holdout split was written before the resolver and is
reported here only; the unit tests enforce the tune split. Latency is per call against an
index built once from the shipped directory, over every typed name of both splits, with the
pattern cache cleared before each round so each call classifies afresh.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commplan.orgmatch import OrganisationIndex, resolve_organisation  # noqa: E402
from commplan.orgmatch.patterns import classify_words  # noqa: E402
from tests.eval.organisations import sample_directory, score, typed_names  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the rows it gets wrong")
    args = parser.parse_args()
    directory = sample_directory()
    started = time.perf_counter()
    index = OrganisationIndex.build(directory)
    built = time.perf_counter() - started
    print(f"directory: {len(index)} organisations, index built in {built * 1000:.1f} ms")
    print(f"{'split':8} {'rows':>5} {'type':>6} {'group':>6} {'name':>6}")
    rows = []
    for split in ("tune", "holdout"):
        typed = typed_names(split)
        rows.extend(typed)
        result = score(index, typed)
        print(
            f"{split:8} {result.rows:5d} {result.org_type:6.3f} {result.user_group:6.3f} "
            f"{result.name:6.3f}"
        )
        if args.misses:
            for miss in result.misses:
                print(f"    {miss}")
    timings = []
    for _ in range(20):
        classify_words.cache_clear()
        for row in rows:
            started = time.perf_counter()
            resolve_organisation(row.typed, index)
            timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(
        f"latency per call: median {statistics.median(timings) * 1e6:.0f} us, "
        f"p95 {p95 * 1e6:.0f} us, max {timings[-1] * 1e6:.0f} us ({len(timings)} calls)"
    )


if __name__ == "__main__":
    main()
