"""``GET /dashboard/pack.docx?quarter=2026Q3``: the quarterly evidence pack, for the team.

The same document as ``harmonibot report pack``; building it (queries, charts, Word) takes
a while, so all of it runs in a worker thread, never on the event loop.
"""

from __future__ import annotations

from aiohttp import web

from adapters.files.pack_docx import pack_docx
from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG, HEADERS
from adapters.web.impact_section import last_complete_quarter
from adapters.web.sessions import signed_in
from commplan.baseline import Period
from commplan.errors import InvalidInput
from commplan.ports import UnitOfWorkFactory
from commplan.services.pack import evidence_pack, quarter

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def mount_pack(app: web.Application) -> None:
    app.router.add_get("/dashboard/pack.docx", pack)


async def pack(request: web.Request) -> web.Response:
    """The pack for the quarter asked for; the last complete quarter by default."""
    if await signed_in(request) is None:
        raise web.HTTPForbidden(text="sign in first: the evidence pack is for the team")
    config = request.app[CONFIG]
    today = config.clock.now().astimezone(config.timezone).date()
    asked = request.query.get("quarter", "").strip() or last_complete_quarter(today)
    try:
        label, period = quarter(asked)
    except ValueError:  # InvalidInput, or a year the calendar has not got ("0000Q1")
        raise web.HTTPBadRequest(
            text=f"{asked[:20]!r} is not a quarter: write it as 2026Q3"
        ) from None
    try:
        body = await off_loop(_build, config.uow, label, period)
    except InvalidInput as error:  # no plan loaded yet
        raise web.HTTPBadRequest(text=str(error)) from None
    name = f"evidence-pack-{label.replace(' ', '')}.docx"
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return web.Response(body=body, content_type=WORD, headers=headers)


def _build(uow: UnitOfWorkFactory, label: str, period: Period) -> bytes:
    return pack_docx(evidence_pack(uow(), label=label, period=period))
