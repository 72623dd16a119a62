"""The contact log behind the baseline, with the aggregates its reports group in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    cast,
    delete,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Session

from commplan.contacts import ChangeKind, Channel, Contact, ContactChange, Direction
from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.organisations import Organisation, parse_org_type, parse_user_group
from commplan.paging import Page
from commplan.ports import ContactField
from storage.repositories._erase import redact_row, redact_rows, rows_naming
from storage.repositories._rows import rowcount, update_row
from storage.repositories._upsert import upsert
from storage.tables import ContactChangeRow, ContactRow

_PERSONAL_FIELDS = ("name", "email", "summary")


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

    def page(self, first: date, last: date, *, limit: int) -> Page[Contact]:
        within = (ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
        total = self._session.scalar(select(func.count()).select_from(ContactRow).where(*within))
        query = (
            select(ContactRow)
            .where(*within)
            .order_by(ContactRow.occurred_on.desc(), ContactRow.id.desc())
            .limit(limit)
        )
        rows = tuple(_contact(row) for row in self._session.scalars(query))
        return Page(rows=rows, total=int(total or 0))

    def last_contact_of(
        self, by: Literal["organisation", "user_group"], names: Sequence[str], *, upto: date
    ) -> dict[str, date]:
        if not names:
            return {}
        column = getattr(ContactRow, by)
        # The names as rows of a JSON list: both databases read one, neither needs a VALUES
        # list with column names (SQLite has none).
        listed = literal(list(names), JSON)
        if self._session.get_bind().dialect.name == "postgresql":
            wanted = func.json_array_elements_text(listed).table_valued("value")
        else:
            wanted = func.json_each(listed).table_valued("value")
        # One index seek per name on (name, occurred_on): the latest day of each, rather than
        # grouping every contact ever logged.
        latest = (
            select(func.max(ContactRow.occurred_on))
            .where(column == wanted.c.value, ContactRow.occurred_on <= upto)
            .scalar_subquery()
        )
        query = select(wanted.c.value, latest)
        return {str(k): _as_date(v) for k, v in self._session.execute(query) if v is not None}

    def save(self, contact: Contact) -> None:
        key = contact.dedupe_key
        row = self._session.scalar(select(ContactRow).where(ContactRow.dedupe_key == key))
        update_row(self._session, row, _contact_fields(contact), what="contact", key=key)

    def by_id(self, contact_id: int) -> Contact | None:
        row = self._session.get(ContactRow, contact_id)
        return _contact(row) if row else None

    def update(self, contact: Contact) -> None:
        # By number, and the dedupe key stays: editing a contact's date or summary must not
        # let the same message or file row be logged again as a second contact.
        row = self._session.get(ContactRow, contact.id)
        fields = _contact_fields(contact)
        del fields["dedupe_key"]
        update_row(self._session, row, fields, what="contact", key=contact.id)

    def delete(self, contact_id: int) -> bool:
        statement = delete(ContactRow).where(ContactRow.id == contact_id)
        return rowcount(self._session.execute(statement)) > 0

    def restore(self, contact: Contact) -> bool:
        fields = {"id": contact.id, **_contact_fields(contact)}
        statement = upsert(self._session, ContactRow, fields, on=["dedupe_key"]).returning(
            ContactRow.id
        )
        return self._session.execute(statement).first() is not None

    def record(self, change: ContactChange) -> None:
        self._session.add(
            ContactChangeRow(
                contact_id=change.contact_id,
                changed_at=change.at,
                changed_by=change.by,
                kind=change.kind.value,
                field=change.field,
                before=change.before,
                after=change.after,
            )
        )
        self._session.flush()

    def history(self, contact_id: int) -> list[ContactChange]:
        query = (
            select(ContactChangeRow)
            .where(ContactChangeRow.contact_id == contact_id)
            .order_by(ContactChangeRow.changed_at, ContactChangeRow.id)
        )
        return [
            ContactChange(
                contact_id=row.contact_id,
                at=row.changed_at,
                by=row.changed_by,
                kind=ChangeKind(row.kind),
                field=row.field,
                before=row.before,
                after=row.after,
            )
            for row in self._session.scalars(query)
        ]

    def organisations_of_domain(self, domain: str) -> set[str]:
        pattern = "%@" + domain.lower().replace("\\", "\\\\").replace("%", "\\%").replace(
            "_", "\\_"
        )
        query = (
            select(ContactRow.organisation)
            .where(func.lower(ContactRow.email).like(pattern, escape="\\"))
            .distinct()
        )
        return {str(name) for name in self._session.scalars(query)}

    def refile(self, organisation: str, to: Organisation) -> int:
        statement = (
            update(ContactRow)
            .where(ContactRow.organisation == organisation)
            .values(
                organisation=to.name,
                org_type=to.org_type.value if to.org_type else "",
                user_group=to.user_group.value if to.user_group else "",
            )
        )
        return rowcount(self._session.execute(statement))

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

    def counts_by_day(
        self, by: ContactField, first: date, last: date
    ) -> dict[date, dict[str, int]]:
        key = self._group_key(by)
        query = (
            select(ContactRow.occurred_on, key.label("key"), func.count().label("n"))
            .where(ContactRow.occurred_on >= first, ContactRow.occurred_on <= last)
            .group_by(ContactRow.occurred_on, key)
        )
        found: dict[date, dict[str, int]] = {}
        for day, group, count in self._session.execute(query):
            found.setdefault(day, {})[str(group or "")] = int(count)
        return found

    def of_person(self, email: str) -> list[Contact]:
        query = select(ContactRow).where(func.lower(ContactRow.email) == email.strip().lower())
        return [_contact(row) for row in self._session.scalars(query.order_by(ContactRow.id))]

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        theirs: list[int] = []
        for row in rows_naming(self._session, ContactRow, _PERSONAL, who):
            if who.is_them(row.email) or who.is_them(row.name):
                # Theirs: what the baseline counts stays, as retention leaves it.
                row.name, row.email, row.summary = "", "", ""
                row.dedupe_key = who.redact(row.dedupe_key)
                theirs.append(row.id)
                changed += 1
            else:
                changed += redact_row(row, _PERSONAL, who)
        if theirs:
            # Their contacts' history held the same personal fields: they go the same way.
            self._session.execute(
                update(ContactChangeRow)
                .where(
                    ContactChangeRow.contact_id.in_(theirs),
                    ContactChangeRow.field.in_(_PERSONAL_FIELDS),
                )
                .values(before="", after="")
            )
        redact_rows(self._session, ContactChangeRow, ("changed_by", "before", "after"), who)
        self._session.flush()
        return changed

    def strip_before(self, day: date) -> int:
        personal = (ContactRow.name != "") | (ContactRow.email != "") | (ContactRow.summary != "")
        statement = (
            update(ContactRow)
            .where(ContactRow.occurred_on < day, personal)
            .values(name="", email="", summary="")
        )
        stripped = rowcount(self._session.execute(statement))
        # What the history said of those contacts' people goes with them.
        old = select(ContactRow.id).where(ContactRow.occurred_on < day).scalar_subquery()
        self._session.execute(
            update(ContactChangeRow)
            .where(ContactChangeRow.contact_id.in_(old))
            .values(before="", after="")
        )
        return stripped

    def last_contact(self, by: Literal["organisation", "user_group"]) -> dict[str, date]:
        column = getattr(ContactRow, by)
        query = (
            select(column, func.max(ContactRow.occurred_on)).where(column != "").group_by(column)
        )
        return {str(k): _as_date(v) for k, v in self._session.execute(query)}


#: Where a contact may name a person: a chat message's key holds its sender's chat id.
_PERSONAL = ("name", "email", "summary", "dedupe_key")


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
        "topic_confidence": contact.topic_confidence,
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
        topic_confidence=float(row.topic_confidence or 0.0),
        id=row.id,
    )
