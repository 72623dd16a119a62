"""``harmonibot serve --workers N``: gunicorn's master forks N processes running aiohttp's worker.

The master binds the port, restarts a worker that dies and passes SIGTERM on for a graceful
stop; it serves nothing itself and holds no database connection when it forks. Each worker
builds its own runtime (engine, pool, bot) and application after the fork, through the async
factory :func:`worker_app`. Whatever workers must agree on lives in the database: sessions,
single-use links, answered messages, dialogue drafts and conversation references.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web
from gunicorn.app.base import BaseApplication

from adapters.cli.addresses import url_host
from adapters.cli.output import warn
from adapters.web.access_log import AccessLog

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime
    from adapters.settings import Settings
    from storage.leader import ClockLock

logger = logging.getLogger(__name__)

WORKER_CLASS = "aiohttp.GunicornWebWorker"
#: aiohttp's own keep-alive, as one process keeps it (gunicorn's 2 s suits a proxy in front).
KEEPALIVE_SECONDS = 75.0

AppFactory = Callable[[], Awaitable[web.AppRunner]]
BuildApp = Callable[["Runtime"], web.Application]


class WebWorkers(BaseApplication):  # type: ignore[misc]
    """gunicorn, configured here rather than from its command line or a config file."""

    def __init__(self, options: dict[str, Any], factory: AppFactory) -> None:
        self._options = options
        self._factory = factory
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)

    def load(self) -> AppFactory:
        return self._factory


def serve_workers(
    runtime: Runtime,
    *,
    workers: int,
    clock: bool,
    build_app: BuildApp,
    shutdown_timeout: float,
) -> int:
    """Serve with ``workers`` processes until SIGTERM or SIGINT; 0 on a clean stop.

    ``build_app`` makes a worker's application on its own runtime, after the fork; ``clock``:
    the scheduler runs too, in whichever one worker takes the clock's lock.
    """
    settings = runtime.settings
    host, port = settings.host, settings.port
    refused = _cannot_listen(host, port)
    if refused is not None:
        warn(f"cannot listen on {host}:{port}: {refused.strerror or refused}")
        return 1
    # Nothing pooled crosses the fork: a connection two processes share corrupts both.
    runtime.engine.dispose()
    options = {
        "bind": [f"{url_host(host)}:{port}"],
        "workers": workers,
        "worker_class": WORKER_CLASS,
        "graceful_timeout": int(shutdown_timeout),
        "proc_name": "harmonibot-web",
        # Its thread would be running in the master when it forks; and its socket is one path
        # per user, which two servers on a machine would fight over.
        "control_socket_disable": True,
        "when_ready": _say_where,
    }

    async def factory() -> web.AppRunner:
        # A coroutine function: aiohttp's worker calls it in the worker, after the fork.
        return await worker_app(
            settings, clock=clock, build_app=build_app, shutdown_timeout=shutdown_timeout
        )

    master = os.getpid()
    # What the master imported stays out of the workers' garbage collections, so that its
    # pages stay shared rather than copied into each worker (the gc module's advice for fork).
    gc.freeze()
    try:
        WebWorkers(options, factory).run()
    except SystemExit as stopped:
        if os.getpid() != master:
            raise  # a worker ending: gunicorn reads its exit status
        if stopped.code not in (0, None):
            warn("the web workers stopped with an error; the log above says why")
            return 1
    return 0


async def worker_app(
    settings: Settings, *, clock: bool, build_app: BuildApp, shutdown_timeout: float
) -> web.AppRunner:
    """One worker's application, built after the fork on a runtime of its own."""
    from adapters.bootstrap import build_runtime

    runtime = build_runtime(settings)
    app = build_app(runtime)
    if clock:
        ClockInOneWorker(runtime).mount(app)

    async def dispose(app: web.Application) -> None:
        runtime.engine.dispose()

    app.on_cleanup.append(dispose)
    # Our own runner, so that access lines go through `logging` as in one process.
    return web.AppRunner(
        app,
        keepalive_timeout=KEEPALIVE_SECONDS,
        access_log_class=AccessLog,
        shutdown_timeout=shutdown_timeout,
    )


class ClockInOneWorker:
    """The scheduler in the one worker that takes the clock's lock; the others only serve.

    A worker that dies lets the lock go (its connection or file closes), and the worker
    gunicorn starts in its place takes it.
    """

    def __init__(self, runtime: Runtime) -> None:
        from adapters.bootstrap import clock_lock

        self._runtime = runtime
        self._lock: ClockLock = clock_lock(runtime)
        self._held = False
        self._stop = asyncio.Event()
        self._jobs: asyncio.Task[None] | None = None

    def mount(self, app: web.Application) -> None:
        app.on_startup.append(self.start)
        app.on_shutdown.append(self.stop)

    async def start(self, app: web.Application) -> None:
        from adapters.cli.clock import run_jobs

        self._held = await asyncio.to_thread(self._lock.try_acquire)
        if not self._held:
            logger.info("the clock runs in another process; worker %d only serves", os.getpid())
            return
        logger.info("worker %d runs the clock", os.getpid())
        self._jobs = asyncio.create_task(run_jobs(self._runtime, self._stop))

    async def stop(self, app: web.Application) -> None:
        self._stop.set()
        if self._jobs is not None:
            await self._jobs
        if self._held:
            await asyncio.to_thread(self._lock.release)
            self._held = False


def _say_where(server: Any) -> None:
    """gunicorn's ``when_ready``: the address, as one process says it once it listens."""
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        warn(f"harmonibot web chat on http://{url_host(host)}:{port}/chat")


def _cannot_listen(host: str, port: int) -> OSError | None:
    """Why gunicorn could not bind ``host``:``port``, if it could not.

    Asked first because gunicorn tries five times, a second apart, before it gives up.
    """
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as error:
        return error
    return None
