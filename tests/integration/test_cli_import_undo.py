"""Imports that cannot hurt, through the command line (#15.3): each says what it adds, changes
and leaves, ``--dry-run`` writes nothing, a Word plan without a year is never matched with the
current plan, ``import undo`` takes the last import back exactly, and exports import back as
nothing new."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from docx import Document

from commplan.contacts import Channel, Contact
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.integration.cli import Cli


def _word_plan(path: Path) -> Path:
    """Next year's plan as the steering group writes it: seven tactics, numbered by row."""
    document = Document()
    table = document.add_table(rows=0, cols=5)
    rows = [("Tactic", "Purpose", "Audience", "Timing", "Accountable")]
    rows.append(("Phase 1 (Q1 – Jan/Feb/Mar):", "", "", "", ""))
    for name, timing in [
        ("Harmonisation newsletter\n(Objective 1)", "January 14th"),
        ("Census 2021 topic consultation", "February"),
        ("GSS conference stand", "March 3rd"),
        ("Blog on the disability standard", "March"),
        ("Webinar for local government", "February 20th"),
        ("Review the ethnicity standard", "TBC"),
        ("Harmonisation champions meeting", "January"),
    ]:
        rows.append((name, "Awareness", "GSS", timing, "Becki Aquilina"))
    for cells in rows:
        for cell, value in zip(table.add_row().cells, cells, strict=True):
            cell.text = value
    document.save(str(path))
    return path


def test_a_word_plan_without_a_year_is_refused_not_matched_with_the_current_plan(
    seeded: Cli, tmp_path: Path
) -> None:
    before = seeded.ok("export", "plan").out
    path = _word_plan(tmp_path / "plan 2016.docx")

    refused = seeded("import", "plan", str(path))
    assert refused.code == 1
    assert "plan 2016.docx gives no plan year" in refused.err
    assert "matched by number with the 2015 plan's (tactics 1, 2, 3, 4, 5, 6, 7)" in refused.err
    assert "--plan-year 2015 to update the 2015 plan" in refused.err
    assert "--plan-year 2016 to import it as a new plan" in refused.err
    assert seeded.ok("export", "plan").out == before

    # Told the year, it previews a new plan, then imports it and leaves 2015 alone.
    preview = seeded.ok("import", "plan", str(path), "--plan-year", "2016", "--dry-run")
    assert preview.out.splitlines()[0] == "tactics: 7 added, 0 updated, 0 unchanged"
    assert "  add     tactic 1 of 2016, Harmonisation newsletter" in preview.out
    assert "Preview only: nothing was written." in preview.out
    assert seeded.ok("export", "plan", "--plan-year", "2016").out.count("\n") == 1
    done = seeded.ok("import", "plan", str(path), "--plan-year", "2016")
    assert done.out.replace("Preview only", "").splitlines()[:8] == preview.out.splitlines()[:8]
    assert "harmonibot import undo" in done.out
    assert seeded.ok("export", "plan", "--plan-year", "2015").out == before

    # Saying 2015 on purpose shows which tactics it would overwrite, field by field.
    overwrite = seeded.ok("import", "plan", str(path), "--plan-year", "2015", "--dry-run")
    assert overwrite.out.startswith("tactics: 0 added, 7 updated, 0 unchanged")
    assert "  change  tactic 1 of 2015, Harmonisation newsletter (name, purpose," in overwrite.out
    assert seeded.ok("export", "plan", "--plan-year", "2015").out == before

    # Undone, the 2016 plan goes with its tactics: 2015 is the latest plan again.
    undone = seeded.ok("import", "undo")
    assert "8 removed, 0 restored" in undone.out and "  remove  plan 2016" in undone.out
    assert seeded.ok("export", "plan").out == before


def test_import_undo_restores_what_changed_and_removes_what_was_added(
    seeded: Cli, tmp_path: Path
) -> None:
    original = seeded.ok("export", "plan").out
    rows = list(csv.DictReader(io.StringIO(original.lstrip("\ufeff"))))
    rows[13]["status"] = "Complete"
    rows[0]["name"] = "Harmonisation blog, weekly"
    rows.append({**rows[5], "number": "35", "name": "Podcast on the sex and gender standard"})
    path = tmp_path / "edited.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    imported = seeded.ok("import", "plan", str(path))
    assert imported.out.splitlines()[:4] == [
        "tactics: 1 added, 2 updated, 32 unchanged",
        "  add     tactic 35 of 2015, Podcast on the sex and gender standard",
        "  change  tactic 1 of 2015, Harmonisation blog, weekly (name)",
        f"  change  tactic 14 of 2015, {rows[13]['name']} (status)",
    ]

    preview = seeded.ok("import", "undo", "--dry-run")
    assert (
        preview.out.startswith("Would undo the import of edited.csv (plan, ")
        and "1 removed, 2 restored" in preview.out
    )
    assert "  remove  tactic 35 of 2015, Podcast on the sex and gender standard" in preview.out
    assert "Preview only" in preview.out
    assert len(seeded.ok("tactics", "list", "--json").json()) == 35

    undone = seeded.ok("import", "undo")
    assert "Undid the import of edited.csv" in undone.out
    assert seeded.ok("export", "plan").out == original
    by_id = {t["id"]: t for t in seeded.ok("tactics", "list", "--json").json()}
    assert by_id[14]["status"] == "planned" and 35 not in by_id

    # The seed is no import: there is nothing more to undo.
    nothing = seeded("import", "undo")
    assert (nothing.code, nothing.err.strip()) == (1, "error: There is no import to undo.")


def test_chat_logged_contacts_exported_and_imported_add_nothing(
    seeded: Cli, database_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    try:
        with unit_of_work_factory(engine)() as uow:
            for number, text in enumerate(["ethnicity question", "what about in Scotland?"]):
                uow.contacts.add(
                    Contact(
                        on=date(2015, 3, 2),
                        channel=Channel.CHAT,
                        name="jane@leeds.gov.uk",
                        organisation="Leeds City Council",
                        summary=text,
                        source_ref=f"slack:T01:C01:17{number}",
                    )
                )
            uow.commit()
    finally:
        engine.dispose()
    exported = tmp_path / "contacts.csv"
    seeded.ok("export", "contacts", "-o", str(exported))
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"again.{fmt}"
        seeded.ok("export", "contacts", "-o", str(path))
        result = seeded.ok("import", "contacts", str(path))
        assert result.out.strip() == "contacts: 0 added, 0 updated, 2 unchanged"
    again = tmp_path / "after.csv"
    seeded.ok("export", "contacts", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_import_then_export_gives_the_same_file(seeded: Cli, tmp_path: Path) -> None:
    lines = [
        "date,name,email,organisation,org_type,user_group,channel,direction,standard,summary",
        (
            "2015-01-12,Jane Smith,jane@leeds.gov.uk,Leeds City Council,Local Government,"
            "Sub national organisations,inbox,inbound,Ethnicity harmonised standard,ethnic group"
        ),
        (
            "2015-02-02,Ann Lee,ann@ons-partner.org.uk,Partner Org,Charity,,phone,outbound,,"
            "=SUM(1+1) she asked"
        ),
    ]
    typed = tmp_path / "typed.csv"
    typed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = seeded.ok("import", "contacts", str(typed))
    assert "contacts: 2 added" in first.out
    exported = tmp_path / "contacts.csv"
    seeded.ok("export", "contacts", "-o", str(exported))

    # Undone, the contacts and the organisation the file taught the directory are gone.
    seeded.ok("import", "undo")
    assert seeded.ok("export", "contacts").out.lstrip("\ufeff").count("\n") == 1
    assert "Partner Org" not in seeded.ok("export", "organisations").out

    # The export imported into the emptied log exports as the same file.
    assert "contacts: 2 added" in seeded.ok("import", "contacts", str(exported)).out
    again = tmp_path / "again.csv"
    seeded.ok("export", "contacts", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_import_needs_a_file_and_undo_takes_none(seeded: Cli, tmp_path: Path) -> None:
    missing = seeded("import", "contacts")
    assert missing.code == 1 and "name the file to import" in missing.err
    stray = seeded("import", "undo", str(tmp_path / "contacts.csv"))
    assert stray.code == 1 and "takes no file" in stray.err
