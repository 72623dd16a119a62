"""``harmonibot serve``: the web process (health check, web chat, dashboard, Slack and Teams)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Coroutine
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from adapters.cli.addresses import is_loopback, url_host
from adapters.cli.output import warn
from commplan.when import warm_up

if TYPE_CHECKING:
    from aiohttp import web

    from adapters.bootstrap import Runtime
    from adapters.settings import Settings

logger = logging.getLogger(__name__)

# In-flight turns get this long to finish after SIGTERM before connections are closed.
SHUTDOWN_TIMEOUT = 10.0


def register(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="run the web process: health, web chat, dashboard, Slack, Teams"
    )
    serve.add_argument(
        "--host", help="address to listen on (default HARMONIBOT_HOST, else 127.0.0.1)"
    )
    serve.add_argument("--port", type=_port, help="port to listen on (default PORT, else 8080)")
    serve.add_argument(
        "--clock",
        action="store_true",
        help="also run the scheduler in this process (for a one-process setup like make demo)",
    )
    serve.add_argument(
        "--workers",
        type=_workers,
        help="web processes, each on its own core (default WEB_CONCURRENCY, else 1)",
    )
    serve.set_defaults(run=run_serve)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, not {port}")
    return port


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of workers: {text!r}") from None
    if workers < 1:
        raise argparse.ArgumentTypeError(f"--workers is 1 or more, not {workers}")
    return workers


def run_serve(args: argparse.Namespace, runtime: Runtime) -> int:
    """Migrate, then serve until SIGTERM or SIGINT; 0 on a clean stop, 1 when it cannot bind.

    With more than one worker, gunicorn's master forks them (``adapters.cli.workers``), and
    each builds its own application, engine and connections through :func:`build_web_app`.
    """
    from adapters.bootstrap import clock_lock, migrate
    from adapters.cli.clock import run_jobs
    from adapters.web.signin import signing_key

    host = args.host or runtime.settings.host
    port = runtime.settings.port if args.port is None else args.port
    workers = args.workers or runtime.settings.web_concurrency
    # Links the bot gives (sign-in, the dashboard) name the address actually served.
    runtime = replace(runtime, settings=replace(runtime.settings, host=host, port=port))
    migrate(runtime)
    # The embedded default's key file is made now, once: workers racing to make their own
    # would sign with different keys, and a link from one would fail on another.
    signing_key(runtime.settings.secret_key)
    if not is_loopback(host):
        say_how_people_sign_in(host, runtime.settings)
    if workers > 1:
        from adapters.cli.workers import serve_workers

        import_platforms(runtime.settings)
        return serve_workers(
            runtime,
            workers=workers,
            clock=args.clock,
            build_app=build_web_app,
            shutdown_timeout=SHUTDOWN_TIMEOUT,
        )
    app = build_web_app(runtime)
    lock = clock_lock(runtime) if args.clock else None
    if lock is not None and not lock.try_acquire():
        logger.warning("another clock is running; serving without the scheduler")
        lock = None
    background = partial(run_jobs, runtime) if lock is not None else None
    try:
        asyncio.run(serve(app, host, port, background))
    except OSError as error:
        warn(f"cannot listen on {host}:{port}: {error.strerror or error}")
        return 1
    finally:
        if lock is not None:
            lock.release()
    return 0


def build_web_app(runtime: Runtime) -> web.Application:
    """The web process's application on ``runtime``: the web chat, dashboard, Slack and Teams.

    Every worker calls it after the fork, on a runtime of its own (``runtime.settings.host``
    is the address served).
    """
    from adapters.bootstrap import build_bot
    from adapters.web.app import make_app

    host = runtime.settings.host
    bot = build_bot(runtime)
    # Loading dateparser takes a few hundred milliseconds; pay it now, beside start-up, rather
    # than in the first chat turn that mentions a date.
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    app = make_app(runtime, bot, loopback=is_loopback(host))
    # Imported here: the Agents SDK takes a second to import, which no other command should pay.
    from adapters.teams.app import mount_teams

    mount_teams(app, runtime, bot, loopback=is_loopback(host))
    if runtime.settings.slack:
        # Imported only when configured: Bolt is slow to import for every other command.
        from adapters.slack.app import mount_slack

        mount_slack(app, runtime, bot)
    return app


def import_platforms(settings: Settings) -> None:
    """Import the platforms' libraries now: before a fork, every worker shares the pages."""
    import adapters.teams.app

    if settings.slack:
        import adapters.slack.app  # noqa: F401


def say_how_people_sign_in(host: str, settings: Settings) -> None:
    # Off loopback the web chat never trusts a typed name: say what works instead.
    if not settings.public_url:
        logger.warning(
            "listening on %s without HARMONIBOT_PUBLIC_URL: the web chat and dashboard answer "
            "only to loopback names, and sign-in links cannot name this server",
            host,
        )
    elif settings.oidc is None:
        logger.warning(
            "listening on %s: visitors may ask about standards; to act as themselves they "
            "sign in with a link from a Slack or Teams direct message (single sign-on is off)",
            host,
        )


async def serve(
    app: web.Application,
    host: str,
    port: int,
    background: Callable[[asyncio.Event], Coroutine[Any, Any, None]] | None = None,
) -> None:
    """Run ``app`` on ``host``:``port`` until SIGTERM or SIGINT, then shut down cleanly.

    ``background`` (the scheduler, with ``--clock``) runs beside it until the same stop.
    """
    from aiohttp import web

    from adapters.web.access_log import AccessLog

    runner = web.AppRunner(app, shutdown_timeout=SHUTDOWN_TIMEOUT, access_log_class=AccessLog)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        bound = runner.addresses[0][1] if runner.addresses else port
        address = f"http://{url_host(host)}:{bound}/chat"
        logger.info("harmonibot web chat on %s", address)
        # Also on stderr: the log level is WARNING unless -v, and `make demo` users need it.
        warn(f"harmonibot web chat on {address}")
        stop = asyncio.Event()
        jobs = asyncio.create_task(background(stop)) if background else None
        await _until_stopped(stop)
        logger.info("stopping the web process")
        if jobs is not None:
            await jobs
    finally:
        await runner.cleanup()


async def _until_stopped(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)
    for number in signals:
        loop.add_signal_handler(number, stop.set)
    try:
        await stop.wait()
    finally:
        for number in signals:
            loop.remove_signal_handler(number)
