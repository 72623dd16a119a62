"""Teams end to end against the real Microsoft 365 Agents Playground (``-c msteams``).

``harmonibot serve`` runs on loopback with authentication off; the Playground (installed by
``.ci/run`` from npm, pinned) runs offline beside it and posts to ``/api/messages`` as Teams
would, with its own mock Bot Connector as the service URL. Its web page, driven in Chromium,
is the record of the conversation: a question typed into it, a card's button pressed in it,
and a proactive nudge from ``harmonibot nudges``, each must show up there.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS, REQUIRE_SERVICES, VIEWPORT
from tests.integration.teams.serving import (
    environment,
    free_port,
    link_teams_id,
    seed,
    serving,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
#: Where .ci/run installs the Playground (npm --prefix), else anywhere on PATH.
LOCAL_PLAYGROUND = ROOT / ".playground" / "node_modules" / ".bin" / "agentsplayground"
#: The Playground's signed-in user (its default configuration): Alex Wilber.
PLAYGROUND_USER_AAD_ID = "00000000-0000-0000-0000-0000000000020"
STARTUP_TIMEOUT = 30.0
#: How long the page may take to show what the bot sent (a safety net, not a timing).
SHOWN_WITHIN_MS = 30_000


def playground_command() -> list[str]:
    """The Playground's command, or skip (fail with HARMONIBOT_REQUIRE_SERVICES=1)."""
    reasons = []
    if shutil.which("node") is None:
        reasons.append("node is not installed")
    found = str(LOCAL_PLAYGROUND) if LOCAL_PLAYGROUND.exists() else None
    found = found or shutil.which("agentsplayground")
    if found is None:
        reasons.append(
            "the Agents Playground is not installed (.ci/run installs it: "
            "npm install --prefix .playground @microsoft/m365agentsplayground@<pinned>)"
        )
    if not CHROMIUM.exists():
        reasons.append(f"{CHROMIUM} is not installed")
    if reasons:
        if REQUIRE_SERVICES:
            pytest.fail("the Playground test needs: " + "; ".join(reasons))
        pytest.skip("; ".join(reasons))
    assert found is not None
    return [found]


@pytest.fixture
def playground(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """serve (auth off) and the Playground pointed at it: (Playground URL, database, dir)."""
    command = playground_command()
    database = seed(tmp_path)
    # Pete is the Playground's user here, linked as an authenticated turn would have linked
    # him (with authentication off, an activity links nobody).
    link_teams_id(database, "Pete Brodie", PLAYGROUND_USER_AAD_ID)
    with serving(tmp_path, database, MICROSOFT_APP_ID="") as server:
        port = free_port()
        log = tmp_path / "playground.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [
                    *command,
                    "--app-endpoint",
                    f"{server.url}/api/messages",
                    "--channel-id",
                    "msteams",
                    "--port",
                    str(port),
                    "--disable-telemetry",
                ],
                cwd=tmp_path,
                env={**os.environ, "BROWSER": "none"},
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while True:
                assert process.poll() is None, log.read_text(errors="replace")
                try:
                    if httpx.get(url, timeout=1.0).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.2)
            yield url, database, tmp_path
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        output = server.output()
    assert "Traceback" not in output, output


def say(page: Page, text: str) -> None:
    box = page.get_by_role("textbox").first
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def test_a_question_a_button_and_a_nudge_in_the_playground(
    playground: tuple[str, str, Path],
) -> None:
    url, database, directory = playground
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, reduced_motion="reduce")
            page.goto(url, wait_until="networkidle")

            # A question in the personal chat: the standard's card, with its two buttons.
            say(page, "which standard covers ethnicity")
            card = page.get_by_text("Ethnicity harmonised standard", exact=True)
            expect(card).to_be_visible(timeout=SHOWN_WITHIN_MS)
            expect(page.get_by_role("button", name="Not what I needed")).to_be_visible()

            # A button: tactic 24's card, then its Done pressed in the page.
            say(page, "show tactic 24")
            done = page.get_by_role("button", name="Done", exact=True)
            expect(done).to_be_visible(timeout=SHOWN_WITHIN_MS)
            done.click()
            # Completing asks first; its second button says yes.
            yes = page.get_by_role("button", name="Yes, mark complete")
            expect(yes).to_be_visible(timeout=SHOWN_WITHIN_MS)
            yes.click()
            expect(page.get_by_text("Marked tactic 24 complete")).to_be_visible(
                timeout=SHOWN_WITHIN_MS
            )

            # A proactive nudge: the sweep posts through the Playground's connector, unasked.
            swept = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "adapters.cli.main",
                    "nudges",
                    "--at",
                    "2026-09-10T09:30",
                    "--json",
                ],
                cwd=directory,
                env=environment(database, MICROSOFT_APP_ID=""),
                capture_output=True,
                timeout=120,
                check=False,
            )
            assert swept.returncode == 0, swept.stderr.decode()
            assert '"channel": "teams"' in swept.stdout.decode(), swept.stderr.decode()[-3000:]
            # One summary of Pete's reminders, posted unasked.
            expect(page.get_by_text("Your reminders").first).to_be_visible(timeout=SHOWN_WITHIN_MS)
        finally:
            browser.close()
