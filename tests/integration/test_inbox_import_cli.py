"""``harmonibot inbox import`` as a user types it: archives go into the baseline closed (no
flood of "unanswered" nudges) unless ``--open``, and the report streams as one JSON array."""

from __future__ import annotations

import json
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from adapters.cli.inbox import _print
from tests.integration.cli import Cli


def message(number: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = f"Person {number} <p{number}@leeds.gov.uk>"
    mail["To"] = "harmonisation@ons.gov.uk"
    mail["Subject"] = "Ethnic group question"
    mail["Date"] = "Mon, 07 Sep 2015 10:15:00 +0100"
    mail["Message-ID"] = f"<m{number}@leeds.gov.uk>"
    mail.set_content("Which ethnic group categories should we use?")
    return mail.as_bytes(policy=SMTP)


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("seed")
    return cli


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "2015.mbox"
    path.write_bytes(
        b"".join(b"From x@y Mon Sep  7 10:00:00 2015\n" + message(n) + b"\n" for n in range(13))
    )
    return path


def unanswered(cli: Cli) -> list[dict[str, str]]:
    sent = cli.ok("nudges", "--at", "2015-10-06T10:00", "--dry-run", "--json").json()
    return [n for n in sent if n["kind"] == "unanswered"]


def test_an_archive_is_baseline_not_work(cli: Cli, archive: Path) -> None:
    report = cli.ok("inbox", "import", str(archive), "--json").json()
    assert len(report) == 13
    assert {(o["status"], o["reason"]) for o in report} == {
        ("logged", "imported from an archive: query closed")
    }
    assert unanswered(cli) == []
    assert "0 open inbox queries" in cli.ok("ask", "inbox", "--as", "Becki Aquilina").out
    assert len(cli.ok("export", "contacts").out.splitlines()) == 14  # header + 13


def test_open_tracks_the_imported_queries(cli: Cli, archive: Path) -> None:
    report = cli.ok("inbox", "import", str(archive), "--open", "--json").json()
    assert {o["reason"] for o in report} == {""}
    assert len(unanswered(cli)) == 13


def test_the_text_report_ends_with_the_count(cli: Cli, archive: Path) -> None:
    lines = cli.ok("inbox", "import", str(archive)).out.splitlines()
    assert len(lines) == 14 and lines[-1] == "13 messages: 13 logged"
    assert lines[0].startswith("logged ")


def test_an_empty_import_is_an_empty_array(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert cli.ok("inbox", "import", str(tmp_path / "empty"), "--json").json() == []


def test_the_json_report_is_written_as_the_outcomes_come(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen: list[str] = []

    def outcomes() -> Iterator[dict[str, str]]:
        for number in range(3):
            # Everything before this outcome is on stdout already: nothing is collected.
            seen.append(capsys.readouterr().out)
            yield {"message_id": f"m{number}", "status": "logged"}

    _print(outcomes(), as_json=True)
    seen.append(capsys.readouterr().out)
    assert seen[1].endswith('{"message_id": "m0", "status": "logged"}')
    assert '"m1"' in seen[2] and '"m0"' not in seen[2]
    document = json.loads("".join(seen))
    assert [o["message_id"] for o in document] == ["m0", "m1", "m2"]
