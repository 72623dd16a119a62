"""Organisation names folded the way a reader compares them, and tidied the way a team writes them.

Folding forgives what people change without meaning a different body: case, accents,
punctuation, "&" for "and", apostrophes, dotted initials ("H.M."), the usual shorthand
("Dept", "Govt", "Uni", "Stats", "NI") and American spelling of "organization".
"""

from __future__ import annotations

import re
import unicodedata

#: Joining words: dropped from loose keys, so "Office of National Statistics" meets
#: "Office for National Statistics" and "Dept for Work & Pensions" meets the full name.
SMALL_WORDS = frozenset({"the", "of", "for", "and", "in", "on", "at", "to", "a", "an"})
#: Legal-form words: "Deloitte LLP" is Deloitte.
LEGAL_WORDS = frozenset({"ltd", "limited", "plc", "llp", "llc", "inc", "incorporated", "gmbh"})

_SHORTHAND: dict[str, tuple[str, ...]] = {
    "dept": ("department",),
    "depts": ("departments",),
    "dep": ("department",),
    "govt": ("government",),
    "gov": ("government",),
    "govn": ("government",),
    "gvt": ("government",),
    "uni": ("university",),
    "univ": ("university",),
    "stats": ("statistics",),
    "soc": ("society",),
    "assoc": ("association",),
    "assn": ("association",),
    "inst": ("institute",),
    "natl": ("national",),
    "nat": ("national",),
    "intl": ("international",),
    "org": ("organisation",),
    "orgs": ("organisations",),
    "fdn": ("foundation",),
    "ctr": ("centre",),
    "center": ("centre",),
    "labor": ("labour",),
    "cttee": ("committee",),
    "corp": ("corporation",),
    "hosp": ("hospital",),
    "info": ("information",),
    "ni": ("northern", "ireland"),
    "mbc": ("metropolitan", "borough", "council"),
    "lb": ("london", "borough"),
    "nhsft": ("nhs", "foundation", "trust"),
}

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_EDGE_JUNK = " \t\r\n\"'`.,;:!?-\u2013\u2014()[]{}<>\u201c\u201d"


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, ...]:
    """The words of a name, lower-cased, unpunctuated and with shorthand expanded."""
    lowered = _plain(text).lower().replace("&", " and ").replace("+", " and ")
    lowered = _APOSTROPHES.sub("", lowered)
    raw = _NOT_WORD.sub(" ", lowered).split()
    joined: list[str] = []
    run: list[str] = []
    # "H.M. Treasury" and "D.W.P." arrive as runs of single letters; one letter alone
    # ("a member of the public") stays a word.
    for word in [*raw, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            joined.append("".join(run))
            run = []
        if word:
            joined.append(word)
    words: list[str] = []
    for word in joined:
        word = word.replace("ization", "isation").replace("izing", "ising")
        words.extend(_SHORTHAND.get(word, (word,)))
    return tuple(words)


def strict_key(words: tuple[str, ...]) -> str:
    """Every word but a leading "the": "The Scottish Government" is the Scottish Government."""
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def loose_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that carry meaning: no joining words, no legal form."""
    return tuple(w for w in words if w not in SMALL_WORDS and w not in LEGAL_WORDS)


def loose_key(words: tuple[str, ...]) -> str:
    return " ".join(loose_words(words))


_KEEP_UPPER = frozenset(
    {"nhs", "uk", "icb", "un", "bbc", "itv", "hm", "hmrc", "ons", "gla", "eu", "plc", "llp", "cic"}
)


def tidy(text: str) -> str:
    """A typed name as the team would record it.

    Spacing and stray edge punctuation go; a name typed all in lower case gets capitals
    ("leeds city council" -> "Leeds City Council"); anything with a capital is the typist's
    own spelling and stays.
    """
    name = _SPACES.sub(" ", text).strip(_EDGE_JUNK)
    if name.count("(") > name.count(")"):
        name += ")"  # the closing bracket went with the edge punctuation
    if not name or any(c.isupper() for c in name):
        return name
    return " ".join(_capitalise(word, first=i == 0) for i, word in enumerate(name.split(" ")))


def _capitalise(word: str, *, first: bool) -> str:
    parts = word.split("-")
    out = []
    for j, part in enumerate(parts):
        if part in _KEEP_UPPER:
            out.append(part.upper())
        elif part in SMALL_WORDS and not (first and j == 0):
            out.append(part)
        else:
            out.append(part[:1].upper() + part[1:])
    return "-".join(out)
