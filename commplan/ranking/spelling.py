"""Typo correction of query words against the words the catalogue actually uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Short words have too many near neighbours to correct safely ("diet" -> "died").
_MIN_LENGTH = 4
# Below this length a different first letter usually means a different word ("dental" is
# not a typo of "mental"); typists rarely miss the first letter of a longer word either.
_FREE_FIRST_LETTER = 8
_CACHE_LIMIT = 20_000


# Two edits only for long words: typists rarely make two slips in a short word, while a real
# word the catalogue does not use is often two edits from one it does ("intersex" ->
# "internet", "flooding" -> "looking", "inflation" -> "isolation").
_TWO_EDITS_FROM = 10


def max_edits(word: str) -> int:
    """How many edits a word of this length may be away from its correction."""
    if len(word) < _MIN_LENGTH:
        return 0
    return 1 if len(word) < _TWO_EDITS_FROM else 2


class Speller:
    """Corrects a misspelt word to the closest catalogue word (optimal string alignment).

    Candidates are bucketed by length at build time, so a lookup compares the word only with
    catalogue words whose length is within the allowed number of edits.
    """

    __slots__ = ("_buckets", "_cache", "_frequency")

    def __init__(self, buckets: Mapping[int, tuple[str, ...]], frequency: Mapping[str, int]):
        self._buckets = buckets
        self._frequency = frequency
        self._cache: dict[str, str | None] = {}

    @classmethod
    def build(cls, words: Iterable[str]) -> Speller:
        """Build from every folded, non-stop surface word of the catalogue (repeats count)."""
        frequency: dict[str, int] = defaultdict(int)
        for word in words:
            if word.isalpha() and len(word) >= _MIN_LENGTH - 1:
                frequency[word] += 1
        buckets: dict[int, list[str]] = defaultdict(list)
        for word in sorted(frequency):
            buckets[len(word)].append(word)
        return cls({n: tuple(ws) for n, ws in buckets.items()}, dict(frequency))

    def __contains__(self, word: object) -> bool:
        return word in self._frequency

    def correct(self, word: str) -> str | None:
        """The catalogue word closest to ``word``, or None when nothing is close enough."""
        if word in self._cache:
            return self._cache[word]
        found = self._search(word)
        if len(self._cache) >= _CACHE_LIMIT:
            # Queries are short and repetitive; a full reset is simpler than LRU bookkeeping.
            self._cache.clear()
        self._cache[word] = found
        return found

    def _search(self, word: str) -> str | None:
        edits = max_edits(word)
        if edits == 0 or not word.isalpha():
            return None
        best: tuple[int, int, int, str] | None = None
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = self._buckets.get(length)
            if not choices:
                continue
            # Words are folded already, so no processor is needed; skipping it saves a
            # normalisation pass over every candidate on every query.
            for candidate, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                if candidate[0] != word[0] and len(word) < _FREE_FIRST_LETTER:
                    continue
                # Prefer fewer edits, then the same first letter (typists rarely miss it),
                # then the word the catalogue uses most.
                key = (
                    int(distance),
                    int(candidate[0] != word[0]),
                    -self._frequency[candidate],
                    candidate,
                )
                if best is None or key < best:
                    best = key
        return None if best is None else best[3]
