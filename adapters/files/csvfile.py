"""CSV files: read in whatever encoding a spreadsheet saved them, written for Excel."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping, Sequence

from adapters.files.cells import escape_cell, unescape_cell
from adapters.files.limits import FileLimits, too_many_rows
from commplan.errors import ImportRejected, RowProblem
from commplan.records.table import Table, table_from_cells

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read as.

    Excel writes UTF-8 with a byte-order mark, "Unicode text" as UTF-16 with one, and plain
    "CSV" in the Windows code page; a UTF-16 file without a mark shows itself by the zero
    bytes of its ASCII characters.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8"
    if raw.startswith(_UTF16_BOMS):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    sample = raw[:4096]
    if len(sample) >= 2 and sample.count(0) * 3 >= len(sample):
        odd_zeros = sample[1::2].count(0)
        encoding = "utf-16-le" if odd_zeros > sample[0::2].count(0) else "utf-16-be"
        return raw.decode(encoding, errors="replace"), encoding.upper()
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV as cp1252.
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(text: str) -> str:
    """Comma, unless the header line is plainly separated by tabs or semicolons.

    Excel's "Unicode text" is tab-separated, and European Excel writes CSV with semicolons.
    """
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv(raw: bytes, *, source: str, limits: FileLimits) -> Table:
    """A CSV file's bytes as a Table, values unescaped (see :mod:`adapters.files.cells`).

    Raises:
        ImportRejected: the file is empty, too long or malformed; the problem names the row.
    """
    text, _ = decode(raw)
    text = text.lstrip("\ufeff")
    # A NUL cannot be in a text file; the csv module refuses it without saying where.
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        reason = "contains a NUL character: is this a spreadsheet saved as CSV?"
        raise ImportRejected([RowProblem(source=source, row=line, column="", reason=reason)])
    # Strict: a quote left open would otherwise swallow the rest of the file into one cell.
    delimiter = _delimiter(text)
    lines_read = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    # Rows are counted as records, as a spreadsheet numbers them (the header is row 1), so a
    # cell spanning lines does not shift the rows after it.
    row = 1
    lines: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        lines_read = reader.line_num
        if header is None:
            raise ImportRejected([RowProblem(source=source, row=1, column="", reason="empty file")])
        for cells in reader:
            row += 1
            if row > limits.max_rows + 1:
                raise too_many_rows(source, limits, row)
            lines.append((row, [unescape_cell(c) for c in cells]))
            lines_read = reader.line_num
    except csv.Error as error:
        # The reader's lines, split as it splits them (\n, \r or \r\n, nothing else).
        record = "".join(io.StringIO(text, newline="").readlines()[lines_read:])
        index = _column_at_fault(record, delimiter)
        names = header or []
        column = names[index] if index < len(names) else f"cell {index + 1}"
        problem = RowProblem(source=source, row=row + 1, column=column, reason=_reason(error))
        raise ImportRejected([problem]) from None
    return table_from_cells([unescape_cell(h) for h in header], lines, source=source)


def _column_at_fault(record: str, delimiter: str) -> int:
    """Which cell of a record the csv module stopped at: a quote left open, or text after a
    closing quote. It says only that the record is wrong; the user needs the cell."""
    column, opened_at, in_quotes, at_start = 0, 0, False, True
    index = 0
    while index < len(record):
        char = record[index]
        if in_quotes:
            if char == '"' and record[index + 1 : index + 2] == '"':
                index += 2
                continue
            if char == '"':
                in_quotes = False
                if record[index + 1 : index + 2] not in (delimiter, "\r", "\n", ""):
                    return column
        elif char == '"' and at_start:
            in_quotes, opened_at = True, column
        elif char == delimiter:
            column += 1
            at_start = True
            index += 1
            continue
        elif char in "\r\n":
            break
        at_start = False
        index += 1
    return opened_at if in_quotes else column


def _reason(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return 'a quoted cell is never closed (a " is missing)'
    if "expected after" in text:
        return "text follows a closing quote; put the whole cell in quotes and double inner ones"
    return f"not valid CSV ({text})"


def write_csv(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> bytes:
    """Rows as UTF-8 CSV with a byte-order mark (so Excel shows £ and dashes), cells escaped."""
    buffer = io.StringIO()
    # CRLF, as RFC 4180 and Excel write it; it also makes the writer quote a cell holding a
    # lone carriage return, which a "\n" terminator would leave bare and split the row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(c) for c in columns])
    for row in rows:
        writer.writerow([escape_cell(row.get(c) or "") for c in columns])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
