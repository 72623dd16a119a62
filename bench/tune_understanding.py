"""Fit and check the understanding layer's calibration on tuning data only.

Run from the repository root:

    .venv/bin/python bench/tune_understanding.py                 # accuracy + reliability
    .venv/bin/python bench/tune_understanding.py --fit           # refit, print coefficients
    .venv/bin/python bench/tune_understanding.py --extra PATH    # add an eval set's tune rows

The data: the tune split of tests/eval/standards_questions.csv, tests/eval/understanding_dev.jsonl
and the ``tune`` rows of any ``--extra`` JSON-lines file (other splits are never read). The
reliability table is computed from 5-fold cross-validated probabilities, so it shows how the
model does on messages it was not fitted on.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from logistic import fit_logistic  # noqa: E402

from commplan.ranking import StandardsIndex  # noqa: E402
from commplan.understanding import (  # noqa: E402
    DEFAULT_CALIBRATION,
    Calibration,
    Evidence,
    Model,
    Outcome,
    decide_mail_topic,
    decide_topic,
)
from commplan.understanding.evidence import EVIDENCE_NAMES  # noqa: E402
from tests.eval.catalogue import load_sample_standards  # noqa: E402
from tests.eval.understanding import Example, tuning_set  # noqa: E402

TOPIC_KINDS = ("topic", "none", "mail")


@dataclass(frozen=True, kw_only=True)
class Row:
    example: Example
    evidence: Evidence | None
    best: str
    right: int
    covered: int


def rows_for(index: StandardsIndex, examples: Sequence[Example]) -> list[Row]:
    found = []
    for ex in examples:
        if ex.kind not in TOPIC_KINDS:
            continue
        if ex.kind == "mail":
            decision = decide_mail_topic(ex.subject, ex.text, index)
        else:
            decision = decide_topic(ex.text, index)
        best = decision.matches[0].standard.name if decision.matches else ""
        found.append(
            Row(
                example=ex,
                evidence=decision.evidence,
                best=best,
                right=int(bool(ex.standard) and best == ex.standard),
                covered=int(bool(ex.standard)),
            )
        )
    return found


# --- logistic regression (Newton's method, L2) ------------------------------------------------


def fit(rows: Sequence[Row]) -> Calibration:
    usable = [r for r in rows if r.evidence is not None]
    right = fit_logistic([(r.evidence.vector(), r.right) for r in usable], 0.3)  # type: ignore[union-attr]
    covered = fit_logistic([(r.evidence.vector(), r.covered) for r in usable], 0.3)  # type: ignore[union-attr]

    def model(beta: list[float]) -> Model:
        weights = {n: round(b, 3) for n, b in zip(EVIDENCE_NAMES, beta[1:], strict=True)}
        return Model(intercept=round(beta[0], 3), weights=weights)

    return Calibration(right=model(right), covered=model(covered))


# --- evaluation ------------------------------------------------------------------------------


def outcome_of(row: Row, calibration: Calibration) -> tuple[Outcome, float]:
    if row.evidence is None:
        return Outcome.NONE, 0.0
    p = calibration.right.probability(row.evidence)
    covered = max(p, calibration.covered.probability(row.evidence))
    if p >= calibration.confident:
        return Outcome.CONFIDENT, p
    return (Outcome.NONE if covered < calibration.none_below else Outcome.UNSURE), p


def scores(
    rows: Sequence[Row], calibration: Calibration | dict[str, Calibration], label: str
) -> None:
    """Outcomes per origin; ``calibration`` may be one model or one per example id (CV)."""

    def model(r: Row) -> Calibration:
        return calibration if isinstance(calibration, Calibration) else calibration[r.example.id]

    by_origin: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_origin[r.example.origin].append(r)
        by_origin["all"].append(r)
    print(f"\n{label}")
    header = (
        f"{'origin':16} {'n':>4} {'top1':>5} {'ans-right':>9} {'unsure':>7} {'wrong':>6} "
        f"{'none-ok':>7} "
        f"{'none-unsure':>11} {'none-conf':>9} {'conf-prec':>9}"
    )
    print(header)
    print("-" * len(header))
    for origin, group in sorted(by_origin.items()):
        answerable = [r for r in group if r.covered]
        uncovered = [r for r in group if not r.covered]
        counts: Counter[str] = Counter()
        conf_right = conf = 0
        for r in group:
            outcome, _ = outcome_of(r, model(r))
            key = "a" if r.covered else "n"
            counts[f"{key}-{outcome.value}"] += 1
            if outcome is Outcome.CONFIDENT:
                conf += 1
                conf_right += r.right
                counts[f"{key}-conf-right"] += r.right
        na, nn = max(len(answerable), 1), max(len(uncovered), 1)
        print(
            f"{origin:16} {len(group):>4} {sum(r.right for r in answerable) / na:>5.2f} "
            f"{counts['a-conf-right'] / na:>9.3f} "
            f"{counts['a-unsure'] / na:>7.3f} "
            f"{(counts['a-confident'] - counts['a-conf-right']) / na:>6.3f} "
            f"{counts['n-none'] / nn:>7.3f} {counts['n-unsure'] / nn:>11.3f} "
            f"{counts['n-confident'] / nn:>9.3f} {conf_right / max(conf, 1):>9.3f}"
        )


def reliability(pairs: Sequence[tuple[float, int]]) -> None:
    print("\nreliability of P(right), 5-fold cross-validated")
    edges = (0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)
    print(f"{'bucket':>13} {'n':>5} {'mean p':>7} {'right':>7}")
    for lo, hi in zip(edges, edges[1:], strict=False):
        inside = [(p, y) for p, y in pairs if lo <= p < hi]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            acc = sum(y for _, y in inside) / len(inside)
            print(f"[{lo:.2f}, {min(hi, 1):.2f}) {len(inside):>5} {mean:>7.3f} {acc:>7.3f}")


def cross_validated(rows: Sequence[Row], folds: int = 5) -> list[tuple[Row, Calibration]]:
    shuffled = [r for r in rows if r.evidence is not None]
    random.Random(5).shuffle(shuffled)
    out = []
    for k in range(folds):
        train = [r for i, r in enumerate(shuffled) if i % folds != k]
        model = fit(train)
        out.extend((r, model) for i, r in enumerate(shuffled) if i % folds == k)
    # Messages with nothing to rank are "none" whatever the model.
    out.extend((r, out[0][1]) for r in rows if r.evidence is None)
    return out


def misses(rows: Sequence[Row], calibration: Calibration, limit: int) -> None:
    print("\nmisses (answerable not confident-right, or uncovered not 'none')")
    shown = 0
    for r in rows:
        outcome, p = outcome_of(r, calibration)
        ok = (r.covered and outcome is Outcome.CONFIDENT and r.right) or (
            not r.covered and outcome is Outcome.NONE
        )
        if ok or shown >= limit:
            continue
        shown += 1
        text = " ".join(r.example.text.split())[:110]
        expected = (r.example.standard or "NONE")[:28]
        print(
            f"  {r.example.id:6} {outcome.value:9} p={p:.2f} best={r.best[:28]!r} exp={expected!r}"
        )
        print(f"         {text}")


EVIDENCE_FILE = ROOT / "commplan" / "understanding" / "evidence.py"
BEGIN, END = "# --- fitted: begin\n", "# --- fitted: end\n"


def write(calibration: Calibration) -> None:
    """Replace the fitted block of commplan/understanding/evidence.py with ``calibration``."""

    def model(m: Model) -> str:
        weights = "".join(f'            "{n}": {m.weights[n]:.3f},\n' for n in EVIDENCE_NAMES)
        return (
            f"Model(\n        intercept={m.intercept:.3f},\n        weights={{\n{weights}"
            "        },\n    )"
        )

    block = (
        "DEFAULT_CALIBRATION = Calibration(\n"
        f"    right={model(calibration.right)},\n"
        f"    covered={model(calibration.covered)},\n"
        ")\n"
    )
    text = EVIDENCE_FILE.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    EVIDENCE_FILE.write_text(head + BEGIN + block + END + tail, encoding="utf-8")
    print(f"wrote {EVIDENCE_FILE.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--misses", type=int, default=40)
    parser.add_argument("--write", action="store_true", help="save the fitted coefficients")
    args = parser.parse_args()
    index = StandardsIndex.build(load_sample_standards())
    rows = rows_for(index, tuning_set(args.extra))
    calibration = DEFAULT_CALIBRATION
    if args.fit:
        calibration = fit(rows)
        print("features:", ", ".join(EVIDENCE_NAMES))
        print(f"right:   {calibration.right!r}")
        print(f"covered: {calibration.covered!r}")
        if args.write:
            write(calibration)
    scores(
        rows, calibration, "in-sample with the " + ("fitted" if args.fit else "shipped") + " model"
    )
    cv = cross_validated(rows)
    scores([r for r, _ in cv], {r.example.id: m for r, m in cv}, "5-fold cross-validated")
    reliability([(m.right.probability(r.evidence), r.right) for r, m in cv if r.evidence])
    misses(rows, calibration, args.misses)


if __name__ == "__main__":
    main()
