"""The dashboard in headless Chromium: sign in through a link, charts, filter, download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from adapters.cli.main import main
from tests.integration.browser import CHROMIUM_ARGS
from tests.integration.test_dashboard import write_year
from tests.integration.web_server import Server, running_server, seed_database

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    url = seed_database(tmp_path, monkeypatch)
    write_year(tmp_path / "year.csv")
    assert main(["import", "contacts", str(tmp_path / "year.csv")]) == 0
    with running_server(tmp_path, url) as running:
        yield running


def sign_in_link(server: Server, capsys: pytest.CaptureFixture[str], name: str) -> str:
    capsys.readouterr()
    assert main(["dashboard-link", "--user", name]) == 0
    link = capsys.readouterr().out.strip()
    return server.url + link[link.index("/dashboard") :]


def test_sign_in_see_charts_filter_and_download(
    chromium: Path, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{server.url}/dashboard")
            expect(page.locator("main")).to_contain_text("Sign in with the personal link")

            link = sign_in_link(server, capsys, "Becki Aquilina")
            page.goto(link)
            expect(page.locator("h1")).to_have_text("Harmonisation dashboard")
            expect(page.locator(".summary")).to_contain_text("300 contacts")
            chart = page.get_by_alt_text("Contacts per month by organisation type", exact=False)
            expect(chart).to_be_visible()
            assert chart.evaluate("image => image.naturalWidth") > 0
            inbox = page.get_by_role("region", name="The inbox")
            expect(inbox.get_by_role("table").first).to_contain_text("Inbox response times")

            page.get_by_label("From", exact=True).fill("2026-07-01")
            page.get_by_label("To", exact=True).fill("2026-09-30")
            page.get_by_role("button", name="Show").click()
            expect(page.locator(".summary")).to_contain_text("from 1 July 2026")
            row = page.locator("#table-by-type tr", has_text="Media")
            expect(row).to_contain_text("0")

            with page.expect_download() as download_info:
                page.locator("#table-by-type caption").get_by_role("link", name="CSV").click()
            saved = tmp_path / "by-type.csv"
            download_info.value.save_as(saved)
            assert saved.read_text(encoding="utf-8-sig").startswith("group,count,baseline,change")
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

            # The link was used: a second browser cannot sign in with it.
            other = browser.new_page()
            other.goto(link)
            expect(other.locator("main")).to_contain_text("already been used")
        finally:
            browser.close()


def test_on_a_phone_the_dashboard_fits_and_reads_in_order(
    chromium: Path, server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            phone = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
            page = phone.new_page()
            page.goto(sign_in_link(server, capsys, "Becki Aquilina"))
            expect(page.locator("h1")).to_have_text("Harmonisation dashboard")
            # Nothing wider than the screen: wide tables scroll inside their own box.
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"the page is {overflow}px wider than a phone"
            # What a screen reader lists: one main landmark, named regions, labelled filters,
            # and every chart with a text alternative.
            expect(page.get_by_role("main")).to_have_count(1)
            assert page.get_by_role("region").count() >= 4
            expect(page.get_by_label("From", exact=True)).to_be_visible()
            images = page.locator("img")
            assert images.count() >= 2
            for index in range(images.count()):
                assert (images.nth(index).get_attribute("alt") or "").strip()
        finally:
            browser.close()
