"""Benchmark of one chat turn's understanding: read + plan_question + decide_topic.

Run from the repository root:

    .venv/bin/python bench/bench_understanding.py

Messages are the dev set's (tests/eval/understanding_dev.jsonl) as written ("short": most are
one to four sentences), and long posts of about 1,500 characters made from them: a greeting,
several sentences of other messages as context, the question, a signature block. Each is
timed in process against the shipped 38-entry catalogue (the brief's "40") and a synthetic
5,000-entry one (see bench_standards.py), with the index built once, as the bot does, and
every message different, so caches are only as warm as a real stream of new messages makes
them. Targets: p95 under 50 ms at 40 entries and under 100 ms at 5,000, long posts included.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_standards import synthesise  # noqa: E402

from commplan.ranking import StandardsIndex  # noqa: E402
from commplan.understanding import decide_topic, plan_question, read  # noqa: E402
from tests.eval.catalogue import load_sample_standards  # noqa: E402
from tests.eval.understanding import dev_messages  # noqa: E402

LONG_CHARS = 1_500
_GREETINGS = ("Hi team,", "Morning all :wave:", "Hello harmonisation team,", "<@U0BOT> hiya!")
_SIGNATURES = (
    (
        "Many thanks,\nJo\n\nJo Bloggs | Senior Research Officer | Somewhere City Council\n"
        "Tel: 0113 222 4444"
    ),
    "Best wishes\nDr A Smith\nPrincipal Analyst\nA Government Department\na.smith@example.gov.uk",
    "Cheers, Sam",
)


def long_messages(texts: Sequence[str], count: int, seed: int = 3) -> list[str]:
    """``count`` posts of about :data:`LONG_CHARS` characters made from ``texts``."""
    rng = random.Random(seed)
    sentences = [s.text for t in texts for s in read(t).sentences if len(s.text) > 30]
    found = []
    for n in range(count):
        question = texts[n % len(texts)]
        signature = rng.choice(_SIGNATURES)
        parts = [rng.choice(_GREETINGS)]
        while sum(map(len, parts)) + len(question) + len(signature) < LONG_CHARS - 80:
            parts.append(rng.choice(sentences))
        found.append("\n\n".join([parts[0], " ".join(parts[1:]), question, signature]))
    return found


def turn_ms(index: StandardsIndex, messages: Sequence[str]) -> list[float]:
    samples = []
    for text in messages:
        start = time.perf_counter()
        reading = read(text)
        if plan_question(reading) is None:
            decide_topic(reading, index)
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def main() -> None:
    real = load_sample_standards()
    texts = [e.text for e in dev_messages() if e.kind in ("topic", "none", "plan", "chat")]
    short = texts
    long = long_messages([e.text for e in dev_messages() if e.kind in ("topic", "none")], 150)
    print(
        f"{len(short)} short messages (median {statistics.median(map(len, short)):.0f} chars), "
        f"{len(long)} long (median {statistics.median(map(len, long)):.0f} chars)"
    )
    header = (
        f"{'entries':>8} {'build ms':>9} {'messages':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for size in (len(real), 5_000):
        start = time.perf_counter()
        index = StandardsIndex.build(synthesise(real, size))
        build = (time.perf_counter() - start) * 1000.0
        for label, messages in (("short", short), ("long", long), ("all", short + long)):
            samples = turn_ms(index, messages)
            cuts = statistics.quantiles(samples, n=100, method="inclusive")
            print(
                f"{size:>8} {build:>9.0f} {label:>9} {cuts[49]:>7.1f} {cuts[94]:>7.1f} "
                f"{max(samples):>7.1f}"
            )


if __name__ == "__main__":
    main()
