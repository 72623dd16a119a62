"""Benchmark of the standards ranking: accuracy on the evaluation set and lookup latency.

Run from the repository root:

    .venv/bin/python bench/bench_standards.py            # the table
    .venv/bin/python bench/bench_standards.py --fit      # refit the calibration (tune split only)

Accuracy is reported per split (tune, holdout) for the ranker and for plain BM25, in the same
run. "No standard" precision and recall treat "not answered" as the positive class. Latency is
measured in process with a fresh (cold-cache) index at 40 entries and at 5,000 synthetic
entries made from the real ones under made-up names.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from logistic import fit_logistic  # noqa: E402

from commplan.ranking import (  # noqa: E402
    Calibration,
    Features,
    Lookup,
    PlainBM25Index,
    StandardsIndex,
)
from commplan.standards import Standard  # noqa: E402
from tests.eval.catalogue import load_sample_standards  # noqa: E402

QUESTIONS = ROOT / "tests" / "eval" / "standards_questions.csv"
SYNTHETIC_SIZE = 5_000


@dataclass(frozen=True, kw_only=True)
class Question:
    text: str
    expected: str
    split: str


@dataclass(frozen=True, kw_only=True)
class Scores:
    top1: float
    top3: float
    answered_right: float
    none_precision: float
    none_recall: float
    brier: float
    n_answerable: int
    n_none: int


def load_questions(splits: Iterable[str]) -> list[Question]:
    wanted = set(splits)
    with QUESTIONS.open(newline="", encoding="utf-8") as fh:
        return [
            Question(text=r["question"], expected=r["expected"], split=r["split"])
            for r in csv.DictReader(fh)
            if r["split"] in wanted
        ]


def evaluate(lookup: Callable[[str], Lookup], questions: Sequence[Question]) -> Scores:
    top1 = top3 = right = 0
    true_none = flagged = flagged_right = 0
    # Brier score of the best match's score against "the best match is the right entry".
    squared_errors = []
    answerable = [q for q in questions if q.expected]
    for q in questions:
        result = lookup(q.text)
        names = [m.standard.name for m in result.matches]
        best = result.matches[0].score if result.matches else 0.0
        squared_errors.append((best - float(names[:1] == [q.expected])) ** 2)
        if not result.answered:
            flagged += 1
            flagged_right += not q.expected
        if not q.expected:
            true_none += 1
            continue
        top1 += names[:1] == [q.expected]
        top3 += q.expected in names[:3]
        right += result.answered and names[:1] == [q.expected]
    n = max(len(answerable), 1)
    return Scores(
        top1=top1 / n,
        top3=top3 / n,
        answered_right=right / n,
        none_precision=flagged_right / flagged if flagged else 0.0,
        none_recall=flagged_right / true_none if true_none else 0.0,
        brier=statistics.fmean(squared_errors) if squared_errors else 0.0,
        n_answerable=len(answerable),
        n_none=true_none,
    )


# --- synthetic catalogue -------------------------------------------------------------------

_SYLLABLE_TEXT = "ka lo ven tar mir sol dun bre fal gor hin jas kel lum nor pel quin ros tev wil"
_SYLLABLES = tuple(_SYLLABLE_TEXT.split())
_KINDS = ("pilot module", "regional variant", "administrative extract", "panel version")


def _made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthesise(real: Sequence[Standard], size: int, seed: int = 7) -> list[Standard]:
    """``size`` plausible entries derived from ``real`` with distinct made-up names."""
    rng = random.Random(seed)
    out = list(real)
    taken = {s.name for s in real}
    while len(out) < size:
        base = real[len(out) % len(real)]
        word = _made_up_word(rng)
        name = f"{word} {base.topic.lower()} {rng.choice(_KINDS)}"
        if name in taken:
            continue
        taken.add(name)
        synonyms = tuple(rng.sample(base.synonyms, k=min(3, len(base.synonyms))))
        out.append(
            Standard(
                name=name,
                topic=base.topic,
                covers=f"{base.covers} Adapted for the {word} collection.",
                group=base.group,
                synonyms=(*synonyms, f"{word} module"),
                status="Draft",
            )
        )
    return out


def _typo(text: str, rng: random.Random) -> str:
    chars = list(text)
    spots = [i for i, ch in enumerate(chars[:-1]) if ch.isalpha() and chars[i + 1].isalpha()]
    if spots:
        i = rng.choice(spots)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def latency_ms(lookup: Callable[[str], Lookup], queries: Sequence[str]) -> tuple[float, float]:
    samples = []
    for q in queries:
        start = time.perf_counter()
        lookup(q)
        samples.append((time.perf_counter() - start) * 1000.0)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94]


# --- calibration fit (tune split only) ------------------------------------------------------


def best_threshold(best_scores: Sequence[tuple[float, bool, bool]]) -> float:
    """Threshold maximising right decisions; each item is (top score, answerable, top right).

    A right decision is answering with the right entry, or declining a question no standard
    covers. Ties are broken by the middle of the widest best interval.
    """
    cuts = sorted({0.0, 1.0, *(s for s, _, _ in best_scores)})

    def gain(t: float) -> int:
        return sum(
            (s >= t and answerable and right) or (s < t and not answerable)
            for s, answerable, right in best_scores
        )

    gains = [gain(t) for t in cuts]
    top = max(gains)
    best = [i for i, g in enumerate(gains) if g == top]
    run_start = best[0]
    widest = (0.0, best[0], best[0])
    for prev, cur in zip(best, best[1:] + [-1], strict=True):
        if cur != prev + 1:
            lo = cuts[run_start - 1] if run_start > 0 else 0.0
            width = cuts[prev] - lo
            if width >= widest[0]:
                widest = (width, run_start, prev)
            run_start = cur
    _, first, last = widest
    lower = cuts[first - 1] if first > 0 else 0.0
    return round((lower + cuts[last]) / 2.0, 3)


def fit(standards: Sequence[Standard]) -> None:
    tune = load_questions(["tune"])
    index = StandardsIndex.build(standards)
    rows = [
        (c.features.vector(), int(c.standard.name == q.expected))
        for q in tune
        for c in index.candidates(q.text)
    ]
    beta = fit_logistic(rows, 0.05, rounds=50, tolerance=1e-8)
    calibration = Calibration(
        intercept=round(beta[0], 3), weights=tuple(round(b, 3) for b in beta[1:]), threshold=0.5
    )
    fitted = StandardsIndex.build(standards, calibration=calibration)
    outcomes = []
    for q in tune:
        result = fitted.lookup(q.text)
        top = result.matches[0] if result.matches else None
        outcomes.append(
            (
                top.score if top else 0.0,
                bool(q.expected),
                top is not None and top.standard.name == q.expected,
            )
        )
    calibration = replace(calibration, threshold=best_threshold(outcomes))
    plain = PlainBM25Index.build(standards)
    plain_outcomes = []
    for q in tune:
        result = plain.lookup(q.text)
        top = result.matches[0] if result.matches else None
        plain_outcomes.append(
            (
                top.score if top else 0.0,
                bool(q.expected),
                top is not None and top.standard.name == q.expected,
            )
        )
    print(f"fitted on {len(tune)} tune questions, {len(rows)} candidate rows")
    print("features:", ", ".join(Features.__dataclass_fields__))
    print(f"ranker calibration: {calibration!r}")
    print(f"plain BM25 threshold: {best_threshold(plain_outcomes)}")


# --- report ---------------------------------------------------------------------------------


def report(standards: Sequence[Standard], splits: Sequence[str]) -> None:
    ranker = StandardsIndex.build(standards)
    plain = PlainBM25Index.build(standards)
    print("accuracy (top-1/top-3 over answerable questions; 'no standard' = not answered)")
    header = (
        f"{'split':8} {'index':11} {'n':>4} {'top-1':>6} {'top-3':>6} {'ans+right':>9} "
        f"{'none-P':>7} {'none-R':>7} {'brier':>6}"
    )
    print(header)
    print("-" * len(header))
    for split in splits:
        questions = load_questions([split])
        for label, index in (("ranker", ranker), ("plain-bm25", plain)):
            s = evaluate(index.lookup, questions)
            print(
                f"{split:8} {label:11} {s.n_answerable + s.n_none:>4} {s.top1:>6.3f} "
                f"{s.top3:>6.3f} {s.answered_right:>9.3f} {s.none_precision:>7.3f} "
                f"{s.none_recall:>7.3f} {s.brier:>6.3f}"
            )
    rng = random.Random(11)
    base = [q.text for q in load_questions(["tune", "holdout"])]
    queries = base + [_typo(q, rng) for q in base] + [_typo(_typo(q, rng), rng) for q in base]
    print()
    print(f"lookup latency, in process, cold caches, {len(queries)} queries (ms)")
    header = f"{'entries':>8} {'index':11} {'build':>8} {'p50':>7} {'p95':>7}"
    print(header)
    print("-" * len(header))
    for size in (len(standards), SYNTHETIC_SIZE):
        catalogue = synthesise(standards, size)
        kinds: tuple[tuple[str, type[StandardsIndex] | type[PlainBM25Index]], ...] = (
            ("ranker", StandardsIndex),
            ("plain-bm25", PlainBM25Index),
        )
        for label, kind in kinds:
            start = time.perf_counter()
            index = kind.build(catalogue)
            build_ms = (time.perf_counter() - start) * 1000.0
            p50, p95 = latency_ms(index.lookup, queries)
            print(f"{size:>8} {label:11} {build_ms:>8.1f} {p50:>7.3f} {p95:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit calibration on the tune split")
    parser.add_argument("--splits", default="tune,holdout", help="comma-separated splits to report")
    args = parser.parse_args()
    standards = load_sample_standards()
    if args.fit:
        fit(standards)
    else:
        report(standards, [s for s in args.splits.split(",") if s])


if __name__ == "__main__":
    main()
