"""``harmonibot serve --workers N``: gunicorn's master forks N processes running aiohttp's worker.

The master restarts a worker that dies and passes SIGTERM on for a graceful stop; it serves
nothing itself and holds no database connection when it forks. Each worker builds its own
runtime (engine, pool, bot) and application after the fork, through the async factory
:func:`worker_app`. Whatever workers must agree on lives in the database: sessions,
single-use links, answered messages, dialogue drafts and conversation references.

Each worker listens on a socket of its own, all bound to the one port with ``SO_REUSEPORT``
(gunicorn's ``reuse_port``), and the kernel deals each new connection to one of them. With
one socket shared by all (gunicorn's default), every worker is woken by a new connection and
the first to run accepts all that are waiting (aiohttp's server takes up to 128 at once): in
bursts of 50 web chat users (bench/bench_concurrency.py) the busier worker took 56 to 78% of a
round's turns at the median and 86 to 100% at worst, and the burst's last replies waited on
it. Accepting one connection per turn of the loop did not help on a machine whose cores are
busy, since the worker already running takes the burst before the other is scheduled. The
kernel's choice (a hash of each connection's addresses and ports) does not depend on which
worker is running: the busier took 54 to 56% at the median and at most 68%, over the same
bursts. The cost: a worker that stops takes with it the connections still waiting in its own
socket's queue (the others' are untouched), and no socket holds the port while no worker runs.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from functools import partial
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
    host = settings.host
    port = _port_to_bind(host, settings.port)
    if isinstance(port, OSError):
        warn(f"cannot listen on {host}:{settings.port}: {port.strerror or port}")
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
        # A listening socket per worker, bound after the fork (see the module's docstring).
        "reuse_port": True,
        "when_ready": partial(_say_where, f"http://{url_host(host)}:{port}/chat"),
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


def _say_where(address: str, server: Any) -> None:
    """gunicorn's ``when_ready``: the address, as one process says it (the workers bind it as
    they start)."""
    warn(f"harmonibot web chat on {address}")


def _port_to_bind(host: str, port: int) -> int | OSError:
    """The port the workers are to bind at ``host`` (a free one for port 0, which each worker
    would otherwise take a different one for); or why they could not.

    Asked first because gunicorn's workers try five times, a second apart, before they give
    up; and without ``SO_REUSEPORT``, so that a port any other socket listens on is refused.
    """
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
            return int(probe.getsockname()[1])
    except OSError as error:
        return error
