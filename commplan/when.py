"""Dates as people write them ("by next Friday", "end of March", "w/c 7 Dec", "Q1") as days.

A phrase is read relative to ``now`` in the team's time zone (the clock's zone; pass ``zone``
to convert) and gives a :class:`When`, a window of days: one day for "18 December", several
for "next week" or "March". Callers take ``end`` as a deadline and ``start`` as a snooze day.

Single days ("18 December", "03/04/2027", "in two weeks", "Friday 11 December") are read by
dateparser, day first. What dateparser does not know, or reads otherwise than a UK office
means it, is read by the rules in :mod:`commplan.when_rules` first:

- weeks are working weeks, Monday to Friday: "next week", "w/c 7 Dec", "end of the week";
- "Friday" and "on Friday" are the first Friday after today, "this Friday" is this week's
  (today included), "next Friday" the Friday of next week, "Friday week" a week after that;
- months, quarters (calendar, Q1 = January to March, like the plan's phases) and years are
  whole windows; "end of"/"start of" give their last/first day, "early"/"mid"/"late" a third;
- a date, month or quarter named without a year that is already over means the next one
  ("18 January" said in December is next January);
- "by", "on", "due", "until", "to", "for", "in" only introduce a date; "before X" is the day
  before X starts, "after X" the day after it ends, "within X" runs from today to X.

Anything else (a bare "the 45th", "soonish") is None; reading never raises.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache

from commplan.when_rules import DATE_WORDS, NAME_LIKE_DATE_WORDS, normalise, read, words

_log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class When:
    """The days a phrase names, both included, and the words it was read from."""

    start: date
    end: date
    text: str

    @property
    def is_day(self) -> bool:
        return self.start == self.end


def parse_when(text: str, *, now: datetime, zone: tzinfo | None = None) -> When | None:
    """The days ``text`` names as seen at ``now`` (in ``zone`` when given), or None."""
    local = now.astimezone(zone) if zone is not None and now.tzinfo is not None else now
    window = _cached_read(normalise(text), local.date())
    if window is None:
        return None
    return When(start=window[0], end=window[1], text=text.strip(" \t\n,;:.!?"))


def warm_up() -> None:
    """Import dateparser and load its English now, not on the first date someone types.

    For a process that answers chat: call it once at start, in the background if need be.
    """
    _cached_read("18 december", _REFERENCE_DAY)


@lru_cache(maxsize=2048)
def _cached_read(phrase: str, today: date) -> tuple[date, date] | None:
    if not phrase:
        return None
    try:
        return read(phrase, today)
    except (ValueError, OverflowError):
        # A rule or dateparser met a day that does not exist; reading a date never fails.
        _log.warning("could not read a date phrase of %d characters", len(phrase))
        return None


# Words that end a name: the start of a date or a clause, never part of a person's name.
_NAME_ENDERS = words(
    "by before on due to until till til within who whom whose which that please pls because "
    "since so if when once after while re regarding about asap"
)
# Verbs that end a name only in lower case after its first word ("Sam will", not "Will Smith").
_VERBS = words("is was will would can could should must has have needs")
# Words a date phrase can start with; other words are not tried, which keeps splitting fast.
_DATE_STARTS = (
    DATE_WORDS
    | _NAME_ENDERS
    | _VERBS
    | words(
        "in at for the this next last coming a one two three four five six seven eight nine ten "
        "end start beginning early mid middle late close wc"
    )
)
_TOKEN = re.compile(r"[^\s,;()]+|[,;()]")
_BREAKS = frozenset(",;()") | {"-", "–", "—"}
# Any fixed day serves to ask "is this a date?"; a leap year keeps "29 February" a date.
_REFERENCE_DAY = date(2028, 1, 3)


def split_trailing_when(
    text: str, *, now: datetime, zone: tzinfo | None = None
) -> tuple[str, When | None]:
    """``text`` less a date phrase at its end, and that date: "Pete by 18 Dec" -> ("Pete", ...).

    The longest phrase that reads as a date wins ("by the end of March", not "March"). A lone
    word that may be a name ("Emma May", "Wei Sun", "Jan") stays with the text unless a word
    such as "by" or "in" introduces it or a number follows it.
    """
    tokens = [m for m in _TOKEN.finditer(text) if m.group() not in _BREAKS]
    for token in tokens:
        if not _may_start_date(token.group()):
            continue
        phrase = text[token.start() :]
        if _led_by_name_word(phrase):
            continue
        when = parse_when(phrase, now=now, zone=zone)
        if when is not None:
            return text[: token.start()].rstrip(" \t,;:-–—"), when
    return text.strip(), None


def split_name(text: str) -> tuple[str, str]:
    """A name at the start of ``text`` and what follows it: ("Sam Jones", "by Friday").

    The name ends at a comma, a bracket or a dash, at a word that starts a clause or a date
    ("by", "before", "on", "due", "to", "who", "please", ...) or at a date itself ("Pete next
    Friday"). A leading comma is dropped from the rest.
    """
    tokens = list(_TOKEN.finditer(text))
    for index, token in enumerate(tokens):
        word = token.group()
        if word in _BREAKS:
            name = text[: token.start()]
            rest = text[token.end() :] if word in ",;" else text[token.start() :]
            return name.strip(), rest.strip()
        is_verb = index > 0 and word in _VERBS
        if word.lower() in _NAME_ENDERS or is_verb or _starts_date(text, tokens, index):
            return text[: token.start()].strip(), text[token.start() :].strip()
    return text.strip(), ""


def _may_start_date(word: str) -> bool:
    lowered = word.lower().strip(".")
    return (
        lowered in _DATE_STARTS
        or lowered[:1].isdigit()
        or lowered.startswith(("mid-", "w/", "w.", "q"))
        or normalise(lowered) in DATE_WORDS
    )


def _led_by_name_word(phrase: str) -> bool:
    """Whether ``phrase`` starts with a word like "May" or "Sun" and no number makes it a date."""
    parts = phrase.strip(" \t,;:.!?").lower().split()
    return bool(parts) and parts[0] in NAME_LIKE_DATE_WORDS and not re.search(r"\d", phrase)


def _starts_date(text: str, tokens: list[re.Match[str]], index: int) -> bool:
    """Whether a date phrase of up to six words starts at ``tokens[index]``."""
    if not _may_start_date(tokens[index].group()):
        return False
    start = tokens[index].start()
    for last in range(index, min(index + 6, len(tokens))):
        if tokens[last].group() in _BREAKS:
            break
        phrase = text[start : tokens[last].end()]
        if _led_by_name_word(phrase):
            continue
        if _cached_read(normalise(phrase), _REFERENCE_DAY) is not None:
            return True
    return False
