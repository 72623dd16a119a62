"""Signing in to the dashboard: a single-use link starts a session kept in a signed cookie.

The link's nonce is claimed once (``commplan.services.claims``), so a link that leaked from
a chat cannot be used again; every request checks again that the session's person is on the
team (``commplan.services.signin``).
"""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG
from adapters.web.page import refuse
from adapters.web.signin import SESSION_LIFETIME, BadToken, sign, verify
from commplan.services.claims import once
from commplan.services.signin import team_member

logger = logging.getLogger(__name__)

COOKIE = "harmonibot_session"
NONCE_KIND = "signin_nonce"


async def signin(request: web.Request) -> web.StreamResponse:
    """``GET /dashboard/signin?token=...``: use a link once and set the session cookie."""
    config = request.app[CONFIG]
    now = config.clock.now()
    try:
        token = verify(config.key, request.query.get("token", ""), now=now, purpose="link")
    except BadToken as error:
        logger.info("refused a dashboard link: %s", error)
        return refuse(
            403,
            "This sign-in link is not valid or has expired. Ask the bot for "
            "'dashboard' to get a new one.",
        )
    # Claimed before the role is checked: a member's link is used up as a team member's is.
    fresh = await off_loop(
        once,
        config.uow(),
        f"dashboard-link:{token.nonce}",
        kind=NONCE_KIND,
        at=now,
        person=token.person,
        item="dashboard",
    )
    if not fresh:
        return refuse(403, "This sign-in link has already been used. Ask the bot for a new one.")
    if await off_loop(team_member, config.uow(), token.person) is None:
        return refuse(403, "Only the harmonisation team can see the dashboard.")
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


async def signout(request: web.Request) -> web.StreamResponse:
    """``POST /dashboard/signout``: forget the session cookie."""
    response = web.HTTPSeeOther("/dashboard")
    response.del_cookie(COOKIE, path="/dashboard")
    raise response


async def signed_in(request: web.Request) -> str | None:
    """The name of the team member whose session this request carries, or None."""
    config = request.app[CONFIG]
    try:
        token = verify(
            config.key, request.cookies.get(COOKIE, ""), now=config.clock.now(), purpose="session"
        )
    except BadToken:
        return None
    member = await off_loop(team_member, config.uow(), token.person)
    return None if member is None else token.person
