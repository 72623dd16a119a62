"""The composition root: the only place that wires storage to the rest."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from adapters.settings import Settings
from commplan.ports import UnitOfWorkFactory
from storage.engine import make_engine
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


def migrate(runtime: Runtime) -> None:
    """Create or migrate the schema to the newest revision."""
    logger.info("migrating %s", runtime.engine.url.render_as_string(hide_password=True))
    upgrade(runtime.engine)
