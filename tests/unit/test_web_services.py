"""The services behind the web process: who sees which notices, who may use the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime

from commplan.people import Person, Role
from commplan.services.notices import TEAM_INBOX, notices_for
from commplan.services.signin import team_member
from tests.fakes import FakeDatabase

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def database() -> FakeDatabase:
    db = FakeDatabase()
    with db() as repos:
        repos.people.add(Person(name="Becki Aquilina", role=Role.ADMIN))
        repos.people.add(Person(name="Palvi Shah", role=Role.TEAM))
        repos.people.add(Person(name="Pete Brodie"))
        repos.notices.add("Pete Brodie", "Overdue: tactic 10", AT)
        repos.notices.add(TEAM_INBOX, "Weekly digest", AT)
        repos.notices.add("Becki Aquilina", "Please set a date", AT)
        repos.notices.add("Pete Brodie", "Please set a date", AT)
        repos.commit()
    return db


def texts(db: FakeDatabase, name: str, after: int = 0, limit: int = 50) -> list[str]:
    return [n.text for n in notices_for(db(), name, after=after, limit=limit)]


def test_a_member_sees_their_own_notices_only() -> None:
    assert texts(database(), "pete brodie") == ["Overdue: tactic 10", "Please set a date"]


def test_a_team_member_also_sees_the_team_inbox() -> None:
    assert texts(database(), "Becki Aquilina") == ["Weekly digest", "Please set a date"]


def test_nobody_known_sees_nothing_not_even_the_team_inbox() -> None:
    db = database()
    assert texts(db, "") == []
    assert texts(db, "Nobody Known") == []
    assert texts(db, TEAM_INBOX) == []


def test_notices_come_after_the_cursor_a_page_at_a_time() -> None:
    db = database()
    assert texts(db, "Pete Brodie", after=1) == ["Please set a date"]
    assert texts(db, "Pete Brodie", limit=1) == ["Overdue: tactic 10"]


def test_only_the_team_may_use_the_dashboard() -> None:
    db = database()
    admin, team = team_member(db(), "Becki Aquilina"), team_member(db(), "Palvi Shah")
    assert admin is not None and admin.name == "Becki Aquilina"
    assert team is not None and team.name == "Palvi Shah"
    assert team_member(db(), "Pete Brodie") is None
    assert team_member(db(), "Nobody Known") is None
