"""Headless Chromium for the browser tests: Debian's build, never a downloaded one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1100, "height": 900}
REQUIRE_SERVICES = os.environ.get("HARMONIBOT_REQUIRE_SERVICES") == "1"


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)"
        if REQUIRE_SERVICES:
            pytest.fail(f"Chromium is required: {reason}")
        pytest.skip(reason)
    return CHROMIUM
