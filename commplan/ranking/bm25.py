"""Okapi BM25 over several weighted fields (BM25F), with impacts precomputed at build time.

A lookup only walks the posting lists of the query's terms and adds up numbers that were
computed once when the index was built, which keeps it fast at thousands of entries.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class FieldSpec:
    """How much one field counts (``weight``) and how strongly its length is normalised (``b``)."""

    weight: float = 1.0
    b: float = 0.75


@dataclass(frozen=True, kw_only=True)
class BM25Params:
    """BM25 saturation ``k1`` and the per-field specifications, by field name."""

    k1: float = 1.2
    fields: Mapping[str, FieldSpec]


def idf(df: int, n_docs: int) -> float:
    """Lucene's non-negative BM25 idf; ``df == 0`` gives the value for an unseen term."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


class BM25FIndex:
    """An inverted index of term -> ((document number, impact), ...).

    The impact is BM25F's saturated, length-normalised term frequency, so scoring a query is
    ``sum(query_weight * idf * impact)`` over the postings of its terms.
    """

    __slots__ = ("_idf", "_impacts", "_leaders", "_n_docs", "_postings")

    def __init__(
        self,
        postings: dict[str, tuple[tuple[int, float], ...]],
        idfs: dict[str, float],
        n_docs: int,
    ) -> None:
        self._postings = postings
        self._idf = idfs
        self._n_docs = n_docs
        # Built lazily, per term, for scoring restricted to a few documents.
        self._impacts: dict[str, dict[int, float]] = {}
        self._leaders: dict[str, tuple[int, ...]] = {}

    @classmethod
    def build(cls, docs: Sequence[Mapping[str, Sequence[str]]], params: BM25Params) -> BM25FIndex:
        """Index ``docs``: each maps field name -> the field's terms (already tokenised)."""
        n_docs = len(docs)
        avg_len: dict[str, float] = {}
        for name in params.fields:
            total = sum(len(doc.get(name, ())) for doc in docs)
            # An empty field everywhere must not divide by zero.
            avg_len[name] = total / n_docs if n_docs and total else 1.0
        raw: dict[str, list[tuple[int, float]]] = {}
        for number, doc in enumerate(docs):
            tf_eff: dict[str, float] = {}
            for name, spec in params.fields.items():
                field_terms = doc.get(name, ())
                if not field_terms:
                    continue
                norm = 1.0 - spec.b + spec.b * len(field_terms) / avg_len[name]
                for term, count in Counter(field_terms).items():
                    tf_eff[term] = tf_eff.get(term, 0.0) + spec.weight * count / norm
            for term, tf in tf_eff.items():
                impact = tf * (params.k1 + 1.0) / (tf + params.k1)
                raw.setdefault(term, []).append((number, impact))
        postings = {term: tuple(plist) for term, plist in raw.items()}
        idfs = {term: idf(len(plist), n_docs) for term, plist in postings.items()}
        return cls(postings, idfs, n_docs)

    @property
    def n_docs(self) -> int:
        """Number of documents indexed."""
        return self._n_docs

    def __contains__(self, term: object) -> bool:
        return term in self._postings

    def idf(self, term: str) -> float:
        """The term's idf; an unseen term gets the highest possible value."""
        found = self._idf.get(term)
        return idf(0, self._n_docs) if found is None else found

    def vocabulary(self) -> frozenset[str]:
        """Every indexed term."""
        return frozenset(self._postings)

    def score(self, weights: Mapping[str, float]) -> dict[int, float]:
        """BM25F score per document number for a query given as term -> query weight.

        Documents sharing no term with the query are absent rather than scored 0.
        """
        scores: dict[int, float] = {}
        get = scores.get
        for term, weight in weights.items():
            plist = self._postings.get(term)
            if plist is None:
                continue
            factor = weight * self._idf[term]
            for number, impact in plist:
                scores[number] = get(number, 0.0) + factor * impact
        return scores

    def leaders(self, term: str, k: int) -> tuple[int, ...]:
        """The ``k`` documents where ``term`` weighs most (highest impact first)."""
        found = self._leaders.get(term)
        if found is None or len(found) < k:
            plist = self._postings.get(term, ())
            found = tuple(n for n, _ in sorted(plist, key=lambda item: (-item[1], item[0]))[:k])
            self._leaders[term] = found
        return found[:k]

    def score_near(self, weights: Mapping[str, float], k: int) -> dict[int, float]:
        """:meth:`score`, but only for the documents among each term's ``k`` leaders.

        Each such document gets its exact score; the rest are left out. A document that is
        no term's leader cannot be a query's best by much, so for short queries this keeps
        the ranking's head at a fraction of the cost on a large index.
        """
        tables = []
        docs: set[int] = set()
        for term, weight in weights.items():
            if term in self._postings:
                table = self._impacts.get(term)
                if table is None:
                    table = self._impacts[term] = dict(self._postings[term])
                tables.append((weight * self._idf[term], table))
                docs.update(self.leaders(term, k))
        scores: dict[int, float] = {}
        for number in docs:
            total = 0.0
            for factor, table in tables:
                impact = table.get(number)
                if impact is not None:
                    total += factor * impact
            scores[number] = total
        return scores
