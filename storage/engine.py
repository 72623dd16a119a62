"""Engines for SQLite and PostgreSQL built from a database URL, and what to say when one
cannot be built or reached."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

#: The databases harmonibot runs on (the drivers it installs).
BACKENDS = ("sqlite", "postgresql")
_EXAMPLES = "e.g. sqlite:///harmonibot.db or postgresql://user:password@host:5432/harmonibot"


class DatabaseUrlError(ValueError):
    """``DATABASE_URL`` names nothing harmonibot can open; the message says why, in one line
    and without the password."""


def normalise_url(url: str) -> str:
    """Map Heroku-style ``postgres://`` and bare ``postgresql://`` URLs to psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for the URL; SQLite gets WAL, foreign keys, a busy timeout, and a new
    database file readable by its owner only.

    Raises:
        DatabaseUrlError: the URL is not one, or names a database or driver not installed.
    """
    parsed = _parsed(normalise_url(url))
    try:
        if parsed.get_backend_name() != "sqlite":
            kwargs.setdefault("pool_pre_ping", True)
            return create_engine(parsed, **kwargs)
        engine = create_engine(parsed, connect_args={"timeout": 30}, **kwargs)
    except (ArgumentError, ImportError) as error:
        raise DatabaseUrlError(f"DATABASE_URL {_safe(parsed)}: {_first_line(error)}") from None

    @event.listens_for(engine, "do_connect")
    def _private_file(_dialect: Any, _record: Any, _args: Any, _params: Any) -> None:
        # Contacts are personal data: the file SQLite would create with the umask's mode
        # (often world-readable) is created here first, for its owner alone. Its -wal and
        # -shm files take the same mode from it.
        path = sqlite_file(parsed)
        if path is not None and not path.exists():
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                pass  # another process made it first
            except OSError:
                pass  # SQLite's own error names the problem better

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the web process read while the clock writes; the busy timeout makes a
        # writer wait for the other instead of failing at once.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database or another backend."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in ("", ":memory:"):
        return None
    if database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return Path(database)


def describe_failure(error: SQLAlchemyError, url: str) -> str:
    """One line for a database that could not be used: where, and the driver's first line
    (never the statement or its values)."""
    parsed: URL | None
    try:
        parsed = _parsed(normalise_url(url))
    except DatabaseUrlError:
        parsed = None
    where = _safe(parsed) if parsed is not None else "(the configured database)"
    reason = _first_line(error.orig if isinstance(error, DBAPIError) else error)
    path = sqlite_file(parsed) if parsed is not None else None
    if path is not None and not path.parent.is_dir():
        reason = f"there is no folder {path.parent}"
    return f"could not use the database {where}: {reason}"


def _parsed(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        # The text may hold a password: it is not repeated.
        raise DatabaseUrlError(f"DATABASE_URL is not a database URL ({_EXAMPLES})") from None
    if parsed.get_backend_name() not in BACKENDS:
        raise DatabaseUrlError(
            f"DATABASE_URL names {parsed.get_backend_name()!r}, which harmonibot does not run "
            f"on ({_EXAMPLES})"
        )
    return parsed


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _first_line(error: BaseException | None) -> str:
    lines = str(error or "").strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__
