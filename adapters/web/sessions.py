"""Web sessions: started by a single-use link or single sign-on, kept in a signed cookie.

A link's nonce is claimed once (``commplan.services.signin.use_once``), so a link that
leaked from a chat cannot be used again. The session cookie is signed, carries its own nonce,
and is checked on every request: signing out claims that nonce for good, so the same cookie sent
again is refused; a person removed from the directory (or, for the dashboard, from the team)
loses access at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web

from adapters.web.bridge import off_loop
from adapters.web.config import CONFIG, DashboardConfig
from adapters.web.page import refuse
from adapters.web.signin import SESSION_LIFETIME, BadToken, sign, verify
from commplan.people import Person
from commplan.services.signin import end_session, session_holder, team_member, use_once
from commplan.services.steering import steering_viewer

logger = logging.getLogger(__name__)

COOKIE = "harmonibot_session"
NONCE_KIND = "signin_nonce"


@dataclass(frozen=True, kw_only=True)
class Session:
    """A live session: whose it is and the nonce that signing out ends."""

    person: str
    nonce: str


def _ended_key(nonce: str) -> str:
    return f"web-session-ended:{nonce}"


def start_session(response: web.StreamResponse, config: DashboardConfig, person: str) -> None:
    """Give the browser a new session cookie for ``person``."""
    session = sign(
        config.key,
        person=person,
        now=config.clock.now(),
        lifetime=SESSION_LIFETIME,
        purpose="session",
    )
    # Lax, not Strict: single sign-on returns from the provider's site, and a link is opened
    # from Slack or Teams; every request that acts is checked for Host and Origin besides.
    response.set_cookie(
        COOKIE,
        session,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=config.secure_cookies,
        path="/",
    )


async def current_session(request: web.Request) -> Session | None:
    """The live session this request carries: signed, unexpired, not signed out, a known person."""
    config = request.app[CONFIG]
    cookie = request.cookies.get(COOKIE, "")
    if not cookie:
        return None
    try:
        token = verify(config.key, cookie, now=config.clock.now(), purpose="session")
    except BadToken:
        return None
    person = await off_loop(
        session_holder, config.uow(), token.person, ended=_ended_key(token.nonce)
    )
    return None if person is None else Session(person=person.name, nonce=token.nonce)


async def signed_in(request: web.Request) -> str | None:
    """The name of the team member whose session this request carries, or None."""
    session = await current_session(request)
    if session is None:
        return None
    member = await off_loop(team_member, request.app[CONFIG].uow(), session.person)
    return None if member is None else session.person


async def steering_signed_in(request: web.Request) -> Person | None:
    """The person whose session this request carries when they may see the steering group's
    view (a steering group member or the team), or None; asked on every request."""
    session = await current_session(request)
    if session is None:
        return None
    return await off_loop(steering_viewer, request.app[CONFIG].uow(), session.person)


async def _use_link(request: web.Request, *, where: str) -> str | web.Response:
    """The person a single-use link names, its nonce now used up; or the refusal page."""
    config = request.app[CONFIG]
    now = config.clock.now()
    title = where.capitalize()
    try:
        token = verify(config.key, request.query.get("token", ""), now=now, purpose="link")
    except BadToken as error:
        logger.info("refused a sign-in link: %s", error)
        return refuse(
            403,
            f"This sign-in link is not valid or has expired. Ask the bot for '{where} link' "
            "in a direct message to get a new one.",
            title=title,
        )
    # Claimed before anything else is checked: a refused link is used up as a good one is.
    fresh = await off_loop(
        use_once,
        config.uow(),
        f"dashboard-link:{token.nonce}",
        kind=NONCE_KIND,
        at=now,
        person=token.person,
        item=where,
    )
    if not fresh:
        return refuse(
            403, "This sign-in link has already been used. Ask the bot for a new one.", title=title
        )
    return token.person


async def signin(request: web.Request) -> web.StreamResponse:
    """``GET /dashboard/signin?token=...``: use a link once and start a session."""
    person = await _use_link(request, where="dashboard")
    if isinstance(person, web.Response):
        return person
    config = request.app[CONFIG]
    where = "/dashboard"
    if await off_loop(team_member, config.uow(), person) is None:
        # The steering group gets the same link and its own view: counts, no personal data.
        if await off_loop(steering_viewer, config.uow(), person) is None:
            return refuse(
                403,
                "Only the harmonisation team and the steering group can see the dashboard.",
            )
        where = "/dashboard/steering"
    response = web.HTTPSeeOther(where)
    start_session(response, config, person)
    raise response


async def chat_signin(request: web.Request) -> web.StreamResponse:
    """``GET /chat/signin?token=...``: use a link once and start a web chat session."""
    person = await _use_link(request, where="web chat")
    if isinstance(person, web.Response):
        return person
    config = request.app[CONFIG]
    if await off_loop(session_holder, config.uow(), person) is None:
        return refuse(403, "That person is no longer in the directory.", title="Web chat")
    response = web.HTTPSeeOther("/chat")
    start_session(response, config, person)
    raise response


async def end(request: web.Request, then: str) -> web.StreamResponse:
    """End this request's session for good, forget its cookie, and go to ``then``."""
    session = await current_session(request)
    if session is not None:
        config = request.app[CONFIG]
        await off_loop(
            end_session,
            config.uow(),
            ended=_ended_key(session.nonce),
            person=session.person,
            at=config.clock.now(),
        )
    response = web.HTTPSeeOther(then)
    response.del_cookie(COOKIE, path="/")
    raise response


async def signout(request: web.Request) -> web.StreamResponse:
    """``POST /dashboard/signout``: end the session and return to the dashboard's door."""
    return await end(request, "/dashboard")


async def chat_signout(request: web.Request) -> web.StreamResponse:
    """``POST /chat/signout``: end the session and return to the chat, signed out."""
    return await end(request, "/chat")
