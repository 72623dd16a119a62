"""Every repository on SQLite and on PostgreSQL: values go in and come back the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from commplan.contacts import Channel, Contact, Direction
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.people import Group, Person, Role
from commplan.plan import DueWindow, Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.queries import InboxQuery, QueryState
from commplan.standards import Standard

PLAN = Plan(year=2015, title="Plan 2015/16", objectives=("Voice", "Contact"), key_messages=("k",))
TACTIC = Tactic(
    plan_year=2015,
    number=12,
    name="Contact the ONS lead",
    phase=Phase.Q2,
    purpose="To raise awareness",
    audience="Devolved Administrations",
    timing="May",
    window=DueWindow(start=date(2015, 5, 1), end=date(2015, 5, 31)),
    owners=("Andy Bates", "The harmonisation team"),
    status=Status.ONGOING,
    objectives=(1, 2),
)


def test_a_tactic_round_trips_with_its_history(uow_factory: UnitOfWorkFactory) -> None:
    at = datetime(2015, 5, 2, 9, 30, tzinfo=UTC)
    with uow_factory() as uow:
        uow.plans.add(PLAN)
        uow.tactics.add(TACTIC)
        uow.tactics.record(2015, 12, StatusChange(status=Status.ONGOING, at=at, by="Becki"))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.tactics.get(2015, 12)
        assert uow.plans.latest() == PLAN
    assert stored == TACTIC
    history = (StatusChange(status=Status.ONGOING, at=at, by="Becki"),)
    assert stored is not None and stored.history == history
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2016, title="Next"))
        uow.tactics.add(replace(TACTIC, plan_year=2016, number=1))
        uow.commit()
    with uow_factory() as uow:
        assert [t.history for t in uow.tactics.all(2015)] == [history]
        assert [(t.plan_year, t.history) for t in uow.tactics.all()] == [
            (2015, history),
            (2016, ()),
        ]


def test_saving_a_tactic_changes_it_and_leaving_without_commit_does_not(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.plans.add(PLAN)
        uow.tactics.add(TACTIC)
        uow.commit()
    with uow_factory() as uow:
        uow.tactics.save(replace(TACTIC, status=Status.COMPLETE, snoozed_until=date(2015, 6, 1)))
    with uow_factory() as uow:
        assert uow.tactics.get(2015, 12) == TACTIC
        uow.tactics.save(replace(TACTIC, status=Status.COMPLETE))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.tactics.get(2015, 12)
        assert stored is not None and stored.status is Status.COMPLETE
        with pytest.raises(NotFound):
            uow.tactics.save(replace(TACTIC, number=99))


def test_people_and_groups(uow_factory: UnitOfWorkFactory) -> None:
    becki = Person(name="Becki Aquilina", role=Role.ADMIN, email="Becki@Example.org", slack_id="U1")
    palvi = Person(name="Palvi Shah", role=Role.TEAM, teams_id="29:abc", aliases=("Palvi",))
    team = Group(name="Harmonisation team", members=("Becki Aquilina", "Palvi Shah"))
    with uow_factory() as uow:
        uow.people.add(becki)
        uow.people.add(palvi)
        uow.groups.add(team)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.people.all()
        # Stored people come back numbered; the rest of each value is what went in.
        assert [replace(p, id=0) for p in stored] == [becki, palvi]
        becki, palvi = stored
        assert uow.people.find(email="becki@example.org") == becki
        assert uow.people.find(slack_id="U1") == becki
        assert uow.people.find(teams_id="29:abc") == palvi
        assert uow.people.find() is None
        assert uow.groups.get("Harmonisation team") == team
        uow.groups.save(replace(team, members=("Palvi Shah",)))
        uow.commit()
    with uow_factory() as uow:
        assert uow.groups.all() == [replace(team, members=("Palvi Shah",))]
        with pytest.raises(NotFound, match="Nobody"):
            uow.groups.save(replace(team, members=("Nobody",)))


def test_a_person_keeps_their_id_through_a_rename(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.people.add(Person(name="Jo Bloggs", id=99))
        uow.people.add(Person(name="Sam Smith"))
        uow.commit()
    with uow_factory() as uow:
        jo, sam = uow.people.get("Jo Bloggs"), uow.people.get("Sam Smith")
        assert jo is not None and sam is not None
        assert 0 < jo.id != sam.id and jo.id != 99  # the store numbers people, not the caller
        assert uow.people.all() == [jo, sam]
        # Saved by id, a person can change their name and stay the same person.
        uow.people.save(replace(jo, name="Jo Newname", email="jo@example.org"))
        # Saved without one (id 0), the name finds them and the id stays.
        uow.people.save(Person(name="Sam Smith", slack_id="U9"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.people.get("Jo Bloggs") is None
        assert uow.people.get("Jo Newname") == replace(
            jo, name="Jo Newname", email="jo@example.org"
        )
        assert uow.people.find(slack_id="U9") == replace(sam, slack_id="U9")
        with pytest.raises(NotFound):
            uow.people.save(Person(name="Nobody"))
        with pytest.raises(NotFound):
            uow.people.save(replace(jo, id=jo.id + sam.id + 1))


def test_meeting_actions(uow_factory: UnitOfWorkFactory) -> None:
    action = MeetingAction(
        meeting_date=date(2015, 7, 10),
        meeting="NSH SG meeting",
        number=6,
        paragraph="4.6",
        text="Palvi to highlight the recommendation",
        responsible="Palvi Shah",
    )
    with uow_factory() as uow:
        uow.actions.add(action)
        uow.actions.add(replace(action, number=7))
        uow.commit()
    with uow_factory() as uow:
        uow.actions.save(replace(action, done=True, update="Complete"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.actions.get(date(2015, 7, 10), 6) == replace(
            action, done=True, update="Complete"
        )
        assert [a.number for a in uow.actions.all()] == [6, 7]


def test_organisations_own_their_domains(uow_factory: UnitOfWorkFactory) -> None:
    leeds = Organisation(
        name="Leeds City Council",
        org_type=OrgType.LOCAL_GOVERNMENT,
        user_group=UserGroup.SUB_NATIONAL,
        domains=("leeds.gov.uk",),
    )
    with uow_factory() as uow:
        uow.organisations.add(leeds)
        uow.organisations.add(Organisation(name="Other body", domains=("other.org",)))
        uow.commit()
    with uow_factory() as uow:
        assert uow.organisations.by_domain("LEEDS.gov.uk") == leeds
        # Teaching the directory that a domain belongs elsewhere moves it.
        uow.organisations.save(Organisation(name="Other body", domains=("leeds.gov.uk",)))
        uow.commit()
    with uow_factory() as uow:
        found = uow.organisations.by_domain("leeds.gov.uk")
        assert found is not None and found.name == "Other body"
        leeds_now = uow.organisations.get("Leeds City Council")
        assert leeds_now is not None and leeds_now.domains == ()


def test_standards(uow_factory: UnitOfWorkFactory) -> None:
    entry = Standard(
        name="Tenure harmonised standard",
        topic="housing",
        covers="Whether the household owns or rents.",
        synonyms=("own or rent", "housing tenure"),
        related=("Housing costs and benefits harmonised principle",),
        last_review=date(2019, 4, 17),
        url="https://example.org/tenure",
    )
    with uow_factory() as uow:
        uow.standards.add(entry)
        uow.commit()
    with uow_factory() as uow:
        assert uow.standards.all() == [entry]
        uow.standards.save(replace(entry, status="Under development"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.standards.get(entry.name) == replace(entry, status="Under development")


def _contact(day: date, **fields: object) -> Contact:
    values: dict[str, object] = {"on": day, "channel": Channel.INBOX, **fields}
    return Contact(**values)  # type: ignore[arg-type]


def test_a_contact_is_logged_once_per_source(uow_factory: UnitOfWorkFactory) -> None:
    first = _contact(date(2015, 2, 3), source_ref="<m1@leeds.gov.uk>", summary="ethnicity")
    with uow_factory() as uow:
        assert uow.contacts.add(first) is True
        assert uow.contacts.add(replace(first, summary="again")) is False
        assert uow.contacts.add(_contact(date(2015, 2, 3), name="Jane")) is True
        assert uow.contacts.add(_contact(date(2015, 2, 3), name="Jane")) is False
        uow.commit()
    with uow_factory() as uow:
        assert len(uow.contacts.all()) == 2


def test_contact_counts_group_in_sql(uow_factory: UnitOfWorkFactory) -> None:
    rows = [
        _contact(date(2015, 1, 5), org_type=OrgType.NHS, organisation="NHS A", source_ref="1"),
        _contact(date(2015, 1, 20), org_type=OrgType.NHS, organisation="NHS A", source_ref="2"),
        _contact(date(2015, 2, 1), org_type=OrgType.MEDIA, organisation="BBC", source_ref="3"),
        _contact(date(2015, 4, 1), source_ref="4", user_group=UserGroup.CITIZEN),
        _contact(date(2015, 12, 31), source_ref="5", direction=Direction.OUTBOUND),
    ]
    with uow_factory() as uow:
        for row in rows:
            uow.contacts.add(row)
        uow.commit()
    first, last = date(2015, 1, 1), date(2015, 12, 31)
    with uow_factory() as uow:
        assert uow.contacts.counts("org_type", first, last) == {
            "NHS": 2,
            "Media": 1,
            "": 2,
        }
        assert uow.contacts.counts("org_type", first, date(2015, 1, 31)) == {"NHS": 2}
        assert uow.contacts.counts("month", first, last) == {
            "2015-01": 2,
            "2015-02": 1,
            "2015-04": 1,
            "2015-12": 1,
        }
        assert uow.contacts.counts("quarter", first, last) == {
            "2015-Q1": 3,
            "2015-Q2": 1,
            "2015-Q4": 1,
        }
        assert uow.contacts.counts("direction", first, last) == {"inbound": 4, "outbound": 1}
        assert uow.contacts.last_contact("organisation") == {
            "NHS A": date(2015, 1, 20),
            "BBC": date(2015, 2, 1),
        }


def test_contacts_by_month_erase_and_retention(uow_factory: UnitOfWorkFactory) -> None:
    jane = _contact(
        date(2015, 1, 5),
        name="Jane",
        email="Jane@Leeds.gov.uk",
        summary="ethnicity",
        org_type=OrgType.LOCAL_GOVERNMENT,
        organisation="Leeds",
        source_ref="a",
    )
    with uow_factory() as uow:
        uow.contacts.add(jane)
        uow.contacts.add(
            _contact(
                date(2015, 2, 5),
                name="Tom",
                email="tom@bbc.co.uk",
                org_type=OrgType.MEDIA,
                source_ref="b",
            )
        )
        uow.contacts.add(
            _contact(date(2015, 2, 9), name="Ann", org_type=OrgType.MEDIA, source_ref="c")
        )
        uow.commit()
    with uow_factory() as uow:
        assert uow.contacts.counts_by_month("org_type", date(2015, 1, 1), date(2015, 12, 31)) == {
            "2015-01": {"Local Government": 1},
            "2015-02": {"Media": 2},
        }
        assert uow.contacts.strip_before(date(2015, 2, 6)) == 2
        assert uow.contacts.erase("jane@leeds.gov.uk") == 0  # already stripped of her address
        assert uow.contacts.erase("nobody@example.org") == 0
        uow.commit()
    with uow_factory() as uow:
        kept = {c.source_ref: c for c in uow.contacts.all()}
    assert (kept["a"].name, kept["a"].email, kept["a"].summary) == ("", "", "")
    assert (kept["a"].organisation, kept["a"].org_type) == ("Leeds", OrgType.LOCAL_GOVERNMENT)
    assert kept["c"].name == "Ann"
    with uow_factory() as uow:
        uow.contacts.add(_contact(date(2015, 3, 1), email="ann@ons.gov.uk", source_ref="d"))
        assert uow.contacts.erase("ANN@ons.gov.uk") == 1
        uow.commit()


def test_inbox_queries_and_cursors(uow_factory: UnitOfWorkFactory) -> None:
    from commplan.queries import InboxQuery, QueryState

    received = datetime(2015, 5, 1, 9, tzinfo=UTC)
    query = InboxQuery(
        key="m1@leeds.gov.uk",
        thread="m1@leeds.gov.uk",
        received_at=received,
        sender_email="jane@leeds.gov.uk",
        organisation="Leeds",
        org_type=OrgType.LOCAL_GOVERNMENT,
        subject="Ethnicity",
    )
    with uow_factory() as uow:
        uow.queries.add(query)
        uow.queries.add(
            replace(query, key="m2@leeds.gov.uk", received_at=received.replace(hour=11))
        )
        uow.mailboxes.set_cursor("imap:inbox", '{"uid": 4}', received)
        uow.commit()
    with uow_factory() as uow:
        assert uow.queries.get("m1@leeds.gov.uk") == query
        first = uow.queries.by_thread("m1@leeds.gov.uk")
        assert first is not None and first.key == "m1@leeds.gov.uk"
        answered = replace(query, state=QueryState.ANSWERED, answered_at=received.replace(hour=12))
        uow.queries.save(answered)
        assert [q.key for q in uow.queries.open()] == ["m2@leeds.gov.uk"]
        assert uow.mailboxes.cursor("imap:inbox") == '{"uid": 4}'
        assert uow.mailboxes.cursor("graph:other") == ""
        assert uow.queries.strip_before(received.replace(hour=10)) == 1
        assert uow.queries.erase("jane@leeds.gov.uk") == 1
        uow.commit()
    with uow_factory() as uow:
        stripped = uow.queries.get("m1@leeds.gov.uk")
        assert stripped is not None and (stripped.sender_email, stripped.subject) == ("", "")
        assert stripped.hours_to_answer == 3.0
        assert uow.queries.get("m2@leeds.gov.uk") is None


def test_inbox_queries_answered_in_a_range(uow_factory: UnitOfWorkFactory) -> None:
    from zoneinfo import ZoneInfo

    from commplan.queries import InboxQuery, QueryState

    london = ZoneInfo("Europe/London")
    week, next_week = datetime(2026, 9, 7, tzinfo=london), datetime(2026, 9, 14, tzinfo=london)

    def query(key: str, received: datetime, answered: datetime | None) -> InboxQuery:
        state = QueryState.ANSWERED if answered else QueryState.NEW
        return InboxQuery(
            key=key, thread=key, received_at=received, answered_at=answered, state=state
        )

    with uow_factory() as uow:
        # Received long before, answered on the week's first moment (in London, 23:00 UTC).
        uow.queries.add(query("old", datetime(2026, 6, 1, tzinfo=UTC), week))
        uow.queries.add(
            query("in", datetime(2026, 9, 8, 9, tzinfo=UTC), datetime(2026, 9, 9, tzinfo=UTC))
        )
        uow.queries.add(query("next", datetime(2026, 9, 10, tzinfo=UTC), next_week))
        uow.queries.add(query("open", datetime(2026, 9, 8, tzinfo=UTC), None))
        uow.commit()
    with uow_factory() as uow:
        found = uow.queries.answered_between(week, next_week)
        assert [q.key for q in found] == ["old", "in"]
        assert found[0].answered_at == week


def _query(
    key: str, received: datetime, answered: datetime | None = None, **fields: object
) -> InboxQuery:
    state = QueryState.ANSWERED if answered else QueryState.NEW
    values: dict[str, object] = {"state": state, **fields}
    return InboxQuery(key=key, thread=key, received_at=received, answered_at=answered, **values)  # type: ignore[arg-type]


def test_a_query_is_found_by_the_ref_people_type(uow_factory: UnitOfWorkFactory) -> None:
    received = datetime(2026, 9, 7, 9, tzinfo=UTC)
    first = _query("m1@leeds.gov.uk", received, subject="Ethnicity")
    second = _query("m2@leeds.gov.uk", received.replace(hour=10))
    with uow_factory() as uow:
        uow.queries.add(first)
        uow.queries.add(second)
        uow.commit()
    assert first.ref != second.ref
    with uow_factory() as uow:
        assert uow.queries.by_ref(first.ref) == first
        assert uow.queries.by_ref(second.ref.upper()) == second
        assert uow.queries.by_ref("") is None
        # A ref is derived from the key: saving a changed query keeps it findable.
        uow.queries.save(replace(first, state=QueryState.TAKEN, assignee="Palvi Shah"))
        uow.commit()
    with uow_factory() as uow:
        taken = uow.queries.by_ref(first.ref)
        assert taken is not None and taken.assignee == "Palvi Shah"


def test_queries_touched_in_a_range(uow_factory: UnitOfWorkFactory) -> None:
    week, next_week = datetime(2026, 9, 7, tzinfo=UTC), datetime(2026, 9, 14, tzinfo=UTC)
    day = timedelta(days=1)
    closed = {"state": QueryState.CLOSED}
    with uow_factory() as uow:
        for query in (
            _query("answered-in-week", week - 30 * day, week + day),
            _query("open-from-before", week - 60 * day),
            _query("arrived-b", week + 2 * day, next_week + day),
            _query("arrived-a", week + 2 * day, **closed),
            _query("arrived-at-start", week, **closed),
            # Left out: closed or answered outside the range, arriving outside it.
            _query("answered-before", week - 3 * day, week - day),
            _query("arrived-at-end", next_week, next_week + day),
            _query("closed-before", week - 3 * day, **closed),
            _query("answered-after", week - 3 * day, next_week),
        ):
            uow.queries.add(query)
        uow.commit()
    with uow_factory() as uow:
        assert [q.key for q in uow.queries.touched(week, next_week)] == [
            "open-from-before",
            "answered-in-week",
            "arrived-at-start",
            "arrived-a",
            "arrived-b",
        ]
        assert uow.queries.touched(next_week + 7 * day, next_week + 14 * day) == [
            _query("open-from-before", week - 60 * day)
        ]


def test_notices_whole_replies_old_text_rows_erasure_and_retention(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from storage.engine import make_engine
    from storage.migrate import _config, upgrade
    from storage.uow import unit_of_work_factory

    engine = make_engine(database_url)
    try:
        # A row from before 0006 has text only; it must upgrade cleanly and stay readable.
        config = _config()
        old = datetime(2026, 1, 5, 9, tzinfo=UTC)
        if engine.dialect.name == "sqlite":
            old = old.replace(tzinfo=None)  # stored as naive UTC there
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005_inbox")
            connection.execute(
                text("INSERT INTO notices (person, text, created_at) VALUES (:p, :t, :at)"),
                {"p": "Pete Brodie", "t": "old nudge", "at": old},
            )
        upgrade(engine)
        uow_factory = unit_of_work_factory(engine)
        payload: dict[str, object] = {"v": 1, "text": "From: Jane <JANE_X@leeds.gov.uk>"}
        with uow_factory() as uow:
            uow.notices.add("#team", "New query", datetime(2026, 3, 2, 9, tzinfo=UTC), payload)
            uow.notices.add("Pete Brodie", "Overdue", datetime(2026, 3, 2, 10, tzinfo=UTC))
            uow.notices.add("Becki Aquilina", "Due", datetime(2026, 3, 2, 11, tzinfo=UTC))
            uow.notices.add("#team", "janex@leeds.gov.uk", datetime(2026, 3, 2, 12, tzinfo=UTC))
            uow.commit()
        with uow_factory() as uow:
            seen = uow.notices.after(["Pete Brodie", "#team"])
            assert [(n.person, n.text) for n in seen] == [
                ("Pete Brodie", "old nudge"),
                ("#team", "New query"),
                ("Pete Brodie", "Overdue"),
                ("#team", "janex@leeds.gov.uk"),
            ]
            assert seen[0].payload is None and seen[1].payload == payload
            assert seen[0].at == datetime(2026, 1, 5, 9, tzinfo=UTC)
            assert [n.text for n in uow.notices.after(["Pete Brodie"], seen[1].id)] == ["Overdue"]
            assert len(uow.notices.after(["Pete Brodie", "#team"], 0, limit=2)) == 2
            # The address in the stored reply counts, in any case; "_" is not a wildcard.
            assert uow.notices.erase_mentioning("jane_x@leeds.gov.uk") == 1
            assert uow.notices.delete_before(datetime(2026, 3, 1, tzinfo=UTC)) == 1
            uow.commit()
        with uow_factory() as uow:
            left = uow.notices.after(["Pete Brodie", "Becki Aquilina", "#team"])
            assert [n.text for n in left] == ["Overdue", "Due", "janex@leeds.gov.uk"]
    finally:
        engine.dispose()


def test_query_refs_are_backfilled_for_queries_stored_before_0008(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from commplan.queries import InboxQuery
    from storage.engine import make_engine
    from storage.migrate import _config, upgrade
    from storage.uow import unit_of_work_factory

    engine = make_engine(database_url)
    try:
        config = _config()
        received = datetime(2026, 9, 7, 9, tzinfo=UTC)
        stored_at = received.replace(tzinfo=None) if engine.dialect.name == "sqlite" else received
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007_claims")
            for key in ("old-1@leeds.gov.uk", "old-2@leeds.gov.uk"):
                connection.execute(
                    text(
                        "INSERT INTO inbox_queries (key, thread, received_at, sender_name,"
                        " sender_email, organisation, org_type, user_group, subject, summary,"
                        " standard, state, assignee) VALUES (:k, :k, :at, '', '', '', '', '',"
                        " '', '', '', 'new', '')"
                    ),
                    {"k": key, "at": stored_at},
                )
        upgrade(engine)
        old = InboxQuery(
            key="old-2@leeds.gov.uk", thread="old-2@leeds.gov.uk", received_at=received
        )
        with unit_of_work_factory(engine)() as uow:
            found = uow.queries.by_ref(old.ref)
            assert found is not None and found.key == old.key
            assert uow.queries.by_ref("zzzzzz") is None
    finally:
        engine.dispose()
