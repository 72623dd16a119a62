"""The web chat in headless Chromium: notices waiting, ask, press a button, reload, kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from adapters.cli.main import main
from tests.integration.browser import CHROMIUM_ARGS, VIEWPORT
from tests.integration.web_server import Server, running_server, seed_database

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    url = seed_database(tmp_path, monkeypatch)
    # A nudge sweep before the page opens: with no Slack or Teams, it waits in the web chat.
    assert main(["nudges", "--at", "2026-03-02T10:00:00+00:00"]) == 0
    with running_server(tmp_path, url) as running:
        yield running


def test_ask_press_done_reload_and_the_change_is_kept(
    chromium: Path, server: Server, tmp_path: Path
) -> None:
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, reduced_motion="reduce")
            # A CSP violation or a script error shows up here, not as a failed step.
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on(
                "console",
                lambda message: (
                    problems.append(f"console {message.type}: {message.text}")
                    if message.type == "error"
                    else None
                ),
            )
            page.on(
                "response",
                lambda response: (
                    problems.append(f"{response.status} for {response.url}")
                    if response.status >= 400
                    else None
                ),
            )
            page.goto(f"{server.url}/")
            expect(page).to_have_url(f"{server.url}/chat")

            # Pete's reminders arrive as soon as he gives his name: one collapsed summary of
            # what came while he was away, newest first, which does not move the conversation.
            name = page.get_by_label("Your name")
            name.fill("Pete Brodie")
            name.press("Enter")
            notices = page.locator("#transcript > .msg-notice")
            expect(notices).to_have_count(1)
            away = notices.first
            expect(away.locator("summary")).to_have_text("While you were away · 1 message")
            expect(away.get_by_text("Overdue: Tactic 10: Contact LARIA")).to_be_hidden()
            away.locator("summary").click()
            expect(away).to_contain_text("Your reminders: 1 overdue.")
            expect(away).to_contain_text("Overdue: Tactic 10: Contact LARIA")
            away.get_by_role("button", name="Done").click()
            expect(last_reply(page)).to_contain_text("Mark tactic 10 complete?")
            last_reply(page).get_by_role("button", name="Yes, mark complete").click()
            expect(last_reply(page)).to_contain_text("Marked tactic 10 complete")
            expect(away.get_by_role("button", name="Done")).to_be_disabled()
            page.screenshot(path=tmp_path / "web-chat-notices.png", full_page=True)

            name.fill("Becki Aquilina")
            name.press("Enter")
            # Becki's own summary follows, collapsed too, with Pete's completing tactic 10 (she
            # owns it too, through her groups); none of Pete's reminders comes again.
            expect(notices).to_have_count(2)
            expect(notices.nth(1).locator("summary")).to_have_text(
                "While you were away · 2 messages"
            )
            expect(notices.nth(1).locator(".notice")).to_have_count(2)
            ask(page, "which standard covers ethnicity")
            expect(last_reply(page)).to_contain_text("Ethnicity harmonised standard")

            ask(page, "show tactic 24")
            expect(last_reply(page)).to_contain_text("Tactic 24")
            card = replies(page).nth(replies(page).count() - 1)  # stays put as replies arrive
            card.get_by_role("button", name="Done").click()
            expect(last_reply(page)).to_contain_text("Mark tactic 24 complete?")
            last_reply(page).get_by_role("button", name="Yes, mark complete").click()
            expect(last_reply(page)).to_contain_text("Marked tactic 24 complete")
            expect(card.get_by_role("button", name="Done")).to_be_disabled()

            page.screenshot(path=tmp_path / "web-chat-before-reload.png", full_page=True)
            # Only the conversation scrolls; header and message box stay in view.
            page_height = page.evaluate("document.documentElement.scrollHeight")
            assert page_height <= VIEWPORT["height"], "the page itself scrolls"

            page.reload()
            expect(page.get_by_label("Your name")).to_have_value("Becki Aquilina")
            expect(notices).to_have_count(1)  # a new page shows her summary again
            ask(page, "show tactic 24")
            status = last_reply(page).locator(".hb-fields > div", has_text="Status")
            expect(status.locator("dt")).to_have_text("Status")
            expect(status.locator("dd")).to_have_text("complete")
            page.screenshot(path=tmp_path / "web-chat.png", full_page=True)

            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=tmp_path / "web-chat-phone.png")
        finally:
            browser.close()
    assert problems == []


def ask(page: Page, text: str) -> None:
    """Type into the message box and press Enter, as a person would."""
    box = page.get_by_label("Message", exact=True)
    box.fill(text)
    box.press("Enter")


def replies(page: Page) -> Locator:
    """The bot's answers so far (not the typing indicator)."""
    return page.locator("#transcript > .msg-bot:not(.msg-typing)")


def last_reply(page: Page) -> Locator:
    return replies(page).last


def test_notices_waiting_come_as_one_summary_newest_first(
    chromium: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = seed_database(tmp_path, monkeypatch)
    # Becki's reminders at ten, then the team's digest: two messages while she was away.
    assert main(["nudges", "--at", "2026-03-02T10:00:00+00:00"]) == 0
    assert main(["digest", "--at", "2026-03-02", "--post"]) == 0
    with running_server(tmp_path, url) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, reduced_motion="reduce")
            page.goto(f"{server.url}/chat")
            name = page.get_by_label("Your name")
            name.fill("Becki Aquilina")
            name.press("Enter")
            notices = page.locator("#transcript > .msg-notice")
            expect(notices).to_have_count(1)
            away = notices.first
            expect(away.locator("summary")).to_have_text("While you were away · 2 messages")
            assert away.locator("details").get_attribute("open") is None  # collapsed
            away.locator("summary").click()
            entries = away.locator(".notice")
            expect(entries).to_have_count(2)
            expect(entries.nth(0)).to_contain_text("Weekly digest")  # the newest first
            expect(entries.nth(0)).to_contain_text("for the team")
            expect(entries.nth(1)).to_contain_text("Your reminders:")
        finally:
            browser.close()
