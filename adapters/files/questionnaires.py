"""Questionnaires in files: CSV or XLSX with a ``question`` column, or a Word document written
as people write questionnaires (a question, then its options as lines or a list).

A file on disk is read by :func:`read_questionnaire`; a file shared in a chat arrives as bytes
and is read by :func:`read_questionnaire_bytes`, which never touches the disk and refuses an
archive that would unpack to far more than a questionnaire needs.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePath
from typing import IO, Any

from adapters.files.tables import read_table
from commplan.compliance import DraftQuestion, read_draft
from commplan.compliance.drafts import age_base, response_of
from commplan.compliance.records import drafts_from_table
from commplan.errors import InvalidInput
from commplan.records.table import SourceRow, Table, column_key, table_from_csv

#: The kinds of file a questionnaire may be, by suffix.
QUESTIONNAIRE_SUFFIXES = (".csv", ".xlsx", ".docx")
#: The most an .xlsx or .docx may unpack to: a questionnaire is a few hundred kilobytes of
#: XML, and a small archive that unpacks to gigabytes would stall the process.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2000

_NUMBERED = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,3}[.):]?\s+", re.I)
_INSTRUCTION = re.compile(
    r"^\(?\s*(?:please\s+)?(?:tick|select|choose|mark|circle|asked\s+of|ask\s+(?:all|only)|"
    r"base|for\s+(?:people|adults|those))\b",
    re.I,
)


def read_questionnaire(path: Path) -> list[DraftQuestion]:
    """The draft questions in a .csv, .xlsx or .docx questionnaire.

    Raises:
        InvalidInput: the file is missing, unreadable or holds no question.
        ImportRejected: a table's cells are wrong (each named by row and column).
    """
    if path.suffix.lower() != ".docx":
        return drafts_from_table(read_table(path))
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    try:
        paragraphs = _paragraphs(path)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InvalidInput(f"{path}: cannot be read as DOCX ({error})") from None
    drafts = drafts_from_paragraphs(paragraphs)
    if not drafts:
        raise InvalidInput(f"{path}: no question found (a question ends with '?')")
    return drafts


def is_questionnaire_name(name: str) -> bool:
    """Whether a file of this name can be a questionnaire (.csv, .xlsx or .docx)."""
    return PurePath(name).suffix.lower() in QUESTIONNAIRE_SUFFIXES


def read_questionnaire_bytes(name: str, data: bytes) -> list[DraftQuestion]:
    """The draft questions in a questionnaire file's bytes; ``name`` gives its kind (.csv,
    .xlsx or .docx) and names it in errors.

    Raises:
        InvalidInput: another kind of file, an unreadable one, or one holding no question.
        ImportRejected: a table's cells are wrong (each named by row and column).
    """
    suffix = PurePath(name).suffix.lower()
    if suffix not in QUESTIONNAIRE_SUFFIXES:
        raise InvalidInput(f"{name}: a questionnaire is a .csv, .xlsx or .docx file")
    if suffix == ".csv":
        return drafts_from_table(table_from_csv(_decoded(data), source=name))
    from docx.opc.exceptions import OpcError
    from openpyxl.utils.exceptions import InvalidFileException

    _check_archive(name, data)
    try:
        if suffix == ".xlsx":
            table = _xlsx_table(name, io.BytesIO(data))
        else:
            paragraphs = _paragraphs(io.BytesIO(data))
    except InvalidInput:
        raise
    except (KeyError, OSError, ValueError, OpcError, InvalidFileException) as error:
        kind = suffix[1:].upper()
        raise InvalidInput(f"{name}: cannot be read as {kind} ({type(error).__name__})") from None
    if suffix == ".xlsx":
        return drafts_from_table(table)
    drafts = drafts_from_paragraphs(paragraphs)
    if not drafts:
        raise InvalidInput(f"{name}: no question found (a question ends with '?')")
    return drafts


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheet programs on Windows still save CSV as cp1252.
        return data.decode("cp1252", errors="replace")


def _check_archive(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        kind = PurePath(name).suffix[1:].upper()
        raise InvalidInput(f"{name}: cannot be read as {kind} (not a zip archive)") from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise InvalidInput(f"{name}: unpacks to more than a questionnaire could hold")


def _xlsx_table(name: str, source: IO[bytes]) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        lines = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise InvalidInput(f"{name}: the first sheet is empty")
        columns = tuple(column_key(_cell(h)) for h in header)
        rows = []
        for number, cells in enumerate(lines, start=2):
            texts = [_cell(c) for c in cells]
            if any(t.strip() for t in texts):
                values = dict(zip(columns, texts, strict=False))
                rows.append(SourceRow(number=number, values=values))
        return Table(source=name, columns=columns, rows=tuple(rows))
    finally:
        workbook.close()


def _cell(value: Any) -> str:
    # A questionnaire's cells are words; a base typed as a number (16) reads as "16".
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _paragraphs(source: Path | IO[bytes]) -> list[str]:
    from docx import Document

    document = Document(str(source) if isinstance(source, Path) else source)
    return [p.text.strip() for p in document.paragraphs if p.text.strip()]


def drafts_from_paragraphs(paragraphs: list[str]) -> list[DraftQuestion]:
    """A paragraph ending in "?" starts a question; the paragraphs after it are its options,
    except instructions ("Tick all that apply", "Asked of people aged 16+")."""
    drafts: list[DraftQuestion] = []
    question = ""
    options: list[str] = []
    notes: list[str] = []

    def close() -> None:
        if question:
            first = read_draft(question)
            said = " ".join([question, *notes])
            drafts.append(
                DraftQuestion(
                    question=first.question,
                    options=(*first.options, *options),
                    response=response_of(said),
                    base=age_base(said),
                )
            )

    for text in paragraphs:
        text = _NUMBERED.sub("", text)
        if "?" in text and not _INSTRUCTION.match(text):
            close()
            question, options, notes = text, [], []
        elif not question:
            continue
        elif _INSTRUCTION.match(text):
            notes.append(text)
        else:
            options.append(text.strip(" \u2610\u25a1\u2022-*"))
    close()
    return drafts
