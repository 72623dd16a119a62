"""The quarterly evidence pack (issue 20): written from a quarter of generated contacts, its
figures equal the reports' for the same dates, and it opens in LibreOffice."""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from commplan.champions import ChampionUpdate, Quarter
from commplan.organisations import OrgType, UserGroup
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.integration.cli import Cli

JULY = datetime(2026, 7, 14, 10, tzinfo=UTC)
AUGUST = datetime(2026, 8, 20, 15, tzinfo=UTC)
OCTOBER = datetime(2026, 10, 5, 9, tzinfo=UTC)
TOPICS = ("Ethnicity harmonised standard", "Tenure harmonised standard", "")


@pytest.fixture
def quarter_of_data(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("db", "upgrade")
    cli.ok("seed", "--plan-year", "2026")
    chance = random.Random(2026)
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "name", "channel", "org_type", "user_group", "standard", "summary"]
        )
        for n in range(400):
            day = date(2026, 1, 1) + timedelta(days=chance.randrange(273))
            writer.writerow(
                [
                    day.isoformat(),
                    f"Person {n}",
                    chance.choice(("inbox", "chat", "event")),
                    chance.choice(list(OrgType)).value,
                    chance.choice(list(UserGroup)).value,
                    chance.choice(TOPICS),
                    f"query {n}",
                ]
            )
    cli.ok("import", "contacts", str(path))
    return cli


def _tables(document: Document) -> dict[str, list[list[str]]]:
    """Each table, keyed by its header row's text."""
    return {
        " | ".join(c.text for c in t.rows[0].cells): [[c.text for c in r.cells] for r in t.rows[1:]]
        for t in document.tables
    }


def test_the_pack_agrees_with_the_reports_and_opens_in_libreoffice(
    quarter_of_data: Cli, tmp_path: Path
) -> None:
    cli = quarter_of_data
    pack = tmp_path / "pack.docx"
    assert (
        "wrote the 2026 Q3 evidence pack"
        in cli.ok("report", "pack", "--quarter", "2026Q3", "-o", str(pack)).out
    )
    document = Document(str(pack))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "3. Tactics measured against the baseline" in headings
    assert document.inline_shapes, "the contacts chart is in the document"
    tables = _tables(document)

    baseline = cli.ok(
        "report", "baseline", "--json", "--by", "user_group",
        "--from", "2026-07-01", "--to", "2026-09-30",
        "--baseline-from", "2026-01-01", "--baseline-to", "2026-03-31",
    ).json()  # fmt: skip
    by_group = tables["User group | Contacts | Baseline | Change"]
    assert [(r[0], int(r[1])) for r in by_group] == [
        (row["group"] or "not known", row["count"]) for row in baseline["rows"]
    ]

    tactics = cli.ok("report", "tactics", "--json", "--at", "2026-09-30").json()
    measured = tables["Tactic | Start | After | Before | Ratio (95% interval) | Change"]
    assert [(int(r[2]), int(r[3]), r[5]) for r in measured] == [
        (t["after"], t["before"], t["change"]) for t in tactics["tactics"]
    ]

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("HARMONIBOT_REQUIRE_SERVICES") == "1":
            pytest.fail("LibreOffice (soffice) is required to check the pack opens")
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(pack)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "pack.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 3


def test_the_pack_reports_champion_updates_and_the_gaps_in_the_network(
    quarter_of_data: Cli, database_url: str, tmp_path: Path
) -> None:
    cli = quarter_of_data
    for said in (
        "make Sarah Martin champion for The Scottish Government",
        "make Steve Ellerd-Elliott champion for the Ministry of Justice",
        "make Jacqui Jones champion for the Office for National Statistics",
    ):
        assert "is now a harmonisation champion" in cli.ok("ask", "--as", "Palvi Shah", said).out
    engine = make_engine(database_url)
    try:
        with unit_of_work_factory(engine)() as uow:
            people = {c.person: c for c in uow.champions.all()}
            for name, harmonised, blocked, at in (
                ("Sarah Martin", "Ethnicity in the Scottish Household Survey", "", AUGUST),
                ("Jacqui Jones", "Sex in the Labour Force Survey", "Disability sign-off", JULY),
                (
                    "Jacqui Jones",
                    "Sex and gender identity in the LFS",
                    "Disability sign-off",
                    AUGUST,
                ),
                ("Steve Ellerd-Elliott", "Income bands in the prison survey", "", OCTOBER),
            ):
                champion = people[name]
                uow.champions.add_update(
                    ChampionUpdate(
                        person_id=champion.person_id, person=name,
                        organisation=champion.organisation, quarter=Quarter.of(at.date()).key,
                        harmonised=harmonised, blocked=blocked, at=at, key=f"{name}:{at}",
                    )
                )  # fmt: skip
            uow.commit()
    finally:
        engine.dispose()
    pack = tmp_path / "pack.docx"
    cli.ok("report", "pack", "--quarter", "2026Q3", "-o", str(pack))
    document = Document(str(pack))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-3:] == [
        "9. Champions",
        "Champions with no update",
        "Organisations with no champion",
    ]
    tables = _tables(document)
    # Jacqui's second update replaced her first; Steve's came in the next quarter.
    assert tables["Organisation | Champion | Harmonised | Blocked"] == [
        ["Office for National Statistics", "Jacqui Jones", "Sex and gender identity in the LFS",
         "Disability sign-off"],
        ["The Scottish Government", "Sarah Martin", "Ethnicity in the Scottish Household Survey",
         "nothing"],
    ]  # fmt: skip
    assert tables["Champion | Organisation"] == [["Steve Ellerd-Elliott", "Ministry of Justice"]]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2 of 3 harmonisation champions gave an update for 2026 Q3." in text
    found = re.search(r"(\d+) of the (\d+) organisations in the directory have no champion", text)
    assert found is not None
    without, listed = int(found.group(1)), int(found.group(2))
    assert without == listed - 3
    # A count and fifteen names, departments first: the rest are summed up, not listed.
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Organisations with no champion") + 2
    names = paragraphs[start : start + 15]
    assert "Cabinet Office" in names and "Ministry of Justice" not in names
    assert paragraphs[start + 15 :] == [f"and {without - 15} more."]


def test_a_quarter_written_wrongly_is_refused_with_the_form_to_use(
    quarter_of_data: Cli, tmp_path: Path
) -> None:
    result = quarter_of_data(
        "report", "pack", "--quarter", "Q3 2026", "-o", str(tmp_path / "p.docx")
    )
    assert result.code == 1 and "write it as 2026Q3" in result.err
