"""The demo's year of contacts: the same every time, seasonal, with gaps and open questions, and
made of invented people only."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache

from commplan.contacts import Channel
from commplan.plan import Status
from commplan.queries import QueryState
from commplan.records.organisations import organisations_from_table
from commplan.records.plan import tactics_from_table
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample
from commplan.sample.demo_data import DemoData, generate, is_demo_ref
from commplan.sample.demo_plan import moved_on
from commplan.sample.demo_words import FIRST_NAMES, LAST_NAMES
from commplan.services.demo import demo_sample, remove_demo, seed_demo
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

AT = datetime(2026, 12, 3, 16, 30, tzinfo=LONDON)
TEAM = ("Becki Aquilina", "Charlie Wroth-Smith", "Palvi Shah")


@cache
def year(seed: int = 2015, at: datetime = AT) -> DemoData:
    sample = load_sample()
    return generate(
        at=at,
        organisations=organisations_from_table(sample.organisations),
        standards=standards_from_table(sample.standards),
        team=TEAM,
        seed=seed,
    )


def by_month(data: DemoData) -> Counter[str]:
    return Counter(c.on.strftime("%Y-%m") for c in data.contacts)


def test_the_same_seed_gives_the_same_year_and_another_seed_another() -> None:
    assert year.__wrapped__() == year.__wrapped__()
    assert year(7).contacts != year().contacts


def test_a_few_thousand_contacts_in_every_one_of_the_twelve_months_before_today() -> None:
    data = year()
    assert 2000 <= len(data.contacts) <= 5000
    assert min(c.on for c in data.contacts) >= AT.date() - timedelta(days=365)
    assert max(c.on for c in data.contacts) <= AT.date()
    months = by_month(data)
    for back in range(1, 13):
        first = (AT.date().replace(day=1) - timedelta(days=back * 28)).strftime("%Y-%m")
        assert months[first] > 50, first


def test_august_and_late_december_are_quiet_and_the_census_months_busy() -> None:
    months = by_month(year())
    summer = statistics.mean(months[m] for m in ("2026-06", "2026-07", "2026-09"))
    assert months["2026-08"] < 0.6 * summer
    assert months["2026-03"] > months["2026-02"] and months["2026-03"] > months["2026-04"]
    december = Counter(c.on for c in year().contacts if c.on.month == 12 and c.on.year == 2025)
    early = sum(n for day, n in december.items() if day.day <= 19) / 17
    late = sum(n for day, n in december.items() if day.day >= 21) / 11
    assert late < early / 2


def test_census_topics_are_asked_about_more_in_march() -> None:
    ethnicity = Counter(c.on.month for c in year().contacts if c.standard.startswith("Ethnicity"))
    assert ethnicity[3] > 1.5 * statistics.mean(ethnicity[m] for m in (1, 2, 4, 5))


def test_a_few_organisations_have_gone_quiet_after_contacts_earlier_in_the_year() -> None:
    data = year()
    assert 3 <= len(data.quiet) <= 10
    for name in data.quiet:
        theirs = [c.on for c in data.contacts if c.organisation == name]
        assert len(theirs) >= 3, name
        assert max(theirs) < AT.date() - timedelta(days=90), name


def test_inbox_queries_are_mostly_answered_in_about_a_day_and_a_few_wait() -> None:
    queries = year().queries
    states = Counter(q.state for q in queries)
    assert states[QueryState.ANSWERED] > 0.85 * len(queries)
    assert 3 <= states[QueryState.NEW] + states[QueryState.TAKEN] <= 40
    hours = [q.hours_to_answer for q in queries if q.hours_to_answer is not None]
    assert all(h > 0 for h in hours)
    assert 2 <= statistics.median(hours) <= 48
    assert all(q.answered_at is None or q.answered_at < AT for q in queries)
    assert all(q.received_at < AT for q in queries)
    # Some have waited longer than three working days: the dashboard's "open past due".
    assert any(q.open and AT - q.received_at > timedelta(days=7) for q in queries)


def test_every_inbox_contact_is_a_query_and_every_chat_contact_a_question() -> None:
    data = year()
    queries = {q.key for q in data.queries}
    questions = {q.key for q in data.questions}
    mail = [c for c in data.contacts if c.channel is Channel.INBOX]
    chat = [c for c in data.contacts if c.channel is Channel.CHAT]
    assert {c.source_ref.removeprefix("mail:") for c in mail} == queries
    assert {c.source_ref.removeprefix("chat:") for c in chat} <= questions
    assert {c.channel for c in data.contacts} == set(Channel)


def test_some_questions_nobody_could_answer_are_waiting_for_the_team() -> None:
    questions = year().questions
    waiting = [q for q in questions if q.needs_team]
    assert 3 <= len(waiting) <= 40
    assert any(not q.answered for q in waiting)
    assert all(q.best_match for q in questions if q.answered)


def test_every_row_says_it_is_a_demo_row_and_real_references_do_not() -> None:
    data = year()
    assert all(is_demo_ref(c.source_ref) for c in data.contacts)
    assert all(is_demo_ref(q.key) for q in data.queries)
    assert all(is_demo_ref(q.key) for q in data.questions)
    assert not is_demo_ref("mail:CAF=abc@mail.gmail.com")
    assert not is_demo_ref("chat:slack:T1:C1:1700000000.1")
    assert not is_demo_ref("file:contacts.csv:3")


def test_nobody_real_is_in_the_demo() -> None:
    data = year()
    sample_people = {p.name for p in load_sample().people}
    names = {c.name for c in data.contacts} | {q.sender_name for q in data.queries}
    assert not names & sample_people
    for name in names:
        first, last = name.split(" ", 1)
        assert first in FIRST_NAMES and last in LAST_NAMES, name
    addresses = {c.email for c in data.contacts} | {q.sender_email for q in data.queries}
    assert all(a.endswith(".example") for a in addresses)


def test_the_plan_in_december_reads_like_a_team_with_a_few_things_late() -> None:
    today = AT.date()
    sample = demo_sample(AT)
    tactics = {t.number: t for t in tactics_from_table(sample.tactics, default_year=2026)}
    seed = {t.number: t for t in tactics_from_table(load_sample(2026).tactics, default_year=2026)}
    assert tactics[1].window is not None and tactics[1].window.start == date(2026, 1, 7)
    # What the seed marks complete or on-going stays so, and so does everything before the
    # meeting pack of 10 September.
    for number, tactic in seed.items():
        if tactic.status is not Status.PLANNED or (
            tactic.window is not None and tactic.window.end < date(2026, 9, 10)
        ):
            assert tactics[number].status is tactic.status, number
    overdue = sorted(n for n, t in tactics.items() if t.is_overdue(today))
    assert overdue == [14, 23, 27, 32]
    states = Counter(t.status for t in tactics.values())
    assert states[Status.COMPLETE] + states[Status.ONGOING] >= 25


def test_before_the_seeds_snapshot_the_plan_is_the_seeds_own() -> None:
    table = load_sample(2026).tactics
    assert moved_on(table, date(2026, 7, 1)) == table
    assert moved_on(table, date(2026, 9, 10)) == table


def test_seeding_the_demo_twice_adds_it_once_and_removing_it_leaves_the_rest() -> None:
    database = FakeDatabase()
    sample = demo_sample(AT)
    first = seed_demo(database(), sample, at=AT)
    assert first.contacts == len(year().contacts) and not first.already
    second = seed_demo(database(), sample, at=AT + timedelta(days=1))
    assert second.already
    assert "already there, nothing added" in str(second)
    with database() as repos:
        assert len(repos.contacts.all()) == first.contacts
        assert len(repos.queries.all()) == first.queries

    removed = remove_demo(database())
    assert (removed.contacts, removed.queries, removed.questions) == (
        first.contacts,
        first.queries,
        first.questions,
    )
    with database() as repos:
        assert repos.contacts.all() == []
        assert repos.queries.all() == []
        assert repos.questions.needing_team() == []
    assert not seed_demo(database(), sample, at=AT).already  # and it can come back
