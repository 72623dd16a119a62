"""The first page of a chat list and its count, on every implementation of the repositories:
what the SQL keeps, counts and orders is what the fake (and :class:`TacticQuery`) says."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from commplan.contacts import Channel, Contact
from commplan.organisations import UserGroup
from commplan.plan import DueWindow, Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.tactic_lists import TacticQuery, search_words

DAY = date(2026, 3, 1)


def _contact(n: int, on: date, organisation: str = "", group: UserGroup | None = None) -> Contact:
    return Contact(
        on=on,
        channel=Channel.INBOX,
        name=f"Person {n}",
        organisation=organisation,
        user_group=group,
        source_ref=f"test:{n}",
    )


def test_a_page_of_contacts_is_the_newest_of_the_range_with_its_count(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        # 25 in March, two a day from the 1st, and some either side that never count.
        for n in range(25):
            uow.contacts.add(_contact(n, DAY + timedelta(days=n // 2)))
        uow.contacts.add(_contact(100, DAY - timedelta(days=1)))
        uow.contacts.add(_contact(101, date(2026, 4, 1)))
        uow.commit()
    with uow_factory() as uow:
        page = uow.contacts.page(DAY, date(2026, 3, 31), limit=10)
        empty = uow.contacts.page(date(2025, 1, 1), date(2025, 1, 31), limit=10)
    assert page.total == 25 and page.more == 15
    assert [c.name for c in page.rows] == [f"Person {n}" for n in range(24, 14, -1)]
    assert page.rows[0].on == date(2026, 3, 13) and page.rows[0].id > page.rows[1].id
    assert empty.rows == () and empty.total == 0 and empty.more == 0


def test_the_last_contact_of_named_organisations_looks_back_from_a_day(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.contacts.add(_contact(1, date(2026, 1, 5), "Cabinet Office", UserGroup.MAJOR_POLICY))
        uow.contacts.add(_contact(2, date(2026, 2, 9), "Cabinet Office", UserGroup.MAJOR_POLICY))
        uow.contacts.add(_contact(3, date(2026, 6, 1), "Cabinet Office"))
        uow.contacts.add(_contact(4, date(2026, 1, 7), "Leeds City Council"))
        uow.commit()
    with uow_factory() as uow:
        upto = date(2026, 3, 1)
        names = ["Cabinet Office", "Leeds City Council", "Office for Students"]
        organisations = uow.contacts.last_contact_of("organisation", names, upto=upto)
        groups = uow.contacts.last_contact_of("user_group", [g.value for g in UserGroup], upto=upto)
        nothing = uow.contacts.last_contact_of("organisation", [], upto=upto)
    assert organisations == {
        "Cabinet Office": date(2026, 2, 9),
        "Leeds City Council": date(2026, 1, 7),
    }
    assert groups == {UserGroup.MAJOR_POLICY.value: date(2026, 2, 9)}
    assert nothing == {}


def _tactic(number: int, **fields: object) -> Tactic:
    start = date(2026, 1, 1) + timedelta(days=number * 7)
    values: dict[str, object] = {
        "plan_year": 2026,
        "number": number,
        "name": f"Tactic {number}",
        "phase": Phase.Q1 if number <= 12 else Phase.Q2,
        "window": DueWindow(start=start, end=start + timedelta(days=number % 4)),
        "owners": ("Pete Brodie",) if number % 2 else ("The harmonisation team",),
        "status": Status.PLANNED,
    }
    values.update(fields)
    return Tactic(**values)  # type: ignore[arg-type]


def _plan(uow_factory: UnitOfWorkFactory) -> list[Tactic]:
    tactics = [_tactic(n) for n in range(1, 26)]
    tactics[2] = _tactic(3, status=Status.COMPLETE)
    tactics[4] = _tactic(5, status=Status.ONGOING, purpose="A blog post on ETHNICITY")
    tactics[6] = _tactic(7, window=None, timing="TBC", notes="Blogs 100%")
    tactics[8] = _tactic(9, owners=("pete brodie", "Becki Aquilina"), audience="Blog readers")
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2026, title="Plan 2026"))
        uow.plans.add(Plan(year=2027, title="Next"))
        for tactic in tactics:
            uow.tactics.add(tactic)
        uow.tactics.add(_tactic(1, plan_year=2027))
        uow.tactics.record(2026, 2, StatusChange(status=Status.PLANNED, at=_AT, by="Becki"))
        uow.commit()
    return tactics


_AT = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


def test_tactic_pages_keep_count_and_order_as_the_query_says(
    uow_factory: UnitOfWorkFactory,
) -> None:
    tactics = _plan(uow_factory)
    queries = [
        TacticQuery(plan_year=2026),
        TacticQuery(plan_year=2026, open_only=True),
        TacticQuery(plan_year=2026, overdue_on=date(2026, 4, 1), most_overdue_first=True),
        TacticQuery(plan_year=2026, due_first=date(2026, 2, 1), due_last=date(2026, 2, 28)),
        TacticQuery(plan_year=2026, phase=Phase.Q2, open_only=True),
        TacticQuery(plan_year=2026, owners=frozenset({"PETE BRODIE"}), open_only=True),
        TacticQuery(plan_year=2026, words=search_words("blogs")),
        TacticQuery(plan_year=2026, words=search_words("100%")),
        TacticQuery(plan_year=2026, words=search_words("the blog ethnicity")),
    ]
    with uow_factory() as uow:
        pages = [uow.tactics.page(q, limit=4) for q in queries]
        owners = uow.tactics.owner_names(2026)
    for query, page in zip(queries, pages, strict=True):
        expected = sorted((t for t in tactics if query.matches(t)), key=query.order_key)
        assert [t.number for t in page.rows] == [t.number for t in expected[:4]], query
        assert page.total == len(expected), query
    assert [p.total for p in pages] == [25, 24, 9, 3, 13, 12, 3, 1, 1]
    # Most overdue first: the earliest window end before 1 April, only planned ones.
    assert [t.number for t in pages[2].rows] == [1, 2, 4, 6]
    assert pages[0].rows[1].history == (StatusChange(status=Status.PLANNED, at=_AT, by="Becki"),)
    assert owners == {"Pete Brodie", "The harmonisation team", "pete brodie", "Becki Aquilina"}


def test_the_directory_names_its_organisations_in_order(uow_factory: UnitOfWorkFactory) -> None:
    from commplan.organisations import Organisation

    with uow_factory() as uow:
        for name in ("Office for Students", "Cabinet Office", "Leeds City Council"):
            uow.organisations.add(Organisation(name=name))
        uow.commit()
    with uow_factory() as uow:
        names = uow.organisations.names()
        everyone = [o.name for o in uow.organisations.all()]
    assert names == ["Cabinet Office", "Leeds City Council", "Office for Students"] == everyone


def test_the_question_queue_pages_newest_first_with_its_count(
    uow_factory: UnitOfWorkFactory,
) -> None:
    from commplan.questions import Feedback, Question

    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with uow_factory() as uow:
        for n in range(14):
            uow.questions.add(
                Question(
                    key=f"chat:{n}",
                    text=f"Question {n}",
                    asked_at=start + timedelta(hours=n),
                    answered=n % 3 == 0,
                    feedback=Feedback.NOT_NEEDED if n == 3 else Feedback.NONE,
                    resolved=n == 13,
                )
            )
        uow.commit()
    with uow_factory() as uow:
        page = uow.questions.needing_team_page(limit=4)
        everything = uow.questions.needing_team()
    # 0, 6, 9 and 12 were answered (3 was, but not what they needed); 13 is resolved.
    assert page.total == len(everything) == 9
    assert [q.text for q in page.rows] == ["Question 11", "Question 10", "Question 8", "Question 7"]
    assert list(page.rows) == everything[:4]


def test_open_inbox_queries_page_longest_waiting_first_with_their_count(
    uow_factory: UnitOfWorkFactory,
) -> None:
    from commplan.queries import InboxQuery, QueryState

    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    states = [QueryState.NEW, QueryState.TAKEN, QueryState.ANSWERED, QueryState.CLOSED]
    with uow_factory() as uow:
        for n in range(12):
            key = f"m{n}@example.org"
            uow.queries.add(
                InboxQuery(
                    key=key,
                    thread=key,
                    # Logged newest first: the page must still start with the longest waiting.
                    received_at=start - timedelta(hours=n),
                    state=states[n % 4],
                )
            )
        uow.commit()
    with uow_factory() as uow:
        page = uow.queries.open_page(limit=3)
        everything = uow.queries.open()
    assert page.total == len(everything) == 6
    assert [q.key for q in page.rows] == ["m9@example.org", "m8@example.org", "m5@example.org"]
