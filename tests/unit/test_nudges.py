"""The nudge policy against a held clock: offsets, weekends, bank holidays, clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from adapters.calendar import uk_working_days
from commplan.meetings import MeetingAction
from commplan.nudges import Kind, Nudge, NudgePolicy, due_nudges
from commplan.people import Directory, Group, Person
from commplan.plan import DueWindow, Phase, Status, Tactic
from commplan.queries import InboxQuery, QueryState
from commplan.standards import Standard
from tests.conftest import LONDON

PETE = Person(name="Pete Brodie")
BECKI = Person(name="Becki Aquilina")
PALVI = Person(name="Palvi Shah")
DIRECTORY = Directory(
    people=[PETE, BECKI, PALVI],
    groups=[Group(name="Harmonisation team", members=("Becki Aquilina", "Palvi Shah"))],
)
CALENDAR = uk_working_days()


def tactic(start: date | None, end: date | None = None, **fields: object) -> Tactic:
    window = DueWindow(start=start, end=end or start) if start else None
    values: dict[str, object] = {
        "plan_year": start.year if start else 2026,
        "number": 24,
        "name": "Present to Directors",
        "phase": Phase.Q3,
        "timing": "x",
        "window": window,
        "owners": ("Pete Brodie",),
        **fields,
    }
    return Tactic(**values)  # type: ignore[arg-type]


def nudges_at(
    moment: datetime,
    *tactics: Tactic,
    actions: tuple[MeetingAction, ...] = (),
    standards: tuple[Standard, ...] = (),
) -> list[tuple[str, Kind]]:
    found = due_nudges(
        tactics=tactics,
        actions=actions,
        standards=standards,
        directory=DIRECTORY,
        now=moment,
        calendar=CALENDAR,
    )
    return [(n.person.name if n.person else "team", n.kind) for n in found]


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


MONDAY_14_SEPT = date(2026, 9, 14)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 7), [("Pete Brodie", Kind.BEFORE)]),  # 7 days before, a Monday
        (date(2026, 9, 10), []),  # nothing in between, once the grace period is over
        (date(2026, 9, 11), [("Pete Brodie", Kind.BEFORE)]),  # 1 day before is Sunday: Friday
        (date(2026, 9, 13), []),  # Sunday itself: never
        (MONDAY_14_SEPT, [("Pete Brodie", Kind.DUE)]),
    ],
)
def test_offsets_count_back_from_the_start_on_working_days(
    day: date, expected: list[tuple[str, Kind]]
) -> None:
    assert nudges_at(at(day), tactic(MONDAY_14_SEPT)) == expected


def test_a_nudge_missed_while_down_goes_out_within_the_grace_period_under_the_same_key() -> None:
    def keys(day: date) -> list[str]:
        found = due_nudges(
            tactics=[tactic(MONDAY_14_SEPT)],
            actions=(),
            standards=(),
            directory=DIRECTORY,
            now=at(day),
            calendar=CALENDAR,
        )
        return [n.key for n in found]

    assert keys(date(2026, 9, 8)) == keys(date(2026, 9, 7)) != []
    assert keys(date(2026, 9, 10)) == []


def test_nothing_before_the_hour() -> None:
    assert nudges_at(at(date(2026, 9, 7), 8, 59), tactic(MONDAY_14_SEPT)) == []
    assert nudges_at(at(date(2026, 9, 7), 9, 0), tactic(MONDAY_14_SEPT)) != []


def test_a_bank_holiday_sends_nothing() -> None:
    # Monday 31 August 2026 is the summer bank holiday in England and Wales.
    due = date(2026, 9, 7)
    assert nudges_at(at(date(2026, 8, 31)), tactic(due)) == []
    # The 7-day nudge moves to the working day before: Friday 28 August.
    assert nudges_at(at(date(2026, 8, 28)), tactic(due)) == [("Pete Brodie", Kind.BEFORE)]


@pytest.mark.parametrize(
    ("utc", "sends"),
    [
        # BST from Sunday 29 March 2026: 08:30 UTC on Monday is 09:30 in London.
        (datetime(2026, 3, 30, 8, 30, tzinfo=UTC), True),
        (datetime(2026, 3, 30, 7, 30, tzinfo=UTC), False),
        # GMT from Sunday 25 October 2026: 08:30 UTC on Monday is 08:30 in London.
        (datetime(2026, 10, 26, 8, 30, tzinfo=UTC), False),
        (datetime(2026, 10, 26, 9, 0, tzinfo=UTC), True),
    ],
)
def test_the_hour_is_local_across_the_clock_changes(utc: datetime, sends: bool) -> None:
    moment = utc.astimezone(LONDON)
    due = moment.date()
    assert bool(nudges_at(moment, tactic(due))) is sends


def test_groups_are_expanded_and_complete_or_snoozed_tactics_are_quiet() -> None:
    owned = tactic(MONDAY_14_SEPT, owners=("The harmonisation team", "Pete Brodie"))
    assert sorted(nudges_at(at(MONDAY_14_SEPT), owned)) == [
        ("Becki Aquilina", Kind.DUE),
        ("Palvi Shah", Kind.DUE),
        ("Pete Brodie", Kind.DUE),
    ]
    assert nudges_at(at(MONDAY_14_SEPT), tactic(MONDAY_14_SEPT, status=Status.COMPLETE)) == []
    snoozed = tactic(MONDAY_14_SEPT, snoozed_until=date(2026, 9, 21))
    assert nudges_at(at(MONDAY_14_SEPT), snoozed) == []
    # Due Monday 14th, so weekly on Wednesdays from the 16th (Tuesday would follow "due now").
    assert nudges_at(at(date(2026, 9, 21)), snoozed) == []
    assert nudges_at(at(date(2026, 9, 23)), snoozed) == [("Pete Brodie", Kind.OVERDUE)]


def test_overdue_weekly_then_escalated_to_the_team() -> None:
    late = tactic(date(2026, 7, 1), date(2026, 7, 31))  # ends Friday 31 July
    first = date(2026, 8, 3)  # the next working day
    keys = []
    for week, expected in [(0, False), (1, False), (2, False), (3, True)]:
        day = date.fromordinal(first.toordinal() + 7 * week)
        found = due_nudges(
            tactics=[late],
            actions=(),
            standards=(),
            directory=DIRECTORY,
            now=at(day),
            calendar=CALENDAR,
        )
        assert any(n.escalated for n in found) is expected
        keys += [n.key for n in found]
    assert len(keys) == len(set(keys)) == 5  # one per week, plus the team once


def test_undated_items_get_a_monthly_please_set_a_date() -> None:
    found = due_nudges(
        tactics=[tactic(None)],
        actions=(),
        standards=(),
        directory=DIRECTORY,
        now=at(date(2026, 9, 1)),
        calendar=CALENDAR,
    )
    again = due_nudges(
        tactics=[tactic(None)],
        actions=(),
        standards=(),
        directory=DIRECTORY,
        now=at(date(2026, 9, 15)),
        calendar=CALENDAR,
    )
    october = due_nudges(
        tactics=[tactic(None)],
        actions=(),
        standards=(),
        directory=DIRECTORY,
        now=at(date(2026, 10, 1)),
        calendar=CALENDAR,
    )
    assert [n.kind for n in found] == [Kind.TBC]
    assert found[0].key == again[0].key != october[0].key


def test_meeting_actions_with_a_due_date_are_nudged_like_tactics() -> None:
    action = MeetingAction(
        meeting_date=date(2026, 7, 10),
        number=6,
        text="Highlight it",
        responsible="Palvi Shah",
        due=MONDAY_14_SEPT,
    )
    assert nudges_at(at(MONDAY_14_SEPT), actions=(action,)) == [("Palvi Shah", Kind.DUE)]
    done = MeetingAction(
        meeting_date=date(2026, 7, 10),
        number=7,
        text="x",
        responsible="Palvi Shah",
        due=MONDAY_14_SEPT,
        done=True,
    )
    assert nudges_at(at(MONDAY_14_SEPT), actions=(done,)) == []


def test_standards_past_review_age_go_to_the_team_once_a_quarter() -> None:
    old = Standard(
        name="Social capital harmonised principle",
        topic="t",
        covers="c",
        last_review=date(2005, 1, 1),
    )
    fresh = Standard(
        name="Ethnicity harmonised standard", topic="t", covers="c", last_review=date(2025, 9, 19)
    )
    found = due_nudges(
        tactics=(),
        actions=(),
        standards=(old, fresh),
        directory=DIRECTORY,
        now=at(date(2026, 9, 1)),
        calendar=CALENDAR,
        policy=NudgePolicy(),
    )
    assert {(n.person.name if n.person else "", n.kind) for n in found} == {
        ("Becki Aquilina", Kind.REVIEW),
        ("Palvi Shah", Kind.REVIEW),
    }
    assert all("2026-Q3" in n.key for n in found)


# --- unanswered inbox queries ----------------------------------------------------------------

THURSDAY_3_SEPT = datetime(2026, 9, 3, 16, 30, tzinfo=LONDON)


def inbox_query(**fields: object) -> InboxQuery:
    values: dict[str, object] = {
        "key": "q1@leeds.gov.uk",
        "thread": "q1@leeds.gov.uk",
        "received_at": THURSDAY_3_SEPT,
        "sender_email": "jane@leeds.gov.uk",
        "subject": "Ethnic group question",
        **fields,
    }
    return InboxQuery(**values)  # type: ignore[arg-type]


def unanswered_at(moment: datetime, *queries: InboxQuery) -> list[Nudge]:
    return due_nudges(
        tactics=(),
        actions=(),
        standards=(),
        directory=DIRECTORY,
        now=moment,
        calendar=CALENDAR,
        queries=queries,
    )


@pytest.mark.parametrize(
    ("day", "keys"),
    [
        (date(2026, 9, 4), []),  # Friday: one working day
        (date(2026, 9, 7), []),  # Monday: two
        (date(2026, 9, 8), ["inbox:q1@leeds.gov.uk:unanswered:w0:team"]),  # three: due
        (date(2026, 9, 14), ["inbox:q1@leeds.gov.uk:unanswered:w0:team"]),  # same week, same key
        (date(2026, 9, 15), ["inbox:q1@leeds.gov.uk:unanswered:w1:team"]),  # a week on: again
        (date(2026, 9, 12), []),  # Saturday: never
    ],
)
def test_an_untaken_query_goes_to_the_team_after_three_working_days_then_weekly(
    day: date, keys: list[str]
) -> None:
    found = unanswered_at(at(day), inbox_query())
    assert [n.key for n in found] == keys
    for nudge in found:
        assert nudge.person is None and nudge.escalated and nudge.kind is Kind.UNANSWERED
        assert nudge.due == date(2026, 9, 8)
        assert nudge.item_name == "Ethnic group question from jane@leeds.gov.uk"


def test_a_taken_query_goes_to_whoever_took_it() -> None:
    (nudge,) = unanswered_at(at(date(2026, 9, 8)), inbox_query(assignee="Palvi Shah"))
    assert nudge.person == PALVI and not nudge.escalated
    assert nudge.key == "inbox:q1@leeds.gov.uk:unanswered:w0:Palvi Shah"
    assert nudge.owners == ("Palvi Shah",)


def test_a_query_taken_by_someone_unknown_goes_to_the_team() -> None:
    (nudge,) = unanswered_at(at(date(2026, 9, 8)), inbox_query(assignee="Somebody Gone"))
    assert nudge.person is None and nudge.key.endswith(":team")


def test_a_bank_holiday_counts_no_working_day() -> None:
    # Received Thursday 27 August 2026; Monday 31 August is the summer bank holiday.
    query = inbox_query(received_at=datetime(2026, 8, 27, 9, 0, tzinfo=LONDON))
    assert unanswered_at(at(date(2026, 9, 1)), query) == []
    assert len(unanswered_at(at(date(2026, 9, 2)), query)) == 1


@pytest.mark.parametrize(
    "quiet",
    [
        inbox_query(state=QueryState.CLOSED),
        inbox_query(state=QueryState.ANSWERED, answered_at=THURSDAY_3_SEPT),
        # A reply seen while the query was taken, whatever its state says.
        inbox_query(state=QueryState.TAKEN, answered_at=THURSDAY_3_SEPT, assignee="Palvi Shah"),
    ],
    ids=["closed", "answered", "reply-recorded"],
)
def test_closed_and_answered_queries_are_quiet(quiet: InboxQuery) -> None:
    assert unanswered_at(at(date(2026, 9, 15)), quiet) == []
