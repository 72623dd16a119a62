"""The steering group view in headless Chromium, at desktop and phone sizes: Pete Brodie asks
the web chat for "dashboard", opens the link, and reads counts without a name or address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

from adapters.cli.main import main
from tests.integration.browser import CHROMIUM_ARGS
from tests.integration.test_dashboard_browser import (
    _TABLE_BOXES,
    _WRAPPED_DATES,
    SHOTS,
    axe_violations,
)
from tests.integration.test_steering_view import secrets, write_log
from tests.integration.web_server import Server, running_server, seed_database

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
#: People the sample plan names as owners; the steering view shows tactics without them.
OWNERS = ("Jacqui Jones", "Steve Ellerd-Elloitt", "Jan Thomas", "Andy Bates")


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    url = seed_database(tmp_path, monkeypatch)
    write_log(tmp_path / "log.csv")
    assert main(["import", "contacts", str(tmp_path / "log.csv")]) == 0
    with running_server(tmp_path, url) as running:
        yield running


def link_from_the_chat(server: Server, name: str) -> str:
    """What the web chat (on loopback, where a typed name is trusted) gives for "dashboard"."""
    reply = httpx.post(
        f"{server.url}/chat/messages", json={"name": name, "text": "dashboard"}, timeout=10.0
    ).json()
    assert reply["intent"] == "dashboard", reply
    text = str(reply["text"])
    return text[text.index(server.url) :].split()[0]


def assert_nobody_in(page: Page) -> None:
    shown = page.locator("body").inner_text()
    for secret in (*secrets(), *OWNERS):
        assert secret not in shown, secret
    # Nor in what the page holds but does not show (titles, attributes, hidden text).
    markup = page.content()
    for secret in (*secrets(), *OWNERS):
        assert secret not in markup, secret


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_steering_member_reads_counts_and_never_a_name(
    chromium: Path, server: Server, tmp_path: Path, size: str, viewport: ViewportSize
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=viewport, is_mobile=size == "phone")
            page = context.new_page()
            page.goto(link_from_the_chat(server, "Pete Brodie"))
            expect(page.locator("h1")).to_have_text("Steering group view")
            assert page.url == f"{server.url}/dashboard/steering"
            cards = page.locator(".cards .card")
            expect(cards).to_have_count(4)
            expect(cards.first).to_contain_text("121")
            groups = page.get_by_role("region", name="Who is talking to us")
            expect(groups.locator("#table-by-type")).to_contain_text("Local Government")
            charity = page.locator("#table-by-type tr", has_text="Charity")
            expect(charity).to_contain_text("<3")
            expect(page.locator("#small-counts")).to_contain_text("Counts of 1 to 2")
            expect(page.locator("#table-progress")).to_contain_text("Q3")
            expect(page.locator("#table-tactics")).to_contain_text("Harmonisation blog")
            assert page.locator("main section").count() == 4
            assert_nobody_in(page)

            # The chart loads, drawn narrow on a phone, and says what it leaves out.
            chart = page.locator("figure.chart img")
            expect(chart).to_have_attribute("alt", re.compile("Contacts per quarter"))
            loaded = chart.evaluate("image => image.complete && image.naturalWidth > 0")
            assert loaded, "the chart did not load"
            expect(page.locator("figure.chart figcaption")).to_contain_text("leave out")
            drawn = page.request.get(f"{server.url}/dashboard/steering/chart/quarterly-group.svg")
            assert drawn.ok
            for secret in (*secrets(), *OWNERS):
                assert secret not in drawn.text(), secret

            # Long tables page as the team's do; titles stay outside the scrolling boxes.
            expect(page.locator("#block-tactics .pager")).to_contain_text("Page 1 of")
            expect(page.locator("#block-by-type h3.table-title")).to_be_visible()
            count = page.locator("#table-by-type td.num").first
            assert count.evaluate("cell => getComputedStyle(cell).textAlign") == "right"

            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"the page is {overflow}px wider than the screen"
            assert page.evaluate(_WRAPPED_DATES) == []
            for box in page.evaluate(_TABLE_BOXES):
                assert box["right"] <= viewport["width"], box
                if box["scrolls"]:
                    assert box["cue"], f"{box['id']} scrolls with no cue to say so"
            assert axe_violations(page) == []
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"steering-{size}.png"), full_page=True)

            # A narrower period, chosen with the form, keeps to counts as well.
            page.get_by_label("From", exact=True).fill("2026-08-01")
            page.get_by_label("To", exact=True).fill("2026-08-31")
            page.get_by_role("button", name="Show").click()
            expect(page.locator(".summary")).to_contain_text("from 1 August 2026")
            assert_nobody_in(page)

            # The team's personal pages stay shut, and say so without showing anything.
            page.goto(f"{server.url}/dashboard/contacts")
            expect(page.locator("main")).to_contain_text("Sign in with the personal link")
            assert_nobody_in(page)
            page.goto(f"{server.url}/dashboard")
            expect(page.locator("h1")).to_have_text("Steering group view")
        finally:
            browser.close()


def test_someone_outside_the_group_sees_nothing(chromium: Path, server: Server) -> None:
    # Andy Bates is in the directory, on neither the team nor the steering group.
    reply = httpx.post(
        f"{server.url}/chat/messages",
        json={"name": "Andy Bates", "text": "dashboard"},
        timeout=10.0,
    ).json()
    assert reply["intent"] == "not_allowed" and "token" not in str(reply)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=DESKTOP)
            for path in ("/dashboard/steering", "/dashboard"):
                page.goto(f"{server.url}{path}")
                expect(page.locator("main")).to_contain_text("Sign in with the personal link")
                assert_nobody_in(page)
        finally:
            browser.close()
