"""The bot's catalogue index notices every edit the ranking depends on, without a restart."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from adapters.bootstrap import CatalogueIndex, SystemClock
from commplan.standards import Standard
from tests.fakes import FakeDatabase

CARE = Standard(
    name="Unpaid care harmonised standard",
    topic="Care",
    covers="Questions on providing unpaid care to family, friends or neighbours.",
    group="Health",
)
TENURE = Standard(
    name="Tenure harmonised standard",
    topic="Housing",
    covers="Whether a household owns or rents its home.",
    group="Housing",
)


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    with database() as uow:
        uow.standards.add(CARE)
        uow.standards.add(TENURE)
        uow.commit()
    return database


def _edit(database: FakeDatabase, standard: Standard) -> None:
    with database() as uow:
        uow.standards.save(standard)
        uow.commit()


def _catalogue(database: FakeDatabase) -> CatalogueIndex:
    # every=0: check the catalogue on every call, as if a minute had passed each time.
    return CatalogueIndex(database, SystemClock(zone=ZoneInfo("Europe/London")), every=0.0)


def test_a_synonym_edit_reaches_the_next_lookup(database: FakeDatabase) -> None:
    catalogue = _catalogue(database)
    before = catalogue()
    assert not before.lookup("zebra duty").answered
    _edit(database, replace(CARE, synonyms=("zebra duty",)))
    after = catalogue()
    assert after is not before
    assert after.lookup("zebra duty").matches[0].standard.name == CARE.name


@pytest.mark.parametrize(
    "change",
    [
        {"synonyms": ("looking after someone",)},
        {"topic": "Caring"},
        {"related": ("Tenure harmonised standard",)},
        {"group": "Social"},
        {"url": "https://example.org/care"},
        {"owner": "Becki Aquilina"},
    ],
)
def test_every_field_counts_as_a_change(database: FakeDatabase, change: dict[str, object]) -> None:
    catalogue = _catalogue(database)
    before = catalogue()
    _edit(database, replace(CARE, **change))  # type: ignore[arg-type]
    after = catalogue()
    assert after is not before
    assert next(s for s in after.standards if s.name == CARE.name) == replace(CARE, **change)  # type: ignore[arg-type]


def test_no_change_keeps_the_built_index(database: FakeDatabase) -> None:
    catalogue = _catalogue(database)
    assert catalogue() is catalogue()
