"""Telling whether two wordings say the same: options, questions and the concept asked about.

Case, punctuation, "&" for "and", "/" for "or", plurals and filler words never count as a
difference; a word more or less does ("Black" is not "Black, Black British, Caribbean or
African").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_FILLERS = """
a an the it its of or and in to with but is are be you your yours do does i my me this that
these those what which how who at on for as by any
"""
_FILLER = frozenset(_FILLERS.split())
_PREFER_NOT = re.compile(
    r"\b(?:prefers?\s+not\s+to\s+(?:say|answer|disclose)|rather\s+not\s+(?:say|answer)"
    r"|(?:do\s+not|don'?t)\s+(?:wish|want)\s+to\s+(?:say|answer|disclose))\b",
    re.I,
)
_PAREN = re.compile(r"\([^)]*\)")
_AFTER_DASH = re.compile(r"\s+[-\u2013\u2014:]\s+.*$")


def words(text: str) -> tuple[str, ...]:
    """The words that carry meaning, lower-cased and without plurals, in order."""
    text = text.lower().replace("&", " and ").replace("/", " or ").replace("\u2019", "'")
    text = re.sub(r"(?<=\w)'s\b", "", text)
    tokens = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    return tuple(_stem(t) for t in tokens if t not in _FILLER)


def _stem(word: str) -> str:
    # Enough to make "groups"/"group" and "illnesses"/"illness" meet.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-2] if word.endswith("sses") else word[:-1]
    return word


def core(option: str) -> tuple[str, ...]:
    """An option without its gloss: "0 - not at all" gives "0", "Single (never married)"
    gives "single"."""
    return words(_AFTER_DASH.sub("", _PAREN.sub("", option)))


def same(a: str, b: str) -> bool:
    """Whether two options say the same thing, allowing for form and glosses."""
    return words(a) == words(b) or (bool(core(a)) and core(a) == core(b))


def likeness(a: str, b: str) -> float:
    """How far two options overlap, in [0, 1]: 1 when the same, 0 when no word is shared."""
    if same(a, b):
        return 1.0
    left, right = set(words(a)), set(words(b))
    if not left or not right:
        return 0.0
    common = len(left & right)
    return 0.5 * common / min(len(left), len(right)) + 0.5 * common / max(len(left), len(right))


def prefers_not_to_say(option: str) -> bool:
    return bool(_PREFER_NOT.search(option))


def wording_likeness(a: str, b: str) -> float:
    """How close two question wordings are, in [0, 1] (shared meaningful words, both ways)."""
    left, right = set(words(a)), set(words(b))
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def asks_concept(question: str, concept: Sequence[str]) -> bool:
    """Whether the question uses the words of one of the concept's wordings ("gender+sex
    registered at birth" needs both, in any order); True when the standard names none."""
    if not concept:
        return True
    said = set(words(question))
    return any(
        all(set(words(part)) <= said for part in alternative.split("+") if part.strip())
        for alternative in concept
    )


@dataclass(frozen=True, kw_only=True)
class Pairing:
    """Draft options set against the standard's: matched pairs, options that join several of
    the standard's into one ("Black or Asian"), and what is left on each side."""

    pairs: tuple[tuple[str, str], ...]
    merged: tuple[tuple[str, tuple[str, ...]], ...]
    extra: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def agreement(self) -> float:
        """F1 of the options, a renamed or merged option counting as part of a match."""
        hits = sum(1.0 if same(d, s) else 0.7 for d, s in self.pairs)
        hits += sum(0.5 * len(parts) for _, parts in self.merged)
        if not hits:
            return 0.0
        found = len(self.pairs) + len(self.merged) + len(self.extra)
        wanted = len(self.pairs) + sum(len(p) for _, p in self.merged) + len(self.missing)
        precision = min(1.0, hits / found)
        recall = hits / wanted
        return 2 * precision * recall / (precision + recall)


#: Two options are the same category, perhaps renamed, at this likeness or more.
MATCH_AT = 0.5
_JOINED = re.compile(r"\s+(?:or|and|&)\s+|\s*/\s*", re.I)


def pair_options(draft: Sequence[str], standard: Sequence[str]) -> Pairing:
    """Each draft option paired with the standard option it is most like (one to one, best
    pairs first); options with no partner at :data:`MATCH_AT` or more are left over."""
    merged: dict[int, tuple[int, ...]] = {}
    for i, option in enumerate(draft):
        parts = _merges(option, standard)
        if parts and not any(j in p for p in merged.values() for j in parts):
            merged[i] = parts
    taken = {j for parts in merged.values() for j in parts}
    scored = sorted(
        (
            (likeness(d, s), -i, -j)
            for i, d in enumerate(draft)
            if i not in merged
            for j, s in enumerate(standard)
            if j not in taken
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for score, i, j in scored:
        if score < MATCH_AT:
            break
        if -i in pairs or -j in pairs.values():
            continue
        pairs[-i] = -j
    used = taken | set(pairs.values())
    return Pairing(
        pairs=tuple((draft[i], standard[j]) for i, j in sorted(pairs.items())),
        merged=tuple(
            (draft[i], tuple(standard[j] for j in parts)) for i, parts in sorted(merged.items())
        ),
        extra=tuple(d for i, d in enumerate(draft) if i not in pairs and i not in merged),
        missing=tuple(s for j, s in enumerate(standard) if j not in used),
    )


def _merges(option: str, standard: Sequence[str]) -> tuple[int, ...]:
    """The standard's options a draft option joins ("Black or Asian"), when it joins two or
    more different ones and is not itself one of them ("Gay or lesbian")."""
    if any(same(option, s) for s in standard):
        return ()
    parts = [p for p in _JOINED.split(option) if p.strip()]
    if len(parts) < 2:
        return ()
    chosen: list[int] = []
    for part in parts:
        scores = [(likeness(part, s), j) for j, s in enumerate(standard)]
        best, j = max(scores)
        if best < MATCH_AT or j in chosen:
            return ()
        chosen.append(j)
    return tuple(chosen)
