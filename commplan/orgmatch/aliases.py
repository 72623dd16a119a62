"""The everyday forms of a directory name: what people type instead of the name as listed.

Most come from the name itself: without its brackets ("Office for National Statistics"), the
abbreviation in its brackets ("ONS"), the former names it records ("formerly CLG and DLUHC"),
the initials of its words ("DWP", "DfE", "MoJ", "HMRC") and "X University" for "University
of X". A short curated table adds the other names a UK reader knows a listed body by
("Foreign Office", "Highways England"); it applies only to names the directory lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from commplan.orgmatch.text import SMALL_WORDS

#: How much an alias is worth when two organisations share it: the strongest claim wins,
#: equal claims make the input ambiguous.
NAME, DERIVED, INITIALS = 3, 2, 1

_BRACKET = re.compile(r"\(([^)]*)\)")
_FORMER = re.compile(
    r"^(?:formerly|now|including|incorporating|previously|was)\s+(?:the\s+)?(.+)$", re.I
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")

#: Other names of listed bodies, as people write them; keyed by the directory name.
CURATED: dict[str, tuple[str, ...]] = {
    "Private individual": (
        "member of the public", "members of the public", "individual",
        "citizen", "self", "private person",
    ),
    "UK Parliament (House of Commons and House of Lords Libraries)": (
        "House of Commons", "House of Lords", "House of Commons Library",
        "House of Lords Library", "Parliament", "Commons Library",
    ),
    "Prime Minister's Office (10 Downing Street)": ("Number 10", "No 10", "Downing Street"),
    "UK Statistics Authority (including the Office for Statistics Regulation)": (
        "Statistics Authority", "OSR",
    ),
    "Department for Education": (
        "Department for Education and Skills", "DfES",
        "Department for Children, Schools and Families", "DCSF",
    ),
    "Foreign, Commonwealth and Development Office": (
        "Foreign Office", "Foreign and Commonwealth Office", "FCO",
        "Department for International Development", "DFID",
    ),
    "Ministry of Housing, Communities and Local Government (formerly CLG and DLUHC)": (
        "Department for Communities and Local Government", "Communities and Local Government",
        "Department for Levelling Up, Housing and Communities", "DCLG",
    ),
    "NHS England": ("NHS England and NHS Improvement", "NHS Improvement", "NHSEI"),
    "NHS Digital (formerly the Health and Social Care Information Centre)": ("HSCIC",),
    "Welsh Government (formerly Welsh Assembly Government)": ("Llywodraeth Cymru",),
    "The Scottish Government": ("Scottish Executive",),
    "The Executive Office (Northern Ireland)": (
        "Northern Ireland Executive", "TEO", "OFMDFM",
    ),
    "Senedd Cymru (Welsh Parliament)": ("Welsh Assembly", "National Assembly for Wales"),
    "Scottish Parliament": ("Holyrood",),
    "Northern Ireland Assembly": ("Stormont",),
    "Greater London Authority (GLA Intelligence Unit)": ("Mayor of London", "City Hall"),
    "National Highways": ("Highways England", "Highways Agency"),
    "Met Office": ("Meteorological Office",),
    "Ofsted": ("Office for Standards in Education",),
    "Ofqual": ("Office of Qualifications and Examinations Regulation",),
    "Ofgem": ("Office of Gas and Electricity Markets",),
    "Ofcom": ("Office of Communications",),
    "BBC": ("British Broadcasting Corporation",),
    "PA Media (Press Association)": ("PA",),
    "Reach plc (Mirror and regional titles)": ("Daily Mirror", "Mirror"),
    "The Times and The Sunday Times": ("The Times", "Sunday Times"),
    "News UK": ("The Sun",),
    "The Telegraph": ("Daily Telegraph", "Sunday Telegraph"),
    "Daily Mail": ("Mail on Sunday",),
    "Experian UK": ("Experian",),
    "NatWest Group": ("NatWest", "Royal Bank of Scotland", "RBS"),
    "Lloyds Banking Group": ("Lloyds", "Lloyds Bank"),
    "PwC": ("PricewaterhouseCoopers",),
    "EY": ("Ernst and Young",),
    "Make UK": ("EEF",),
    "Administrative Data Research UK": ("ADR UK",),
    "Jisc": ("Joint Information Systems Committee",),
    "UCAS": ("Universities and Colleges Admissions Service",),
    "The British Academy": ("British Academy",),
}  # fmt: skip


#: Names a listed body had before, which another body may have had too: they make input
#: ambiguous rather than win ("Department of Health" was England's as well as Northern Ireland's).
FORMER_NAMES: dict[str, tuple[str, ...]] = {
    "Department of Health and Social Care": ("Department of Health", "DH", "DoH"),
}

_PLACES = frozenset({"northern", "ireland", "scotland", "wales", "england", "uk", "britain"})


@dataclass(frozen=True, kw_only=True)
class Alias:
    text: str
    strength: int
    kind: str  # "name", "alias", "abbreviation"


def aliases(name: str) -> Iterator[Alias]:
    """Every form of one directory name worth indexing, strongest first."""
    base = " ".join(_BRACKET.sub(" ", name).split())
    yield Alias(text=name, strength=NAME, kind="name")
    if base != name:
        # "Department of Health (Northern Ireland)" without its place is not quite its name:
        # England had a Department of Health too.
        qualified = any(_is_place(inside) for inside in _BRACKET.findall(name))
        yield Alias(text=base, strength=DERIVED if qualified else NAME, kind="name")
    for extra in CURATED.get(name, ()):
        yield Alias(text=extra, strength=NAME, kind=_kind(extra))
    for extra in FORMER_NAMES.get(name, ()):
        yield Alias(text=extra, strength=DERIVED, kind=_kind(extra))
    phrases = [base]
    for inside in _BRACKET.findall(name):
        inside = inside.strip()
        if _is_place(inside):
            continue
        former = _FORMER.match(inside)
        if former:
            rest = former.group(1)
            parts = [p.strip() for p in re.split(r"\s+and\s+", rest)]
            if all(_is_abbreviation(p) for p in parts):
                yield from (Alias(text=p, strength=NAME, kind="abbreviation") for p in parts)
            else:
                yield Alias(text=rest, strength=NAME, kind="alias")
                phrases.append(rest)
            continue
        words = inside.split()
        if len(words) == 1 and _is_abbreviation(inside):
            yield Alias(text=inside, strength=NAME, kind="abbreviation")
        elif len(words) > 1 and _is_abbreviation(words[0]):
            # "(GLA Intelligence Unit)": the team within, led by the body's abbreviation.
            yield Alias(text=words[0], strength=NAME, kind="abbreviation")
            yield Alias(text=inside, strength=DERIVED, kind="alias")
        elif len(words) > 1:
            yield Alias(text=inside, strength=DERIVED, kind="alias")
    for phrase in phrases:
        yield from _initials(phrase)
        swapped = _university_swap(phrase)
        if swapped:
            yield Alias(text=swapped, strength=DERIVED, kind="alias")


def _is_place(inside: str) -> bool:
    """Whether brackets hold a qualifier ("Northern Ireland", "Glasgow"), not another name."""
    words = inside.split()
    if len(words) == 1:
        return not _is_abbreviation(inside)
    return all(w.lower() in _PLACES for w in words)


def _kind(text: str) -> str:
    return "abbreviation" if len(text.split()) == 1 and _is_abbreviation(text) else "alias"


def _is_abbreviation(word: str) -> bool:
    """Capitals inside, or short and capitalised: "ONS", "DfE", "NatCen", "BoE", "Defra"."""
    if " " in word or not word[:1].isupper():
        return False
    capitals = sum(c.isupper() for c in word)
    return capitals >= 2 or len(word) <= 5


def _initials(phrase: str) -> Iterator[Alias]:
    """Initials: "Department for Work and Pensions" -> DWP, DfWaP; "HM Revenue and ..." -> HMRC."""
    words = _WORD.findall(phrase.replace("-", " "))
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return
    with_small = "".join(_initial(w) for w in words)
    without = "".join(_initial(w) for w in words if w.lower() not in SMALL_WORDS)
    seen: set[str] = set()
    for initials in (without, with_small):
        if initials in seen or not initials.isalnum():
            continue
        seen.add(initials)
        if len(initials) >= 3:
            yield Alias(text=initials, strength=DERIVED, kind="abbreviation")
        elif len(initials) == 2 and len(words) == 2:
            # "FT", "OS": two-letter initials are worth the least of all.
            yield Alias(text=initials, strength=INITIALS, kind="abbreviation")


def _initial(word: str) -> str:
    # A word in capitals is an abbreviation already: "HM", "UK", "NHS" contribute whole.
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return word
    return word[0]


def _university_swap(phrase: str) -> str:
    """The other way of naming a university: "University of X" <-> "X University"."""
    match = re.fullmatch(r"University of (.+)", phrase)
    if match:
        return f"{match.group(1)} University"
    match = re.fullmatch(r"(.+) University", phrase)
    if match and " " not in match.group(1):
        return f"University of {match.group(1)}"
    return ""
