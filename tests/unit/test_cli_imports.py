"""``harmonibot --help`` and the parser load no platform library: they must start fast."""

from __future__ import annotations

import subprocess
import sys

PLATFORM = (
    "aiohttp",
    "alembic",
    "apscheduler",
    "jwt",
    "httpx",
    "imapclient",
    "matplotlib",
    "microsoft_agents",
    "msal",
    "slack_bolt",
    "slack_sdk",
    "sqlalchemy",
)

PROBE = """
import sys
from adapters.cli.main import build_parser
build_parser()
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_building_the_command_line_imports_no_platform_library() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [name for name in PLATFORM if name in loaded] == []


def test_the_probe_would_see_a_platform_library() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sqlalchemy\n" + PROBE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "sqlalchemy" in loaded
