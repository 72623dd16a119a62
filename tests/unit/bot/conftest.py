"""The sample bot most transcripts talk to: the shipped plan, people and catalogue, seeded in
the fake database at ``sample_bot.NOW``. A test module that needs another moment or other data
defines its own ``database`` or ``bot``, which takes precedence."""

from __future__ import annotations

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.seeding import seed
from tests.conftest import HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(standards_from_table(standards_table()))


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return database


@pytest.fixture
def bot(database: FakeDatabase, index: StandardsIndex) -> BotCore:
    return BotCore(
        Deps(uow=database, clock=HeldClock(NOW), standards=lambda: index), builtin_router()
    )
