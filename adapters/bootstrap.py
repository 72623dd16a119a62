"""The composition root: the only place that wires storage to the rest."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from adapters.calendar import uk_working_days
from adapters.charts import weekly_contacts_png
from adapters.email.graph import GraphSource
from adapters.email.imap import ImapSource
from adapters.outbox import ChatSender, RoutingMessenger
from adapters.scheduler import last_fire_time
from adapters.settings import Settings
from adapters.web.signin import links_base, sign_in_link, signing_key
from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.ports import MailSource
from bot.turn import Deps
from commplan.nudges import NudgePolicy
from commplan.ports import UnitOfWorkFactory
from commplan.ranking import StandardsIndex
from commplan.services.catalogue import catalogue
from commplan.services.intake import Intake
from storage.engine import make_engine
from storage.leader import ClockLock
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SystemClock:
    """The wall clock in the team's time zone."""

    zone: ZoneInfo

    def now(self) -> datetime:
        return datetime.now(self.zone)


@dataclass(frozen=True, kw_only=True)
class Runtime:
    """Everything built from settings, handed to whichever process runs."""

    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    clock: SystemClock


def build_runtime(settings: Settings) -> Runtime:
    """Build the engine and the unit-of-work factory; nothing touches the database yet."""
    engine = make_engine(settings.database_url)
    return Runtime(
        settings=settings,
        engine=engine,
        uow=unit_of_work_factory(engine),
        clock=SystemClock(zone=settings.timezone),
    )


class CatalogueIndex:
    """The standards index, built once and rebuilt when the catalogue changes.

    Checking costs one small query, at most once a minute, so an import in another process
    reaches the bot without a restart.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: SystemClock, every: float = 60.0) -> None:
        self._uow = uow
        self._clock = clock
        self._every = every
        self._lock = threading.Lock()
        self._index: StandardsIndex | None = None
        self._signature: tuple[object, ...] = ()
        self._checked = 0.0

    def __call__(self) -> StandardsIndex:
        with self._lock:
            now = time.monotonic()
            if self._index is not None and now - self._checked < self._every:
                return self._index
            self._checked = now
            standards = catalogue(self._uow())
            # The whole frozen values: every field the index reads (synonyms, topic, related,
            # group, ...) must count as a change, or an edit never reaches the bot.
            signature = tuple(standards)
            if self._index is None or signature != self._signature:
                self._index = StandardsIndex.build(standards)
                self._signature = signature
            return self._index


def build_bot(runtime: Runtime) -> BotCore:
    """The bot core every chat adapter talks to."""
    settings = runtime.settings
    base = links_base(settings.public_url, settings.host, settings.port)
    deps = Deps(
        uow=runtime.uow,
        clock=runtime.clock,
        standards=CatalogueIndex(runtime.uow, runtime.clock),
        dashboard_url=f"{base}/dashboard",
        # The key is read (or, for the embedded default, created) only when a link is made.
        dashboard_link=lambda person: sign_in_link(
            signing_key(settings.secret_key), person, runtime.clock, base
        ),
        chat_link=lambda person: sign_in_link(
            signing_key(settings.secret_key), person, runtime.clock, base, to="chat"
        ),
    )
    return BotCore(deps, builtin_router())


def build_job_deps(runtime: Runtime) -> JobDeps:
    """What the clock's jobs need, from the settings; nothing touches the database yet."""
    settings = runtime.settings
    base = links_base(settings.public_url, settings.host, settings.port)
    return JobDeps(
        uow=runtime.uow,
        clock=runtime.clock,
        standards=CatalogueIndex(runtime.uow, runtime.clock),
        # Weekends and the configured nation's bank holidays off.
        calendar=uk_working_days(settings.holiday_region),
        zone=settings.timezone,
        policy=NudgePolicy(
            offsets=settings.nudge_days_before,
            hour=settings.nudge_hour,
            escalate_after_weeks=settings.escalate_after_weeks,
            unanswered_after_days=settings.unanswered_after_days,
        ),
        dashboard_url=f"{base}/dashboard",
        team_addresses=team_addresses(settings),
        draw_chart=weekly_contacts_png,
        last_digest=partial(last_fire_time, settings.digest_cron, settings.timezone),
    )


def wants_teams(runtime: Runtime) -> bool:
    """Whether the bot's own messages go through Teams; may read the database."""
    if not runtime.settings.teams:
        return False
    # Imported here: the Agents SDK takes a second to import, which most commands never need.
    from adapters.teams.store import teams_in_use

    return teams_in_use(runtime.settings.teams, runtime.uow)


def build_messenger(runtime: Runtime, *, teams: bool | None = None) -> RoutingMessenger:
    """The outbound side of every configured chat, for nudges and the digest.

    ``teams`` is :func:`wants_teams`, when the caller has asked already (off the event loop).
    """
    senders: list[ChatSender] = []
    # Each chat platform appends its sender here when its settings are present.
    if runtime.settings.slack:
        # Imported only when configured, like the platform itself.
        from adapters.slack.sender import SlackSender

        senders.append(SlackSender.from_settings(runtime.settings.slack, runtime.uow))
    if teams is None:
        teams = wants_teams(runtime)
    if teams:
        from adapters.teams.sender import TeamsSender

        senders.append(TeamsSender.from_runtime(runtime))
    return RoutingMessenger(runtime.uow, runtime.clock, senders)


def team_addresses(settings: Settings) -> frozenset[str]:
    """The team's own addresses: the configured one and the polled mailbox's."""
    addresses = {settings.team_address} if settings.team_address else set()
    if settings.imap and "@" in settings.imap.username:
        addresses.add(settings.imap.username.lower())
    if settings.graph:
        addresses.add(settings.graph.mailbox.lower())
    return frozenset(addresses)


def build_intake(runtime: Runtime, *, archived: bool = False) -> Intake:
    """What logging mail by hand (``inbox import``) needs; reads the catalogue."""
    return Intake(
        standards=CatalogueIndex(runtime.uow, runtime.clock)(),
        team_addresses=team_addresses(runtime.settings),
        now=runtime.clock.now,
        archived=archived,
    )


def mail_source(runtime: Runtime) -> MailSource | None:
    """The configured mailbox: IMAP when IMAP_HOST is set, else Graph, else none."""
    settings = runtime.settings
    if settings.imap is not None:
        return ImapSource(settings.imap)
    if settings.graph is not None:
        return GraphSource(settings.graph)
    return None


def clock_lock(runtime: Runtime) -> ClockLock:
    """The lock that lets exactly one clock process work."""
    return ClockLock(runtime.engine)


def migrate(runtime: Runtime) -> None:
    """Create or migrate the schema to the newest revision."""
    logger.info("migrating %s", runtime.engine.url.render_as_string(hide_password=True))
    upgrade(runtime.engine)
