"""The repository contract runs on every implementation of the ports: SQLite, PostgreSQL and
the in-memory fake the unit tests use, so that the fake cannot drift from the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from commplan.ports import UnitOfWorkFactory
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.conftest import SQL_DATABASES, migrated_database
from tests.fakes import FakeDatabase


@pytest.fixture(params=[*SQL_DATABASES, "fake"])
def uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    if request.param == "fake":
        yield FakeDatabase()
        return
    with migrated_database(request.param, request, tmp_path) as url:
        engine = make_engine(url)
        yield unit_of_work_factory(engine)
        engine.dispose()
