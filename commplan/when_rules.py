"""The reading behind :mod:`commplan.when`: rules for periods and idioms, dateparser for days.

Every function takes normalised words (see :func:`normalise`) and today's date, and gives a
window ``(first, last)`` or None. A rule whose pattern matches decides, even when it gives
None ("the 45th"), so dateparser never guesses at what a rule has refused.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from commplan.when_periods import MONTHS, RULES, WEEKDAYS, RuleFn, Window


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, which reads better in long lists."""
    return frozenset(text.split())


# Date words that are also names ("June Whitfield", "Jan Kowalski", "Wei Sun"): alone after a
# name they are read as part of it. Every short form is one of them.
NAME_LIKE_DATE_WORDS = words("april may june august") | {
    name for name in (*MONTHS, *WEEKDAYS) if len(name) <= 4
}
_RELATIVE_WORDS = words(
    "today tonight tomorrow tmrw yesterday day days week weeks fortnight month months "
    "year years quarter eod cob eow eom"
)
DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | _RELATIVE_WORDS

_SPELLINGS = (
    (re.compile(r"[’‘]"), "'"),
    (re.compile(r"\s+"), " "),
    (
        re.compile(
            r"\b(?:w/c|w\.c\.?|w/b|w\.b\.?|wb|week (?:commencing|beginning|starting)|"
            r"(?:the )?week of)(?= |$)"
        ),
        "wc",
    ),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"\b(?:at the latest|latest|please|pls)$"), ""),
)


def normalise(text: str) -> str:
    """Lower case, single spaces, no closing punctuation, one spelling of "week commencing"."""
    words = text.lower().strip(" \t\n,;:.!?")
    for pattern, replacement in _SPELLINGS:
        words = pattern.sub(replacement, words).strip(" ,;:.!?")
    return words


def read(words: str, today: date) -> Window | None:
    """The window ``words`` name as seen on ``today``."""
    for pattern, rule in _rules():
        match = pattern.fullmatch(words)
        if match:
            return rule(match, today)
    for introducer, change in _INTRODUCERS:
        if words.startswith(introducer + " "):
            inner = read(words[len(introducer) + 1 :], today)
            return change(inner, today) if inner else None
    return _dateparser_day(words, today)


def _before(window: Window, today: date) -> Window:
    day = window[0] - timedelta(days=1)
    return day, day


def _after(window: Window, today: date) -> Window:
    day = window[1] + timedelta(days=1)
    return day, day


def _within(window: Window, today: date) -> Window:
    return min(today, window[1]), window[1]


def _same(window: Window, today: date) -> Window:
    return window


# Longer introducers first, so "due by" is not read as "due" followed by "by ...".
_INTRODUCERS: tuple[tuple[str, Callable[[Window, date], Window]], ...] = (
    ("no later than", _same),
    ("not later than", _same),
    ("ahead of", _before),
    ("due by", _same),
    ("due on", _same),
    ("before", _before),
    ("after", _after),
    ("within", _within),
    *((word, _same) for word in sorted(words("by on due until till til to for in at from"))),
)


def _part(name: str, window: Window) -> Window:
    """ "end of", "start of", "early", "mid" or "late" applied to a window."""
    first, last = window
    if name == "end":
        return last, last
    if name in ("start", "beginning"):
        return first, first
    return _third(first, last, ("early", "mid", "late").index(name))


def _third(first: date, last: date, part: int) -> Window:
    """The first, middle or last third: 1-10, 11-20, 21-end of a month; a month of a quarter."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if whole and months == 1:
        bands = ((1, 10), (11, 20), (21, last.day))
        return first.replace(day=bands[part][0]), first.replace(day=bands[part][1])
    if whole and months % 3 == 0:
        step = months // 3
        begin = _add_months(first, part * step)
        end = _add_months(begin, step) - timedelta(days=1)
        return begin, end
    length = (last - first).days + 1
    size = -(-length // 3)
    begin = first + timedelta(days=min(part * size, length - 1))
    return begin, min(last, begin + timedelta(days=size - 1))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


_MODIFIER = (
    r"(?P<modifier>(?:the )?(?:end|start|beginning|middle)|early|mid|late)"
    r"(?: of)? (?P<rest>.+)"
)


def _modified(match: re.Match[str], today: date) -> Window | None:
    inner = read(match["rest"], today)
    if inner is None:
        return None
    name = match["modifier"].removeprefix("the ")
    return _part("mid" if name == "middle" else name, inner)


def _week_commencing(match: re.Match[str], today: date) -> Window | None:
    inner = read(match["rest"], today)
    if inner is None or inner[0] != inner[1]:
        return None
    # The week from that day to its Friday (the next Friday when a weekend day is given).
    first = inner[0]
    return first, first + timedelta(days=(4 - first.weekday()) % 7)


_cache: list[tuple[re.Pattern[str], RuleFn]] = []


def _rules() -> list[tuple[re.Pattern[str], RuleFn]]:
    """The rule table, compiled on first use."""
    if not _cache:
        _cache.extend((re.compile(pattern), rule) for pattern, rule in RULES)
        _cache.append((re.compile(r"wc (?P<rest>.+)"), _week_commencing))
        _cache.append((re.compile(_MODIFIER), _modified))
    return _cache


# --- dateparser, for single days -------------------------------------------------------------

_SHORTHAND = (
    (re.compile(r"^(?P<span>.+) from (?:today|now)$"), r"in \g<span>"),
    (re.compile(r"^(?:in )?(?P<span>.+?)(?:'s|')? time$"), r"in \g<span>"),
    (re.compile(r"\b(?:a )?fortnight\b"), "2 weeks"),
    (re.compile(r"\b(?:a )?couple of\b"), "2"),
    (re.compile(r"\bwks?\b"), "weeks"),
)
_DATEISH = re.compile(
    r"\b(?:" + "|".join(sorted(DATE_WORDS, key=len, reverse=True)) + r")\b"
    r"|\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b"
)
_NUMERIC = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_ABSOLUTE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b|\b\d{1,2}[/.]\d{1,2}\b")
_RELATIVE = re.compile(r"\b(?:in|ago|days?|weeks?|months?|years?|last|next)\b")


def _dateparser_day(words: str, today: date) -> Window | None:
    for pattern, replacement in _SHORTHAND:
        words = pattern.sub(replacement, words)
    if not _DATEISH.search(words) or not _numbers_fit(words):
        return None
    parsed = _dateparser(words, today)
    if parsed is None or not today.year - 5 <= parsed.year <= today.year + 10:
        return None
    day = parsed.date()
    if (
        day.year == today.year + 1
        and (day.month, day.day) == (today.month, today.day)
        and _ABSOLUTE.search(words)
        and not _YEAR.search(words)
        and not _RELATIVE.search(words)
    ):
        # dateparser counts today as past for "3 December" said on 3 December.
        day = today
    return day, day


def _numbers_fit(words: str) -> bool:
    """Whether every d/m[/y] in ``words`` is a real day and month (dateparser bends 12/13)."""
    for match in _NUMERIC.finditer(words):
        first, second = int(match[1]), int(match[2])
        if len(match[1]) == 4:
            first, second = second, int(match[3] or 1)  # y-m-d
            if not 1 <= first <= 12 or not 1 <= second <= 31:
                return False
        elif not 1 <= first <= 31 or not 1 <= second <= 12:
            return False
    return True


def _dateparser(words: str, today: date) -> datetime | None:
    # Imported here: it takes a quarter of a second to import and more to load English.
    import dateparser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PARSERS": ["relative-time", "absolute-time"],
    }
    try:
        return dateparser.parse(words, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        # A day that does not exist after all ("31/04" in some spellings).
        return None
