"""Files that cannot be imported say so through the command line, once, without a traceback:
size and row limits, and the file, row, column and reason of every malformed CSV, XLSX or
Word document (#14.8)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from tests.integration.cli import Cli


def _refused(cli: Cli, kind: str, path: Path) -> str:
    result = cli("import", kind, str(path))
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    assert result.err.startswith("Nothing was imported") or result.err.startswith("error:")
    return result.err


def _sheet_xml(path: Path, change: Callable[[bytes], bytes]) -> None:
    """Rewrite the first sheet's XML of an XLSX file in place."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    members["xl/worksheets/sheet1.xml"] = change(members["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)


def test_an_xlsx_declaring_millions_of_rows_is_refused_before_it_is_read(
    seeded: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["date", "name", "channel"])
    sheet.append(["2015-03-02", "Jane Smith", "inbox"])
    workbook.save(path)
    _sheet_xml(
        path, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2000000"', xml)
    )
    error = _refused(seeded, "contacts", path)
    assert "contacts.xlsx, row 2000000: more than 50,000 rows; split the file" in error
    assert seeded.ok("export", "contacts").out.lstrip("\ufeff").count("\n") == 1


def test_an_xlsx_hiding_a_far_row_stops_at_the_row_limit(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "contacts.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["date", "name", "channel"])
    sheet.append(["2015-03-02", "Jane Smith", "inbox"])
    sheet.cell(row=1_000_000, column=1, value="2015-03-03")
    workbook.save(path)
    # Without a declared size the reader must count as it streams.
    _sheet_xml(path, lambda xml: re.sub(rb"<dimension[^>]*/>", b"", xml))
    assert "row 50002: more than 50,000 rows" in _refused(seeded, "contacts", path)


def test_a_file_over_the_size_limit_is_refused_unread(seeded: Cli, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    assert "contacts.csv: the file is 25.0 MB; the limit is 20 MB" in _refused(
        seeded, "contacts", path
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "open-quote.csv",
            b'date,name,channel\n2015-03-02,"Jane Smith,inbox\n',
            "open-quote.csv, row 2, column 'name': a quoted cell is never closed",
        ),
        (
            "stray.csv",
            b'date,name,channel\n2015-03-02,Jane,inbox\n2015-03-03,"Ann" Lee,phone\n',
            "stray.csv, row 3, column 'name': text follows a closing quote",
        ),
        (
            "binary.csv",
            b"date,name,channel\n2015-03-02,Ja\x00ne,inbox\n",
            "binary.csv, row 2: contains a NUL character",
        ),
        (
            "wide.csv",
            b"date,name,channel\n2015-03-02,Jane,inbox,extra\n",
            "wide.csv, row 2, column 'D': more cells than the header has columns",
        ),
        (
            "twice.csv",
            b"Date,Name,Channel,name\n2015-03-02,Jane,inbox,Ann\n",
            "twice.csv, row 1, column 'name': the column is named twice (B and D)",
        ),
        ("empty.csv", b"", "empty.csv, row 1: empty file"),
        (
            "contacts.xlsx",
            b"PK\x03\x04 this is not really a workbook",
            "contacts.xlsx: cannot be read as XLSX (BadZipFile",
        ),
        ("plan.docx", b"Jane's notes, not a document", "plan.docx: cannot be read as Word"),
    ],
)
def test_every_malformed_file_names_the_file_row_column_and_reason(
    seeded: Cli, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    kind = "plan" if name.endswith(".docx") else "contacts"
    assert expected in _refused(seeded, kind, path)


def test_a_word_document_without_the_plan_table_is_refused(seeded: Cli, tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Minutes of the steering group, 12 November")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Action"
    table.rows[0].cells[1].text = "Owner"
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    assert "minutes.docx, row 1, column 'tactic': no table with Tactic and Timing columns" in (
        _refused(seeded, "plan", path)
    )


def test_an_excel_unicode_text_file_is_read_in_utf16(seeded: Cli, tmp_path: Path) -> None:
    # Excel's "Unicode Text" is UTF-16 with tabs; "CSV UTF-16" some tools write with commas.
    lines = [
        "date\tname\torganisation\tchannel\tsummary",
        "2015-03-02\tJane Smith\tLeeds City Council\tinbox\tCosts £1,200 – ethnicity",
    ]
    tabbed = tmp_path / "contacts.txt"
    tabbed.write_bytes("\r\n".join(lines).encode("utf-16"))
    commas = tmp_path / "more.csv"
    commas.write_bytes(
        "date,name,channel,summary\r\n2015-03-03,Ann Lee,phone,disability\r\n".encode("utf-16-le")
    )
    assert "1 added" in seeded.ok("import", "contacts", str(tabbed)).out
    assert "1 added" in seeded.ok("import", "contacts", str(commas)).out
    exported = seeded.ok("export", "contacts").out
    assert "Costs £1,200 – ethnicity" in exported and "Ann Lee" in exported
