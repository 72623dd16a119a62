"""The organisation directory indexed by every form of its names, built once and asked often."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from commplan.organisations import Organisation
from commplan.orgmatch.aliases import NAME, aliases
from commplan.orgmatch.patterns import SIGNAL_WORDS, classify_words
from commplan.orgmatch.text import SMALL_WORDS, fold, loose_key, loose_words, strict_key

#: Nations and the like qualify a name rather than make it: "Statistics Authority" is the UK
#: Statistics Authority, "Senedd" is Senedd Cymru.
_QUALIFIERS = frozenset(
    {"uk", "united", "kingdom", "british", "britain", "england", "english", "scotland",
     "scottish", "wales", "welsh", "cymru", "northern", "ireland", "irish", "the"}
)  # fmt: skip
# A word in this many directory names identifies nothing ("health", "statistics").
_COMMON_IN = 4
# A key claimed equally by more organisations than this identifies nothing either.
_MAX_CLAIMS = 4
_MAX_VARIANTS = 16
_BRACKETS = re.compile(r"\([^)]*\)?")
_MIN_SPELL = 4


@dataclass(frozen=True, kw_only=True)
class Found:
    """Directory names an input matched, best first; ``sure`` when one of them is the answer."""

    names: tuple[str, ...]
    how: str
    sure: bool


_Claims = dict[str, dict[str, tuple[int, str]]]


class OrganisationIndex:
    """Every name, alias and abbreviation of a directory, for :func:`resolve_organisation`."""

    __slots__ = ("_by_name", "_common", "_containing", "_loose", "_order", "_strict", "_vocab")

    def __init__(
        self,
        organisations: Mapping[str, Organisation],
        strict: _Claims,
        loose: _Claims,
        common: frozenset[str],
    ) -> None:
        self._by_name = dict(organisations)
        self._order = {name: i for i, name in enumerate(organisations)}
        self._strict = strict
        self._loose = loose
        self._common = common
        containing: dict[str, set[str]] = defaultdict(set)
        for key in loose:
            for word in key.split():
                containing[word].add(key)
        self._containing = {w: frozenset(keys) for w, keys in containing.items()}
        vocab: dict[str, list[str]] = defaultdict(list)
        for word in sorted(containing):
            if word.isalpha() and len(word) >= _MIN_SPELL - 1:
                vocab[word[0]].append(word)
        self._vocab = {letter: tuple(words) for letter, words in vocab.items()}

    @classmethod
    def build(cls, organisations: Iterable[Organisation]) -> OrganisationIndex:
        """Index a directory; the first organisation listed under a name is the one kept."""
        by_name: dict[str, Organisation] = {}
        for organisation in organisations:
            if organisation.name.strip():
                by_name.setdefault(organisation.name, organisation)
        strict: _Claims = defaultdict(dict)
        loose: _Claims = defaultdict(dict)
        spread: dict[str, set[str]] = defaultdict(set)
        for name in by_name:
            for alias in aliases(name):
                words = fold(alias.text)
                for claims, key in ((strict, strict_key(words)), (loose, loose_key(words))):
                    if not key:
                        continue
                    held = claims[key].get(name)
                    if held is None or held[0] < alias.strength:
                        claims[key][name] = (alias.strength, alias.kind)
            for word in set(loose_words(fold(name))):
                spread[word].add(name)
        common = frozenset(w for w, names in spread.items() if len(names) >= _COMMON_IN)
        return cls(by_name, _pruned(strict), _pruned(loose), common)

    def __len__(self) -> int:
        return len(self._by_name)

    def __getitem__(self, name: str) -> Organisation:
        return self._by_name[name]

    def find(self, text: str) -> Found | None:
        """The directory names ``text`` stands for, or None when it names none of them."""
        words = fold(text)
        if not words:
            return None
        found = self._find(words)
        if found is None and "(" in text:
            # "Office for National Statistics (ONS)": the name outside the brackets decides.
            outside = fold(_BRACKETS.sub(" ", text))
            found = self._find(outside) if outside else None
        return found

    def _find(self, words: tuple[str, ...]) -> Found | None:
        return (
            self._exact(words)
            or self._spelt(words)
            or self._extended(words)
            or self._inserted(words)
            or self._shortened(words)
        )

    def is_generic(self, word: str) -> bool:
        """Whether a word alone says nothing about which body is meant."""
        return (
            word in SIGNAL_WORDS
            or word in _QUALIFIERS
            or word in SMALL_WORDS
            or word in self._common
            or word.isdigit()
        )

    # The steps of :meth:`find`, from the surest to the loosest.

    def _exact(self, words: tuple[str, ...]) -> Found | None:
        strict = self._strict.get(strict_key(words))
        loose = self._loose.get(loose_key(words))
        word_for_word = self._decide(strict)
        if word_for_word and word_for_word.sure and _strongest(strict) == NAME:
            return word_for_word
        near = self._decide(loose)
        if word_for_word is None or near is None or near.names == word_for_word.names:
            return word_for_word or near
        # A lesser form word for word ("Department of Education", Northern Ireland's without
        # its place) against a full name give or take a joining word (England's "Department
        # for Education"): both are meant as often, so ask.
        names = tuple(dict.fromkeys((*word_for_word.names, *near.names)))
        return Found(names=names, how=word_for_word.how, sure=False)

    def _spelt(self, words: tuple[str, ...]) -> Found | None:
        for variant in self._spellings(loose_words(words)):
            found = self._decide(self._loose.get(" ".join(variant)), how="spelling")
            if found:
                return found
        return None

    def _extended(self, words: tuple[str, ...]) -> Found | None:
        """A listed name and a tail: "BBC News", "Ipsos UK Ltd", "Citizens Advice Bureau"."""
        if words and words[0] == "the":
            words = words[1:]
        for cut in range(len(words) - 1, 0, -1):
            head, tail = words[:cut], words[cut:]
            if tail[0] in SMALL_WORDS:  # "Royal Society" + "of Chemistry" is another body
                continue
            meaning = loose_words(head)
            if len(meaning) == 1 and self.is_generic(meaning[0]):
                continue  # "NHS" + "Lothian"
            if all(w in SIGNAL_WORDS or w in _QUALIFIERS for w in meaning):
                continue  # "National Audit" + "Scotland"
            claims = self._strict.get(strict_key(head)) or self._loose.get(loose_key(head))
            found = self._decide(claims, how="partial")
            if found and found.sure:
                # "RSS Statistics User Forum": the tail is a listed body in its own right.
                other = self._exact(tail)
                if other and other.names != found.names:
                    names = tuple(dict.fromkeys((*found.names, *other.names)))
                    return Found(names=names, how="partial", sure=False)
                # The tail may say what the body is ("News") but not that it is another kind
                # of body ("Manchester University" + "Hospitals").
                kind = classify_words(tail)
                if kind is None or kind.rule == "citizen":
                    return found
                if kind.org_type == self._by_name[found.names[0]].org_type:
                    return found
        return None

    def _inserted(self, words: tuple[str, ...]) -> Found | None:
        """A listed name with one word more: "Dept for Digital, Culture, Media & Sport"."""
        meaning = loose_words(words)
        if len(meaning) < 4:
            return None
        hits: dict[str, tuple[int, str]] = {}
        for i, word in enumerate(meaning):
            if word not in SIGNAL_WORDS:
                hits.update(self._loose.get(" ".join(meaning[:i] + meaning[i + 1 :])) or {})
        if not hits:
            return None
        kind = classify_words(words)
        if kind is not None:
            hits = {n: c for n, c in hits.items() if self._by_name[n].org_type == kind.org_type}
        return self._decide(hits, how="partial")

    def _shortened(self, words: tuple[str, ...]) -> Found | None:
        """Some of a listed name's words: "the Treasury", "Land Registry", "Nuffield"."""
        meaning = set(loose_words(words))
        if not meaning or all(self.is_generic(w) for w in meaning):
            return None
        keys: frozenset[str] | None = None
        for word in meaning:
            holding = self._containing.get(word)
            if not holding:
                return None
            keys = holding if keys is None else keys & holding
        sure: set[str] = set()
        unsure: set[str] = set()
        for key in keys or ():
            missing = set(key.split()) - meaning
            if not missing:
                continue
            plain = all(self.is_generic(w) for w in missing)
            for name in self._loose[key]:
                (sure if plain else unsure).add(name)
        unsure -= sure
        if not sure and not unsure:
            return None
        names = sorted(sure, key=self._order.__getitem__) + sorted(
            unsure, key=self._order.__getitem__
        )
        return Found(names=tuple(names), how="partial", sure=len(sure) == 1 and not unsure)

    def _spellings(self, meaning: tuple[str, ...]) -> list[tuple[str, ...]]:
        """Each way of correcting the words the directory does not use, closest first."""
        options: list[tuple[str, ...]] = []
        changed = False
        for word in meaning:
            if word in self._containing or len(word) < _MIN_SPELL or not word.isalpha():
                options.append((word,))
                continue
            near = self._near(word)
            changed = changed or bool(near)
            options.append(near or (word,))
        if not changed:
            return []
        return list(itertools.islice(itertools.product(*options), _MAX_VARIANTS))

    def _near(self, word: str) -> tuple[str, ...]:
        limit = 1 if len(word) < 8 else 2
        # Below eight letters a different first letter is a different word; above it,
        # typists still rarely miss the first letter.
        pool = self._vocab.get(word[0], ())
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not found:
            return ()
        best = min(score for _, score, _ in found)
        return tuple(choice for choice, score, _ in found if score == best)

    def _decide(self, claims: Mapping[str, tuple[int, str]] | None, how: str = "") -> Found | None:
        if not claims:
            return None
        top = max(strength for strength, _ in claims.values())
        best = sorted(
            (name for name, (strength, _) in claims.items() if strength == top),
            key=self._order.__getitem__,
        )
        kind = how or claims[best[0]][1]
        if len(best) == 1:
            return Found(names=(best[0],), how=kind, sure=True)
        return Found(names=tuple(best), how=kind, sure=False)


def _strongest(claims: Mapping[str, tuple[int, str]] | None) -> int:
    return max((strength for strength, _ in (claims or {}).values()), default=0)


def _pruned(claims: _Claims) -> _Claims:
    """Drop keys so many organisations claim equally that they name none ("Northern Ireland")."""
    kept: _Claims = {}
    for key, held in claims.items():
        top = max(strength for strength, _ in held.values())
        if sum(strength == top for strength, _ in held.values()) <= _MAX_CLAIMS:
            kept[key] = dict(held)
    return kept
