"""Notices: messages for people without Slack or Teams, shown in their web chat."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.notices import Notice
from storage.repositories._erase import rows_naming
from storage.repositories._rows import rowcount
from storage.tables import NoticeRow


class SqlNoticeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, person: str, text: str, at: datetime, payload: dict[str, object] | None = None
    ) -> None:
        self._session.add(NoticeRow(person=person, text=text, created_at=at, payload=payload))
        self._session.flush()

    def for_person(self, person: str, since: datetime | None = None) -> list[tuple[datetime, str]]:
        query = select(NoticeRow).where(NoticeRow.person == person).order_by(NoticeRow.id)
        if since is not None:
            query = query.where(NoticeRow.created_at > since)
        return [(row.created_at, row.text) for row in self._session.scalars(query)]

    def after(self, people: Collection[str], after_id: int = 0, limit: int = 100) -> list[Notice]:
        query = (
            select(NoticeRow)
            .where(NoticeRow.person.in_(list(people)), NoticeRow.id > after_id)
            .order_by(NoticeRow.id)
            .limit(limit)
        )
        return [
            Notice(
                id=row.id,
                person=row.person,
                text=row.text,
                at=row.created_at,
                payload=row.payload,
            )
            for row in self._session.scalars(query)
        ]

    def erase_person(self, who: Erasure) -> int:
        rows = rows_naming(self._session, NoticeRow, ("person", "text", "payload"), who)
        gone = [
            row
            for row in rows
            if who.is_them(row.person) or who.mentions(row.text) or who.mentions(row.payload)
        ]
        for row in gone:
            self._session.delete(row)
        self._session.flush()
        return len(gone)

    def delete_before(self, cutoff: datetime) -> int:
        statement = delete(NoticeRow).where(NoticeRow.created_at < cutoff)
        return rowcount(self._session.execute(statement))
