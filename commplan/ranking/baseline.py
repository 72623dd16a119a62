"""Plain Okapi BM25, the baseline the benchmark compares the ranker against.

One field (every text of the entry run together), lowercase word tokens, a generic English
stop list, no stemming, no synonyms, no typo handling and no question-framing words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from commplan.ranking.bm25 import BM25FIndex, BM25Params, FieldSpec
from commplan.ranking.index import Lookup, Match
from commplan.standards import Standard

_TOKEN = re.compile(r"\w+")
# A generic stop list only: the baseline knows nothing about how questions are framed.
_STOP_TEXT = (
    "a an and are as at be by do does for from how i in is it of on or that the this to "
    "what which who with"
)
_STOP = frozenset(_STOP_TEXT.split())
_PARAMS = BM25Params(k1=1.2, fields={"all": FieldSpec(weight=1.0, b=0.75)})
# Chosen on the tune split like the ranker's threshold (best answered/not-answered accuracy).
DEFAULT_THRESHOLD = 0.274


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


class PlainBM25Index:
    """Plain BM25 with the same ``lookup`` as :class:`commplan.ranking.StandardsIndex`.

    A match's score is its BM25 score over the most any entry could score for the question
    (every term saturated), so it lies in [0, 1).
    """

    __slots__ = ("_bm25", "_standards", "_threshold")

    def __init__(self, standards: tuple[Standard, ...], bm25: BM25FIndex, threshold: float) -> None:
        self._standards = standards
        self._bm25 = bm25
        self._threshold = threshold

    @classmethod
    def build(
        cls, standards: Sequence[Standard], *, threshold: float = DEFAULT_THRESHOLD
    ) -> PlainBM25Index:
        """Index ``standards`` once."""
        docs = [
            {"all": _tokens(" ".join((s.name, s.topic, s.covers, *s.synonyms)))} for s in standards
        ]
        return cls(tuple(standards), BM25FIndex.build(docs, _PARAMS), threshold)

    @property
    def standards(self) -> tuple[Standard, ...]:
        """Every indexed entry, in catalogue order."""
        return self._standards

    def lookup(self, query: str, limit: int = 5) -> Lookup:
        """Rank by plain BM25; answered when the best normalised score reaches the threshold."""
        weights: dict[str, float] = {}
        for token in _tokens(query):
            weights[token] = weights.get(token, 0.0) + 1.0
        if not weights:
            return Lookup(query=query, answered=False, matches=())
        ceiling = sum(w * self._bm25.idf(t) * (_PARAMS.k1 + 1.0) for t, w in weights.items())
        scores = self._bm25.score(weights)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[: max(limit, 0)]
        matches = tuple(
            Match(standard=self._standards[n], score=min(1.0, s / ceiling)) for n, s in ranked
        )
        answered = bool(matches) and matches[0].score >= self._threshold
        return Lookup(query=query, answered=answered, matches=matches)
