"""A sweep run ``--at`` a past moment: its web chat notices carry that moment, and a second
run the same day adds only what is new."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.cli.main import main
from storage.engine import make_engine
from storage.uow import unit_of_work_factory
from tests.integration.web_server import seed_database


def test_notices_of_a_backdated_sweep_are_stamped_with_its_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seed_database(tmp_path, monkeypatch)
    assert main(["nudges", "--at", "2026-03-02T10:00:00+00:00"]) == 0
    engine = make_engine(url)
    with unit_of_work_factory(engine)() as repos:
        pete = repos.notices.for_person("Pete Brodie")
    engine.dispose()
    assert len(pete) == 1  # one summary
    stamped, text = pete[0]
    assert stamped == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert text.startswith("Your reminders: ")
    # Nothing about the meeting of 4 March, two days in the sweep's future.
    assert "of 4 March 2026" not in text
