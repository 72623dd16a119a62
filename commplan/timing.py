"""Timing text as people write it ("January 7th", "17th-18th September", "TBC") to a due window."""

from __future__ import annotations

import calendar
import re
from datetime import date

from commplan.errors import InvalidInput
from commplan.plan import DueWindow

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_UNDECIDED = {"", "tbc", "tbd", "tba", "to be confirmed", "to be decided", "n/a", "none", "ongoing"}

_MONTH = r"(?P<{name}>[a-z]+)"
_DAY = r"(?P<{name}>\d{{1,2}})(?:st|nd|rd|th)?"
_SEP = r"(?:\s*[-–—]\s*|\s+(?:to|until)\s+)"

_PATTERNS = [
    # "January 7th", "13th April", "7 January"
    re.compile(rf"^{_MONTH.format(name='m1')}\s+{_DAY.format(name='d1')}$"),
    re.compile(rf"^{_DAY.format(name='d1')}\s+(?:of\s+)?{_MONTH.format(name='m1')}$"),
    # "17th-18th September", "17-18 Sept"
    re.compile(
        rf"^{_DAY.format(name='d1')}{_SEP}{_DAY.format(name='d2')}\s+{_MONTH.format(name='m1')}$"
    ),
    # "September 17th-18th"
    re.compile(
        rf"^{_MONTH.format(name='m1')}\s+{_DAY.format(name='d1')}{_SEP}{_DAY.format(name='d2')}$"
    ),
    # "30th June - 2nd July"
    re.compile(
        rf"^{_DAY.format(name='d1')}\s+{_MONTH.format(name='m1')}{_SEP}"
        rf"{_DAY.format(name='d2')}\s+{_MONTH.format(name='m2')}$"
    ),
    # "July - September"
    re.compile(rf"^{_MONTH.format(name='m1')}{_SEP}{_MONTH.format(name='m2')}$"),
    # "February"
    re.compile(rf"^{_MONTH.format(name='m1')}$"),
]


def _month(word: str | None, text: str) -> int:
    if word is None:
        raise InvalidInput(f"no month in timing {text!r}")
    try:
        return _MONTHS[word]
    except KeyError:
        raise InvalidInput(f"{word!r} in timing {text!r} is not a month") from None


def _day(year: int, month: int, day: str, text: str) -> date:
    try:
        return date(year, month, int(day))
    except ValueError:
        raise InvalidInput(f"timing {text!r} names a day that does not exist") from None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_timing(text: str, year: int) -> DueWindow | None:
    """Derive the due window from timing text, in the given plan year.

    A single day gives start = end; a day range its days; a month its first to last day; a
    month range the first day of the first month to the last day of the last; "TBC" or
    blank gives None.

    Raises:
        InvalidInput: the text is none of those forms.
    """
    cleaned = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".")
    cleaned = re.sub(r"\s*\(.*?\)\s*", " ", cleaned).strip()
    if cleaned in _UNDECIDED:
        return None
    cleaned = re.sub(rf"\s*,?\s*{year}$", "", cleaned)
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        first_month = _month(parts.get("m1"), text)
        last_month = _month(parts["m2"], text) if parts.get("m2") else first_month
        if parts.get("d1") is None:
            if last_month < first_month:
                raise InvalidInput(f"timing {text!r} ends before it starts")
            return DueWindow(start=date(year, first_month, 1), end=_last_day(year, last_month))
        start = _day(year, first_month, parts["d1"], text)
        end = _day(year, last_month, parts["d2"], text) if parts.get("d2") else start
        if end < start:
            raise InvalidInput(f"timing {text!r} ends before it starts")
        return DueWindow(start=start, end=end)
    raise InvalidInput(
        f"cannot read the timing {text!r}: write a day ('January 7th'), a day range "
        "('17th-18th September'), a month ('February'), a month range ('July - September') or TBC"
    )
