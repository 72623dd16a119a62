"""Rules for the days and periods a UK office names: weekdays, weeks, months, quarters, years.

Each rule is a regular expression (matched against the whole normalised phrase) and a function
of the match and today's date giving a window ``(first, last)``, or None when the words match
but name no real day ("the 45th"). The conventions are documented in :mod:`commplan.when`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

Window = tuple[date, date]
RuleFn = Callable[[re.Match[str], date], Window | None]
Rule = tuple[str, RuleFn]

# Written out rather than taken from calendar, whose names follow the process's locale.
_MONTH_NAMES = str.split(
    "january february march april may june july august september october november december"
)
_DAY_NAMES = str.split("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
MONTHS.update({name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)})
MONTHS["sept"] = 9
WEEKDAYS = {name: number for number, name in enumerate(_DAY_NAMES)}
WEEKDAYS.update({name[:3]: number for number, name in enumerate(_DAY_NAMES)})
WEEKDAYS.update(tues=1, weds=2, thur=3, thurs=3)

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"


def _day(day: date) -> Window:
    return day, day


def _days(offset: int) -> Callable[[re.Match[str], date], Window]:
    return lambda match, today: _day(today + timedelta(days=offset))


def _ordinal(match: re.Match[str], today: date) -> Window | None:
    """The next such day of a month on or after today ("the 31st": a month that has one)."""
    wanted = int(match["day"])
    if not 1 <= wanted <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(13):
        if wanted <= calendar.monthrange(year, month)[1]:
            day = date(year, month, wanted)
            if day >= today:
                return _day(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday_after(today: date, weekday: int) -> date:
    """The first such weekday after today (a week on when today is that day)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _weekday(match: re.Match[str], today: date) -> Window:
    weekday = WEEKDAYS[match["weekday"]]
    which = match["which"] or ""
    if which == "next":
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return _day(monday + timedelta(days=weekday))
    if which == "last":
        return _day(today - timedelta(days=(today.weekday() - weekday) % 7 or 7))
    if which == "this" and weekday >= today.weekday():
        return _day(today + timedelta(days=weekday - today.weekday()))
    return _day(_weekday_after(today, weekday))


def _weekday_week(match: re.Match[str], today: date) -> Window:
    """A week after the coming weekday: "Friday week", "a week on Friday"."""
    return _day(_weekday_after(today, WEEKDAYS[match["weekday"]]) + timedelta(days=7))


def _week(offset: int) -> Callable[[re.Match[str], date], Window]:
    """Monday to Friday of this week (next week once this one's working days are over)."""

    def rule(match: re.Match[str], today: date) -> Window:
        monday = today - timedelta(days=today.weekday())
        if offset == 0 and today.weekday() > 4:
            monday += timedelta(days=7)
        monday += timedelta(days=7 * offset)
        return monday, monday + timedelta(days=4)

    return rule


def _end_of_week(match: re.Match[str], today: date) -> Window:
    friday = _week(0)(match, today)[1]
    return _day(friday)


def _month_window(year: int, month: int) -> Window:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month_offset(offset: int) -> Callable[[re.Match[str], date], Window]:
    def rule(match: re.Match[str], today: date) -> Window:
        index = today.year * 12 + today.month - 1 + offset
        return _month_window(index // 12, index % 12 + 1)

    return rule


def _end_of_month(match: re.Match[str], today: date) -> Window:
    return _day(_month_window(today.year, today.month)[1])


def next_year_if_over(window: Window, today: date) -> Window:
    """The same window a year on when it ended before today ("March" said in December)."""
    if window[1] >= today:
        return window
    return _a_year_on(window[0]), _a_year_on(window[1])


def _a_year_on(day: date) -> date:
    last = calendar.monthrange(day.year + 1, day.month)[1]
    return date(day.year + 1, day.month, min(day.day, last))


def _named_month(match: re.Match[str], today: date) -> Window:
    month = MONTHS[match["month"]]
    if match["year"]:
        return _month_window(int(match["year"]), month)
    which = match["which"] or ""
    if which == "next":
        return _month_window(today.year + (month <= today.month), month)
    if which == "last":
        return _month_window(today.year - (month >= today.month), month)
    if match["next_year"]:
        return _month_window(today.year + 1, month)
    return next_year_if_over(_month_window(today.year, month), today)


def _quarter_window(year: int, quarter: int) -> Window:
    first = date(year, 3 * quarter - 2, 1)
    return first, _month_window(year, 3 * quarter)[1]


_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}


def _named_quarter(match: re.Match[str], today: date) -> Window:
    number = match.groupdict().get("q")
    quarter = int(number) if number else _ORDINALS[match["ord"]]
    if match["year"]:
        return _quarter_window(int(match["year"]), quarter)
    return next_year_if_over(_quarter_window(today.year, quarter), today)


def _quarter_offset(offset: int) -> Callable[[re.Match[str], date], Window]:
    def rule(match: re.Match[str], today: date) -> Window:
        index = today.year * 4 + (today.month - 1) // 3 + offset
        return _quarter_window(index // 4, index % 4 + 1)

    return rule


def _year(offset: int) -> Callable[[re.Match[str], date], Window]:
    def rule(match: re.Match[str], today: date) -> Window:
        year = int(match["year"]) if match.groupdict().get("year") else today.year + offset
        return date(year, 1, 1), date(year, 12, 31)

    return rule


def _financial_year(match: re.Match[str], today: date) -> Window:
    """April to March, the UK public sector's year."""
    offset = {"next": 1, "last": -1}.get(match["which"] or "", 0)
    start = today.year - (today.month < 4) + offset
    return date(start, 4, 1), date(start + 1, 3, 31)


def _iso(match: re.Match[str], today: date) -> Window | None:
    """2026-12-18, as the bot's own buttons and the command line write days."""
    try:
        return _day(date.fromisoformat(match[0]))
    except ValueError:
        return None


def _weeks_from_today(match: re.Match[str], today: date) -> Window:
    """A week or a fortnight from today or tomorrow: "a week today", "a fortnight tomorrow"."""
    weeks = 2 if "fortnight" in match[0] else 1
    return _day(today + timedelta(days=7 * weeks + match[0].endswith("tomorrow")))


RULES: tuple[Rule, ...] = (
    # Days
    (r"\d{4}-\d\d-\d\d", _iso),
    (r"today|tonight|now|eod|cob|close of (?:business|play)|end of (?:the )?day", _days(0)),
    (r"tomorrow|tmrw|tmw", _days(1)),
    (r"(?:the )?day after tomorrow", _days(2)),
    (r"yesterday", _days(-1)),
    (r"(?:(?:a|one) week|(?:a )?fortnight) (?:today|tomorrow)", _weeks_from_today),
    (r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?", _ordinal),
    (rf"(?:(?P<which>this|next|last|coming|this coming) )?{_WEEKDAY}", _weekday),
    (rf"{_WEEKDAY} week", _weekday_week),
    (rf"(?:a|one) week (?:on|from) {_WEEKDAY}", _weekday_week),
    # Weeks
    (r"(?:(?:this|the) )?week", _week(0)),
    (r"next week", _week(1)),
    (r"last week", _week(-1)),
    (r"(?:the )?week after next", _week(2)),
    (r"eow", _end_of_week),
    # Months
    (r"(?:(?:this|the) )?month", _month_offset(0)),
    (r"next month", _month_offset(1)),
    (r"last month", _month_offset(-1)),
    (r"(?:the )?month after next", _month_offset(2)),
    (r"eom|month[ -]end", _end_of_month),
    (
        rf"(?:(?P<which>this|next|last) )?{_MONTH}(?: {_YEAR}|(?P<next_year> next year))?",
        _named_month,
    ),
    # Quarters
    (rf"(?:q|quarter )(?P<q>[1-4])(?: {_YEAR})?", _named_quarter),
    (
        rf"(?:the )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of {_YEAR})?",
        _named_quarter,
    ),
    (r"(?:(?:this|the) )?quarter", _quarter_offset(0)),
    (r"next quarter", _quarter_offset(1)),
    (r"last quarter", _quarter_offset(-1)),
    # Years
    (r"(?:(?:this|the) )?year", _year(0)),
    (r"next year", _year(1)),
    (r"last year", _year(-1)),
    (_YEAR, _year(0)),
    (r"(?:(?P<which>this|the|next|last) )?(?:financial|fiscal) year", _financial_year),
)
