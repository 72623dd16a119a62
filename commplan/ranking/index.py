"""The catalogue index: "which standard covers X?" with calibrated, explainable scores."""

from __future__ import annotations

import heapq
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from commplan.ranking.bm25 import BM25FIndex, BM25Params, FieldSpec
from commplan.ranking.features import DEFAULT_CALIBRATION, Calibration, Features
from commplan.ranking.lexicon import EXPANSIONS
from commplan.ranking.query import ParsedQuery, Vocabulary, parse
from commplan.ranking.spelling import Speller
from commplan.ranking.text import STOP_WORDS, fold, stem, terms, words
from commplan.standards import Standard

logger = logging.getLogger(__name__)

# Names and synonyms are written to be found; the prose of `covers` only supports them.
FIELD_PARAMS = BM25Params(
    k1=1.2,
    fields={
        "name": FieldSpec(weight=3.0, b=0.5),
        "topic": FieldSpec(weight=2.0, b=0.3),
        "synonyms": FieldSpec(weight=2.0, b=0.5),
        "covers": FieldSpec(weight=1.0, b=0.75),
    },
)
# A synonym or topic that matches as well as the canonical name is slightly weaker evidence:
# "ethnicity" should find the ethnicity standard before the entry whose synonym is
# "ethnicity data standards".
SYNONYM_DISCOUNT = 0.97
# Only this many BM25F leaders get the (costlier) fuzzy alias comparison and calibration.
CANDIDATE_DEPTH = 20
# assess_many scores exactly up to this many entries; beyond, only each term's leaders.
EXACT_LIMIT = 1_000
LEADERS_PER_TERM = 60
NEAR_TERMS = 8


@dataclass(frozen=True, kw_only=True)
class Match:
    """One catalogue entry proposed for a question; ``score`` in [0, 1], higher is better."""

    standard: Standard
    score: float


@dataclass(frozen=True, kw_only=True)
class Lookup:
    """The answer to one question.

    ``matches`` are best first. When ``answered`` is False they may still hold weak
    candidates worth offering as "did you mean". ``did_you_mean`` is the question with its
    typos corrected, when any were.
    """

    query: str
    answered: bool
    matches: tuple[Match, ...]
    did_you_mean: str | None = None


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A scored candidate with the evidence behind its score (for evaluation and tuning)."""

    standard: Standard
    features: Features
    bm25: float


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """Everything one query's ranking rests on: its slots and the scored candidates.

    ``ranked`` pairs each candidate with its calibrated score, best first (the order
    :meth:`StandardsIndex.lookup` reports).
    """

    query: str
    parsed: ParsedQuery
    ranked: tuple[tuple[Candidate, float], ...]


@dataclass(frozen=True, kw_only=True)
class _Entry:
    standard: Standard
    all_terms: frozenset[str]
    title_terms: frozenset[str]
    name_alias: str
    aliases: tuple[str, ...]


def _fields(standard: Standard) -> dict[str, list[str]]:
    return {
        "name": terms(standard.name),
        "topic": terms(standard.topic),
        "synonyms": [t for synonym in standard.synonyms for t in terms(synonym)],
        "covers": terms(standard.covers),
    }


def _alias_text(text: str) -> str:
    return " ".join(terms(text))


def _best_alias(text: str, aliases: tuple[str, ...]) -> float:
    found = process.extractOne(
        text, aliases, scorer=fuzz.token_sort_ratio, processor=default_process
    )
    return float(found[1]) if found else 0.0


class StandardsIndex:
    """Ranks catalogue entries for free-text questions.

    Build it once with :meth:`build`; :meth:`lookup` then only reads precomputed structures.
    """

    __slots__ = (
        "_bm25",
        "_by_folded_name",
        "_by_name",
        "_calibration",
        "_entries",
        "_numbers",
        "_speller",
    )

    def __init__(
        self,
        *,
        entries: tuple[_Entry, ...],
        bm25: BM25FIndex,
        speller: Speller,
        calibration: Calibration,
    ) -> None:
        self._entries = entries
        self._bm25 = bm25
        self._speller = speller
        self._calibration = calibration
        self._by_name = {e.standard.name: e.standard for e in entries}
        self._by_folded_name = {fold(e.standard.name): e.standard for e in entries}
        self._numbers = {e.standard.name: number for number, e in enumerate(entries)}

    @classmethod
    def build(
        cls, standards: Sequence[Standard], *, calibration: Calibration = DEFAULT_CALIBRATION
    ) -> StandardsIndex:
        """Index ``standards`` once; lookups reuse everything computed here."""
        docs = [_fields(s) for s in standards]
        bm25 = BM25FIndex.build(docs, FIELD_PARAMS)
        entries = tuple(
            _Entry(
                standard=s,
                all_terms=frozenset(t for field in doc.values() for t in field),
                title_terms=frozenset(doc["name"] + doc["topic"] + doc["synonyms"]),
                name_alias=_alias_text(s.name),
                aliases=tuple(
                    dict.fromkeys(a for a in map(_alias_text, (s.topic, *s.synonyms)) if a)
                ),
            )
            for s, doc in zip(standards, docs, strict=True)
        )
        speller = Speller.build(
            w
            for s in standards
            for text in (s.name, s.topic, s.covers, *s.synonyms)
            for w in words(text)
            if w not in STOP_WORDS
        )
        logger.debug("standards index built: %d entries", len(entries))
        return cls(entries=entries, bm25=bm25, speller=speller, calibration=calibration)

    @property
    def standards(self) -> tuple[Standard, ...]:
        """Every indexed entry, in catalogue order."""
        return tuple(e.standard for e in self._entries)

    @property
    def calibration(self) -> Calibration:
        """The model that turns evidence into scores and decides ``answered``."""
        return self._calibration

    def get(self, name: str) -> Standard | None:
        """The entry with this canonical name (exact first, then ignoring case and accents)."""
        return self._by_name.get(name) or self._by_folded_name.get(fold(name.strip()))

    def resolve(self, text: str) -> Standard | None:
        """The one entry a typed phrase names: by its name, else the confident best match.

        For fields that hold a topic (a form's "Topic", "asked about ethnicity"): None when
        the phrase is blank or no entry answers it with confidence.
        """
        if not text.strip():
            return None
        named = self.get(text)
        if named is not None:
            return named
        lookup = self.lookup(text, limit=1)
        return lookup.matches[0].standard if lookup.answered else None

    def related(self, standard: Standard) -> tuple[Standard, ...]:
        """The entries ``standard`` names as related, skipping names the catalogue lacks."""
        found = []
        for name in standard.related:
            other = self.get(name)
            if other is None:
                logger.debug("related entry %r of %r not in catalogue", name, standard.name)
            elif other.name != standard.name:
                found.append(other)
        return tuple(found)

    def parse(self, query: str) -> ParsedQuery:
        """The question as slots against this index's vocabulary."""
        return parse(
            query,
            Vocabulary(
                known=self._bm25.__contains__,
                idf=self._bm25.idf,
                unseen_idf=self._bm25.idf("\x00unseen"),
                correct=self._speller.correct,
            ),
        )

    def candidates(self, query: str, depth: int = CANDIDATE_DEPTH) -> tuple[Candidate, ...]:
        """The BM25F leaders for ``query`` with their features, in BM25F order."""
        return self._candidates(self.parse(query), depth)

    def _candidates(
        self, parsed: ParsedQuery, depth: int, near: bool = False
    ) -> tuple[Candidate, ...]:
        if not parsed.slots:
            return ()
        weights = parsed.term_weights()
        scores = (
            self._bm25.score_near(weights, LEADERS_PER_TERM)
            if near and len(weights) <= NEAR_TERMS
            else self._bm25.score(weights)
        )
        if not scores:
            return ()
        leaders = heapq.nlargest(depth, scores.items(), key=lambda item: (item[1], -item[0]))
        best = leaders[0][1]
        total_idf = sum(slot.idf for slot in parsed.slots)
        n_slots = len(parsed.slots)
        unknown = sum(1 for slot in parsed.slots if slot.unknown) / n_slots
        corrected = sum(1 for slot in parsed.slots if slot.correction) / n_slots
        text = parsed.resolved_text()
        found = []
        for number, bm25 in leaders:
            entry = self._entries[number]
            coverage = sum(s.idf * s.match(entry.all_terms) for s in parsed.slots) / total_idf
            title = sum(s.idf * s.match(entry.title_terms) for s in parsed.slots) / total_idf
            alias = max(
                fuzz.token_sort_ratio(text, entry.name_alias, processor=default_process),
                SYNONYM_DISCOUNT * _best_alias(text, entry.aliases),
            )
            found.append(
                Candidate(
                    standard=entry.standard,
                    bm25=bm25,
                    features=Features(
                        coverage=coverage,
                        title_coverage=title,
                        alias=alias / 100.0,
                        relative=bm25 / best,
                        unknown=unknown,
                        corrected=corrected,
                    ),
                )
            )
        return tuple(found)

    def knows(self, word: str) -> bool:
        """True when the catalogue uses ``word`` (after folding and stemming) or expands it."""
        folded = fold(word)
        return stem(folded) in self._bm25 or folded in EXPANSIONS

    def assess(self, query: str, depth: int = CANDIDATE_DEPTH) -> Assessment:
        """The query's slots and its candidates with calibrated scores, best first."""
        return self._assess(query, self.parse(query), depth, near=False)

    def _assess(self, query: str, parsed: ParsedQuery, depth: int, *, near: bool) -> Assessment:
        candidates = self._candidates(parsed, depth, near)
        scored = sorted(
            ((c, self._calibration.probability(c.features)) for c in candidates),
            key=lambda item: (-item[1], -item[0].bm25),
        )
        return Assessment(query=query, parsed=parsed, ranked=tuple(scored))

    def assess_many(self, queries: Sequence[str], depth: int = CANDIDATE_DEPTH) -> list[Assessment]:
        """:meth:`assess` for several phrases of one message.

        On a large catalogue a short phrase is scored only against the entries where one of
        its terms weighs most, which bounds the cost of a long message at thousands of
        entries; a small catalogue, and a long query, is scored exactly.
        """
        near = self._bm25.n_docs > EXACT_LIMIT
        return [self._assess(q, self.parse(q), depth, near=near) for q in queries]

    def explains(self, query: str, name: str) -> float:
        """The idf-weighted share of ``query``'s words that entry ``name`` explains, in [0, 1]
        (0 when there is no such entry or the query has no words)."""
        number = self._numbers.get(name)
        parsed = self.parse(query)
        total = sum(slot.idf for slot in parsed.slots)
        if number is None or not total:
            return 0.0
        present = self._entries[number].all_terms
        return sum(slot.idf * slot.match(present) for slot in parsed.slots) / total

    def lookup(self, query: str, limit: int = 5) -> Lookup:
        """Rank the catalogue for ``query``; best first, at most ``limit`` matches."""
        assessment = self.assess(query, max(limit, CANDIDATE_DEPTH))
        scored = assessment.ranked
        matches = tuple(Match(standard=c.standard, score=p) for c, p in scored[: max(limit, 0)])
        answered = bool(scored) and scored[0][1] >= self._calibration.threshold
        # The length, not the words: a question is a member's message and stays out of logs.
        logger.debug(
            "lookup of %d characters: answered=%s best=%s",
            len(query),
            answered,
            f"{scored[0][0].standard.name} {scored[0][1]:.2f}" if scored else None,
        )
        return Lookup(
            query=query,
            answered=answered,
            matches=matches,
            did_you_mean=assessment.parsed.did_you_mean,
        )
