"""The meeting action log as a CSV or XLSX file, due dates included."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from adapters.files import read_table, write_table
from commplan.errors import ImportRejected
from commplan.meetings import MeetingAction
from commplan.records.actions import COLUMNS, actions_from_table, actions_to_rows
from commplan.records.table import Table, table_from_csv
from commplan.services.importing import import_records
from tests.fakes import FakeDatabase

ACTIONS = [
    MeetingAction(
        meeting_date=date(2026, 7, 10),
        number=1,
        text="Draft the census paper",
        responsible="Pete Brodie",
        due=date(2026, 12, 18),
    ),
    MeetingAction(
        meeting_date=date(2026, 7, 10),
        number=2,
        text="Book a room",
        responsible="Emma Wright",
        update="Complete",
        done=True,
    ),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_due_dates_survive_an_export_and_import(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"actions.{fmt}"
    path.write_bytes(write_table(actions_to_rows(ACTIONS), COLUMNS, fmt=fmt))
    assert actions_from_table(read_table(path)) == ACTIONS
    assert actions_to_rows(ACTIONS)[0]["due"] == "2026-12-18"


def test_a_file_without_a_due_column_still_imports() -> None:
    text = "meeting_date,number,action,responsible\n2026-07-10,1,Book a room,Emma Wright\n"
    assert actions_from_table(table_from_csv(text, source="old.csv"))[0].due is None


def test_a_due_that_is_no_date_is_reported_at_its_row() -> None:
    text = "meeting_date,number,action,responsible,due\n2026-07-10,1,Book,Emma,soonish\n"
    with pytest.raises(ImportRejected, match=r"row 2, column 'due'"):
        actions_from_table(table_from_csv(text, source="bad.csv"))


def test_an_import_sets_due_dates_and_an_older_file_keeps_them() -> None:
    database = FakeDatabase()
    rows = actions_to_rows(ACTIONS)
    header = ",".join(COLUMNS)
    lines = [",".join(row[c] for c in COLUMNS) for row in rows]
    import_actions(database, table_from_csv("\n".join([header, *lines]), source="a.csv"))
    assert database.store.actions[(date(2026, 7, 10), 1)].due == date(2026, 12, 18)
    undated = [{**row, "due": ""} for row in rows]
    lines = [",".join(row[c] for c in COLUMNS) for row in undated]
    import_actions(database, table_from_csv("\n".join([header, *lines]), source="b.csv"))
    assert database.store.actions[(date(2026, 7, 10), 1)].due == date(2026, 12, 18)
    moved = [{**rows[0], "due": "2027-01-15"}]
    lines = [",".join(row[c] for c in COLUMNS) for row in moved]
    import_actions(database, table_from_csv("\n".join([header, *lines]), source="c.csv"))
    assert database.store.actions[(date(2026, 7, 10), 1)].due == date(2027, 1, 15)


def import_actions(database: FakeDatabase, table: Table) -> None:
    import_records(
        database(), "actions", table, by="Becki Aquilina", at=datetime(2026, 7, 11, tzinfo=UTC)
    )
