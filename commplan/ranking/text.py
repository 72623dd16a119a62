"""Text normalisation shared by the catalogue index and the queries.

Everything here is a pure function of its input, so the index and the query side can never
drift apart: a word is folded, split and stemmed the same way wherever it comes from.
"""

from __future__ import annotations

import re
import unicodedata

# Underscore is a word character to `\w` but never part of a word a user means.
_WORD = re.compile(r"[^\W_]+")
# Apostrophes are removed, not split on, so "children's" and "childrens" meet.
_APOSTROPHES = re.compile("['\u2018\u2019`\u02bc]")
_VOWELS = frozenset("aeiou")

# Kept as text, not a list literal: a few hundred quoted words would hide the content.
_ENGLISH = """
a about above after again against all also am an and any anyone anything are as at be
because been before being below between both but by can cannot could did do does doing done
down during each either else etc ever every few for from further get gets getting give go
going got had has have having he her here hers him his how however i if in into is it its
itself just let like lot lots me might more most much must my near no nor not now of off on
once one only onto or other others our ours out over per please quite rather really same
shall she should since so some such than that the their theirs them then there these they
this those though through thus to too under until up upon us very via was we were what
whatever whats when where whether which while who whom whose why will with within without
would yes yet you your yours hi hello thanks thank cheers anybody somebody someone someones
something everyone people person persons respondent respondents individual individuals
"""
_FRAMING = """
standard standards harmonised harmonized harmonisation harmonization harmonise harmonize
guidance guide principle principles cover covers covered covering question questions ask
asking asked survey surveys questionnaire questionnaires collect collecting collected
capture capturing record recording recorded monitor monitoring measure measures measuring
measured information statistic statistics stats official gss ons recommended recommend
recommendation best way ways want need needs help know tell find use using used topic topics
category categories option options response responses answer answers exist exists available
correct right proper good
"""

STOP_WORDS: frozenset[str] = frozenset(_ENGLISH.split()) | frozenset(_FRAMING.split())
"""Common English words plus the framing of a catalogue question ("which standard covers",
"is there a standard for", "how do I ask about"). They are dropped from the index as well as
from queries: they appear in nearly every entry, so they would only add noise to the ranking
and to the "unknown word" evidence."""


def fold(text: str) -> str:
    """Return ``text`` case-folded, NFKC-normalised and without accents or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", bare))


def words(text: str) -> list[str]:
    """Split ``text`` into folded surface words, stop words included.

    Hyphens and slashes split words ("NS-SEC" gives "ns", "sec"); phrase expansion relies on
    the stop words still being there ("look after", "own or rent").
    """
    return _WORD.findall(fold(text))


def _has_vowel(word: str) -> bool:
    return any(ch in _VOWELS for ch in word)


def _measure(word: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in ``word``."""
    m = 0
    previous_vowel = False
    for ch in word:
        vowel = ch in _VOWELS
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _ends_cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy"


def _restore(base: str) -> str:
    """Undo the spelling changes English makes before -ing and -ed."""
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in "aeioulsz":
        return base[:-1]  # "shopping" -> "shop"
    if _measure(base) == 1 and _ends_cvc(base):
        return base + "e"  # "caring" -> "care", so it never collides with "car"
    return base


def stem(word: str) -> str:
    """Light English stemming: plurals, -ing and -ed only.

    Deliberately weaker than Porter: derivations such as "lonely"/"loneliness" or
    "ethnic"/"ethnicity" are left to the expansion table, where a wrong merge is visible.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _has_vowel(word[:-3]):
        return _restore(word[:-3])
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word
    if word.endswith("ed") and len(word) >= 5 and _has_vowel(word[:-2]):
        return _restore(word[:-2])
    return word


def terms(text: str) -> list[str]:
    """Index terms of ``text``: folded words without stop words, stemmed."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
