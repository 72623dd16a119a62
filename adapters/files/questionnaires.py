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
from typing import IO

from adapters.files.limits import FileLimits, check_archive
from adapters.files.tables import read_table_bytes
from commplan.compliance import DraftQuestion, read_draft
from commplan.compliance.drafts import age_base, response_of
from commplan.compliance.records import drafts_from_table
from commplan.errors import ImportRejected, InvalidInput

#: The kinds of file a questionnaire may be, by suffix.
QUESTIONNAIRE_SUFFIXES = (".csv", ".xlsx", ".docx")
#: A questionnaire is a few hundred kilobytes of XML: far less may be shared in a chat than
#: an import of a year's contacts reads.
LIMITS = FileLimits(
    max_bytes=10 * 1024 * 1024,
    max_rows=2000,
    max_unpacked_bytes=50 * 1024 * 1024,
    max_archive_members=2000,
)

_NUMBERED = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,3}[.):]?\s+", re.I)
_INSTRUCTION = re.compile(
    r"^\(?\s*(?:please\s+)?(?:tick|select|choose|mark|circle|asked\s+of|ask\s+(?:all|only)|"
    r"base|for\s+(?:people|adults|those))\b",
    re.I,
)


def read_questionnaire(path: Path) -> list[DraftQuestion]:
    """The draft questions in a .csv, .xlsx or .docx questionnaire on disk, read as a file
    shared in a chat is.

    Raises:
        InvalidInput: the file is missing, unreadable or holds no question.
        ImportRejected: a table's cells are wrong (each named by row and column).
    """
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    if path.stat().st_size > LIMITS.max_bytes:
        megabytes = LIMITS.max_bytes // (1024 * 1024)
        raise InvalidInput(f"{path}: larger than a questionnaire ({megabytes} MB at most)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror or error})") from None
    return read_questionnaire_bytes(path.name, data)


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
    try:
        if suffix != ".docx":
            return drafts_from_table(read_table_bytes(name, data, limits=LIMITS))
        check_archive(name, data, LIMITS)
    except ImportRejected as rejected:
        # A fault of the whole file (too big, not a workbook) is said as one sentence: nothing
        # was being imported, so the import's "Nothing was imported" would mislead.
        whole = [p for p in rejected.problems if not p.row]
        if whole:
            raise InvalidInput(str(whole[0])) from None
        raise
    from docx.opc.exceptions import OpcError

    try:
        paragraphs = _paragraphs(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, OpcError) as error:
        raise InvalidInput(f"{name}: cannot be read as DOCX ({type(error).__name__})") from None
    drafts = drafts_from_paragraphs(paragraphs)
    if not drafts:
        raise InvalidInput(f"{name}: no question found (a question ends with '?')")
    return drafts


def _paragraphs(source: IO[bytes]) -> list[str]:
    from docx import Document

    document = Document(source)
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
