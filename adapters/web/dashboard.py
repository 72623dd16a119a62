"""The dashboard: contacts against the baseline, who has gone quiet, the plan's progress.

Contacts are personal data, so every page needs a session, and a session starts only from a
signed, short-lived, single-use link that the bot gives a team member.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from html import escape
from typing import Literal
from urllib.parse import urlencode

from aiohttp import web

from adapters.charts import stacked_bars
from adapters.files import write_table
from adapters.web.signin import (
    SESSION_LIFETIME,
    BadToken,
    sign,
    verify,
)
from commplan.baseline import BaselineReport, Period
from commplan.plan import Phase, Status
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.dashboard import Dashboard, build_dashboard, monthly_counts, plan_periods
from commplan.workdays import WorkingDays

logger = logging.getLogger(__name__)

COOKIE = "harmonibot_session"
QUIET_DAYS = 90
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True, kw_only=True)
class DashboardConfig:
    """What the dashboard needs; the calendar, limit and zone are the team's, as for nudges."""

    uow: UnitOfWorkFactory
    clock: Clock
    key: bytes
    secure_cookies: bool
    calendar: WorkingDays = field(default_factory=WorkingDays)
    unanswered_after_days: int = 3
    timezone: tzinfo = UTC


CONFIG = web.AppKey("dashboard", DashboardConfig)


def mount_dashboard(app: web.Application, config: DashboardConfig) -> None:
    """Add the dashboard's routes to the web process."""
    app[CONFIG] = config
    app.router.add_get("/dashboard/signin", signin)
    app.router.add_post("/dashboard/signout", signout)
    app.router.add_get("/dashboard", page)
    app.router.add_get("/dashboard/dashboard.css", stylesheet)
    app.router.add_get("/dashboard/chart/{name}.svg", chart)
    app.router.add_get("/dashboard/download/{name}.{fmt}", download)


def _refuse(status: int, message: str) -> web.Response:
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>harmonibot"
        f"</title></head><body><main><h1>Dashboard</h1><p>{escape(message)}</p></main>"
        "</body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html", headers=_HEADERS)


async def signin(request: web.Request) -> web.StreamResponse:
    config = request.app[CONFIG]
    now = config.clock.now()
    try:
        token = verify(config.key, request.query.get("token", ""), now=now, purpose="link")
    except BadToken as error:
        logger.info("refused a dashboard link: %s", error)
        return _refuse(
            403,
            "This sign-in link is not valid or has expired. Ask the bot for "
            "'dashboard' to get a new one.",
        )
    allowed = await asyncio.to_thread(_use_link, config, token.person, token.nonce)
    if allowed is None:
        return _refuse(403, "This sign-in link has already been used. Ask the bot for a new one.")
    if not allowed:
        return _refuse(403, "Only the harmonisation team can see the dashboard.")
    session = sign(
        config.key, person=token.person, now=now, lifetime=SESSION_LIFETIME, purpose="session"
    )
    response = web.HTTPSeeOther("/dashboard")
    response.set_cookie(
        COOKIE,
        session,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Strict",
        secure=config.secure_cookies,
        path="/dashboard",
    )
    raise response


def _use_link(config: DashboardConfig, person: str, nonce: str) -> bool | None:
    """Claim the link's nonce (None when it was used before); True for a team member."""
    with config.uow() as uow:
        member = uow.people.get(person)
        fresh = uow.claims.claim(
            f"dashboard-link:{nonce}",
            kind="signin",
            person=person,
            item="dashboard",
            at=config.clock.now(),
        )
        uow.commit()
    if not fresh:
        return None
    return member is not None and member.role.is_team


async def signout(request: web.Request) -> web.StreamResponse:
    response = web.HTTPSeeOther("/dashboard")
    response.del_cookie(COOKIE, path="/dashboard")
    raise response


def _session(request: web.Request) -> str | None:
    config = request.app[CONFIG]
    try:
        token = verify(
            config.key, request.cookies.get(COOKIE, ""), now=config.clock.now(), purpose="session"
        )
    except BadToken:
        return None
    with config.uow() as uow:
        person = uow.people.get(token.person)
    return token.person if person is not None and person.role.is_team else None


def _periods(request: web.Request, config: DashboardConfig) -> tuple[Period, Period]:
    default, baseline = plan_periods(config.uow(), config.clock.now().date())

    def day(name: str, fallback: date) -> date:
        text = request.query.get(name, "")
        try:
            return date.fromisoformat(text) if text else fallback
        except ValueError:
            raise web.HTTPBadRequest(text=f"{name} must be a date (YYYY-MM-DD)") from None

    try:
        return (
            Period(first=day("from", default.first), last=day("to", default.last)),
            Period(
                first=day("baseline_from", baseline.first), last=day("baseline_to", baseline.last)
            ),
        )
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None


async def _load(request: web.Request) -> Dashboard:
    config = request.app[CONFIG]
    period, baseline = _periods(request, config)
    now = config.clock.now().astimezone(config.timezone)
    return await asyncio.to_thread(
        build_dashboard,
        config.uow(),
        period=period,
        baseline_period=baseline,
        today=now.date(),
        quiet_days=QUIET_DAYS,
        now=now,
        calendar=config.calendar,
        unanswered_after_days=config.unanswered_after_days,
    )


# --- tables: one definition feeds the page, the downloads and the tests -----------------------


@dataclass(frozen=True, kw_only=True)
class TableData:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _baseline_table(title: str, report: BaselineReport) -> TableData:
    return TableData(
        title=title,
        columns=("group", "count", "baseline", "change"),
        rows=tuple(
            (r.group, str(r.count), f"{r.baseline:g}", f"{r.change:+g}") for r in report.rows
        ),
    )


def _monthly_table(title: str, months: Sequence[tuple[str, dict[str, int]]]) -> TableData:
    groups = sorted({g for _, counts in months for g in counts})
    return TableData(
        title=title,
        columns=("month", *(g or "not known" for g in groups), "total"),
        rows=tuple(
            (label, *(str(counts.get(g, 0)) for g in groups), str(sum(counts.values())))
            for label, counts in months
        ),
    )


TABLES: dict[str, Callable[[Dashboard], TableData]] = {
    "by-type": lambda d: _baseline_table(
        "Contacts by organisation type against the baseline", d.by_type
    ),
    "by-group": lambda d: _baseline_table(
        "Contacts by user group against the baseline", d.by_group
    ),
    "monthly-type": lambda d: _monthly_table(
        "Contacts per month by organisation type", d.monthly_by_type
    ),
    "monthly-group": lambda d: _monthly_table(
        "Contacts per month by user group", d.monthly_by_group
    ),
    "quiet-groups": lambda d: TableData(
        title=f"User groups not heard from in {d.gaps.days} days",
        columns=("user group", "last contact"),
        rows=tuple(
            (q.name, q.last_contact.isoformat() if q.last_contact else "never")
            for q in d.gaps.user_groups
        ),
    ),
    "quiet-organisations": lambda d: TableData(
        title=f"Organisations not heard from in {d.gaps.days} days",
        columns=("organisation", "last contact"),
        rows=tuple(
            (q.name, q.last_contact.isoformat() if q.last_contact else "never")
            for q in d.gaps.organisations
        ),
    ),
    "rising": lambda d: TableData(
        title="Topics on the rise",
        columns=("standard", "this period", "before"),
        rows=tuple((t.topic, str(t.recent), str(t.before)) for t in d.rising),
    ),
    "progress": lambda d: TableData(
        title="The plan by phase and status",
        columns=("phase", *(s.value for s in Status)),
        rows=tuple((p.label, *(str(d.progress[p][s]) for s in Status)) for p in Phase),
    ),
    "overdue": lambda d: TableData(
        title="Overdue tactics",
        columns=("tactic", "name", "due by", "owners"),
        rows=tuple(
            (
                str(t.number),
                t.name,
                t.window.end.isoformat() if t.window else "",
                ", ".join(t.owners),
            )
            for t in d.overdue
        ),
    ),
    "unanswered": lambda d: TableData(
        title="Questions nobody could answer",
        columns=("asked", "question", "by"),
        rows=tuple((f"{q.asked_at:%Y-%m-%d}", q.text, q.asker) for q in d.unanswered),
    ),
    "inbox-months": lambda d: TableData(
        title="Inbox response times by month",
        columns=("month", "received", "answered", "median hours to first answer"),
        rows=tuple(
            (
                f"{m.month:%Y-%m}",
                str(m.received),
                str(m.answered),
                "" if m.median_hours is None else f"{m.median_hours:g}",
            )
            for m in d.inbox_by_month
        ),
    ),
    "inbox-overdue": lambda d: TableData(
        title=_overdue_title(d),
        columns=("received", "subject", "organisation", "days waiting"),
        rows=tuple(
            (f"{q.received_at:%Y-%m-%d}", q.subject, q.organisation, str(q.age_days))
            for q in d.inbox.overdue
        ),
    ),
}
CHARTS: dict[str, tuple[str, Literal["org_type", "user_group"]]] = {
    "monthly-type": ("Contacts per month by organisation type", "org_type"),
    "monthly-group": ("Contacts per month by user group", "user_group"),
}


# Drawing takes most of a chart request (about 0.8 s against 10 ms for its counts), so the
# drawing is kept by what it shows: the key is the figures themselves, never stale. pyplot
# keeps global state, so charts are drawn one at a time even when requests come together.
_DRAWING = threading.Lock()


@functools.lru_cache(maxsize=32)
def draw_chart(counts: tuple[tuple[str, tuple[tuple[str, int], ...]], ...], title: str) -> bytes:
    """The SVG of stacked monthly counts, drawn once for the same figures and title."""
    with _DRAWING:
        return stacked_bars([(label, dict(c)) for label, c in counts], title=title)


def _overdue_title(dashboard: Dashboard) -> str:
    inbox = dashboard.inbox
    title = f"Open queries unanswered after {inbox.unanswered_after_days} working days"
    if inbox.overdue_count > len(inbox.overdue):
        title += f" (the oldest {len(inbox.overdue)} of {inbox.overdue_count})"
    return title


async def chart(request: web.Request) -> web.Response:
    if _session(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    name = request.match_info["name"]
    if name not in CHARTS:
        raise web.HTTPNotFound()
    config = request.app[CONFIG]
    period, _ = _periods(request, config)
    title, by = CHARTS[name]
    # Only the counts this chart draws: building the whole dashboard for each of the page's
    # charts made one page view cost three full builds.
    counts = await asyncio.to_thread(monthly_counts, config.uow(), by, period)
    frozen = tuple((label, tuple(sorted(c.items()))) for label, c in counts)
    svg = await asyncio.to_thread(draw_chart, frozen, title)
    return web.Response(body=svg, content_type="image/svg+xml", headers=_HEADERS)


async def download(request: web.Request) -> web.Response:
    if _session(request) is None:
        raise web.HTTPForbidden(text="sign in first")
    name, fmt = request.match_info["name"], request.match_info["fmt"]
    if name not in TABLES or fmt not in ("csv", "xlsx"):
        raise web.HTTPNotFound()
    table = TABLES[name](await _load(request))
    rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    body = write_table(rows, table.columns, fmt=fmt)
    kind = (
        "text/csv"
        if fmt == "csv"
        else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return web.Response(body=body, content_type=kind, headers=headers)


async def stylesheet(request: web.Request) -> web.Response:
    from importlib.resources import files

    css = files("adapters.web").joinpath("static/dashboard.css").read_text(encoding="utf-8")
    return web.Response(text=css, content_type="text/css", headers=_HEADERS)


async def page(request: web.Request) -> web.Response:
    person = _session(request)
    if person is None:
        return _refuse(
            403,
            "Sign in with the personal link the bot gives you: ask it for "
            "'dashboard' in a direct message.",
        )
    dashboard = await _load(request)
    query = urlencode(
        {
            k: v
            for k, v in request.query.items()
            if k in ("from", "to", "baseline_from", "baseline_to")
        }
    )
    return web.Response(
        text=render_page(dashboard, person, query), content_type="text/html", headers=_HEADERS
    )


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
    """The whole page; every value is escaped."""
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
            _table_html("monthly-type", tables["monthly-type"], query),
            _table_html("by-type", tables["by-type"], query),
            chart_figure("monthly-group"),
            _table_html("monthly-group", tables["monthly-group"], query),
            _table_html("by-group", tables["by-group"], query),
        )
        + section(
            "Who has gone quiet",
            _table_html("quiet-groups", tables["quiet-groups"], query),
            _table_html("quiet-organisations", tables["quiet-organisations"], query),
        )
        + section(
            "Topics",
            _table_html("rising", tables["rising"], query),
            _table_html("unanswered", tables["unanswered"], query),
        )
        + section(
            "The inbox",
            f"<p class='inbox-summary'>{inbox.received} queries received and {inbox.answered} "
            f"answered in the period; {answer_time}. {inbox.overdue_count} open past "
            f"{inbox.unanswered_after_days} working days now.</p>",
            _table_html("inbox-months", tables["inbox-months"], query),
            _table_html("inbox-overdue", tables["inbox-overdue"], query),
        )
        + section(
            "The plan",
            _table_html("progress", tables["progress"], query),
            _table_html("overdue", tables["overdue"], query),
        )
        + "</main></body></html>"
    )


__all__ = ["DashboardConfig", "mount_dashboard"]
