"""The dashboard's building blocks: numbers aligned, dates kept whole, long tables paged,
everything escaped, and the evidence pack's quarters."""

from __future__ import annotations

from datetime import date

from adapters.charts import stacked_bars
from adapters.web.impact_section import last_complete_quarter, quarters
from adapters.web.tables import TableData
from adapters.web.widgets import PAGE_SIZE, Paging, page_number, table_html, tag

QUIET = TableData(
    title="Organisations not heard from in 90 days",
    columns=("organisation", "last contact"),
    rows=tuple((f"Org {n:03}", "never" if n % 2 else "2026-06-25") for n in range(1, 26)),
)


def test_numbers_are_right_aligned_and_dates_kept_on_one_line() -> None:
    table = TableData(
        title="Contacts by group",
        columns=("group", "count", "change", "95% interval", "since"),
        rows=(("Private/commercial organisation", "12", "+3.5", "0.9\u20132.4", "2026-02-28"),),
    )
    html = table_html("by-type", table, downloads="from=2026-01-01")
    assert "<th scope='col' class='num'>count</th>" in html
    assert "<td class='num'>+3.5</td>" in html and "<td class='num'>0.9\u20132.4</td>" in html
    assert "<td class='date'>2026-02-28</td>" in html
    assert "<th scope='col'>group</th>" in html
    # A long pair of words may break after its slash; an escaped tag's slash is left alone.
    assert "Private/<wbr>commercial organisation" in html
    assert "href='/dashboard/download/by-type.csv?from=2026-01-01'" in html


def test_a_long_table_shows_one_page_and_says_how_many_more() -> None:
    first = table_html(
        "quiet", QUIET, downloads="", paging=Paging(key="quiet_page", page=1), links={}
    )
    assert first.count("<tr>") == PAGE_SIZE + 1
    assert "Showing 1 to 10 of 25, and 15 more." in first
    assert "href='?quiet_page=2#table-quiet'" in first and "rel='prev'" not in first
    last = table_html(
        "quiet",
        QUIET,
        downloads="",
        paging=Paging(key="quiet_page", page=3),
        links={"from": "2026-01-01", "quiet_page": "3"},
    )
    assert "Showing 21 to 25 of 25." in last and last.count("<tr>") == 6
    assert "href='?from=2026-01-01&amp;quiet_page=2#table-quiet'" in last
    assert "rel='next'" not in last


def test_page_numbers_that_are_not_whole_numbers_are_page_one() -> None:
    assert page_number({"quiet_page": "3"}, "quiet_page") == 3
    for wrong in ("", "0", "-2", "x", "1e9", "99999999999"):
        assert page_number({"quiet_page": wrong}, "quiet_page") == 1


def test_text_is_escaped_and_statuses_are_tags() -> None:
    table = TableData(
        title="<b>Mine</b>",
        columns=("question", "result"),
        rows=(("<script>alert(1)</script>", "more"),),
    )
    html = table_html("t", table, downloads="")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;Mine&lt;/b&gt;" in html
    assert "<td><strong class='tag tag-green'>more</strong></td>" in html
    assert tag("11 overdue", "red") == "<strong class='tag tag-red'>11 overdue</strong>"


def test_an_empty_table_says_none_and_a_wide_one_says_it_scrolls() -> None:
    empty = TableData(title="Questions", columns=("asked", "question"), rows=())
    assert "<p class='empty'>None.</p>" in table_html("q", empty, downloads="")
    wide = TableData(
        title="Tactics",
        columns=("tactic", "name", "from", "audience", "after", "before", "result"),
        rows=(("1", "Harmonisation blog", "2026-01-07", "everyone", "17", "1", "more"),),
    )
    html = table_html("w", wide, downloads="")
    assert "class='scroll-hint'" in html and "aria-describedby='hint-w'" in html
    assert "class='scroll-hint'" not in table_html("q", QUIET, downloads="")


def test_the_pack_offers_recent_quarters_and_chooses_the_last_complete_one() -> None:
    assert last_complete_quarter(date(2026, 11, 2)) == "2026Q3"
    assert last_complete_quarter(date(2027, 2, 1)) == "2026Q4"
    offered = quarters(date(2027, 2, 1), 3)
    assert offered == (
        ("2027Q1", "2027 Q1 (so far)"),
        ("2026Q4", "2026 Q4"),
        ("2026Q3", "2026 Q3"),
    )


def test_a_chart_follows_the_readers_colour_scheme_and_has_a_narrow_layout() -> None:
    months = [("2026-01", {"NHS": 3, "": 1}), ("2026-02", {"NHS": 2, "Media": 4})]
    svg = stacked_bars(months, title="Contacts per month").decode()
    assert "@media (prefers-color-scheme: dark)" in svg
    assert "currentColor" in svg and "#010203" not in svg
    narrow = stacked_bars(months, title="Contacts per month", narrow=True).decode()
    assert narrow != svg and "currentColor" in narrow
    png = stacked_bars(months, title="Contacts per month", fmt="png")
    assert png.startswith(b"\x89PNG")
