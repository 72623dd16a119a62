"""Going live on the command line: a clean start, and the roster as a file that round-trips."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import pytest

from adapters.cli.golive import first_admin
from commplan.errors import InvalidInput
from tests.integration.cli import Cli

PEOPLE_CSV = """\
name,email,role,groups,organisation,slack_id,teams_id
Amira Okafor,amira.okafor@stats.example.org,admin,Harmonisation team,Statistics Office,,
Ben Hughes,ben.hughes@stats.example.org,team,Harmonisation team; Comms group,Statistics Office,,
Carys Evans,carys.evans@health.example.org,member,Steering group,Health Department,U0CARYS,
Dev Patel,dev.patel@council.example.org,,Steering group; comms group,City Council,,29:dev
"""


@pytest.fixture
def started(cli: Cli) -> Cli:
    cli.ok("init", "--admin-name", "Amira Okafor", "--admin-email", "amira@stats.example.org")
    return cli


def _rows(text: str) -> list[dict[str, str]]:
    # Exports start with a byte-order mark, so that Excel reads them as UTF-8.
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_init_loads_the_catalogue_and_directory_and_the_first_admin_only(started: Cli) -> None:
    people = _rows(started.ok("export", "people").out)
    assert people == [
        {
            "name": "Amira Okafor",
            "email": "amira@stats.example.org",
            "role": "admin",
            "groups": "",
            "organisation": "",
            "slack_id": "",
            "teams_id": "",
            "aliases": "",
        }
    ]
    assert started.ok("tactics", "list", "--json").json() == []
    assert _rows(started.ok("export", "actions").out) == []
    assert len(_rows(started.ok("export", "standards").out)) > 30
    organisations = {r["name"] for r in _rows(started.ok("export", "organisations").out)}
    assert "Office for National Statistics" in organisations
    # Again, with or without the flags: nothing changes and nobody is asked.
    again = started.ok("init")
    assert "an admin exists already" in again.out
    assert _rows(started.ok("export", "people").out) == people


def test_init_without_an_admin_off_a_terminal_says_how(cli: Cli) -> None:
    result = cli("init")
    assert result.code == 1
    assert "--admin-name" in result.err


def test_init_asks_on_a_terminal_for_what_the_flags_leave_out() -> None:
    answers = iter(["Amira Okafor", "amira@stats.example.org"])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    args = argparse.Namespace(admin_name="", admin_email="")
    admin = first_admin(args, False, ask, interactive=True)
    assert admin is not None
    assert (admin.name, admin.email, admin.role.value) == (
        "Amira Okafor",
        "amira@stats.example.org",
        "admin",
    )
    assert len(asked) == 2
    with pytest.raises(InvalidInput):
        first_admin(args, False, lambda _: "", interactive=True)


def test_people_import_export_round_trips_in_csv_and_xlsx(started: Cli, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(PEOPLE_CSV)
    result = started.ok("import", "people", str(source))
    # Amira is the admin init made: updated (her e-mail, groups, organisation), not added.
    assert "people: 3 added, 1 updated, 0 unchanged" in result.out
    exported = started.ok("export", "people").out
    rows = {r["name"]: r for r in _rows(exported)}
    assert rows["Dev Patel"]["role"] == "member"
    assert rows["Dev Patel"]["groups"] == "Comms group; Steering group"
    assert rows["Ben Hughes"]["groups"] == "Comms group; Harmonisation team"
    assert rows["Carys Evans"]["slack_id"] == "U0CARYS"
    assert rows["Amira Okafor"]["email"] == "amira.okafor@stats.example.org"
    groups = {r["name"]: r["members"] for r in _rows(started.ok("export", "groups").out)}
    assert groups == {
        "Comms group": "Ben Hughes; Dev Patel",
        "Harmonisation team": "Amira Okafor; Ben Hughes",
        "Steering group": "Carys Evans; Dev Patel",
    }

    for fmt in ("csv", "xlsx"):
        people_file = tmp_path / f"people-out.{fmt}"
        groups_file = tmp_path / f"groups-out.{fmt}"
        started.ok("export", "people", "-o", str(people_file))
        started.ok("export", "groups", "-o", str(groups_file))
        assert (
            "0 added, 0 updated, 4 unchanged"
            in started.ok("import", "people", str(people_file)).out
        )
        assert (
            "0 added, 0 updated, 3 unchanged"
            in started.ok("import", "groups", str(groups_file)).out
        )
        again = tmp_path / f"again.{fmt}"
        started.ok("export", "people", "-o", str(again))
        assert again.read_bytes() == people_file.read_bytes()
    assert started.ok("export", "people").out == exported


def test_a_groups_file_sets_members_and_aliases(started: Cli, tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE_CSV)
    started.ok("import", "people", str(tmp_path / "people.csv"))
    (tmp_path / "groups.csv").write_text(
        "name,members,aliases\n"
        "The harmonisation team,Amira Okafor; Ben Hughes; Carys Evans,Harmonisation Team\n"
        "Working group,Dev Patel,\n"
    )
    result = started.ok("import", "groups", str(tmp_path / "groups.csv"))
    assert "groups: 1 added, 1 updated, 0 unchanged" in result.out
    groups = {r["name"]: r for r in _rows(started.ok("export", "groups").out)}
    assert groups["Harmonisation team"]["members"] == "Amira Okafor; Ben Hughes; Carys Evans"
    assert groups["Harmonisation team"]["aliases"] == "Harmonisation Team"
    assert groups["Working group"]["members"] == "Dev Patel"


def test_a_bad_people_file_names_every_problem_and_writes_nothing(
    started: Cli, tmp_path: Path
) -> None:
    before = started.ok("export", "people").out
    bad = tmp_path / "people.csv"
    bad.write_text(
        "name,email,role\n"
        "Ben Hughes,ben.hughes@stats.example.org,team\n"
        "Eve Lin,not an address,member\n"
        "Fay Orr,fay@stats.example.org,boss\n"
        "ben hughes,ben2@stats.example.org,member\n"
        "Gus Ward,AMIRA@stats.example.org,member\n"
    )
    result = started("import", "people", str(bad))
    assert result.code == 1
    assert "row 3, column 'email': 'not an address' is not an e-mail address" in result.err
    assert "row 4, column 'role': 'boss' is not a role" in result.err
    assert "row 5, column 'name': 'ben hughes' is already on row 2" in result.err
    assert started.ok("export", "people").out == before
    # Against what is stored: another person's e-mail, and the last admin demoted.
    clash = tmp_path / "clash.csv"
    clash.write_text("name,email,role\nGus Ward,AMIRA@stats.example.org,member\n")
    result = started("import", "people", str(clash))
    assert "'amira@stats.example.org' is already Amira Okafor's" in result.err
    demote = tmp_path / "demote.csv"
    demote.write_text("name,role\nAmira Okafor,team\n")
    result = started("import", "people", str(demote))
    assert result.code == 1 and "leaves nobody as admin" in result.err
    unknown = tmp_path / "groups.csv"
    unknown.write_text("name,members\nWorking group,Zed Nobody\n")
    result = started("import", "groups", str(unknown))
    assert result.code == 1 and "'Zed Nobody' is not a person the bot knows" in result.err
    assert started.ok("export", "people").out == before
    assert _rows(started.ok("export", "groups").out) == []


def test_a_file_without_a_column_keeps_that_field(started: Cli, tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE_CSV)
    started.ok("import", "people", str(tmp_path / "people.csv"))
    (tmp_path / "emails.csv").write_text("name,email\nCarys Evans,carys@health.example.org\n")
    started.ok("import", "people", str(tmp_path / "emails.csv"))
    carys = {r["name"]: r for r in _rows(started.ok("export", "people").out)}["Carys Evans"]
    assert carys["email"] == "carys@health.example.org"
    assert (carys["slack_id"], carys["groups"], carys["role"]) == (
        "U0CARYS",
        "Steering group",
        "member",
    )


def test_a_name_written_differently_renames_the_person_in_their_groups(
    started: Cli, tmp_path: Path
) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE_CSV)
    started.ok("import", "people", str(tmp_path / "people.csv"))
    (tmp_path / "rename.csv").write_text("name,email\nthe dev patel,dev@council.example.org\n")
    assert "0 added, 1 updated" in started.ok("import", "people", str(tmp_path / "rename.csv")).out
    groups = {r["name"]: r["members"] for r in _rows(started.ok("export", "groups").out)}
    assert groups["Steering group"] == "Carys Evans; the dev patel"
    assert groups["Comms group"] == "Ben Hughes; the dev patel"
