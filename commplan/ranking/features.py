"""The evidence behind one candidate match, and its calibration into a score in [0, 1]."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields


@dataclass(frozen=True, kw_only=True)
class Features:
    """Signals for one (query, entry) pair, each in [0, 1].

    - ``coverage``: idf-weighted share of the query's words the entry explains (any field);
    - ``title_coverage``: the same, counting only name, topic and synonyms;
    - ``alias``: best fuzzy similarity of the whole query to the entry's name, topic or a synonym;
    - ``relative``: the entry's BM25F score over the best BM25F score for this query;
    - ``unknown``: share of the query's words nothing in the catalogue explains;
    - ``corrected``: share of the query's words that were typo-corrected.
    """

    coverage: float
    title_coverage: float
    alias: float
    relative: float
    unknown: float
    corrected: float

    def vector(self) -> tuple[float, ...]:
        """The features in declaration order, for the linear model."""
        return tuple(float(getattr(self, f.name)) for f in fields(self))


FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Features))


@dataclass(frozen=True, kw_only=True)
class Calibration:
    """A logistic model turning :class:`Features` into the probability that the match is right.

    ``threshold`` is the probability the best match needs for the lookup to count as answered.
    """

    intercept: float
    weights: tuple[float, ...]
    threshold: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURE_NAMES):
            raise ValueError(f"expected {len(FEATURE_NAMES)} weights, got {len(self.weights)}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must lie in [0, 1]")

    def probability(self, features: Features) -> float:
        """Calibrated score in [0, 1]; higher means more likely the right entry."""
        z = self.intercept + sum(
            w * x for w, x in zip(self.weights, features.vector(), strict=True)
        )
        # Split by sign so exp() never overflows for extreme inputs.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)


# Fitted with `bench/bench_standards.py --fit` on the tune split of
# tests/eval/standards_questions.csv (logistic regression over the BM25F leaders of each
# question, label "is the expected entry"); the threshold maximises right decisions there.
DEFAULT_CALIBRATION = Calibration(
    intercept=-16.823,
    weights=(4.792, 0.578, 5.394, 10.175, -1.459, -1.084),
    threshold=0.271,
)
