"""Once-only keys: a key can be claimed once, so that nothing scheduled is sent twice."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from functools import cache

from sqlalchemy import Insert, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.ports import Claim
from storage.repositories._erase import redact_row, rows_naming
from storage.repositories._upsert import upsert
from storage.tables import ClaimRow

# Chunks keep an IN list or a multi-row INSERT within every driver's parameter limit.
_CHUNK = 500


@cache
def _claim_one(dialect: str) -> Insert:
    """One claim's INSERT ... ON CONFLICT DO NOTHING RETURNING key, given its values to run."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(ClaimRow).on_conflict_do_nothing(index_elements=["key"])
    return statement.returning(ClaimRow.key)


class SqlClaimRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, key: str, *, kind: str, person: str, item: str, at: datetime) -> bool:
        # Every chat turn claims its message: one statement built once per process, run on
        # the session's connection (nothing of the ORM's is needed to insert one row).
        values = {"key": key, "kind": kind, "person": person, "item": item}
        statement = _claim_one(self._session.get_bind().dialect.name)
        result = self._session.connection().execute(
            statement, {**values, "claimed_at": at, "channel": ""}
        )
        return result.first() is not None

    def claimed(
        self,
        keys: Collection[str],
        *,
        unsent_before: datetime | None = None,
        since: datetime | None = None,
    ) -> set[str]:
        found: set[str] = set()
        wanted = list(keys)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            query = select(ClaimRow.key).where(ClaimRow.key.in_(chunk))
            if unsent_before is not None:
                query = query.where(
                    ClaimRow.sent_at.is_not(None) | (ClaimRow.claimed_at >= unsent_before)
                )
            if since is not None:
                query = query.where(ClaimRow.claimed_at >= since)
            found.update(self._session.scalars(query))
        return found

    def claimants(self, keys: Collection[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(keys)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            query = select(ClaimRow.person).where(ClaimRow.key.in_(chunk), ClaimRow.person != "")
            found.update(self._session.scalars(query))
        return found

    def claim_many(
        self, claims: Sequence[Claim], at: datetime, *, retake_before: datetime | None = None
    ) -> set[str]:
        if retake_before is not None:
            return self._claim_leased(claims, at, retake_before)
        won: set[str] = set()
        for start in range(0, len(claims), _CHUNK):
            rows = [
                {
                    "key": c.key,
                    "kind": c.kind,
                    "person": c.person,
                    "item": c.item,
                    "claimed_at": at,
                    "channel": "",
                }
                for c in claims[start : start + _CHUNK]
            ]
            statement = upsert(self._session, ClaimRow, rows, on=["key"])
            won.update(self._session.scalars(statement.returning(ClaimRow.key)))
        return won

    def _claim_leased(
        self, claims: Sequence[Claim], at: datetime, retake_before: datetime
    ) -> set[str]:
        # One statement per chunk: a stale unsent row is taken over in the same INSERT, and a
        # second process racing for it re-reads the row after the first and finds it fresh.
        dialect = self._session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        won: set[str] = set()
        for start in range(0, len(claims), _CHUNK):
            rows = [
                {
                    "key": c.key,
                    "kind": c.kind,
                    "person": c.person,
                    "item": c.item,
                    "claimed_at": at,
                    "channel": "",
                }
                for c in claims[start : start + _CHUNK]
            ]
            statement = insert(ClaimRow).values(rows)
            statement = statement.on_conflict_do_update(
                index_elements=["key"],
                set_={"claimed_at": statement.excluded.claimed_at},
                where=ClaimRow.sent_at.is_(None) & (ClaimRow.claimed_at < retake_before),
            )
            won.update(self._session.scalars(statement.returning(ClaimRow.key)))
        return won

    def mark_sent(self, key: str, *, channel: str, at: datetime) -> None:
        row = self._session.get(ClaimRow, key)
        if row is None:
            raise NotFound("claim", key)
        row.sent_at = at
        row.channel = channel
        self._session.flush()

    def mark_all_sent(self, channels: Mapping[str, str], at: datetime) -> None:
        if not channels:
            return
        statement = (
            update(ClaimRow)
            .where(ClaimRow.key == bindparam("claimed_key"))
            .values(sent_at=at, channel=bindparam("sent_channel"))
        )
        self._session.connection().execute(
            statement,
            [{"claimed_key": k, "sent_channel": c} for k, c in channels.items()],
        )

    def release(self, key: str) -> None:
        row = self._session.get(ClaimRow, key)
        if row is not None:
            self._session.delete(row)
            self._session.flush()

    def unreachable_since(self, since: datetime) -> list[str]:
        query = (
            select(ClaimRow.person)
            .where(ClaimRow.channel == "unreachable", ClaimRow.claimed_at >= since)
            .distinct()
            .order_by(ClaimRow.person)
        )
        return list(self._session.scalars(query))

    def forget(self, kind: str, before: datetime) -> int:
        result = self._session.execute(
            delete(ClaimRow).where(ClaimRow.kind == kind, ClaimRow.claimed_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for row in rows_naming(self._session, ClaimRow, ("key", "person", "item"), who):
            if who.mentions(row.key):
                # A key cannot be rewritten and still guard what it guards: it goes.
                self._session.delete(row)
                changed += 1
            else:
                changed += redact_row(row, ("person", "item"), who)
        self._session.flush()
        return changed
