"""The dashboard's building blocks as HTML: tables that scroll or page, summary cards, tags.

Each takes text and escapes it here; the class names are those documented at the top of
``static/dashboard.css``, so that other pages (the steering group's) can reuse them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from adapters.web.tables import TableData
from commplan.baseline import Period

#: Rows a long table shows at a time; the downloads always hold every row.
PAGE_SIZE = 10
#: About the width, in characters, that fits a phone's screen without scrolling.
_PHONE_CHARACTERS = 44
#: Columns enough that a table is wider than a desktop's screen too.
_MANY_COLUMNS = 12

_NUM = " class='num'"
_SLASH = re.compile(r"(?<=[^\W\d])/(?=[^\W\d])")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_NUMBER = re.compile(r"^[+\-\u2212]?\d[\d,]*(\.\d+)?(%|\u00d7)?$")
#: What stands for a count that is not shown (the steering group's view): still a number's
#: column, right-aligned with the others.
_NOT_SHOWN = re.compile(r"^<\d+$|^withheld$")
_INTERVAL = re.compile(r"^\d+(\.\d+)?\u2013\d+(\.\d+)?$|^above \d+(\.\d+)?$")

#: Words that a cell may hold alone and that read better as a coloured tag.
TAG_COLOURS = {
    "more": "green",
    "fewer": "red",
    "no clear change": "grey",
    "too early to tell": "blue",
    "overdue": "red",
    "complete": "green",
    "ongoing": "blue",
    "planned": "grey",
}


def tag(text: str, colour: str | None = None) -> str:
    """A short status in a coloured box: ``<strong class='tag tag-green'>``."""
    shade = colour or TAG_COLOURS.get(text, "grey")
    return f"<strong class='tag tag-{shade}'>{escape(text)}</strong>"


@dataclass(frozen=True, kw_only=True)
class Paging:
    """Which page of a long table to show: ``key`` is its query parameter (``quiet_page``)."""

    key: str
    page: int = 1


def page_number(query: Mapping[str, str], key: str) -> int:
    """The page a query asks for; anything that is not a whole number above 0 is page 1."""
    text = query.get(key, "")
    return int(text) if text.isdigit() and 0 < int(text) < 1_000_000 else 1


def _numeric(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(
        _NUMBER.match(c) or _INTERVAL.match(c) or _NOT_SHOWN.match(c) for c in filled
    )


def _wide(table: TableData) -> bool:
    """Whether the table is likely wider than a phone: long text wraps, numbers and dates
    do not."""
    total = 0
    for index, column in enumerate(table.columns):
        cells = [row[index] for row in table.rows]
        longest = max((len(c) for c in cells), default=0)
        if _numeric(cells) or all(_DATE.match(c) for c in cells if c):
            total += max(longest, min(len(column), 12)) + 2
        else:
            total += min(max(longest, len(column)), 14) + 2
    return total > _PHONE_CHARACTERS


def _cell(value: str, css: str, *, header: bool) -> str:
    classes = css + (" date" if _DATE.match(value) else "")
    # A break allowed after a slash between words: "Private/commercial organisation" would
    # otherwise hold a column as wide as the whole pair of words.
    shown = tag(value) if value in TAG_COLOURS else _SLASH.sub("/<wbr>", escape(value))
    attribute = f" class='{classes.strip()}'" if classes.strip() else ""
    if header:
        return f"<th scope='row'{attribute}>{shown}</th>"
    return f"<td{attribute}>{shown}</td>"


def table_html(
    name: str,
    table: TableData,
    *,
    downloads: str,
    rows: Sequence[tuple[str, ...]] | None = None,
    paging: Paging | None = None,
    links: Mapping[str, str] | None = None,
    base: str = "/dashboard/download",
) -> str:
    """A table in a box of its own that scrolls sideways when it is wider than the screen.

    ``downloads`` is the query string of the CSV and XLSX links (the page's filters);
    ``rows`` replaces the table's own for the page, in the order shown (the downloads keep
    theirs). With ``paging`` only that page of :data:`PAGE_SIZE` rows shows, with links to
    the others that keep ``links`` (the page's query) and change only the page. ``base`` is
    where the downloads are (the steering group's view has its own).
    """
    shown = table.rows if rows is None else tuple(rows)
    total = len(shown)
    pager = ""
    if paging is not None and total > PAGE_SIZE:
        pages = -(-total // PAGE_SIZE)
        page = min(paging.page, pages)
        first = (page - 1) * PAGE_SIZE
        shown = shown[first : first + PAGE_SIZE]
        pager = _pager(
            name, table.title, paging.key, (page, pages), total, first, len(shown), links or {}
        )
    numeric = [_numeric([row[i] for row in table.rows]) for i in range(len(table.columns))]
    head = "".join(
        f"<th scope='col'{_NUM if numeric[i] else ''}>{_SLASH.sub('/<wbr>', escape(c))}</th>"
        for i, c in enumerate(table.columns)
    )
    rows_html = "".join(
        "<tr>"
        + "".join(
            _cell(cell, "num" if numeric[i] else "", header=i == 0) for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in shown
    )
    suffix = f"?{downloads}" if downloads else ""
    what = escape(table.title.lower())
    wide = _wide(table)
    hint = (
        f"<p class='scroll-hint' id='hint-{name}'>Scroll the table sideways to see every column</p>"
        if wide
        else ""
    )
    described = f" aria-describedby='hint-{name}'" if wide else ""
    # So many columns scroll on a desktop too (a month by every organisation type), and say so.
    width = (" wide very-wide" if len(table.columns) >= _MANY_COLUMNS else " wide") if wide else ""
    # The title sits above the scrolling box, not in it as a caption would: a caption is as
    # wide as its table, so on a phone it scrolled out of sight with the columns.
    size = " narrow" if len(table.columns) <= 3 else ""
    links_html = (
        f"<p class='downloads'>Download: "
        f"<a href='{base}/{name}.csv{escape(suffix)}'>CSV<span "
        f"class='visually-hidden'> of {what}</span></a> "
        f"<a href='{base}/{name}.xlsx{escape(suffix)}'>XLSX<span "
        f"class='visually-hidden'> of {what}</span></a></p>"
    )
    start = (
        f"<div class='table-block{size}' id='block-{name}'>"
        f"<h3 class='table-title' id='title-{name}'>{escape(table.title)}</h3>{links_html}"
    )
    if not shown:
        return f"{start}<p class='empty'>None.</p></div>"
    # The title sits above the scrolling box, not in it as a caption would: a caption is as
    # wide as its table, so on a phone it scrolled out of sight with the columns.
    return (
        f"{start}{hint}"
        f"<div class='table-wrap{width}' role='region' tabindex='0' "
        f"aria-labelledby='title-{name}'{described}>"
        f"<table id='table-{name}' class='table' aria-labelledby='title-{name}'>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows_html}</tbody></table></div>{pager}</div>"
    )


def _pager(
    name: str,
    title: str,
    key: str,
    at: tuple[int, int],
    total: int,
    first: int,
    count: int,
    links: Mapping[str, str],
) -> str:
    def href(number: int) -> str:
        query = urlencode({**{k: v for k, v in links.items() if k != key}, key: str(number)})
        return f"?{escape(query)}#table-{name}"

    page, pages = at
    parts = []
    if page > 1:
        parts.append(
            f"<a rel='prev' href='{href(page - 1)}'>Previous<span class='visually-hidden'>"
            " page</span></a>"
        )
    parts.append(f"<span>Page {page} of {pages}</span>")
    if page < pages:
        parts.append(
            f"<a rel='next' href='{href(page + 1)}'>Next<span class='visually-hidden'>"
            " page</span></a>"
        )
    left = total - first - count
    more = f", and {left} more" if left else ""
    return (
        f"<nav class='pager' aria-label='Pages of {escape(title.lower())}'><p>Showing "
        f"{first + 1} to {first + count} of {total}{more}. The downloads hold every row.</p>"
        f"{''.join(parts)}</nav>"
    )


@dataclass(frozen=True, kw_only=True)
class Card:
    """One summary card: a label, a big number, a line under it, a link to the details."""

    label: str
    number: str
    unit: str = ""  # after the number, smaller: "of 34"
    detail: str = ""  # HTML, already escaped (it may hold a tag)
    href: str = ""


def cards_html(cards: Sequence[Card]) -> str:
    """The row of summary cards at the top of a page."""
    items = []
    for card in cards:
        label = escape(card.label)
        if card.href:
            label = f"<a href='{escape(card.href)}'>{label}</a>"
        detail = f"<p class='card-detail'>{card.detail}</p>" if card.detail else ""
        unit = f" <span class='card-unit'>{escape(card.unit)}</span>" if card.unit else ""
        items.append(
            f"<li class='card'><p class='card-label'>{label}</p>"
            f"<p class='card-number'>{escape(card.number)}{unit}</p>{detail}</li>"
        )
    return f"<ul class='cards'>{''.join(items)}</ul>"


def period_filters(action: str, period: Period, baseline: Period) -> str:
    """The form that picks a page's period and baseline (the team's and the steering view)."""

    def field(label: str, name: str, value: object) -> str:
        return (
            f"<div class='field'><label for='f-{name}'>{label}</label>"
            f"<input type='date' id='f-{name}' name='{name}' value='{value}'></div>"
        )

    return (
        f"<form method='get' action='{escape(action)}' class='filters'>"
        "<fieldset><legend>Period</legend>"
        f"{field('From', 'from', period.first)}{field('To', 'to', period.last)}</fieldset>"
        "<fieldset><legend>Baseline</legend>"
        f"{field('Baseline from', 'baseline_from', baseline.first)}"
        f"{field('Baseline to', 'baseline_to', baseline.last)}</fieldset>"
        "<button type='submit' class='button'>Show</button></form>"
    )
