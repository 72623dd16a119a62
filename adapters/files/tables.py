"""Tables in files: CSV, XLSX (first sheet) and DOCX (the plan's table), read and written."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

from adapters.files.csvfile import read_csv, write_csv
from adapters.files.docxfile import read_docx
from adapters.files.limits import DEFAULT_LIMITS, FileLimits, check_archive, check_size
from adapters.files.xlsxfile import read_xlsx, write_xlsx
from commplan.errors import ImportRejected, InvalidInput, RowProblem
from commplan.records.table import Table

logger = logging.getLogger(__name__)

_KINDS = {".csv": "CSV", ".txt": "CSV", ".xlsx": "XLSX", ".docx": "Word"}


def read_table(path: Path, *, limits: FileLimits = DEFAULT_LIMITS) -> Table:
    """Read a CSV, XLSX or DOCX file into a Table.

    Raises:
        InvalidInput: the file is missing or of another kind.
        ImportRejected: the file is too large or malformed; each problem names the file,
            the row and column where it can, and the reason.
    """
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    if path.suffix.lower() not in _KINDS:
        raise InvalidInput(f"{path}: use a .csv, .xlsx or (for the plan) .docx file")
    try:
        check_size(path.name, path.stat().st_size, limits)
        content = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror or error})") from None
    return read_table_bytes(path.name, content, limits=limits)


def read_table_bytes(source: str, content: bytes, *, limits: FileLimits = DEFAULT_LIMITS) -> Table:
    """A file's bytes as a Table, its kind from the suffix of ``source`` (a file shared in a
    chat never touches the disk); the same limits and messages as :func:`read_table`."""
    suffix = PurePath(source).suffix.lower()
    if suffix not in _KINDS:
        raise InvalidInput(f"{source}: use a .csv, .xlsx or (for the plan) .docx file")
    check_size(source, len(content), limits)
    if suffix in (".csv", ".txt"):
        return read_csv(content, source=source, limits=limits)
    reader = read_xlsx if suffix == ".xlsx" else read_docx
    check_archive(source, content, limits)
    try:
        return reader(content, source=source, limits=limits)
    except ImportRejected:
        raise
    except Exception as error:
        # A damaged or hostile file can make the XLSX or Word parser raise anything (a bad
        # zip, XML errors, missing parts); the user needs the file and the reason, not a
        # traceback, and nothing has been written yet.
        logger.debug("cannot read %s", source, exc_info=True)
        reason = f"cannot be read as {_KINDS[suffix]} ({type(error).__name__}: {error})"
        raise ImportRejected([RowProblem(source=source, row=0, column="", reason=reason)]) from None


def write_table(rows: Sequence[Mapping[str, str]], columns: Sequence[str], *, fmt: str) -> bytes:
    """Rows as a CSV or XLSX file's bytes, columns in the given order; no cell runs as a
    formula in a spreadsheet, and the matching import reads every value back unchanged."""
    if fmt == "csv":
        return write_csv(rows, columns)
    if fmt == "xlsx":
        return write_xlsx(rows, columns)
    raise InvalidInput(f"unknown format {fmt!r}; use csv or xlsx")
