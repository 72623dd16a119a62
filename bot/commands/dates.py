"""Dates as members type them in chat ("1 October", "March", "next week")."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser

from commplan.errors import InvalidInput


def parse_day(text: str, today: date) -> date:
    """A day from chat text; a day without a year that has passed this year means next year."""
    cleaned = text.strip().lower()
    if cleaned in ("today",):
        return today
    if cleaned in ("tomorrow",):
        return today + timedelta(days=1)
    if cleaned in ("next week", "a week"):
        return today + timedelta(days=7)
    try:
        default = datetime(today.year, today.month, today.day)
        parsed = date_parser.parse(text, default=default, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError):
        raise InvalidInput(f"I could not read {text!r} as a date; try '1 October'.") from None
    has_year = any(part.isdigit() and len(part) == 4 for part in text.replace("/", " ").split())
    if not has_year and parsed < today:
        parsed = parsed.replace(year=parsed.year + 1)
    return parsed


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
