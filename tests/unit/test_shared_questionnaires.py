"""Questionnaires that arrive as bytes (shared in a chat) and the addresses the bot fetches
them from: read like files on disk, nothing unreadable or oversized let through."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from adapters.files.questionnaires import is_questionnaire_name, read_questionnaire_bytes
from adapters.slack.files import may_fetch
from commplan.errors import CommplanError, ImportRejected, InvalidInput

SLACK_API = "https://slack.com/api/"
TEST_API = "http://127.0.0.1:8123/api/"


def test_a_csv_in_bytes_reads_as_the_same_file_on_disk() -> None:
    data = (
        "question,options,response,base\r\n"
        "What is your religion?,No religion; Christian; Muslim,single,16+\r\n"
    ).encode("cp1252")
    [draft] = read_questionnaire_bytes("survey.csv", data)
    assert draft.question == "What is your religion?"
    assert draft.options == ("No religion", "Christian", "Muslim")
    assert (draft.response, draft.base) == ("single", "16+")


def test_an_xlsx_in_bytes_keeps_a_numeric_base_as_words() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Question", "Options", "Base"])
    sheet.append(["How is your health in general?", "Very good / Good / Fair", 16])
    buffer = io.BytesIO()
    book.save(buffer)
    [draft] = read_questionnaire_bytes("Health.XLSX", buffer.getvalue())
    assert draft.options == ("Very good", "Good", "Fair")
    assert draft.base == "16"  # as typed, not the float openpyxl reads


def test_a_word_document_in_bytes_reads_its_questions_and_options() -> None:
    document = Document()
    document.add_paragraph("Q1 What is your sex?")
    document.add_paragraph("Female")
    document.add_paragraph("Male")
    buffer = io.BytesIO()
    document.save(buffer)
    [draft] = read_questionnaire_bytes("sex.docx", buffer.getvalue())
    assert (draft.question, draft.options) == ("What is your sex?", ("Female", "Male"))


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notes.pdf", b"%PDF-1.7", "a questionnaire is a .csv, .xlsx or .docx file"),
        ("renamed.xlsx", b"\x89PNG\r\n", "cannot be read as XLSX"),
        ("empty.docx", b"", "cannot be read as DOCX"),
    ],
)
def test_what_is_not_a_questionnaire_says_so_by_name(name: str, data: bytes, says: str) -> None:
    with pytest.raises(InvalidInput, match=says) as raised:
        read_questionnaire_bytes(name, data)
    assert str(raised.value).startswith(name)


def test_a_zip_that_is_not_a_word_document_is_refused_cleanly() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(InvalidInput, match="cannot be read as DOCX"):
        read_questionnaire_bytes("letter.docx", buffer.getvalue())


def test_an_archive_that_unpacks_to_far_too_much_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(InvalidInput, match="unpacks to 60.0 MB; the limit is 50 MB"):
        read_questionnaire_bytes("bomb.xlsx", buffer.getvalue())


def test_a_table_without_a_question_column_is_rejected_naming_it() -> None:
    with pytest.raises(ImportRejected) as raised:
        read_questionnaire_bytes("bad.csv", b"wording,choices\nWhat is your sex?,Male\n")
    assert isinstance(raised.value, CommplanError) and "question" in str(raised.value)


def test_only_questionnaire_suffixes_count() -> None:
    assert [is_questionnaire_name(n) for n in ("a.CSV", "b.xlsx", "c.docx", "d.xls", "e")] == [
        True,
        True,
        True,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("url", "api", "allowed"),
    [
        ("https://files.slack.com/files-pri/T1-F1/download/q.xlsx", SLACK_API, True),
        ("http://files.slack.com/files-pri/T1-F1/download/q.xlsx", SLACK_API, False),
        ("https://files.slack.com.evil.example/q.xlsx", SLACK_API, False),
        ("https://user:pw@files.slack.com/q.xlsx", SLACK_API, False),
        ("https://169.254.169.254/latest/meta-data", SLACK_API, False),
        ("http://127.0.0.1:8123/files-pri/T1-F1/download/q.xlsx", TEST_API, True),
        ("http://127.0.0.1:9999/files-pri/T1-F1/download/q.xlsx", TEST_API, False),
        ("http://127.0.0.1:8123/q.xlsx", SLACK_API, False),
        ("not a url", SLACK_API, False),
    ],
)
def test_the_bot_token_goes_only_to_slacks_file_host_or_the_configured_api(
    url: str, api: str, allowed: bool
) -> None:
    assert may_fetch(url, api) is allowed
