"""The dashboard in headless Chromium: sign in through a link, charts, filter, download; how it
reads on a desktop and a phone, light and dark, checked by measure and by axe-core."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

from adapters.cli.main import main
from tests.integration.browser import CHROMIUM_ARGS, REQUIRE_SERVICES
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
            expect(inbox.get_by_role("table", name="Inbox response times by month")).to_be_visible()

            page.get_by_label("From", exact=True).fill("2026-07-01")
            page.get_by_label("To", exact=True).fill("2026-09-30")
            page.get_by_role("button", name="Show").click()
            expect(page.locator(".summary")).to_contain_text("from 1 July 2026")
            row = page.locator("#table-by-type tr", has_text="Media")
            expect(row).to_contain_text("0")

            with page.expect_download() as download_info:
                page.locator("#block-by-type").get_by_role("link", name="CSV").click()
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


SHOTS = Path(os.environ.get("HARMONIBOT_SHOTS", "/tmp/shots"))
AXE = Path(__file__).resolve().parents[2] / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
SIZES: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}

# Every element that must keep to one line (dates in tables and text), and whether it did.
_WRAPPED_DATES = """() => [...document.querySelectorAll('.date')].filter(element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return lines.size > 1;
}).map(element => element.textContent)"""

# Each table's scrolling box: inside the screen, and when it does scroll, with its cue showing.
_TABLE_BOXES = """() => [...document.querySelectorAll('.table-wrap')].map(box => {
    const hint = box.parentElement.querySelector('.scroll-hint');
    return {
        id: box.querySelector('table').id,
        right: box.getBoundingClientRect().right,
        scrolls: box.scrollWidth > box.clientWidth + 1,
        overflow: getComputedStyle(box).overflowX,
        cue: hint !== null && hint.offsetParent !== null,
        focusable: box.tabIndex === 0,
        manyColumns: box.classList.contains('very-wide'),
    };
})"""


def axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    if not AXE.exists():
        reason = f"{AXE} is missing: npm install --prefix .axe axe-core (as .ci/run does)"
        if REQUIRE_SERVICES:
            pytest.fail(reason)
        pytest.skip(reason)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def ink_and_paper(shot: bytes) -> tuple[float, float]:
    """The share of bright pixels in a picture and the median brightness (its background)."""
    from PIL import Image

    with Image.open(io.BytesIO(shot)) as image:
        counts = image.convert("L").histogram()
    total = sum(counts)
    bright = sum(counts[201:]) / total
    running = 0
    for value, count in enumerate(counts):
        running += count
        if running * 2 >= total:
            return bright, value
    return bright, 255


@pytest.fixture(scope="module")
def demo_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path, str]]:
    """``make demo``'s data (a year of contacts, queries, questions, a plan mid-year) served
    once for every size and scheme: the server, its directory and its database."""
    directory = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{directory / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(directory)
        patch.setenv("DATABASE_URL", url)
        assert main(["seed", "--demo"]) == 0
        with running_server(directory, url) as running:
            yield running, directory, url


@pytest.fixture
def demo(demo_served: tuple[Server, Path, str], monkeypatch: pytest.MonkeyPatch) -> Server:
    """The demo's server, with this test where the server keeps its signing key."""
    server, directory, url = demo_served
    monkeypatch.chdir(directory)
    monkeypatch.setenv("DATABASE_URL", url)
    return server


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_the_demo_dashboard_reads_well_at_each_size_and_scheme(
    chromium: Path, demo: Server, capsys: pytest.CaptureFixture[str], size: str, scheme: str
) -> None:
    server = demo
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport=SIZES[size],
                color_scheme="dark" if scheme == "dark" else "light",
                is_mobile=size == "phone",
            )
            page = context.new_page()
            failed: list[str] = []
            page.on(
                "response",
                lambda response: (
                    failed.append(f"{response.status} {response.url}")
                    if response.status >= 400
                    else None
                ),
            )
            page.goto(sign_in_link(server, capsys, "Becki Aquilina"))
            page.wait_for_load_state("networkidle")
            expect(page.locator("h1")).to_have_text("Harmonisation dashboard")
            # The icon loads, and nothing the page asks for is missing.
            icon = page.request.get(f"{server.url}/favicon.ico")
            assert icon.status == 200 and icon.headers["content-type"] == "image/svg+xml"
            assert failed == []

            # Every disclosure open, so that the tables behind them are measured too.
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"the page is {overflow}px wider than the screen"
            assert page.evaluate(_WRAPPED_DATES) == []
            boxes = page.evaluate(_TABLE_BOXES)
            assert len(boxes) >= 8
            for box in boxes:
                assert box["right"] <= SIZES[size]["width"], box
                assert box["overflow"] == "auto" and box["focusable"], box
                if box["scrolls"]:
                    assert box["cue"], f"{box['id']} scrolls with no cue to say so"
            if size == "phone":
                # The tactics table is wider than a phone: it scrolls in its own box.
                assert any(b["scrolls"] for b in boxes if b["id"] == "table-tactics-impact")
            else:
                # Only a table of a dozen columns or more may scroll on a desktop.
                assert not [b for b in boxes if b["scrolls"] and not b["manyColumns"]]

            # Numbers line up on the right; the cards lead with the headline figures.
            count = page.locator("#table-by-type td.num").first
            assert count.evaluate("cell => getComputedStyle(cell).textAlign") == "right"
            cards = page.locator(".card")
            expect(cards).to_have_count(5)
            expect(cards.first.locator(".card-number")).to_have_text(re.compile(r"^[\d,]+$"))
            expect(page.locator(".card", has_text="Gone quiet")).to_contain_text("never in touch")

            # The chart's text is drawn in the scheme's ink: light on dark, dark on light.
            chart = page.get_by_alt_text("Contacts per month by organisation type", exact=False)
            chart.scroll_into_view_if_needed()
            assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
            bright, paper = ink_and_paper(chart.screenshot())
            if scheme == "dark":
                assert paper < 60 and bright > 0.01, (paper, bright)
            else:
                assert paper > 200, paper
            source = chart.evaluate("image => image.currentSrc")
            assert ("layout=narrow" in source) == (size == "phone")
            label = chart.evaluate("image => image.getBoundingClientRect().width")
            assert label <= SIZES[size]["width"]

            assert axe_violations(page) == []
            SHOTS.mkdir(parents=True, exist_ok=True)
            suffix = "-dark" if scheme == "dark" else ""
            page.screenshot(path=str(SHOTS / f"dashboard-{size}{suffix}.png"), full_page=True)
        finally:
            browser.close()


def test_a_long_list_pages_and_the_pack_downloads(
    chromium: Path, server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docx import Document

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True, viewport=SIZES["desktop"])
            page.goto(sign_in_link(server, capsys, "Becki Aquilina"))
            quiet = page.locator("#block-quiet-organisations")
            expect(quiet.locator("tbody tr")).to_have_count(10)
            expect(quiet.locator(".pager")).to_contain_text("Showing 1 to 10 of")
            quiet.get_by_role("link", name="Next").click()
            expect(page).to_have_url(re.compile(r"quiet_page=2#table-quiet-organisations$"))
            expect(page.locator("#block-quiet-organisations .pager")).to_contain_text(
                "Showing 11 to 20 of"
            )

            section = page.get_by_role("region", name="The evidence pack")
            expect(section.get_by_label("Quarter")).to_have_value("2026Q3")
            with page.expect_download() as download_info:
                section.get_by_role("button", name="Download the evidence pack").click()
            assert download_info.value.suggested_filename == "evidence-pack-2026Q3.docx"
            saved = tmp_path / "pack.docx"
            download_info.value.save_as(saved)
            assert Document(str(saved)).paragraphs[0].text.endswith("2026 Q3")

            tactics = page.get_by_role("region", name="Tactics against the baseline")
            expect(tactics.locator("#table-tactics-impact")).to_contain_text("95% interval")
            expect(tactics.locator(".objective").first).to_contain_text("tactics complete")
        finally:
            browser.close()
