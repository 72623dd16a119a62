"""Questionnaires in files: CSV or XLSX with a ``question`` column, or a Word document written
as people write questionnaires (a question, then its options as lines or a list)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from adapters.files.tables import read_table
from commplan.compliance import DraftQuestion, read_draft
from commplan.compliance.drafts import age_base, response_of
from commplan.compliance.records import drafts_from_table
from commplan.errors import InvalidInput

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


def _paragraphs(path: Path) -> list[str]:
    from docx import Document

    document = Document(str(path))
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
