"""``harmonibot check questionnaire`` end to end: CSV, XLSX and Word questionnaires, JSON out,
checks logged as contacts when done for an organisation, and clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from tests.integration.cli import Cli

KINDS = {
    "missing_category",
    "extra_category",
    "renamed_category",
    "response_type",
    "prefer_not_to_say",
    "age_base",
    "wording",
}


@pytest.fixture
def seeded(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("db", "upgrade")
    cli.ok("seed")
    return cli


def test_a_csv_questionnaire_prints_one_json_document_per_the_interface(
    seeded: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "survey.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question", "options", "response", "base"])
        writer.writerow(
            ["What is your ethnic group?", "White / Black / Asian / Mixed / Other", "", ""]
        )
        writer.writerow(
            ["How is your health in general?", "Very good; Good; Fair; Bad; Very bad", "single", ""]
        )
        writer.writerow(["How many pets do you have?", "None; One; Two or more", "", ""])
    checks = seeded.ok("check", "questionnaire", str(path), "--json").json()
    assert [c["standard"] for c in checks] == [
        "Ethnicity harmonised standard",
        "General health harmonised standard",
        None,
    ]
    assert all(0 <= c["closeness"] <= 1 for c in checks)
    assert checks[1]["differences"] == [] and checks[1]["closeness"] == 1.0
    assert {d["kind"] for c in checks for d in c["differences"]} <= KINDS
    assert seeded.ok("report", "baseline", "--json").json()  # nothing was logged without --for


def test_a_word_questionnaire_is_read_as_people_write_one(seeded: Cli, tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Staff survey 2027 - equality section")
    document.add_paragraph("1. How would you describe your national identity?")
    document.add_paragraph("Tick one only")
    for option in ("English", "Welsh", "Scottish", "Northern Irish", "British", "Other"):
        document.add_paragraph(option, style="List Bullet")
    document.add_paragraph("2. Which of the following best describes your sexual orientation?")
    document.add_paragraph("Asked of people aged 18 and over")
    for option in (
        "Straight or heterosexual",
        "Gay or lesbian",
        "Bisexual",
        "Other sexual orientation",
    ):
        document.add_paragraph(option, style="List Bullet")
    path = tmp_path / "survey.docx"
    document.save(str(path))
    first, second = seeded.ok("check", "questionnaire", str(path), "--json").json()
    assert first["standard"] == "National identity harmonised standard"
    assert [d["kind"] for d in first["differences"]] == ["response_type"]
    assert second["standard"] == "Sexual orientation harmonised standard"
    assert [d["kind"] for d in second["differences"]] == ["age_base"]


def test_checks_done_for_an_organisation_are_logged_once_with_their_standards(
    seeded: Cli, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["question", "options"])
    sheet.append(["What is your religion?", "No religion; Christian; Muslim; Any other religion"])
    path = tmp_path / "survey.xlsx"
    book.save(str(path))
    for _ in range(2):  # running it again the same day logs nothing twice
        out = seeded.ok("check", "questionnaire", str(path), "--for", "Office for Students").out
    assert "Religion harmonised standard" in out and "missing_category" in out
    contacts = seeded.ok("export", "contacts", "-o", str(tmp_path / "c.csv"))
    assert contacts.code == 0
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["organisation"], r["standard"]) for r in rows] == [
        ("Office for Students", "Religion harmonised standard")
    ]


def test_a_questionnaire_without_a_question_column_says_what_is_missing(
    seeded: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("wording,choices\nWhat is your sex?,Male/Female\n", encoding="utf-8")
    result = seeded("check", "questionnaire", str(path))
    assert result.code == 1
    assert "question" in result.err and "Traceback" not in result.err
