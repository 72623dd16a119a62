"""The database and its migrations, the time zone and the bank holidays."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import holidays
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from adapters.doctor.findings import Finding, first_line, ok, problem, warning
from adapters.settings import Settings
from storage import migrate

_MIGRATIONS = Path(migrate.__file__).parent / "migrations"
#: Zones that keep UK time, whose bank holidays the calendar knows.
_UK_ZONES = frozenset({"Europe/London", "Europe/Belfast", "GB", "GB-Eire"})


def check_database(engine: Engine) -> list[Finding]:
    """Whether the database opens and is at the newest migration; never creates or migrates."""
    where = engine.url.render_as_string(hide_password=True)
    if engine.url.get_backend_name() == "sqlite":
        path = engine.url.database or ""
        if path not in ("", ":memory:") and not Path(path).is_file():
            return [
                problem(
                    "database",
                    "database.exists",
                    f"there is no database file at {path}",
                    "run 'harmonibot init' (or set DATABASE_URL to the database you meant)",
                )
            ]
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as error:
        return [
            problem(
                "database",
                "database.connect",
                f"cannot open {where}: {first_line(error.__cause__ or error)}",
                "check DATABASE_URL, and that the database server is running and reachable",
            )
        ]
    found = [ok("database", "database.connect", f"{where} answers")]
    heads = set(ScriptDirectory(str(_MIGRATIONS)).get_heads())
    if not current:
        found.append(
            problem(
                "database",
                "database.migrations",
                "the database has no tables yet",
                "run 'harmonibot init' to create them and load the catalogue",
            )
        )
    elif current != heads:
        found.append(
            problem(
                "database",
                "database.migrations",
                f"the schema is at {', '.join(sorted(current))}, not the newest "
                f"({', '.join(sorted(heads))})",
                "run 'harmonibot db upgrade' (the release step of the Procfile does it)",
            )
        )
    else:
        found.append(ok("database", "database.migrations", "the schema is up to date"))
    return found


def check_calendar(settings: Settings, now: datetime) -> list[Finding]:
    """The time zone nudges and the digest keep, and the bank holidays they skip."""
    zone = settings.timezone.key
    local = now.astimezone(settings.timezone)
    found = [ok("calendar", "calendar.timezone", f"{zone}: it is {local:%a %-d %b %Y %H:%M} there")]
    if zone not in _UK_ZONES:
        found.append(
            warning(
                "calendar",
                "calendar.timezone",
                f"HARMONIBOT_TIMEZONE is {zone}, but the bank holidays are the UK's",
                "set HARMONIBOT_TIMEZONE=Europe/London unless the team works elsewhere",
            )
        )
    region = settings.holiday_region
    days = holidays.country_holidays("GB", subdiv=region, years=(local.year, local.year + 1))
    coming = sorted(day for day in days if isinstance(day, date) and day >= local.date())
    this_year = [day for day in days if isinstance(day, date) and day.year == local.year]
    if not this_year:
        found.append(
            problem(
                "calendar",
                "calendar.holidays",
                f"no bank holidays are known for {local.year} ({region})",
                "upgrade the holidays package: pip install -U holidays",
            )
        )
    elif coming:
        found.append(
            ok(
                "calendar",
                "calendar.holidays",
                f"{region} bank holidays: the next is {days.get(coming[0])} on "
                f"{coming[0]:%a %-d %b %Y}; no nudges that day",
            )
        )
    return found
