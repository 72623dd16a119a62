"""The dashboard's HTML: the whole page for a signed-in member, or a short refusal.

Built from f-strings with every value escaped; the page loads only its own style sheet, its
icon and the charts, so the Content-Security-Policy can forbid everything else. The look and
the class names are ``static/dashboard.css``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape

from aiohttp import web

from adapters.charts import narrow_height
from adapters.web.config import HEADERS
from adapters.web.impact_section import impact_html, pack_form
from adapters.web.tables import CHARTS, TABLES
from adapters.web.widgets import (
    Card,
    Paging,
    cards_html,
    page_number,
    period_filters,
    table_html,
    tag,
)
from commplan.gaps import Quiet
from commplan.plan import Status
from commplan.services.dashboard import Dashboard
from commplan.services.dashboard_impact import ImpactFigures

#: The query parameters of the long tables' pages, carried into the pages' links.
PAGES = {
    "quiet-organisations": "quiet_page",
    "overdue": "overdue_page",
    "unanswered": "unanswered_page",
}


_CURRENT = " aria-current='page'"


def _head(title: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<meta name='color-scheme' content='light dark'>"
        f"<title>{escape(title)}</title>"
        "<link rel='icon' href='/favicon.ico' type='image/svg+xml'>"
        "<link rel='stylesheet' href='/dashboard/dashboard.css'></head>"
    )


def refuse(status: int, message: str, *, title: str = "Dashboard") -> web.Response:
    """A page that only says why the dashboard (or the sign-in named by ``title``) failed."""
    body = (
        f"{_head('harmonibot')}<body>{_banner()}<main id='main' class='width'>"
        f"<h1>{escape(title)}</h1><p>{escape(message)}</p>"
        "<p><a href='/chat'>Back to the web chat</a></p></main></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers=HEADERS)


def _banner(person: str = "", *, current: str = "") -> str:
    """The black bar across the top: the service's name, its pages, who is signed in."""
    pages = (("/dashboard", "Dashboard"), ("/dashboard/contacts", "Contacts"), ("/chat", "Chat"))
    links = "".join(
        f"<li><a href='{href}'{_CURRENT if href == current else ''}>{label}</a></li>"
        for href, label in pages
    )
    who = (
        # A form may not sit inside a paragraph; a div holds both.
        f"<div class='signed-in'><p>Signed in as {escape(person)}.</p>"
        "<form method='post' action='/dashboard/signout' class='inline'>"
        "<button type='submit' class='button button-inverse'>Sign out</button></form></div>"
        if person
        else ""
    )
    nav = f"<nav aria-label='Pages'><ul class='site-nav'>{links}</ul></nav>" if person else ""
    return (
        "<a class='skip-link' href='#main'>Skip to main content</a>"
        "<header class='site-header'><div class='width site-header-inner'>"
        "<a class='site-name' href='/dashboard'>harmonibot</a>"
        f"{nav}{who}</div></header>"
    )


def _section(title: str, *parts: str, slug: str = "") -> str:
    # Named by its heading, so that a screen reader lists the sections as landmarks.
    slug = slug or "-".join(title.lower().split())
    return (
        f"<section id='{slug}' aria-labelledby='h-{slug}'><h2 id='h-{slug}'>{escape(title)}</h2>"
        f"{''.join(parts)}</section>"
    )


def _chart(name: str, dashboard: Dashboard, filters: str) -> str:
    title, by = CHARTS[name]
    months = dashboard.monthly_by_type if by == "org_type" else dashboard.monthly_by_group
    groups = len({g for _, counts in months for g in counts})
    wide = f"/dashboard/chart/{name}.svg" + (f"?{filters}" if filters else "")
    narrow = f"/dashboard/chart/{name}.svg?" + (f"{filters}&" if filters else "") + "layout=narrow"
    height = round(narrow_height(len(months), groups) * 96)
    return (
        "<figure class='chart'><picture>"
        f"<source media='(max-width: 40em)' srcset='{escape(narrow)}' width='384' "
        f"height='{height}'>"
        f"<img src='{escape(wide)}' alt='{escape(title)}: the table under the chart gives "
        "the same figures' width='960' height='403'></picture></figure>"
    )


def _quiet_rows(quiet: tuple[Quiet, ...]) -> list[tuple[str, str]]:
    """Those that went quiet first, most recently heard from first, then the never heard."""
    heard = sorted((q for q in quiet if q.last_contact), key=lambda q: q.last_contact or date.min)
    never = [q for q in quiet if q.last_contact is None]
    return [
        (q.name, q.last_contact.isoformat() if q.last_contact else "never")
        for q in heard[::-1] + never
    ]


def _cards(dashboard: Dashboard, figures: ImpactFigures) -> str:
    total = dashboard.by_type.total
    baseline = sum(r.baseline for r in dashboard.by_type.rows)
    if baseline:
        change = (total - baseline) / baseline
        shade = "green" if change > 0.05 else "red" if change < -0.05 else "grey"
        versus = f"against {baseline:,.0f} in the baseline {tag(f'{change:+.0%}', shade)}"
    else:
        versus = "no contacts in the baseline to compare with"
    quiet = dashboard.gaps.organisations
    never = sum(1 for q in quiet if q.last_contact is None)
    tactics = sum(sum(by.values()) for by in dashboard.progress.values())
    complete = sum(by[Status.COMPLETE] for by in dashboard.progress.values())
    overdue = len(dashboard.overdue)
    inbox = dashboard.inbox
    late = inbox.overdue_count
    return cards_html(
        (
            Card(
                label="Contacts this period",
                number=f"{total:,}",
                detail=versus,
                href="#who-is-talking-to-us",
            ),
            Card(
                label="Organisations heard from",
                number=f"{figures.organisations_heard:,}",
                detail="with at least one contact in the period",
                href="#who-is-talking-to-us",
            ),
            Card(
                label="Gone quiet",
                number=f"{len(quiet):,}",
                detail=f"organisations silent for {dashboard.gaps.days} days; "
                f"{never:,} never in touch",
                href="#who-has-gone-quiet",
            ),
            Card(
                label="Tactics complete",
                number=f"{complete}",
                unit=f"of {tactics}",
                detail=(
                    tag(f"{overdue} overdue", "red") if overdue else tag("none overdue", "green")
                ),
                href="#the-plan",
            ),
            Card(
                label="Open queries",
                number=f"{figures.open_queries:,}",
                detail=(
                    tag(f"{late} waiting over {inbox.unanswered_after_days} working days", "red")
                    if late
                    else tag("none waiting too long", "green")
                ),
                href="#the-inbox",
            ),
        )
    )


def render_page(
    dashboard: Dashboard,
    person: str,
    query: str,
    *,
    figures: ImpactFigures,
    links: Mapping[str, str] | None = None,
    today: date | None = None,
) -> str:
    """The whole page; every value is escaped.

    ``query`` is the filter part of the request's query string, carried into the links of
    the charts and downloads so that they show the same period; ``links`` is every parameter
    the page knows (filters and pages), carried into the pages' links.
    """
    links = links or {}
    period, base = dashboard.period, dashboard.baseline_period
    tables = {name: make(dashboard) for name, make in TABLES.items()}

    def table(name: str, rows: list[tuple[str, str]] | None = None) -> str:
        key = PAGES.get(name)
        paging = Paging(key=key, page=page_number(links, key)) if key else None
        return table_html(
            name, tables[name], downloads=query, rows=rows, paging=paging, links=links
        )

    def as_table(html: str) -> str:
        # The chart's own figures, a click away: the chart above says the same.
        return (
            "<details class='details chart-figures'><summary>The chart's figures as a table"
            f"</summary>{html}</details>"
        )

    quiet = dashboard.gaps.organisations
    never = sum(1 for q in quiet if q.last_contact is None)
    inbox = dashboard.inbox
    answer_time = (
        "none answered yet"
        if inbox.median_hours is None
        else f"median {inbox.median_hours:g} hours to the first answer"
    )
    contents = "".join(
        f"<li><a href='#{slug}'>{label}</a></li>"
        for slug, label in (
            ("who-is-talking-to-us", "Who is talking to us"),
            ("who-has-gone-quiet", "Who has gone quiet"),
            ("tactics-against-the-baseline", "Tactics against the baseline"),
            ("the-plan", "The plan"),
            ("topics", "Topics"),
            ("the-inbox", "The inbox"),
            ("the-evidence-pack", "The evidence pack"),
        )
    )
    return (
        _head("Harmonisation dashboard - harmonibot")
        + "<body>"
        + _banner(person, current="/dashboard")
        + "<main id='main' class='width'>"
        "<h1>Harmonisation dashboard</h1>"
        f"<p class='summary lead'>{dashboard.by_type.total:,} contacts from "
        f"<span class='date'>{period.first:%-d %B %Y}</span> to "
        f"<span class='date'>{period.last:%-d %B %Y}</span>, against the baseline "
        f"<span class='date'>{base.first:%-d %B}</span> to "
        f"<span class='date'>{base.last:%-d %B %Y}</span> scaled to the same length.</p>"
        + period_filters("/dashboard", dashboard.period, dashboard.baseline_period)
        + _cards(dashboard, figures)
        + f"<nav class='contents' aria-label='On this page'><h2 class='contents-title'>"
        f"On this page</h2><ol>{contents}</ol></nav>"
        + _section(
            "Who is talking to us",
            _chart("monthly-type", dashboard, query),
            as_table(table("monthly-type")),
            table("by-type"),
            _chart("monthly-group", dashboard, query),
            as_table(table("monthly-group")),
            table("by-group"),
        )
        + _section(
            "Who has gone quiet",
            f"<p>{len(dashboard.gaps.user_groups)} user groups and {len(quiet):,} of the "
            f"directory's organisations have not been in touch in the {dashboard.gaps.days} "
            f"days to {dashboard.gaps.at:%-d %B %Y}: {len(quiet) - never:,} went quiet after "
            f"contacting us and {never:,} have never been in touch.</p>",
            table("quiet-groups"),
            table("quiet-organisations", _quiet_rows(quiet)),
        )
        + _section(
            "Tactics against the baseline",
            impact_html(figures, downloads=query, links=links),
        )
        + _section("The plan", table("progress"), table("overdue"))
        + _section("Topics", table("rising"), table("unanswered"))
        + _section(
            "The inbox",
            f"<p class='inbox-summary'>{inbox.received} queries received and {inbox.answered} "
            f"answered in the period; {answer_time}. {inbox.overdue_count} open past "
            f"{inbox.unanswered_after_days} working days now.</p>",
            table("inbox-months"),
            table("inbox-overdue"),
        )
        + _section("The evidence pack", pack_form(today or period.last))
        + "</main><footer class='site-footer'><div class='width'><p>Contacts are personal "
        "data: this page is for the harmonisation team. The downloads hold every row of each "
        "table.</p></div></footer></body></html>"
    )
