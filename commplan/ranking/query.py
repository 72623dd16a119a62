"""Turning a user's question into weighted index terms.

A question is split into *slots*, one per meaningful word (or known two-word phrase). Each slot
has alternative term sets that can satisfy it: the word itself, its expansion from the lexicon,
or its typo correction. A slot nothing can satisfy is *unknown*; unknown slots are the main
evidence that no standard covers the question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from commplan.ranking.lexicon import EXPANSIONS
from commplan.ranking.text import STOP_WORDS, stem, terms, words

# An expansion competes with the word the user actually typed, so it counts a little less.
EXPANSION_WEIGHT = 0.8
# A corrected word is a guess; it should not outrank an exact hit elsewhere.
CORRECTION_WEIGHT = 0.85


@dataclass(frozen=True, kw_only=True)
class Alternative:
    """Terms that together satisfy a slot, and how much that satisfaction counts."""

    terms: tuple[str, ...]
    weight: float


@dataclass(frozen=True, kw_only=True)
class Slot:
    """One meaningful word or phrase of the question."""

    word: str
    alternatives: tuple[Alternative, ...]
    idf: float
    correction: str | None = None

    @property
    def unknown(self) -> bool:
        """True when nothing in the catalogue explains this word."""
        return not self.alternatives

    def display_terms(self) -> tuple[str, ...]:
        """The terms that best stand for this slot when comparing with names and synonyms."""
        if self.alternatives:
            return self.alternatives[0].terms
        return (stem(self.word),)

    def match(self, present: frozenset[str]) -> float:
        """How well an entry with terms ``present`` satisfies this slot, in [0, 1]."""
        best = 0.0
        for alt in self.alternatives:
            hits = sum(1 for term in alt.terms if term in present)
            if hits:
                best = max(best, alt.weight * hits / len(alt.terms))
        return best


@dataclass(frozen=True, kw_only=True)
class ParsedQuery:
    """The slots of a question, plus the question with typos corrected (if any were)."""

    slots: tuple[Slot, ...]
    did_you_mean: str | None

    def term_weights(self) -> dict[str, float]:
        """Index term -> query weight, for BM25F."""
        weights: dict[str, float] = {}
        for slot in self.slots:
            for alt in slot.alternatives:
                for term in alt.terms:
                    weights[term] = weights.get(term, 0.0) + alt.weight
        return weights

    def resolved_text(self) -> str:
        """The question as index terms, for fuzzy comparison with names and synonyms."""
        return " ".join(term for slot in self.slots for term in slot.display_terms())


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """What the parser needs to know about the index, as plain callables."""

    known: Callable[[str], bool]
    idf: Callable[[str], float]
    unseen_idf: float
    correct: Callable[[str], str | None]


def _expansion_terms(key: str, vocab: Vocabulary) -> tuple[str, ...]:
    phrase = EXPANSIONS.get(key)
    if phrase is None:
        return ()
    # Expansion terms the index has never seen add nothing but noise.
    return tuple(dict.fromkeys(t for t in terms(phrase) if vocab.known(t)))


def _mean_idf(found: tuple[str, ...], vocab: Vocabulary) -> float:
    return sum(vocab.idf(t) for t in found) / len(found)


def _word_slot(word: str, vocab: Vocabulary) -> Slot:
    term = stem(word)
    expansion = _expansion_terms(word, vocab)
    if vocab.known(term):
        alts = [Alternative(terms=(term,), weight=1.0)]
        if expansion and expansion != (term,):
            alts.append(Alternative(terms=expansion, weight=EXPANSION_WEIGHT))
        return Slot(word=word, alternatives=tuple(alts), idf=vocab.idf(term))
    if expansion:
        return Slot(
            word=word,
            alternatives=(Alternative(terms=expansion, weight=1.0),),
            idf=_mean_idf(expansion, vocab),
        )
    corrected = vocab.correct(word)
    if corrected is not None:
        fixed = stem(corrected)
        if vocab.known(fixed):
            return Slot(
                word=word,
                alternatives=(Alternative(terms=(fixed,), weight=CORRECTION_WEIGHT),),
                idf=vocab.idf(fixed),
                correction=corrected,
            )
    return Slot(word=word, alternatives=(), idf=vocab.unseen_idf)


def parse(question: str, vocab: Vocabulary) -> ParsedQuery:
    """Split ``question`` into slots against ``vocab``."""
    surface = words(question)
    slots: list[Slot] = []
    shown: list[str] = []
    seen: set[str] = set()
    corrected_any = False
    i = 0
    while i < len(surface):
        if i + 1 < len(surface):
            pair = f"{surface[i]} {surface[i + 1]}"
            expansion = _expansion_terms(pair, vocab)
            if expansion:
                slots.append(
                    Slot(
                        word=pair,
                        alternatives=(Alternative(terms=expansion, weight=1.0),),
                        idf=_mean_idf(expansion, vocab),
                    )
                )
                shown.extend(surface[i : i + 2])
                i += 2
                continue
        word = surface[i]
        i += 1
        # A repeated word ("day-to-day") is one idea, not two.
        if (word in STOP_WORDS and word not in EXPANSIONS) or word in seen:
            shown.append(word)
            continue
        seen.add(word)
        slot = _word_slot(word, vocab)
        slots.append(slot)
        if slot.correction is not None:
            corrected_any = True
            shown.append(slot.correction)
        else:
            shown.append(word)
    return ParsedQuery(slots=tuple(slots), did_you_mean=" ".join(shown) if corrected_any else None)
