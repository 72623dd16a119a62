"""Tables in files: CSV (UTF-8), XLSX (first sheet) and DOCX (the plan's table)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from commplan.errors import InvalidInput
from commplan.records.plan import rows_from_document
from commplan.records.table import SourceRow, Table, column_key, table_from_csv


def read_table(path: Path) -> Table:
    """Read a CSV, XLSX or DOCX file into a Table.

    Raises:
        InvalidInput: the file is missing, unreadable or of another kind.
    """
    source = path.name
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            return table_from_csv(_read_text(path), source=source)
        if suffix == ".xlsx":
            return _read_xlsx(path)
        if suffix == ".docx":
            return _read_docx(path)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise InvalidInput(f"{path}: cannot be read as {suffix[1:].upper()} ({error})") from None
    raise InvalidInput(f"{path}: use a .csv, .xlsx or (for the plan) .docx file")


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV as cp1252.
        return raw.decode("cp1252", errors="replace")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise InvalidInput(f"{path.name}: the first sheet is empty")
        columns = tuple(column_key(_cell_text(h)) for h in header)
        rows = []
        for number, cells in enumerate(lines, start=2):
            texts = [_cell_text(c) for c in cells]
            if not any(t.strip() for t in texts):
                continue
            rows.append(SourceRow(number=number, values=dict(zip(columns, texts, strict=False))))
        return Table(source=path.name, columns=columns, rows=tuple(rows))
    finally:
        workbook.close()


def _read_docx(path: Path) -> Table:
    from docx import Document

    document = Document(str(path))
    for table in document.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        try:
            return rows_from_document(cells, source=path.name)
        except InvalidInput:
            continue
    raise InvalidInput(f"{path.name}: no table with Tactic and Timing columns")


def write_table(rows: Sequence[Mapping[str, str]], columns: Sequence[str], *, fmt: str) -> bytes:
    """Rows as a CSV or XLSX file's bytes, columns in the given order."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "xlsx":
        return _xlsx_bytes(rows, columns)
    raise InvalidInput(f"unknown format {fmt!r}; use csv or xlsx")


def _xlsx_bytes(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    # A fixed timestamp keeps exports of the same data byte-for-byte the same.
    fixed = datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _without_zip_times(buffer.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _without_zip_times(archive: bytes) -> bytes:
    """The same archive with every member, and the workbook's modified time, at 2000-01-01.

    openpyxl stamps each member with the time it was written, and sets the modified property
    to the time of saving whatever it was given, so two exports of the same data would differ.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = member.compress_type
            fixed.external_attr = member.external_attr
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            target.writestr(fixed, data)
    return out.getvalue()
