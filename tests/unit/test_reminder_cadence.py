"""A year of daily sweeps over the 2015 plan: overdue reminders weekly on one weekday with the
weeks counted right, no item on two consecutive days, nothing about meetings not yet held."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import cache

from adapters.calendar import uk_working_days
from bot.views.nudges import item_line
from commplan.nudges import Kind, Nudge, due_nudges
from commplan.people import Directory
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

CALENDAR = uk_working_days()


@cache
def a_year_of_sweeps() -> list[tuple[date, Nudge]]:
    """Every nudge a daily 09:30 sweep would send in 2015, each key once, with its day."""
    database = FakeDatabase()
    seed(database(), load_sample(), at=datetime(2015, 1, 1, tzinfo=LONDON))
    with database() as repos:
        tactics = repos.tactics.all(2015)
        actions = repos.actions.all()
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    assert len(tactics) > 20 and actions
    sent: set[str] = set()
    found: list[tuple[date, Nudge]] = []
    day = date(2015, 1, 1)
    while day <= date(2015, 12, 31):
        moment = datetime.combine(day, time(9, 30), tzinfo=LONDON)
        for nudge in due_nudges(
            tactics=tactics,
            actions=actions,
            standards=(),
            directory=directory,
            now=moment,
            calendar=CALENDAR,
        ):
            if nudge.key not in sent:
                sent.add(nudge.key)
                found.append((day, nudge))
        day += timedelta(days=1)
    return found


def test_no_item_reaches_anyone_on_two_consecutive_days() -> None:
    days: dict[tuple[str, str], list[date]] = defaultdict(list)
    for day, nudge in a_year_of_sweeps():
        if nudge.kind is Kind.TBC:
            continue  # monthly, on the month's first working day
        who = nudge.person.name if nudge.person else "team"
        days[(who, nudge.item)].append(day)
    assert days
    for (who, item), sent_on in days.items():
        for earlier, later in zip(sent_on, sent_on[1:], strict=False):
            assert (later - earlier).days > 1, (who, item, earlier, later)


def test_overdue_reminders_are_weekly_and_count_whole_weeks() -> None:
    overdue = [(day, n) for day, n in a_year_of_sweeps() if n.kind is Kind.OVERDUE and n.person]
    assert len(overdue) > 100
    by_item: dict[tuple[str, str], list[date]] = defaultdict(list)
    for day, nudge in overdue:
        assert nudge.due is not None
        # "22 weeks overdue" means 22 whole weeks since the due date, not 23.
        assert nudge.weeks_overdue == (day - nudge.due).days // 7, (day, nudge.key)
        assert nudge.person is not None
        by_item[(nudge.person.name, nudge.item)].append(day)
    for sent_on in by_item.values():
        gaps = {
            (later - earlier).days for earlier, later in zip(sent_on, sent_on[1:], strict=False)
        }
        # Seven days, give or take a bank holiday moving one reminder on a day or two.
        assert gaps <= {5, 6, 7, 8, 9}, sent_on


def test_no_reminder_about_a_meeting_before_it_was_held() -> None:
    for day, nudge in a_year_of_sweeps():
        if nudge.item_type.value == "action":
            held = date.fromisoformat(nudge.item.split("/")[0])
            assert held <= day, (day, nudge.key)


def test_a_reminder_says_the_weeks_it_is_overdue() -> None:
    day, nudge = next((d, n) for d, n in a_year_of_sweeps() if n.weeks_overdue >= 2)
    assert nudge.due is not None
    weeks = (day - nudge.due).days // 7
    assert f"({weeks} weeks overdue)" in item_line(nudge)
    assert "(22 weeks overdue)" in item_line(replace(nudge, weeks_overdue=22))
    assert "(1 week overdue)" in item_line(replace(nudge, weeks_overdue=1))
