"""Signing in to the web chat in headless Chromium: a visitor asks about standards and is asked
to sign in for "my tactics"; single sign-on against the test provider on loopback signs Pete in
and he sees his own tactics; signing out ends it, and the old cookie put back is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.integration.browser import CHROMIUM_ARGS, VIEWPORT
from tests.integration.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, running_provider
from tests.integration.test_web_browser import ask, last_reply
from tests.integration.test_web_signin import KEY, PETE, give_addresses
from tests.integration.web_server import Server, running_server, seed_database

pytestmark = pytest.mark.browser


@pytest.fixture
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        yield running


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, provider: Provider) -> Iterator[Server]:
    url = seed_database(tmp_path, monkeypatch)
    give_addresses(url)
    settings = {
        "HARMONIBOT_SECRET_KEY": KEY,
        "HARMONIBOT_OIDC_ISSUER": provider.url,
        "HARMONIBOT_OIDC_CLIENT_ID": CLIENT_ID,
        "HARMONIBOT_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "HARMONIBOT_OIDC_LABEL": "Microsoft",
    }
    with running_server(tmp_path, url, settings=settings) as running:
        yield running


def test_sign_in_with_single_sign_on_see_my_tactics_and_sign_out(
    chromium: Path, server: Server, provider: Provider, tmp_path: Path
) -> None:
    provider.email = PETE
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
            page = context.new_page()
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on(
                "console",
                lambda message: (
                    problems.append(f"console {message.type}: {message.text}")
                    if message.type == "error"
                    else None
                ),
            )
            page.goto(f"{server.url}/chat")

            # Signed out: no name box, a way to sign in, and standards questions answered.
            sign_in = page.get_by_role("link", name="Sign in with Microsoft")
            expect(sign_in).to_be_visible()
            expect(page.get_by_label("Your name")).to_be_hidden()
            ask(page, "which standard covers ethnicity")
            expect(last_reply(page)).to_contain_text("Ethnicity harmonised standard")
            ask(page, "my tactics")
            expect(last_reply(page)).to_contain_text("'my tactics' needs to know who you are")
            expect(last_reply(page)).to_contain_text("web chat link")
            page.screenshot(path=tmp_path / "web-chat-signed-out.png", full_page=True)

            # Off to the provider and back, signed in as the person it vouches for.
            sign_in.click()
            expect(page).to_have_url(f"{server.url}/chat")
            expect(page.locator("#signed-in")).to_contain_text("Signed in as Pete Brodie")
            ask(page, "my tactics")
            expect(last_reply(page)).to_contain_text("Your open tactics, Pete Brodie")
            page.screenshot(path=tmp_path / "web-chat-signed-in.png", full_page=True)
            kept = [c for c in context.cookies() if c["name"] == "harmonibot_session"]
            assert len(kept) == 1

            # Sign out: the page is signed out, and the cookie put back is refused.
            page.get_by_role("button", name="Sign out").click()
            expect(sign_in).to_be_visible()
            expect(page.locator("#signed-in")).to_be_hidden()
            assert not [c for c in context.cookies() if c["name"] == "harmonibot_session"]
            context.add_cookies(kept)
            page.reload()
            expect(sign_in).to_be_visible()
            ask(page, "my tactics")
            expect(last_reply(page)).to_contain_text("needs to know who you are")
        finally:
            browser.close()
    assert problems == []
