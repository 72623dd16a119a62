"""The contact log behind the baseline, with the aggregates its reports group in SQL."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Integer, cast, delete, func, literal, select, update
from sqlalchemy.orm import Session

from commplan.contacts import Channel, Contact, Direction
from commplan.errors import NotFound
from commplan.organisations import parse_org_type, parse_user_group
from commplan.ports import ContactField
from storage.repositories._rows import rowcount, update_row
from storage.repositories._upsert import upsert
from storage.tables import ContactRow


class SqlContactRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, contact: Contact) -> bool:
        # ON CONFLICT DO NOTHING keeps a retried event or a re-read e-mail from logging twice,
        # even when two processes race.
        statement = upsert(
            self._session, ContactRow, _contact_fields(contact), on=["dedupe_key"]
        ).returning(ContactRow.id)
        return self._session.execute(statement).first() is not None

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]:
        query = select(ContactRow).order_by(ContactRow.occurred_on, ContactRow.id)
        if first is not None:
            query = query.where(ContactRow.occurred_on >= first)
        if last is not None:
            query = query.where(ContactRow.occurred_on <= last)
        return [_contact(row) for row in self._session.scalars(query)]

    def get(self, source_ref: str) -> Contact | None:
        row = self._session.scalar(select(ContactRow).where(ContactRow.dedupe_key == source_ref))
        return _contact(row) if row else None

    def save(self, contact: Contact) -> None:
        key = contact.dedupe_key
        row = self._session.scalar(select(ContactRow).where(ContactRow.dedupe_key == key))
        update_row(self._session, row, _contact_fields(contact), what="contact", key=key)

    def remove(self, source_ref: str) -> None:
        gone = self._session.execute(delete(ContactRow).where(ContactRow.dedupe_key == source_ref))
        if not rowcount(gone):
            raise NotFound("contact", source_ref)

    def counts(self, by: ContactField, first: date, last: date) -> dict[str, int]:
        key = self._group_key(by)
        query = (
            select(key.label("key"), func.count().label("n"))
            .where(ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
            .group_by(key)
        )
        return {str(k or ""): int(n) for k, n in self._session.execute(query)}

    def _group_key(self, by: ContactField) -> ColumnElement[Any]:
        dialect = self._session.get_bind().dialect.name
        day = ContactRow.occurred_on
        if by == "month":
            if dialect == "postgresql":
                return func.to_char(day, "YYYY-MM")
            return func.strftime("%Y-%m", day)
        if by == "quarter":
            if dialect == "postgresql":
                return func.to_char(day, 'YYYY-"Q"Q')
            month = cast(func.strftime("%m", day), Integer)
            quarter = cast((month + 2) / 3, Integer)
            return func.strftime("%Y", day).concat(literal("-Q")).concat(quarter)
        column: ColumnElement[Any] = getattr(ContactRow, by)
        return column

    def counts_by_month(
        self, by: ContactField, first: date, last: date
    ) -> dict[str, dict[str, int]]:
        month = self._group_key("month")
        key = self._group_key(by)
        query = (
            select(month.label("month"), key.label("key"), func.count().label("n"))
            .where(ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
            .group_by(month, key)
        )
        found: dict[str, dict[str, int]] = {}
        for month_label, group, count in self._session.execute(query):
            found.setdefault(str(month_label), {})[str(group or "")] = int(count)
        return found

    def erase(self, email: str) -> int:
        statement = delete(ContactRow).where(func.lower(ContactRow.email) == email.lower())
        return rowcount(self._session.execute(statement))

    def strip_before(self, day: date) -> int:
        personal = (ContactRow.name != "") | (ContactRow.email != "") | (ContactRow.summary != "")
        statement = (
            update(ContactRow)
            .where(ContactRow.occurred_on < day, personal)
            .values(name="", email="", summary="")
        )
        return rowcount(self._session.execute(statement))

    def last_contact(self, by: Literal["organisation", "user_group"]) -> dict[str, date]:
        column = getattr(ContactRow, by)
        query = (
            select(column, func.max(ContactRow.occurred_on)).where(column != "").group_by(column)
        )
        return {str(k): _as_date(v) for k, v in self._session.execute(query)}


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _contact_fields(contact: Contact) -> dict[str, Any]:
    return {
        "occurred_on": contact.on,
        "channel": contact.channel.value,
        "direction": contact.direction.value,
        "name": contact.name,
        "email": contact.email,
        "organisation": contact.organisation,
        "org_type": contact.org_type.value if contact.org_type else "",
        "user_group": contact.user_group.value if contact.user_group else "",
        "standard": contact.standard,
        "summary": contact.summary,
        "dedupe_key": contact.dedupe_key,
    }


def _contact(row: ContactRow) -> Contact:
    return Contact(
        on=row.occurred_on,
        channel=Channel(row.channel),
        direction=Direction(row.direction),
        name=row.name,
        email=row.email,
        organisation=row.organisation,
        org_type=parse_org_type(row.org_type),
        user_group=parse_user_group(row.user_group),
        standard=row.standard,
        summary=row.summary,
        source_ref=row.dedupe_key,
    )
