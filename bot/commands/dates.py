"""Dates and names as members type them in chat ("1 October", "March", "next week")."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.turn import Turn
from commplan.errors import InvalidInput
from commplan.people import split_owners
from commplan.when import When, parse_when, split_name


def read_when(turn: Turn, text: str) -> When | None:
    """The days chat words name ("by next Friday", "end of March"), in the team's time zone."""
    return parse_when(text, now=turn.now, zone=turn.deps.clock.now().tzinfo)


def require_when(turn: Turn, text: str) -> When:
    """As :func:`read_when`, refusing words that name no date.

    Raises:
        InvalidInput: the words are not a date.
    """
    when = read_when(turn, text)
    if when is None:
        raise InvalidInput(
            f"I could not read {text!r} as a date; try 'next Friday' or '1 October'."
        )
    return when


def snooze_day(turn: Turn, text: str) -> date:
    """The day a snooze lasts until: a week from today when no day is given, else the first
    day named ("next week" is its Monday) or, when that is not after today, the last."""
    if not text:
        return turn.today + timedelta(days=7)
    when = require_when(turn, text)
    return when.start if when.start > turn.today else when.end


def split_owners_text(text: str) -> tuple[str, str]:
    """The owners at the start of chat words and what follows them.

    "Sam Jones please" gives ("Sam Jones", "please"); "Emma Wright, Pete Brodie by Friday"
    gives ("Emma Wright, Pete Brodie", "by Friday"): every name is cut where a clause or a
    date starts, so that neither is ever stored as part of a name.
    """
    names: list[str] = []
    cursor = 0
    for part in split_owners(text):
        at = text.find(part, cursor)
        cursor = at + len(part)
        name, rest = split_name(part)
        if name:
            names.append(name)
        if rest:
            return ", ".join(names), text[at + part.find(rest, len(name)) :].strip()
    return ", ".join(names), ""


def without_courtesy(text: str) -> str:
    """Chat words less "please" and "thanks", which end a name but say nothing of a date."""
    return _COURTESY.sub(" ", text).strip(" ,.!")


_COURTESY = re.compile(r"\b(?:please|pls|thanks|thank you|cheers|ta)\b[,.!]*", re.I)


def parse_month(text: str, year: int) -> tuple[date, date]:
    """The first and last day of a named month in the given (plan) year."""
    cleaned = text.strip().lower()
    for number in range(1, 13):
        if cleaned in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower()):
            last = calendar.monthrange(year, number)[1]
            return date(year, number, 1), date(year, number, last)
    raise InvalidInput(f"{text!r} is not a month; try 'what's due in March'.")


def in_year(day: date, year: int) -> date:
    """The same day in another year (28 February for 29 February): today, moved into the
    plan's year when the plan is of another year (the sample)."""
    if day.year == year:
        return day
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
