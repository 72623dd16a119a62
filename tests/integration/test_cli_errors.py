"""What the command line says when something is wrong: one line naming it, a non-zero exit,
never a traceback and never a password."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from adapters.cli.main import main
from tests.integration.cli import Cli


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    *args: str,
) -> tuple[int, str]:
    monkeypatch.setenv("DATABASE_URL", url)
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.err + captured.out


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        ("harmonibot.db", 2, "DATABASE_URL is not a database URL (e.g. sqlite:///harmonibot.db"),
        ("mysql://ops:s3cret-pw@db.internal/harmonibot", 2, "names 'mysql', which harmonibot"),
        ("postgresql+asyncpg://ops:s3cret-pw@db/h", 2, "No module named 'asyncpg'"),
        (
            "postgresql://ops:s3cret-pw@127.0.0.1:1/harmonibot",
            1,
            "database: could not use the database postgresql+psycopg://ops:***@127.0.0.1:1",
        ),
        ("sqlite:////no/such/folder/h.db", 1, "there is no folder /no/such/folder"),
    ],
)
def test_a_wrong_database_url_gives_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    code: int,
    says: str,
) -> None:
    for command in (("tactics", "list"), ("db", "upgrade"), ("report", "baseline", "--json")):
        exit_code, output = run(monkeypatch, capsys, url, *command)
        assert exit_code == code, command
        assert says in output, output
        assert len(output.strip().splitlines()) == 1, output
        assert "Traceback" not in output and "s3cret-pw" not in output


def test_the_sqlite_file_is_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "harmonibot.db"
    cli = Cli(f"sqlite:///{path}", monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    made = sorted(tmp_path.iterdir())
    assert path in made
    for file in made:  # the database, and SQLite's -wal and -shm beside it
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_an_unexpected_failure_is_one_line_and_verbose_shows_where(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"sqlite:///{tmp_path / 'h.db'}"
    cli = Cli(url, monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full\nand more detail nobody needs")

    # Any failure nobody foresaw, in the middle of a command.
    monkeypatch.setattr("adapters.cli.tactics.list_tactics", broken)
    caplog.set_level(logging.DEBUG)
    failed = cli("tactics", "list")
    assert failed.code == 1
    assert failed.err.strip() == ("error: RuntimeError: the disk is full (--verbose shows where)")
    assert "Traceback" not in failed.out + failed.err
    # The traceback is kept for --verbose (logged at DEBUG).
    assert any(r.exc_info and r.levelno == logging.DEBUG for r in caplog.records)


@pytest.fixture
def seeded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(f"sqlite:///{tmp_path / 'h.db'}", monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    return cli


#: Bad values, and what the answer must name: the argument, the value, the file.
BAD_VALUES = [
    (("report", "baseline", "--from", "2026-13-01"), 2, "argument --from: '2026-13-01' is not"),
    (("report", "baseline", "--to", "the Ides"), 2, "argument --to: 'the Ides' is not a date"),
    (
        ("report", "baseline", "--from", "2026-09-01", "--to", "2026-01-01"),
        2,
        "error: the period ends (2026-01-01) before it starts (2026-09-01)",
    ),
    (("report", "baseline", "--by", "colour"), 2, "argument --by: invalid choice: 'colour'"),
    (("report", "gaps", "--days", "-5"), 2, "--days must be 1 or more"),
    (("report", "gaps", "--days", "ninety"), 2, "argument --days: invalid int value: 'ninety'"),
    (("nudges", "--at", "2026-02-30"), 2, "--at '2026-02-30' is not"),
    (("digest", "--at", "someday"), 2, "--at 'someday' is not"),
    (("tactics", "list", "--status", "finished"), 1, "'finished' is not a status"),
    (("tactics", "list", "--plan-year", "twenty"), 2, "--plan-year: invalid int value: 'twenty'"),
    (
        ("report", "baseline", "-o", "/no/such/folder/r.xlsx"),
        1,
        "error: No such file or directory: /no/such/folder/r.xlsx",
    ),
    (("report", "baseline", "-o", "report.pdf"), 1, "unknown format 'pdf'; use csv or xlsx"),
    (
        ("export", "plan", "-o", "/no/such/folder/p.csv"),
        1,
        "No such file or directory: /no/such/folder/p.csv",
    ),
    (("import", "plan", "/no/such/plan.csv"), 1, "/no/such/plan.csv: no such file"),
    (("import", "standards", "/etc/hostname"), 1, "/etc/hostname: use a .csv, .xlsx"),
    (("inbox", "import", "/no/such/mail.mbox"), 1, "no such file or folder: /no/such/mail.mbox"),
    (("dashboard-link", "--user", "Nobody Here"), 1, "No person Nobody Here."),
    (("contacts", "erase", "--email", "jane smith"), 1, "'jane smith' is not an e-mail address"),
    (("db", "downgrade"), 2, "invalid choice: 'downgrade'"),
]


@pytest.mark.parametrize(
    ("args", "code", "says"), BAD_VALUES, ids=[" ".join(a) for a, _, _ in BAD_VALUES]
)
def test_a_bad_value_says_what_and_where(
    seeded: Cli,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    says: str,
) -> None:
    capsys.readouterr()
    try:
        exit_code = main(list(args))
    except SystemExit as refusal:  # argparse's own, with its usage first
        exit_code = int(refusal.code or 0)
    err = capsys.readouterr().err
    assert exit_code == code
    assert says in err, err
    assert "Traceback" not in err
    assert len([line for line in err.splitlines() if "error" in line]) == 1, err
