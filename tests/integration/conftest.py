"""Fixtures shared by the integration tests."""

from __future__ import annotations

import pytest

from tests.integration.browser import chromium
from tests.integration.cli import Cli

__all__ = ["chromium", "cli", "seeded"]


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    """The command line on an empty database (a module may define its own, seeded one)."""
    return Cli(database_url, monkeypatch, capsys)


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    """The command line on a migrated database holding the sample plan (2015) and people."""
    cli.ok("db", "upgrade")
    cli.ok("seed")
    return cli
