"""Fetching a shared file over real HTTP on loopback: every address checked (redirects too),
the size capped whether or not the server says it, and failures told apart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from adapters.files.shared import DownloadError, DownloadRefused, TooLarge, download


@dataclass(kw_only=True)
class Site:
    url: str = ""
    seen: list[tuple[str, str]] = field(default_factory=list)  # (path, Authorization)


async def _serve(routes: Callable[[Site], web.Application]) -> tuple[Site, web.AppRunner]:
    site = Site()
    runner = web.AppRunner(routes(site))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    site.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
    return site, runner


@pytest.fixture
async def sites() -> AsyncIterator[tuple[Site, Site]]:
    """``trusted`` serves files and redirects; ``elsewhere`` records whatever reaches it."""

    def elsewhere_app(site: Site) -> web.Application:
        async def anything(request: web.Request) -> web.Response:
            site.seen.append((request.path, request.headers.get("Authorization", "")))
            return web.Response(body=b"question,options\n")

        app = web.Application()
        app.router.add_get("/{tail:.*}", anything)
        return app

    elsewhere, other_runner = await _serve(elsewhere_app)

    def trusted_app(site: Site) -> web.Application:
        async def record(request: web.Request) -> None:
            site.seen.append((request.path, request.headers.get("Authorization", "")))

        async def small(request: web.Request) -> web.Response:
            await record(request)
            return web.Response(body=b"question,options\nWhat is your sex?,Female/Male\n")

        async def moved(request: web.Request) -> web.Response:
            await record(request)
            raise web.HTTPFound("/small.csv")

        async def away(request: web.Request) -> web.Response:
            await record(request)
            raise web.HTTPFound(f"{elsewhere.url}/stolen.csv")

        async def endless(request: web.Request) -> web.StreamResponse:
            await record(request)
            response = web.StreamResponse()  # chunked: no Content-Length to go by
            await response.prepare(request)
            for _ in range(64):
                await response.write(b"x" * 1024)
            await response.write_eof()
            return response

        app = web.Application()
        app.router.add_get("/small.csv", small)
        app.router.add_get("/moved.csv", moved)
        app.router.add_get("/away.csv", away)
        app.router.add_get("/endless.csv", endless)
        return app

    trusted, runner = await _serve(trusted_app)
    try:
        yield trusted, elsewhere
    finally:
        await runner.cleanup()
        await other_runner.cleanup()


def only(site: Site) -> Callable[[str], bool]:
    return lambda url: url.startswith(site.url + "/")


TOKEN = {"Authorization": "Bearer xoxb-test"}


async def test_a_redirect_within_the_trusted_host_is_followed_with_the_token(
    sites: tuple[Site, Site],
) -> None:
    trusted, _ = sites
    data = await download(f"{trusted.url}/moved.csv", may_fetch=only(trusted), headers=TOKEN)
    assert data.startswith(b"question,options")
    assert trusted.seen == [("/moved.csv", "Bearer xoxb-test"), ("/small.csv", "Bearer xoxb-test")]


async def test_a_redirect_elsewhere_is_refused_and_the_token_never_leaves(
    sites: tuple[Site, Site],
) -> None:
    trusted, elsewhere = sites
    with pytest.raises(DownloadRefused):
        await download(f"{trusted.url}/away.csv", may_fetch=only(trusted), headers=TOKEN)
    assert elsewhere.seen == []


async def test_an_untrusted_first_address_is_never_asked(sites: tuple[Site, Site]) -> None:
    trusted, elsewhere = sites
    with pytest.raises(DownloadRefused):
        await download(f"{elsewhere.url}/x.csv", may_fetch=only(trusted), headers=TOKEN)
    assert elsewhere.seen == []


async def test_a_body_without_a_length_is_cut_off_at_the_cap(sites: tuple[Site, Site]) -> None:
    trusted, _ = sites
    with pytest.raises(TooLarge):
        await download(f"{trusted.url}/endless.csv", may_fetch=only(trusted), limit=10 * 1024)
    # Under the cap the same body is read whole.
    data = await download(f"{trusted.url}/endless.csv", may_fetch=only(trusted), limit=65 * 1024)
    assert len(data) == 64 * 1024


async def test_a_missing_file_is_a_failed_download_not_a_refusal(
    sites: tuple[Site, Site],
) -> None:
    trusted, _ = sites
    with pytest.raises(DownloadError) as raised:
        await download(f"{trusted.url}/gone.csv", may_fetch=only(trusted))
    assert type(raised.value) is DownloadError
    assert "HTTP 404" in str(raised.value)
