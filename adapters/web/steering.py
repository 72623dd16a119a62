"""The steering group's view of the dashboard: counts and the plan's progress, no person.

Open to steering group members and the team, signed in the same way as the team (a single-use
link from the bot, or single sign-on). Everything on it comes from
:func:`commplan.services.steering.build_steering_view`, whose types hold no name, address or
message text; small counts arrive already withheld, so the page and the downloads cannot show
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from aiohttp import web

from adapters.files import write_table
from adapters.web.bridge import off_loop
from adapters.web.chart_cache import draw_chart, figures
from adapters.web.config import CONFIG, HEADERS, DashboardConfig
from adapters.web.loading import FILTERS, Asked, BadPeriod, asked
from adapters.web.page import refuse
from adapters.web.sessions import steering_signed_in
from adapters.web.steering_page import CHARTS, NOTE, PAGES, TABLES, TITLE, render_steering
from commplan.services.dashboard import plan_periods
from commplan.services.steering import (
    QuarterlyCounts,
    SteeringView,
    build_steering_view,
    steering_chart,
)

__all__ = ["NOTE", "TABLES", "mount_steering", "render_steering"]

_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mount_steering(app: web.Application) -> None:
    """Add the steering group's page and downloads (the dashboard's config must be set)."""
    app.router.add_get("/dashboard/steering", page)
    app.router.add_get("/dashboard/steering/download/{name}.{fmt}", download)
    app.router.add_get("/dashboard/steering/chart/{name}.svg", chart)


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
    known = (*FILTERS, *PAGES.values())
    links = {k: v for k, v in request.query.items() if k in known}
    html = render_steering(view, person.name, query, team=person.role.is_team, links=links)
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


async def chart(request: web.Request) -> web.Response:
    """``GET /dashboard/steering/chart/NAME.svg``: contacts per quarter by user group, drawn
    only from counts that give nobody away (see :func:`steering_chart`)."""
    if await steering_signed_in(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    if request.match_info["name"] not in CHARTS:
        raise web.HTTPNotFound()
    config = request.app[CONFIG]
    dates = asked(request.query)
    try:
        counts = await off_loop(_chart_counts, config, dates)
    except BadPeriod as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    narrow = request.query.get("layout") == "narrow"
    title = CHARTS[request.match_info["name"]]
    svg = await off_loop(draw_chart, figures(counts), title, narrow=narrow)
    return web.Response(body=svg, content_type="image/svg+xml", headers=HEADERS)


def _chart_counts(config: DashboardConfig, dates: Asked) -> QuarterlyCounts:
    today = config.clock.now().astimezone(config.timezone).date()
    period, _ = dates.periods(*plan_periods(config.uow(), today))
    return steering_chart(config.uow(), period=period)


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
