"""The dashboard: contacts against the baseline, who has gone quiet, the plan's progress.

Contacts are personal data, so every page needs a session, and a session starts only from a
signed, short-lived, single-use link that the bot gives a team member (``sessions``). The
figures come from one service call per request (``loading``); ``tables`` names what the page
and the downloads show, ``page`` writes the HTML and ``chart_cache`` draws the charts.
"""

from __future__ import annotations

import asyncio
from importlib.resources import files
from urllib.parse import urlencode

from aiohttp import web

from adapters.files import write_table
from adapters.web.bridge import off_loop
from adapters.web.chart_cache import draw_chart, figures
from adapters.web.config import CONFIG, HEADERS, DashboardConfig
from adapters.web.impact_section import IMPACT_TABLES, TACTICS_PAGE, load_impact
from adapters.web.loading import FILTERS, load_counts, load_dashboard, load_table
from adapters.web.pack_route import mount_pack
from adapters.web.page import PAGES, refuse, render_page
from adapters.web.sessions import signed_in, signin, signout, steering_signed_in
from adapters.web.steering import mount_steering
from adapters.web.tables import CHARTS, TABLES

_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mount_dashboard(app: web.Application, config: DashboardConfig) -> None:
    """Add the dashboard's routes to the web process."""
    app[CONFIG] = config
    app.router.add_get("/dashboard/signin", signin)
    app.router.add_post("/dashboard/signout", signout)
    app.router.add_get("/dashboard", page)
    app.router.add_get("/dashboard/dashboard.css", stylesheet)
    app.router.add_get("/dashboard/chart/{name}.svg", chart)
    app.router.add_get("/dashboard/download/{name}.{fmt}", download)
    mount_steering(app)
    # Browsers ask for /favicon.ico whatever a page links; the one icon answers both.
    app.router.add_get("/favicon.ico", favicon)
    mount_pack(app)


async def page(request: web.Request) -> web.Response:
    """``GET /dashboard``: the whole page for the period the query asks for."""
    person = await signed_in(request)
    if person is None and await steering_signed_in(request) is not None:
        # The steering group's own view: the same figures as counts, no personal data.
        query = urlencode({k: v for k, v in request.query.items() if k in FILTERS})
        raise web.HTTPSeeOther(f"/dashboard/steering?{query}" if query else "/dashboard/steering")
    if person is None:
        return refuse(
            403,
            "Sign in with the personal link the bot gives you: ask it for "
            "'dashboard' in a direct message.",
        )
    config = request.app[CONFIG]
    dashboard, impact = await asyncio.gather(
        load_dashboard(config, request.query), load_impact(config, request.query)
    )
    query = urlencode({k: v for k, v in request.query.items() if k in FILTERS})
    known = (*FILTERS, *PAGES.values(), TACTICS_PAGE)
    html = render_page(
        dashboard,
        person,
        query,
        figures=impact,
        links={k: v for k, v in request.query.items() if k in known},
        today=config.clock.now().astimezone(config.timezone).date(),
    )
    return web.Response(text=html, content_type="text/html", headers=HEADERS)


async def chart(request: web.Request) -> web.Response:
    """``GET /dashboard/chart/NAME.svg``: one chart of monthly counts (by quarter, year or
    decade over a long period)."""
    if await signed_in(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    name = request.match_info["name"]
    if name not in CHARTS:
        raise web.HTTPNotFound()
    title, by = CHARTS[name]
    counts = await load_counts(request.app[CONFIG], request.query, by)
    narrow = request.query.get("layout") == "narrow"
    svg = await off_loop(draw_chart, figures(counts), title, narrow=narrow)
    return web.Response(body=svg, content_type="image/svg+xml", headers=HEADERS)


async def download(request: web.Request) -> web.Response:
    """``GET /dashboard/download/NAME.csv`` or ``.xlsx``: one table of the page."""
    if await signed_in(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    name, fmt = request.match_info["name"], request.match_info["fmt"]
    if name not in (*TABLES, *IMPACT_TABLES) or fmt not in ("csv", "xlsx"):
        raise web.HTTPNotFound()
    if name in IMPACT_TABLES:
        table = IMPACT_TABLES[name](await load_impact(request.app[CONFIG], request.query))
    else:
        table = await load_table(request.app[CONFIG], request.query, TABLES[name])
    rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    body = write_table(rows, table.columns, fmt=fmt)
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return web.Response(
        body=body, content_type="text/csv" if fmt == "csv" else _SPREADSHEET, headers=headers
    )


async def favicon(request: web.Request) -> web.Response:
    """``GET /favicon.ico``: the SVG icon, which every current browser takes by any name."""
    icon = files("adapters.web").joinpath("static/favicon.svg").read_bytes()
    headers = {**HEADERS, "Cache-Control": "public, max-age=86400"}
    return web.Response(body=icon, content_type="image/svg+xml", headers=headers)


async def stylesheet(request: web.Request) -> web.Response:
    """``GET /dashboard/dashboard.css``."""
    css = files("adapters.web").joinpath("static/dashboard.css").read_text(encoding="utf-8")
    return web.Response(text=css, content_type="text/css", headers=HEADERS)


__all__ = ["DashboardConfig", "mount_dashboard"]
