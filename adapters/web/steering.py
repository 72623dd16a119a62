"""The steering group's view of the dashboard: counts and the plan's progress, no person.

Open to steering group members and the team, signed in the same way as the team (a single-use
link from the bot, or single sign-on). Everything on it comes from
:func:`commplan.services.steering.build_steering_view`, whose types hold no name, address or
message text; small counts arrive already withheld, so the page and the downloads cannot show
them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from urllib.parse import urlencode

from aiohttp import web

from adapters.files import write_table
from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG, HEADERS, DashboardConfig
from adapters.web.loading import FILTERS, Asked, BadPeriod, asked
from adapters.web.page import refuse
from adapters.web.sessions import steering_signed_in
from adapters.web.tables import TableData
from commplan.plan import Status
from commplan.services.dashboard import plan_periods
from commplan.services.steering import (
    SMALL,
    CountTable,
    SteeringView,
    Withheld,
    build_steering_view,
)

_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def mount_steering(app: web.Application) -> None:
    """Add the steering group's page and downloads (the dashboard's config must be set)."""
    app.router.add_get("/dashboard/steering", page)
    app.router.add_get("/dashboard/steering/download/{name}.{fmt}", download)


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


async def page(request: web.Request) -> web.Response:
    """``GET /dashboard/steering``: the whole view for the period the query asks for."""
    person = await steering_signed_in(request)
    if person is None:
        return refuse(
            403,
            "The steering group view is for steering group members and the harmonisation "
            "team. Sign in with the personal link the bot gives you: ask it for 'dashboard' in "
            "a direct message.",
            title=TITLE,
        )
    view = await load_steering(request.app[CONFIG], request.query)
    query = urlencode({k: v for k, v in request.query.items() if k in FILTERS})
    html = render_steering(view, person.name, query, team=person.role.is_team)
    return web.Response(text=html, content_type="text/html", headers=HEADERS)


async def download(request: web.Request) -> web.Response:
    """``GET /dashboard/steering/download/NAME.csv`` or ``.xlsx``: one table of the view."""
    if await steering_signed_in(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    name, fmt = request.match_info["name"], request.match_info["fmt"]
    if name not in TABLES or fmt not in ("csv", "xlsx"):
        raise web.HTTPNotFound()
    table = TABLES[name](await load_steering(request.app[CONFIG], request.query))
    rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    body = write_table(rows, table.columns, fmt=fmt)
    filename = f"steering-{name}.{fmt}"
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return web.Response(
        body=body, content_type="text/csv" if fmt == "csv" else _SPREADSHEET, headers=headers
    )


async def load_steering(config: DashboardConfig, query: Mapping[str, str]) -> SteeringView:
    """The view's figures for the period the query asks for, read off the event loop."""
    dates = asked(query)
    try:
        return await off_loop(_steering, config, dates)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None


def _steering(config: DashboardConfig, dates: Asked) -> SteeringView:
    today = config.clock.now().astimezone(config.timezone).date()
    period, baseline = dates.periods(*plan_periods(config.uow(), today))
    return build_steering_view(config.uow(), period=period, baseline_period=baseline, today=today)


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
    base = "/dashboard/steering/download"
    return (
        f"<div class='table-wrap'><table id='table-{name}'><caption>{escape(table.title)} "
        f"<span class='downloads'><a href='{base}/{name}.csv{suffix}'>CSV</a> "
        f"<a href='{base}/{name}.xlsx{suffix}'>XLSX</a></span></caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _section(title: str, *parts: str) -> str:
    # Named by its heading, so that a screen reader lists the sections as landmarks.
    slug = "-".join(title.lower().split())
    return (
        f"<section class='section' aria-labelledby='h-{slug}'><h2 id='h-{slug}'>"
        f"{escape(title)}</h2>{''.join(parts)}</section>"
    )


def _cards(view: SteeringView) -> str:
    tactics = len(view.tactics)
    complete = sum(1 for t in view.tactics if t.status is Status.COMPLETE)
    overdue = sum(1 for t in view.tactics if t.overdue)
    cards = (
        ("Contacts in the period", _count(view.total)),
        ("Contacts in the baseline", _count(view.baseline_total)),
        ("Tactics complete", f"{complete} of {tactics}"),
        ("Tactics overdue", str(overdue)),
    )
    return (
        "<div class='summary-cards'>"
        + "".join(
            f"<div class='card'><p class='card-label'>{escape(label)}</p>"
            f"<p class='card-value'>{escape(value)}</p></div>"
            for label, value in cards
        )
        + "</div>"
    )


def render_steering(view: SteeringView, person: str, query: str, *, team: bool) -> str:
    """The whole page; every value is escaped.

    ``query`` is the filter part of the request's query string, carried into the downloads so
    that they show the same period; ``team`` adds a link to the team's own view.
    """
    period, base = view.period, view.baseline_period
    tables = {name: make(view) for name, make in TABLES.items()}

    def table(name: str) -> str:
        return _table_html(name, tables[name], query)

    form = (
        "<form method='get' action='/dashboard/steering' class='filters'>"
        f"<label>From <input type='date' name='from' value='{period.first}'></label>"
        f"<label>To <input type='date' name='to' value='{period.last}'></label>"
        f"<label>Baseline from <input type='date' name='baseline_from' value='{base.first}'>"
        f"</label><label>Baseline to <input type='date' name='baseline_to' "
        f"value='{base.last}'></label><button type='submit'>Show</button></form>"
    )
    team_link = "<p><a href='/dashboard'>The team's dashboard</a></p>" if team else ""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>harmonibot steering group view</title>"
        "<link rel='stylesheet' href='/dashboard/dashboard.css'></head><body>"
        f"<header><h1>{TITLE}</h1>"
        f"<div class='signed-in'><p>Signed in as {escape(person)}.</p>{team_link}"
        "<form method='post' action='/dashboard/signout' class='inline'>"
        "<button type='submit'>Sign out</button></form></div></header><main>"
        f"{form}"
        f"<p class='summary'>Contacts from {period.first:%-d %B %Y} to "
        f"{period.last:%-d %B %Y}, against the baseline {base.first:%-d %B} to "
        f"{base.last:%-d %B %Y} scaled to the same length.</p>"
        f"{_cards(view)}"
        f"<p class='note' id='small-counts'>{escape(NOTE)}</p>"
        + _section("Who is talking to us", table("by-group"), table("by-type"))
        + _section("Topics", table("by-topic"))
        + _section("Over time", table("by-month"), table("by-quarter"))
        + _section("The plan", table("progress"), table("tactics"))
        + "</main></body></html>"
    )
