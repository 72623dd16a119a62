"""Dates as the team writes them, read on Thursday 3 December 2026 at 10:00 in London."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commplan.when import When, parse_when

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)  # a Thursday


def day(month: int, number: int, year: int = 2026) -> date:
    return date(year, month, number)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Single days that dateparser reads, day first.
        ("18 December", day(12, 18), day(12, 18)),
        ("by 18 December", day(12, 18), day(12, 18)),
        ("18th Dec", day(12, 18), day(12, 18)),
        ("Dec 18th", day(12, 18), day(12, 18)),
        ("due 18 Dec", day(12, 18), day(12, 18)),
        ("03/04/2027", day(4, 3, 2027), day(4, 3, 2027)),
        ("3/4", day(4, 3, 2027), day(4, 3, 2027)),
        ("18/12", day(12, 18), day(12, 18)),
        ("2026-12-18", day(12, 18), day(12, 18)),
        ("18.12.26", day(12, 18), day(12, 18)),
        ("Friday 11 December", day(12, 11), day(12, 11)),
        ("1st of Feb", day(2, 1, 2027), day(2, 1, 2027)),
        ("29 Feb", day(2, 29, 2028), day(2, 29, 2028)),
        ("in two weeks", day(12, 17), day(12, 17)),
        ("in 10 days", day(12, 13), day(12, 13)),
        ("in a fortnight", day(12, 17), day(12, 17)),
        ("3 weeks from today", day(12, 24), day(12, 24)),
        ("in 2 months' time", day(2, 3, 2027), day(2, 3, 2027)),
        ("for two weeks", day(12, 17), day(12, 17)),
        ("Tues 8th", day(12, 8), day(12, 8)),
        # Year rollover: a day already past this year is next year's.
        ("18 January", day(1, 18, 2027), day(1, 18, 2027)),
        ("to 1 October", day(10, 1, 2027), day(10, 1, 2027)),
        ("3 Dec", day(12, 3), day(12, 3)),  # today, not next year
        # Days read by rules.
        ("today", day(12, 3), day(12, 3)),
        ("by COB", day(12, 3), day(12, 3)),
        ("tomorrow", day(12, 4), day(12, 4)),
        ("the day after tomorrow", day(12, 5), day(12, 5)),
        ("the 3rd", day(12, 3), day(12, 3)),
        ("on the 2nd", day(1, 2, 2027), day(1, 2, 2027)),
        ("until the 31st", day(12, 31), day(12, 31)),
        ("a week today", day(12, 10), day(12, 10)),
        ("a fortnight tomorrow", day(12, 18), day(12, 18)),
        # Weekdays: "next Friday" is next week's; a bare weekday the first one after today.
        ("Friday", day(12, 4), day(12, 4)),
        ("this Friday", day(12, 4), day(12, 4)),
        ("by next Friday", day(12, 11), day(12, 11)),
        ("next fri", day(12, 11), day(12, 11)),
        ("Thursday", day(12, 10), day(12, 10)),
        ("this Thursday", day(12, 3), day(12, 3)),
        ("Monday week", day(12, 14), day(12, 14)),
        ("a week on Friday", day(12, 11), day(12, 11)),
        ("last Friday", day(11, 27), day(11, 27)),
        # Working weeks, Monday to Friday.
        ("this week", day(11, 30), day(12, 4)),
        ("next week", day(12, 7), day(12, 11)),
        ("the week after next", day(12, 14), day(12, 18)),
        ("w/c 7 Dec", day(12, 7), day(12, 11)),
        ("week commencing 14/12", day(12, 14), day(12, 18)),
        ("end of next week", day(12, 11), day(12, 11)),
        ("by the end of the week", day(12, 4), day(12, 4)),
        # Months.
        ("March", day(3, 1, 2027), day(3, 31, 2027)),
        ("in May", day(5, 1, 2027), day(5, 31, 2027)),
        ("December", day(12, 1), day(12, 31)),
        ("end of March", day(3, 31, 2027), day(3, 31, 2027)),
        ("by the end of the month", day(12, 31), day(12, 31)),
        ("end of the month", day(12, 31), day(12, 31)),
        ("mid-January", day(1, 11, 2027), day(1, 20, 2027)),
        ("early March", day(3, 1, 2027), day(3, 10, 2027)),
        ("end of Jan", day(1, 31, 2027), day(1, 31, 2027)),
        ("late Feb", day(2, 21, 2027), day(2, 28, 2027)),
        ("start of next month", day(1, 1, 2027), day(1, 1, 2027)),
        ("next month", day(1, 1, 2027), day(1, 31, 2027)),
        ("September 2027", day(9, 1, 2027), day(9, 30, 2027)),
        # Quarters (calendar, like the plan's phases), years.
        ("Q1", day(1, 1, 2027), day(3, 31, 2027)),
        ("Q4", day(10, 1), day(12, 31)),
        ("q2 2027", day(4, 1, 2027), day(6, 30, 2027)),
        ("the second quarter", day(4, 1, 2027), day(6, 30, 2027)),
        ("end of Q1", day(3, 31, 2027), day(3, 31, 2027)),
        ("next quarter", day(1, 1, 2027), day(3, 31, 2027)),
        ("end of the year", day(12, 31), day(12, 31)),
        ("next year", day(1, 1, 2027), day(12, 31, 2027)),
        ("end of the financial year", day(3, 31, 2027), day(3, 31, 2027)),
        # Introducers that change the day.
        ("before Friday", day(12, 3), day(12, 3)),
        ("before 18 December", day(12, 17), day(12, 17)),
        ("after 18 December", day(12, 19), day(12, 19)),
        ("within two weeks", day(12, 3), day(12, 17)),
        ("by Friday at the latest", day(12, 4), day(12, 4)),
    ],
)
def test_a_phrase_gives_its_days(text: str, start: date, end: date) -> None:
    when = parse_when(text, now=NOW)
    assert when is not None, text
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "the 45th",
        "the 0th",
        "soonish",
        "asap",
        "Pete Brodie",
        "31 Feb",
        "12/13",
        "1/13/2027",
        "99/99",
        "45",
        "3pm",
        "",
        "   ",
        "next",
        "end of",
        "w/c",
        "before soonish",
        "Q5",
        "2026-13-01",
        "2027-02-30",
    ],
)
def test_what_is_not_a_date_is_none(text: str) -> None:
    assert parse_when(text, now=NOW) is None


def test_the_phrase_is_kept_as_written() -> None:
    when = parse_when("  by next Friday. ", now=NOW)
    assert when == When(start=day(12, 11), end=day(12, 11), text="by next Friday")
    assert when.is_day


def test_a_window_is_not_a_day() -> None:
    when = parse_when("next week", now=NOW)
    assert when is not None and not when.is_day


def test_today_is_the_day_in_the_team_zone() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    late = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)
    assert parse_when("tomorrow", now=late) == When(
        start=date(2027, 7, 1), end=date(2027, 7, 1), text="tomorrow"
    )
    in_london = parse_when("tomorrow", now=late, zone=LONDON)
    assert in_london is not None and in_london.start == date(2027, 7, 2)


def test_the_weekend_rolls_this_week_on() -> None:
    saturday = datetime(2026, 12, 5, 9, 0, tzinfo=LONDON)
    assert parse_when("this week", now=saturday) == When(
        start=day(12, 7), end=day(12, 11), text="this week"
    )
    next_friday = parse_when("next Friday", now=saturday)
    assert next_friday is not None and next_friday.start == day(12, 11)


def test_the_new_year_rolls_months_and_quarters_over() -> None:
    january = datetime(2027, 1, 4, 9, 0, tzinfo=LONDON)
    december = parse_when("December", now=january)
    assert december is not None and december.start == day(12, 1, 2027)
    q4 = parse_when("end of Q4", now=january)
    assert q4 is not None and q4.end == day(12, 31, 2027)
    last = parse_when("last quarter", now=january)
    assert last is not None and (last.start, last.end) == (day(10, 1), day(12, 31))


@given(st.text(max_size=40))
def test_reading_never_raises_and_windows_run_forwards(text: str) -> None:
    when = parse_when(text, now=NOW)
    assert when is None or when.start <= when.end


@given(
    st.sampled_from(["the", "by", "end of", "w/c", "mid", "before", "in", "next", "q"]),
    st.integers(min_value=-5, max_value=400),
    st.sampled_from(["", "th", "st", " Dec", "/12", "/13", " weeks", " days", " 2027"]),
)
def test_numbers_in_any_phrase_never_raise(lead: str, number: int, tail: str) -> None:
    when = parse_when(f"{lead} {number}{tail}", now=NOW)
    assert when is None or when.start <= when.end
