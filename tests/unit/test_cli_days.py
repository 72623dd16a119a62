"""Days on the command line: ISO as before, or everyday words read at the command's clock."""

from __future__ import annotations

import argparse
from datetime import date, datetime

import pytest

from adapters.cli.days import day
from adapters.cli.reports import register
from tests.conftest import LONDON

NOW = datetime(2026, 7, 20, 10, 0, tzinfo=LONDON)


def test_an_iso_date_is_that_day_whatever_the_clock() -> None:
    given = day("2026-03-31")
    assert given.first(NOW) == given.last(NOW) == date(2026, 3, 31)


def test_words_are_read_at_the_commands_clock() -> None:
    march = day("March")
    assert (march.first(NOW), march.last(NOW)) == (date(2027, 3, 1), date(2027, 3, 31))
    assert day("end of March").last(NOW) == date(2027, 3, 31)
    assert day("last Friday").first(NOW) == date(2026, 7, 17)


def test_words_that_are_no_date_fail_when_the_arguments_are_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "gaps", "--at", "soonish"])
    err = capsys.readouterr().err
    assert "'soonish' is not a date: write YYYY-MM-DD or words such as '31 March'" in err
    args = parser.parse_args(["report", "baseline", "--from", "1 April", "--to", "end of June"])
    assert (args.first.first(NOW), args.last.last(NOW)) == (date(2027, 4, 1), date(2027, 6, 30))
