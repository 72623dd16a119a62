"""XLSX files: the first sheet, read as a stream and stopped at the row limit; written as
text cells, which a spreadsheet shows and never runs."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from adapters.files.limits import FileLimits, too_many_rows
from commplan.errors import ImportRejected, RowProblem
from commplan.records.table import Table, table_from_cells


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


def read_xlsx(content: bytes, *, source: str, limits: FileLimits) -> Table:
    """The first sheet of an XLSX file as a Table.

    The sheet's declared size is checked before a row is read, and rows are streamed and
    counted, so that a file declaring (or holding) millions of rows stops at once.

    Raises:
        ImportRejected: the sheet is empty or has more rows than ``limits`` allow.
    """
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise ImportRejected([RowProblem(source=source, row=1, column="", reason="no sheet")])
        sheet = workbook.worksheets[0]
        declared = sheet.max_row
        if declared is not None and declared > limits.max_rows + 1:
            raise too_many_rows(source, limits, declared)
        width = min(sheet.max_column or limits.max_columns, limits.max_columns)
        lines = sheet.iter_rows(values_only=True, max_col=width)
        header = next(lines, None)
        if header is None or not any(_cell_text(h).strip() for h in header):
            reason = "the first sheet has no header row"
            raise ImportRejected([RowProblem(source=source, row=1, column="", reason=reason)])
        rows = []
        for number, cells in enumerate(lines, start=2):
            if number > limits.max_rows + 1:
                raise too_many_rows(source, limits, number)
            rows.append((number, [_cell_text(c) for c in cells]))
        return table_from_cells([_cell_text(h) for h in header], rows, source=source)
    finally:
        workbook.close()


#: Control characters XML 1.0 cannot hold; openpyxl refuses a whole file for one of them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write_xlsx(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    """Rows as an XLSX file; every cell is text (a subject "=1+1" stays those characters).

    An e-mail subject can hold control characters that an XLSX file cannot; they are dropped
    (the CSV export keeps them).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for number, values in enumerate(
        [list(columns), *([row.get(c) or "" for c in columns] for row in rows)], start=1
    ):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=index)
            cell.value = _ILLEGAL.sub("", value)
            # openpyxl reads a value starting with "=" as a formula; the type says otherwise.
            cell.data_type = "s"
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
