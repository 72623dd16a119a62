"""Timing text as the plan writes it, to due windows."""

from datetime import date

import pytest

from commplan.errors import InvalidInput
from commplan.timing import parse_timing


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("January 7th", date(2015, 1, 7), date(2015, 1, 7)),
        ("January 21st ", date(2015, 1, 21), date(2015, 1, 21)),
        ("13th April", date(2015, 4, 13), date(2015, 4, 13)),
        ("17th-18th September", date(2015, 9, 17), date(2015, 9, 18)),
        ("17th – 18th September", date(2015, 9, 17), date(2015, 9, 18)),
        ("July - September", date(2015, 7, 1), date(2015, 9, 30)),
        ("July to September", date(2015, 7, 1), date(2015, 9, 30)),
        ("February", date(2015, 2, 1), date(2015, 2, 28)),
        ("October", date(2015, 10, 1), date(2015, 10, 31)),
        ("Sept", date(2015, 9, 1), date(2015, 9, 30)),
        ("30th June - 2nd July", date(2015, 6, 30), date(2015, 7, 2)),
        ("September 15th, 2015", date(2015, 9, 15), date(2015, 9, 15)),
    ],
)
def test_timing_text_gives_the_window(text: str, start: date, end: date) -> None:
    window = parse_timing(text, 2015)
    assert window is not None
    assert (window.start, window.end) == (start, end)


@pytest.mark.parametrize("text", ["TBC", "tbc", "", "  ", "To be confirmed"])
def test_undecided_timing_has_no_window(text: str) -> None:
    assert parse_timing(text, 2015) is None


def test_february_in_a_leap_year_ends_on_the_29th() -> None:
    window = parse_timing("February", 2016)
    assert window is not None and window.end == date(2016, 2, 29)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("Janvier 7th", "not a month"),
        ("31st February", "does not exist"),
        ("September - July", "ends before"),
        ("next week sometime", "cannot read the timing"),
    ],
)
def test_unreadable_timing_says_what_is_wrong(text: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        parse_timing(text, 2015)
