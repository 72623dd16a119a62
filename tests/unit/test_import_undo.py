"""``import undo`` on the fake database: what an import changed indirectly comes back too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from commplan.errors import InvalidInput
from commplan.records.table import table_from_csv
from commplan.services.exporting import export_records
from commplan.services.importing import import_records
from commplan.services.undo import undo_last_import
from tests.fakes import FakeDatabase

AT = datetime(2015, 11, 12, 9, 30, tzinfo=UTC)
BY = "operator (command line)"


def _import(database: FakeDatabase, text: str, *, dry_run: bool = False) -> str:
    table = table_from_csv(text, source="organisations.csv")
    report = import_records(database(), "organisations", table, by=BY, at=AT, dry_run=dry_run)
    return str(report.summary)


def _directory(database: FakeDatabase) -> list[tuple[str, str]]:
    return [(r["name"], r["domains"]) for r in export_records(database(), "organisations").rows]


def test_a_domain_taken_by_an_import_goes_back_on_undo() -> None:
    database = FakeDatabase()
    _import(database, "name,domains\nLeeds City Council,leeds.gov.uk; leedscc.gov.uk\n")
    summary = _import(database, "name,domains\nLeeds CC,leeds.gov.uk\n")
    assert summary == "organisations: 1 added, 0 updated, 0 unchanged"
    assert _directory(database) == [
        ("Leeds CC", "leeds.gov.uk"),
        ("Leeds City Council", "leedscc.gov.uk"),
    ]

    report = undo_last_import(database(), by=BY, at=AT)
    assert [c.label for c in report.removed] == ["organisation Leeds CC"]
    assert [c.label for c in report.restored] == ["organisation Leeds City Council"]
    assert _directory(database) == [("Leeds City Council", "leeds.gov.uk; leedscc.gov.uk")]


def test_a_dry_run_and_its_undo_preview_write_nothing() -> None:
    database = FakeDatabase()
    preview = _import(database, "name,domains\nBBC,bbc.co.uk\n", dry_run=True)
    assert preview == "organisations: 1 added, 0 updated, 0 unchanged"
    assert _directory(database) == []
    with pytest.raises(InvalidInput, match="no import to undo"):
        undo_last_import(database(), by=BY, at=AT)

    _import(database, "name,domains\nBBC,bbc.co.uk\n")
    undo_last_import(database(), by=BY, at=AT, dry_run=True)
    assert _directory(database) == [("BBC", "bbc.co.uk")]
    undo_last_import(database(), by=BY, at=AT)
    assert _directory(database) == []
