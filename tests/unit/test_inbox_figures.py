"""Inbox figures by hand: received and answered in a week, median hours, overdue, by month."""

from __future__ import annotations

from datetime import UTC, date, datetime

from adapters.calendar import uk_working_days
from commplan.inbox_figures import MonthResponse, monthly_response, response_figures
from commplan.queries import InboxQuery, QueryState
from tests.conftest import LONDON

CALENDAR = uk_working_days()
# The week that ended on Sunday 13 September 2026; the digest goes out on Monday the 14th.
FIRST, LAST = date(2026, 9, 7), date(2026, 9, 13)
NOW = datetime(2026, 9, 14, 9, 0, tzinfo=LONDON)


def query(
    key: str,
    received: datetime,
    answered: datetime | None = None,
    state: QueryState | None = None,
    subject: str = "",
    organisation: str = "",
) -> InboxQuery:
    if state is None:
        state = QueryState.ANSWERED if answered else QueryState.NEW
    return InboxQuery(
        key=key,
        thread=key,
        received_at=received,
        answered_at=answered,
        state=state,
        subject=subject,
        organisation=organisation,
    )


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def test_the_week_counts_arrivals_and_first_answers_in_it() -> None:
    queries = [
        query("before", at(9, 4), answered=at(9, 8, 10)),  # answered in the week: 96 h
        query("in-a", at(9, 7, 9), answered=at(9, 7, 11)),  # 2 h
        query("in-b", at(9, 9, 9), answered=at(9, 9, 15)),  # 6 h
        query("in-open", at(9, 11, 9)),
        query("in-late", at(9, 12, 9), answered=at(9, 14, 8)),  # answered after the week
        query("after", at(9, 14, 8)),
    ]
    figures = response_figures(
        queries, first=FIRST, last=LAST, now=NOW, calendar=CALENDAR, unanswered_after_days=3
    )
    assert figures.received == 4  # in-a, in-b, in-open, in-late
    assert figures.answered == 3  # before, in-a, in-b
    assert figures.median_hours == 6.0  # median of 96, 2, 6


def test_no_answers_means_no_median() -> None:
    figures = response_figures(
        [query("q", at(9, 8))], first=FIRST, last=LAST, now=NOW, calendar=CALENDAR
    )
    assert (figures.received, figures.answered, figures.median_hours) == (1, 0, None)


def test_an_even_number_of_answers_takes_the_middle_two() -> None:
    queries = [
        query("a", at(9, 7, 9), answered=at(9, 7, 10)),  # 1 h
        query("b", at(9, 8, 9), answered=at(9, 8, 12)),  # 3 h
    ]
    figures = response_figures(queries, first=FIRST, last=LAST, now=NOW, calendar=CALENDAR)
    assert figures.median_hours == 2.0


def test_days_are_local_so_a_late_sunday_arrival_is_in_the_week() -> None:
    # 23:30 on Sunday 13 September in London is 22:30 UTC, still Sunday; 00:30 on Monday the
    # 14th in London is 23:30 UTC on Sunday, which must not count.
    queries = [
        query("sunday", datetime(2026, 9, 13, 22, 30, tzinfo=UTC)),
        query("monday", datetime(2026, 9, 13, 23, 30, tzinfo=UTC)),
    ]
    figures = response_figures(queries, first=FIRST, last=LAST, now=NOW, calendar=CALENDAR)
    assert figures.received == 1


def test_open_queries_past_the_working_day_limit_are_overdue_oldest_first() -> None:
    queries = [
        # Wednesday 9th + 3 working days = Monday 14th: overdue on the digest morning.
        query("wed", at(9, 9), subject="Coding occupations", organisation="ONS"),
        # Thursday 10th + 3 working days = Tuesday 15th: not yet.
        query("thu", at(9, 10), subject="Ethnicity"),
        # Taken but not answered still counts; closed without an answer does not.
        query("taken", at(9, 1), state=QueryState.TAKEN, organisation="NHS England"),
        query("closed", at(9, 1), state=QueryState.CLOSED),
        query("answered", at(9, 1), answered=at(9, 10)),
    ]
    figures = response_figures(
        queries, first=FIRST, last=LAST, now=NOW, calendar=CALENDAR, unanswered_after_days=3
    )
    assert figures.overdue_count == 2
    assert [(o.key, o.subject, o.organisation, o.age_days) for o in figures.overdue] == [
        ("taken", "(no subject)", "NHS England", 13),
        ("wed", "Coding occupations", "ONS", 5),
    ]


def test_bank_holidays_do_not_count_towards_the_limit() -> None:
    # Friday 28 August + 3 working days skips the bank holiday on Monday 31 August 2026:
    # Tuesday 1, Wednesday 2, Thursday 3 September, so overdue from the Thursday.
    friday = query("fri", at(8, 28))
    on_wednesday = response_figures(
        [friday],
        first=FIRST,
        last=LAST,
        now=datetime(2026, 9, 2, 17, 0, tzinfo=LONDON),
        calendar=CALENDAR,
    )
    on_thursday = response_figures(
        [friday],
        first=FIRST,
        last=LAST,
        now=datetime(2026, 9, 3, 9, 0, tzinfo=LONDON),
        calendar=CALENDAR,
    )
    assert (on_wednesday.overdue_count, on_thursday.overdue_count) == (0, 1)


def test_at_most_five_overdue_are_listed_but_all_are_counted() -> None:
    queries = [query(f"q{n}", at(8, 3 + n)) for n in range(7)]
    figures = response_figures(queries, first=FIRST, last=LAST, now=NOW, calendar=CALENDAR)
    assert figures.overdue_count == 7
    assert [o.key for o in figures.overdue] == ["q0", "q1", "q2", "q3", "q4"]


def test_months_keep_empty_ones_and_clip_to_the_range() -> None:
    queries = [
        query("jul", at(7, 20), answered=at(7, 20, 14)),  # 4 h, in July
        query("jul-aug", at(7, 31, 9), answered=at(8, 3, 9)),  # 72 h, answered in August
        query("aug", at(8, 10, 9), answered=at(8, 10, 10)),  # 1 h
        query("early-jul", at(7, 2)),  # before the range
    ]
    rows = monthly_response(queries, date(2026, 7, 15), date(2026, 9, 30), LONDON)
    assert rows == [
        MonthResponse(month=date(2026, 7, 1), received=2, answered=1, median_hours=4.0),
        MonthResponse(month=date(2026, 8, 1), received=1, answered=2, median_hours=36.5),
        MonthResponse(month=date(2026, 9, 1), received=0, answered=0, median_hours=None),
    ]


def test_months_cross_the_year_end() -> None:
    rows = monthly_response([], date(2026, 12, 5), date(2027, 1, 3))
    assert [r.month for r in rows] == [date(2026, 12, 1), date(2027, 1, 1)]
    assert monthly_response([], date(2027, 1, 3), date(2026, 12, 5)) == []
