"""Shared fixtures: databases (SQLite and PostgreSQL), a clean environment, a held clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from commplan.ports import UnitOfWorkFactory
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory

LONDON = ZoneInfo("Europe/London")
POSTGRES_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_SERVICES = os.environ.get("HARMONIBOT_REQUIRE_SERVICES") == "1"

_ENVIRONMENT = (
    "DATABASE_URL",
    "PORT",
    "HARMONIBOT_TIMEZONE",
    "HARMONIBOT_HOST",
    "HARMONIBOT_PUBLIC_URL",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "MICROSOFT_APP_ID",
    "MICROSOFT_APP_PASSWORD",
    "MICROSOFT_APP_TENANT_ID",
    "MICROSOFT_APP_TYPE",
    "IMAP_HOST",
    "GRAPH_MAILBOX",
    "WEB_CONCURRENCY",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's environment or a .env file in the repository."""
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@dataclass(frozen=True)
class HeldClock:
    """A clock that says what the test tells it to."""

    at: datetime

    def now(self) -> datetime:
        return self.at


def _postgres_available() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL)
        with engine.connect():
            pass
        engine.dispose()
    except OperationalError as error:
        return str(error).splitlines()[0]
    return None


@pytest.fixture(scope="session")
def postgres_reason() -> str | None:
    return _postgres_available()


#: The real databases every storage test runs on; the contract suite adds the fake.
SQL_DATABASES = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@contextmanager
def migrated_database(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        upgrade(make_engine(url))
        yield url
        return
    reason = request.getfixturevalue("postgres_reason")
    if reason is not None:
        if REQUIRE_SERVICES:
            pytest.fail(f"PostgreSQL is required but unreachable: {reason}")
        pytest.skip(f"PostgreSQL unreachable: {reason}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    url = f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=SQL_DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or a fresh PostgreSQL schema."""
    with migrated_database(request.param, request, tmp_path) as url:
        yield url


@pytest.fixture
def uow_factory(database_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(database_url)
    yield unit_of_work_factory(engine)
    engine.dispose()
