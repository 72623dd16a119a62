"""The harmonisation inbox: queries tracked to an answer, and where each mailbox poll stopped."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select, update
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.inbox_figures import QueryTimes
from commplan.organisations import (
    Organisation,
    OrgType,
    UserGroup,
    parse_org_type,
    parse_user_group,
)
from commplan.paging import Page
from commplan.queries import InboxQuery, QueryState
from storage.repositories._erase import redact_row, rows_naming
from storage.repositories._rows import rowcount, update_row
from storage.tables import InboxQueryRow, MailboxCursorRow

#: Where a query may name a person: a colleague's mail quoting them, or one assigned to them.
_PERSONAL = ("key", "thread", "sender_name", "sender_email", "subject", "summary", "assignee")
_OPEN = (QueryState.NEW.value, QueryState.TAKEN.value)
#: Every column as plain rows: a dashboard reads thousands of queries, and ORM objects cost
#: six times as much to load as the values they hold.
_FIELDS = (
    "key",
    "thread",
    "received_at",
    "sender_name",
    "sender_email",
    "organisation",
    "org_type",
    "user_group",
    "subject",
    "summary",
    "standard",
    "state",
    "assignee",
    "answered_at",
)
_COLUMNS = select(*(InboxQueryRow.__table__.c[name] for name in _FIELDS))


class SqlQueryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, key: str) -> InboxQueryRow | None:
        row: InboxQueryRow | None = self._session.scalar(
            select(InboxQueryRow).where(InboxQueryRow.key == key)
        )
        return row

    def add(self, query: InboxQuery) -> None:
        # A plain INSERT: ingesting an archive adds thousands, and ORM objects cost more.
        row = {"key": query.key, "ref": query.ref, **_query_fields(query)}
        self._session.execute(insert(InboxQueryRow).values(row))

    def get(self, key: str) -> InboxQuery | None:
        row = self._row(key)
        return _query(row) if row else None

    def by_thread(self, thread: str) -> InboxQuery | None:
        row = self._session.scalar(
            select(InboxQueryRow)
            .where(InboxQueryRow.thread == thread)
            .order_by(InboxQueryRow.received_at)
            .limit(1)
        )
        return _query(row) if row else None

    def save(self, query: InboxQuery) -> None:
        row = self._row(query.key)
        update_row(self._session, row, _query_fields(query), what="inbox query", key=query.key)

    def remove(self, key: str) -> bool:
        gone = self._session.execute(delete(InboxQueryRow).where(InboxQueryRow.key == key))
        return rowcount(gone) > 0

    def all(self, first: datetime | None = None, last: datetime | None = None) -> list[InboxQuery]:
        query = select(InboxQueryRow).order_by(InboxQueryRow.received_at)
        if first is not None:
            query = query.where(InboxQueryRow.received_at >= first)
        if last is not None:
            query = query.where(InboxQueryRow.received_at <= last)
        return [_query(row) for row in self._session.scalars(query)]

    def open(self) -> list[InboxQuery]:
        query = _COLUMNS.where(InboxQueryRow.state.in_(_OPEN)).order_by(InboxQueryRow.received_at)
        return [_query_of(row._mapping) for row in self._session.execute(query)]

    def open_page(self, *, limit: int) -> Page[InboxQuery]:
        waiting = InboxQueryRow.state.in_(_OPEN)
        total = self._session.scalar(select(func.count()).select_from(InboxQueryRow).where(waiting))
        query = (
            select(InboxQueryRow)
            .where(waiting)
            .order_by(InboxQueryRow.received_at, InboxQueryRow.key)
            .limit(limit)
        )
        rows = tuple(_query(row) for row in self._session.scalars(query))
        return Page(rows=rows, total=int(total or 0))

    def answered_between(self, first: datetime, before: datetime) -> list[InboxQuery]:
        query = (
            select(InboxQueryRow)
            .where(InboxQueryRow.answered_at >= first, InboxQueryRow.answered_at < before)
            .order_by(InboxQueryRow.received_at)
        )
        return [_query(row) for row in self._session.scalars(query)]

    def by_ref(self, ref: str) -> InboxQuery | None:
        query = (
            select(InboxQueryRow)
            .where(InboxQueryRow.ref == ref.strip().lower())
            .order_by(InboxQueryRow.received_at, InboxQueryRow.key)
            .limit(1)
        )
        row = self._session.scalar(query)
        return _query(row) if row else None

    def touched(self, first: datetime, before: datetime) -> list[InboxQuery]:
        rows = self._session.execute(_COLUMNS.where(_touching(first, before)))
        # Sorted here, not in SQL, so that keys order by code point under any collation.
        return sorted(
            (_query_of(row._mapping) for row in rows), key=lambda q: (q.received_at, q.key)
        )

    def touched_times(self, first: datetime, before: datetime) -> list[QueryTimes]:
        row = InboxQueryRow
        query = select(
            row.key, row.subject, row.organisation, row.received_at, row.answered_at, row.state
        ).where(_touching(first, before))
        rows = self._session.execute(query)
        found = [
            QueryTimes(
                key=key,
                subject=subject,
                organisation=organisation,
                received_at=received_at,
                answered_at=answered_at,
                open=state in _OPEN,
            )
            for key, subject, organisation, received_at, answered_at, state in rows
        ]
        return sorted(found, key=lambda q: (q.received_at, q.key))

    def refile(self, organisation: str, to: Organisation) -> int:
        statement = (
            update(InboxQueryRow)
            .where(InboxQueryRow.organisation == organisation)
            .values(
                organisation=to.name,
                org_type=to.org_type.value if to.org_type else "",
                user_group=to.user_group.value if to.user_group else "",
            )
        )
        return rowcount(self._session.execute(statement))

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for row in rows_naming(self._session, InboxQueryRow, _PERSONAL, who):
            if who.is_them(row.sender_email) or who.is_them(row.sender_name):
                # Theirs: kept for the inbox figures (when it came, when it was answered).
                row.sender_name, row.sender_email, row.subject, row.summary = "", "", "", ""
                redact_row(row, ("key", "thread", "assignee"), who)
                changed += 1
            else:
                changed += redact_row(row, _PERSONAL, who)
            row.ref = _query(row).ref  # the key may have named them
        self._session.flush()
        return changed

    def strip_before(self, moment: datetime) -> int:
        statement = (
            update(InboxQueryRow)
            .where(InboxQueryRow.received_at < moment, InboxQueryRow.sender_email != "")
            .values(sender_name="", sender_email="", subject="", summary="")
        )
        return rowcount(self._session.execute(statement))


def _touching(first: datetime, before: datetime) -> ColumnElement[bool]:
    """Received or first answered in the range, or still open."""
    arrived = (InboxQueryRow.received_at >= first) & (InboxQueryRow.received_at < before)
    answered = (InboxQueryRow.answered_at >= first) & (InboxQueryRow.answered_at < before)
    return arrived | answered | InboxQueryRow.state.in_(_OPEN)


def _query_fields(query: InboxQuery) -> dict[str, Any]:
    return {
        "thread": query.thread,
        "received_at": query.received_at,
        "sender_name": query.sender_name,
        "sender_email": query.sender_email,
        "organisation": query.organisation,
        "org_type": query.org_type.value if query.org_type else "",
        "user_group": query.user_group.value if query.user_group else "",
        "subject": query.subject,
        "summary": query.summary,
        "standard": query.standard,
        "state": query.state.value,
        "assignee": query.assignee,
        "answered_at": query.answered_at,
    }


def _query(row: InboxQueryRow) -> InboxQuery:
    return _query_of({name: getattr(row, name) for name in _FIELDS})


# Stored labels are few and always the same: parsed once each, not once a query.
@functools.lru_cache(maxsize=64)
def _org_type(text: str) -> OrgType | None:
    return parse_org_type(text)


@functools.lru_cache(maxsize=64)
def _user_group(text: str) -> UserGroup | None:
    return parse_user_group(text)


def _query_of(values: Mapping[Any, Any]) -> InboxQuery:
    return InboxQuery(
        key=values["key"],
        thread=values["thread"],
        received_at=values["received_at"],
        sender_name=values["sender_name"],
        sender_email=values["sender_email"],
        organisation=values["organisation"],
        org_type=_org_type(values["org_type"]),
        user_group=_user_group(values["user_group"]),
        subject=values["subject"],
        summary=values["summary"],
        standard=values["standard"],
        state=QueryState(values["state"]),
        assignee=values["assignee"],
        answered_at=values["answered_at"],
    )


class SqlMailboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def cursor(self, mailbox: str) -> str:
        row = self._session.get(MailboxCursorRow, mailbox)
        return row.cursor if row else ""

    def set_cursor(self, mailbox: str, cursor: str, at: datetime) -> None:
        row = self._session.get(MailboxCursorRow, mailbox)
        if row is None:
            self._session.add(MailboxCursorRow(mailbox=mailbox, cursor=cursor, updated_at=at))
        else:
            row.cursor = cursor
            row.updated_at = at
        self._session.flush()
