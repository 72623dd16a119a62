"""Harmonisation champions and their quarterly updates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from commplan.champions import Champion, ChampionUpdate
from commplan.erasure import Erasure
from storage.repositories._erase import redact_rows
from storage.repositories._upsert import upsert
from storage.tables import ChampionRow, ChampionUpdateRow, PersonRow


class SqlChampionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Champion]:
        rows = self._session.execute(
            select(ChampionRow, PersonRow.name)
            .join(PersonRow, PersonRow.id == ChampionRow.person_id)
            .order_by(ChampionRow.organisation, PersonRow.name)
        )
        return [_champion(row, name) for row, name in rows]

    def get(self, person_id: int) -> Champion | None:
        found = self._session.execute(
            select(ChampionRow, PersonRow.name)
            .join(PersonRow, PersonRow.id == ChampionRow.person_id)
            .where(ChampionRow.person_id == person_id)
        ).first()
        return _champion(*found) if found else None

    def appoint(self, person_id: int, organisation: str, at: datetime) -> None:
        row = self._session.get(ChampionRow, person_id)
        if row is None:
            self._session.add(ChampionRow(person_id=person_id, organisation=organisation, since=at))
        elif row.organisation != organisation:
            row.organisation, row.since = organisation, at
        self._session.flush()

    def remove(self, person_id: int) -> bool:
        row = self._session.get(ChampionRow, person_id)
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True

    def add_update(self, given: ChampionUpdate) -> bool:
        values = {
            "key": given.key,
            "person_id": given.person_id,
            "organisation": given.organisation,
            "quarter": given.quarter,
            "harmonised": given.harmonised,
            "blocked": given.blocked,
            "at": given.at,
        }
        # One statement: two deliveries of the same message racing cannot both store it.
        statement = upsert(self._session, ChampionUpdateRow, values, on=["key"])
        new_id = self._session.scalar(statement.returning(ChampionUpdateRow.id))
        if new_id is None:
            return False
        self._session.execute(
            update(ChampionUpdateRow)
            .where(
                ChampionUpdateRow.person_id == given.person_id,
                ChampionUpdateRow.quarter == given.quarter,
                ChampionUpdateRow.replaced_at.is_(None),
                ChampionUpdateRow.id != new_id,
            )
            .values(replaced_at=given.at)
        )
        return True

    def updates(self, quarter: str = "", *, replaced: bool = False) -> list[ChampionUpdate]:
        query = select(ChampionUpdateRow, PersonRow.name).join(
            PersonRow, PersonRow.id == ChampionUpdateRow.person_id
        )
        if quarter:
            query = query.where(ChampionUpdateRow.quarter == quarter)
        if not replaced:
            query = query.where(ChampionUpdateRow.replaced_at.is_(None))
        rows = self._session.execute(query.order_by(ChampionUpdateRow.at, ChampionUpdateRow.id))
        return [_update(row, name) for row, name in rows]

    def erase_person(self, who: Erasure) -> int:
        # What champions wrote may name a colleague; the message key may hold a chat id.
        return redact_rows(self._session, ChampionUpdateRow, ("key", "harmonised", "blocked"), who)


def _champion(row: ChampionRow, name: str) -> Champion:
    return Champion(
        person_id=row.person_id, person=name, organisation=row.organisation, since=row.since
    )


def _update(row: ChampionUpdateRow, name: str) -> ChampionUpdate:
    return ChampionUpdate(
        person_id=row.person_id,
        person=name,
        organisation=row.organisation,
        quarter=row.quarter,
        harmonised=row.harmonised,
        blocked=row.blocked,
        at=row.at,
        key=row.key,
        replaced_at=row.replaced_at,
    )
