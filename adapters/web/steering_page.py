"""The steering group's page as HTML, and its tables by name (the page and downloads share them).

Drawn with the team's dashboard's widgets (``adapters.web.widgets``) and style sheet, so both
pages look and behave alike: titles above the scrolling box, numbers right-aligned, dates
kept whole, long tables paged. Every value here comes from a
:class:`commplan.services.steering.SteeringView`, which holds counts, never a person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from adapters.charts import narrow_height
from adapters.web.tables import TableData
from adapters.web.widgets import (
    Card,
    Paging,
    cards_html,
    page_number,
    period_filters,
    table_html,
    tag,
)
from commplan.organisations import UserGroup
from commplan.plan import Status
from commplan.services.steering import SMALL, CountTable, SteeringView, Withheld

TITLE = "Steering group view"
SMALL_TEXT = f"<{SMALL}"
WITHHELD = "withheld"
NOTE = (
    f"Counts of 1 to {SMALL - 1} are shown as \u201c{SMALL_TEXT}\u201d, and where a table has "
    "only one such count the next smallest reads \u201cwithheld\u201d too (else the total would "
    "give it away), so that nobody can be picked out of the figures; so does a baseline or "
    "change built from a withheld count. This view holds counts only: no names, addresses or "
    "messages."
)
BASE = "/dashboard/steering"
#: The charts by name and title: only one, drawn from counts that give nobody away.
CHARTS = {"quarterly-group": "Contacts per quarter by user group (small counts left out)"}
#: The long tables' page parameters, carried into every page link.
PAGES = {"by-topic": "topic_page", "tactics": "tactics_page"}


def _count(value: int | Withheld) -> str:
    if value is Withheld.SMALL:
        return SMALL_TEXT
    return WITHHELD if value is Withheld.SHIELD else str(value)


def _figure(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return WITHHELD
    return f"{value:+g}" if signed else f"{value:g}"


def _counts(title: str, label: str, table: CountTable) -> TableData:
    return TableData(
        title=title,
        columns=(label, "count", "baseline", "change"),
        rows=tuple(
            (
                r.group,
                _count(r.count),
                _figure(r.baseline),
                _figure(r.change, signed=True),
            )
            for r in table.rows
        ),
    )


#: The view's tables by name: one definition feeds the page and the downloads.
TABLES: dict[str, Callable[[SteeringView], TableData]] = {
    "by-group": lambda v: _counts(
        "Contacts by user group against the baseline", "user group", v.by_user_group
    ),
    "by-type": lambda v: _counts(
        "Contacts by organisation type against the baseline", "organisation type", v.by_org_type
    ),
    "by-topic": lambda v: _counts(
        "Contacts by topic (standard) against the baseline", "standard", v.by_topic
    ),
    "by-month": lambda v: _counts(
        "Contacts per month against the baseline's average month", "month", v.by_month
    ),
    "by-quarter": lambda v: _counts(
        "Contacts per quarter against the baseline's average quarter", "quarter", v.by_quarter
    ),
    "progress": lambda v: TableData(
        title="The plan by phase and status",
        columns=("phase", *(s.value for s in Status), "total"),
        rows=tuple(
            (p.phase.label, *(str(n) for n in p.counts), str(sum(p.counts))) for p in v.progress
        ),
    ),
    "tactics": lambda v: TableData(
        title="The plan's tactics",
        columns=("tactic", "name", "phase", "status", "due by", "overdue"),
        rows=tuple(
            (
                str(t.number),
                t.name,
                t.phase.value,
                t.status.value,
                t.due_by.isoformat() if t.due_by else "",
                "overdue" if t.overdue else "",
            )
            for t in v.tactics
        ),
    ),
}


def chart_html(name: str, quarters: int, filters: str) -> str:
    """The chart as a picture: a narrow drawing on a phone, a wide one elsewhere."""
    wide = f"{BASE}/chart/{name}.svg" + (f"?{filters}" if filters else "")
    narrow = f"{BASE}/chart/{name}.svg?" + (f"{filters}&" if filters else "") + "layout=narrow"
    height = round(narrow_height(quarters, len(UserGroup)) * 96)
    return (
        "<figure class='chart'><picture>"
        f"<source media='(max-width: 40em)' srcset='{escape(narrow)}' width='384' "
        f"height='{height}'>"
        f"<img src='{escape(wide)}' alt='{escape(CHARTS[name])}: the tables below give the "
        "contacts by user group and by quarter' width='960' height='403'></picture>"
        "<figcaption class='secondary'>Bars leave out any count of 1 or 2, and whatever "
        "else would let one be worked out from the tables.</figcaption></figure>"
    )


def _section(title: str, *parts: str) -> str:
    # Named by its heading, so that a screen reader lists the sections as landmarks.
    slug = "-".join(title.lower().split())
    return (
        f"<section id='{slug}' aria-labelledby='h-{slug}'><h2 id='h-{slug}'>{escape(title)}"
        f"</h2>{''.join(parts)}</section>"
    )


def _cards(view: SteeringView) -> str:
    tactics = len(view.tactics)
    complete = sum(1 for t in view.tactics if t.status is Status.COMPLETE)
    overdue = sum(1 for t in view.tactics if t.overdue)
    return cards_html(
        (
            Card(
                label="Contacts in the period",
                number=_count(view.total),
                detail="every user group and organisation type",
                href="#who-is-talking-to-us",
            ),
            Card(
                label="Contacts in the baseline",
                number=_count(view.baseline_total),
                detail=f"{view.baseline_period.first:%-d %B %Y} to "
                f"{view.baseline_period.last:%-d %B %Y}",
                href="#over-time",
            ),
            Card(
                label="Tactics complete",
                number=str(complete),
                unit=f"of {tactics}",
                detail=tag(f"{overdue} overdue", "red")
                if overdue
                else tag("none overdue", "green"),
                href="#the-plan",
            ),
            Card(
                label="Tactics overdue",
                number=str(overdue),
                detail="past the end of their window and not complete",
                href="#the-plan",
            ),
        )
    )


def _banner(person: str, *, team: bool) -> str:
    pages = [("/dashboard/steering", "Steering group view")]
    if team:
        pages.append(("/dashboard", "The team's dashboard"))
    current = " aria-current='page'"
    links = "".join(
        f"<li><a href='{href}'{current if href == BASE else ''}>{label}</a></li>"
        for href, label in pages
    )
    return (
        "<a class='skip-link' href='#main'>Skip to main content</a>"
        "<header class='site-header'><div class='width site-header-inner'>"
        f"<a class='site-name' href='{BASE}'>harmonibot</a>"
        f"<nav aria-label='Pages'><ul class='site-nav'>{links}</ul></nav>"
        f"<div class='signed-in'><p>Signed in as {escape(person)}.</p>"
        "<form method='post' action='/dashboard/signout' class='inline'>"
        "<button type='submit' class='button button-inverse'>Sign out</button></form></div>"
        "</div></header>"
    )


def render_steering(
    view: SteeringView,
    person: str,
    query: str,
    *,
    team: bool,
    links: Mapping[str, str] | None = None,
    chart: bool = True,
) -> str:
    """The whole page; every value is escaped.

    ``query`` is the filter part of the request's query string, carried into the downloads so
    that they show the same period; ``links`` every parameter the page knows (filters and
    pages); ``team`` adds a link to the team's own view; ``chart`` draws the chart.
    """
    links = links or {}
    period, base = view.period, view.baseline_period
    tables = {name: make(view) for name, make in TABLES.items()}

    def table(name: str) -> str:
        key = PAGES.get(name)
        paging = Paging(key=key, page=page_number(links, key)) if key else None
        return table_html(
            name,
            tables[name],
            downloads=query,
            paging=paging,
            links=links,
            base=f"{BASE}/download",
        )

    drawn = chart_html("quarterly-group", len(view.by_quarter.rows), query) if chart else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta name='color-scheme' content='light dark'>"
        "<title>Steering group view - harmonibot</title>"
        "<link rel='icon' href='/favicon.ico' type='image/svg+xml'>"
        "<link rel='stylesheet' href='/dashboard/dashboard.css'></head><body>"
        + _banner(person, team=team)
        + f"<main id='main' class='width'><h1>{TITLE}</h1>"
        f"<p class='summary lead'>Contacts from <span class='date'>{period.first:%-d %B %Y}"
        f"</span> to <span class='date'>{period.last:%-d %B %Y}</span>, against the baseline "
        f"<span class='date'>{base.first:%-d %B}</span> to "
        f"<span class='date'>{base.last:%-d %B %Y}</span> scaled to the same length.</p>"
        + period_filters(BASE, view.period, view.baseline_period)
        + _cards(view)
        + f"<p class='note secondary' id='small-counts'>{escape(NOTE)}</p>"
        + _section("Who is talking to us", drawn, table("by-group"), table("by-type"))
        + _section("Topics", table("by-topic"))
        + _section("Over time", table("by-month"), table("by-quarter"))
        + _section("The plan", table("progress"), table("tactics"))
        + "</main><footer class='site-footer'><div class='width'><p>This view holds counts "
        "only: no names, addresses or messages. The downloads hold every row of each table."
        "</p></div></footer></body></html>"
    )
