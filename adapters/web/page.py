"""The dashboard's HTML: the whole page for a signed-in member, or a short refusal.

Built from f-strings with every value escaped; the page loads only its own style sheet and
the charts, so the Content-Security-Policy can forbid everything else.
"""

from __future__ import annotations

from html import escape

from aiohttp import web

from adapters.web.config import HEADERS
from adapters.web.tables import CHARTS, TABLES, TableData
from commplan.services.dashboard import Dashboard


def refuse(status: int, message: str, *, title: str = "Dashboard") -> web.Response:
    """A page that only says why the dashboard (or the sign-in named by ``title``) failed."""
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>harmonibot"
        f"</title></head><body><main><h1>{escape(title)}</h1><p>{escape(message)}</p>"
        "<p><a href='/chat'>Back to the web chat</a></p></main></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers=HEADERS)


def _table_html(name: str, table: TableData, query: str) -> str:
    suffix = f"?{query}" if query else ""
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in table.columns)
    body = (
        "".join(
            "<tr>"
            + "".join(
                f"<th scope='row'>{escape(cell)}</th>" if i == 0 else f"<td>{escape(cell)}</td>"
                for i, cell in enumerate(row)
            )
            + "</tr>"
            for row in table.rows
        )
        or f"<tr><td colspan='{len(table.columns)}'>None.</td></tr>"
    )
    return (
        f"<div class='table-wrap'><table id='table-{name}'><caption>{escape(table.title)} "
        f"<span class='downloads'><a href='/dashboard/download/{name}.csv{suffix}'>CSV</a> "
        f"<a href='/dashboard/download/{name}.xlsx{suffix}'>XLSX</a></span></caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def render_page(dashboard: Dashboard, person: str, query: str) -> str:
    """The whole page; every value is escaped.

    ``query`` is the filter part of the request's query string, carried into the links of
    the charts and downloads so that they show the same period.
    """
    suffix = f"?{query}" if query else ""
    period, base = dashboard.period, dashboard.baseline_period
    tables = {name: make(dashboard) for name, make in TABLES.items()}

    def section(title: str, *parts: str) -> str:
        # Named by its heading, so that a screen reader lists the sections as landmarks.
        slug = "-".join(title.lower().split())
        return (
            f"<section aria-labelledby='h-{slug}'><h2 id='h-{slug}'>{escape(title)}</h2>"
            f"{''.join(parts)}</section>"
        )

    def chart_figure(name: str) -> str:
        title = CHARTS[name][0]
        return (
            f"<figure><img src='/dashboard/chart/{name}.svg{suffix}' alt='{escape(title)}: "
            f"the table below gives the same figures' width='800' height='360'>"
            f"</figure>"
        )

    def table(name: str) -> str:
        return _table_html(name, tables[name], query)

    form = (
        "<form method='get' action='/dashboard' class='filters'>"
        f"<label>From <input type='date' name='from' value='{period.first}'></label>"
        f"<label>To <input type='date' name='to' value='{period.last}'></label>"
        f"<label>Baseline from <input type='date' name='baseline_from' value='{base.first}'>"
        f"</label><label>Baseline to <input type='date' name='baseline_to' "
        f"value='{base.last}'></label><button type='submit'>Show</button></form>"
    )
    total = dashboard.by_type.total
    inbox = dashboard.inbox
    answer_time = (
        "none answered yet"
        if inbox.median_hours is None
        else f"median {inbox.median_hours:g} hours to the first answer"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>harmonibot dashboard</title>"
        "<link rel='stylesheet' href='/dashboard/dashboard.css'></head><body>"
        "<header><h1>Harmonisation dashboard</h1>"
        # A form may not sit inside a paragraph; a div holds both.
        f"<div class='signed-in'><p>Signed in as {escape(person)}.</p>"
        "<form method='post' action='/dashboard/signout' class='inline'>"
        "<button type='submit'>Sign out</button></form></div></header><main>"
        f"{form}"
        f"<p class='summary'>{total} contacts from {period.first:%-d %B %Y} to "
        f"{period.last:%-d %B %Y}, against the baseline {base.first:%-d %B} to "
        f"{base.last:%-d %B %Y} scaled to the same length.</p>"
        + section(
            "Who is talking to us",
            chart_figure("monthly-type"),
            table("monthly-type"),
            table("by-type"),
            chart_figure("monthly-group"),
            table("monthly-group"),
            table("by-group"),
        )
        + section("Who has gone quiet", table("quiet-groups"), table("quiet-organisations"))
        + section("Topics", table("rising"), table("unanswered"))
        + section(
            "The inbox",
            f"<p class='inbox-summary'>{inbox.received} queries received and {inbox.answered} "
            f"answered in the period; {answer_time}. {inbox.overdue_count} open past "
            f"{inbox.unanswered_after_days} working days now.</p>",
            table("inbox-months"),
            table("inbox-overdue"),
        )
        + section("The plan", table("progress"), table("overdue"))
        + "</main></body></html>"
    )
