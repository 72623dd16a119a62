"""Accuracy of the standards ranking on the evaluation set.

The holdout split was fixed before the ranker was written and is never used for tuning; the
tune split is what weights and the answer threshold were chosen on. Thresholds here are floors,
not timings.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from commplan.ranking import StandardsIndex
from tests.eval.catalogue import load_sample_standards

QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "standards_questions.csv"


@dataclass(frozen=True, kw_only=True)
class Question:
    text: str
    expected: str
    split: str


@dataclass(frozen=True, kw_only=True)
class Outcome:
    top1: float
    answered_right: float
    declined: float
    misses: tuple[str, ...]


def load(split: str) -> list[Question]:
    with QUESTIONS.open(newline="", encoding="utf-8") as fh:
        return [
            Question(text=r["question"], expected=r["expected"], split=r["split"])
            for r in csv.DictReader(fh)
            if r["split"] == split
        ]


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(load_sample_standards())


def measure(index: StandardsIndex, questions: list[Question]) -> Outcome:
    answerable = [q for q in questions if q.expected]
    uncovered = [q for q in questions if not q.expected]
    top1 = right = declined = 0
    misses = []
    for q in answerable:
        result = index.lookup(q.text)
        best = result.matches[0].standard.name if result.matches else None
        top1 += best == q.expected
        right += result.answered and best == q.expected
        if best != q.expected or not result.answered:
            misses.append(f"{q.text!r} -> {best!r} (answered={result.answered})")
    for q in uncovered:
        result = index.lookup(q.text)
        declined += not result.answered
        if result.answered:
            misses.append(f"{q.text!r} -> {result.matches[0].standard.name!r} (should decline)")
    return Outcome(
        top1=top1 / len(answerable),
        answered_right=right / len(answerable),
        declined=declined / len(uncovered),
        misses=tuple(misses),
    )


def test_evaluation_set_shape() -> None:
    tune, holdout = load("tune"), load("holdout")
    everything = tune + holdout
    assert len(everything) >= 160
    assert sum(not q.expected for q in everything) >= 40
    assert 0.3 <= len(holdout) / len(everything) <= 0.37
    names = {s.name for s in load_sample_standards()}
    assert {q.expected for q in everything if q.expected} <= names
    assert len({q.text for q in everything}) == len(everything)


def test_holdout_accuracy(index: StandardsIndex) -> None:
    outcome = measure(index, load("holdout"))
    assert outcome.top1 >= 0.9, outcome.misses
    assert outcome.declined >= 0.8, outcome.misses


def test_tune_accuracy(index: StandardsIndex) -> None:
    outcome = measure(index, load("tune"))
    assert outcome.top1 >= 0.98, outcome.misses
    assert outcome.answered_right >= 0.98, outcome.misses
    assert outcome.declined >= 0.95, outcome.misses
