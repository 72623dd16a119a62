"""Fake inbox queries and mailbox cursors."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.inbox_figures import QueryTimes
from commplan.organisations import Organisation
from commplan.paging import Page
from commplan.queries import InboxQuery
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeQueries(Repo):
    def add(self, query: InboxQuery) -> None:
        self._s.queries[query.key] = query

    def get(self, key: str) -> InboxQuery | None:
        return self._s.queries.get(key)

    def remove(self, key: str) -> bool:
        return self._s.queries.pop(key, None) is not None

    def by_thread(self, thread: str) -> InboxQuery | None:
        found = [q for q in self._s.queries.values() if q.thread == thread]
        return min(found, key=lambda q: q.received_at) if found else None

    def save(self, query: InboxQuery) -> None:
        if query.key not in self._s.queries:
            raise NotFound("inbox query", query.key)
        self._s.queries[query.key] = query

    def all(self, first: datetime | None = None, last: datetime | None = None) -> list[InboxQuery]:
        return sorted(
            (
                q
                for q in self._s.queries.values()
                if (first is None or q.received_at >= first)
                and (last is None or q.received_at <= last)
            ),
            key=lambda q: q.received_at,
        )

    def open(self) -> list[InboxQuery]:
        return [q for q in self.all() if q.open]

    def open_page(self, *, limit: int) -> Page[InboxQuery]:
        waiting = sorted(self.open(), key=lambda q: (q.received_at, q.key))
        return Page.of(waiting, limit)

    def answered_between(self, first: datetime, before: datetime) -> list[InboxQuery]:
        return [
            q for q in self.all() if q.answered_at is not None and first <= q.answered_at < before
        ]

    def by_ref(self, ref: str) -> InboxQuery | None:
        found = [q for q in self._s.queries.values() if q.ref == ref.strip().lower()]
        return min(found, key=lambda q: (q.received_at, q.key), default=None)

    def touched(self, first: datetime, before: datetime) -> list[InboxQuery]:
        return sorted(
            (
                q
                for q in self._s.queries.values()
                if first <= q.received_at < before
                or (q.answered_at is not None and first <= q.answered_at < before)
                or q.open
            ),
            key=lambda q: (q.received_at, q.key),
        )

    def touched_times(self, first: datetime, before: datetime) -> list[QueryTimes]:
        return [QueryTimes.of(q) for q in self.touched(first, before)]

    def refile(self, organisation: str, to: Organisation) -> int:
        moved = 0
        for key, q in list(self._s.queries.items()):
            if q.organisation == organisation:
                self._s.queries[key] = replace(
                    q, organisation=to.name, org_type=to.org_type, user_group=to.user_group
                )
                moved += 1
        return moved

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, query in list(self._s.queries.items()):
            new = query
            if who.is_them(query.sender_email) or who.is_them(query.sender_name):
                new = replace(query, sender_name="", sender_email="", subject="", summary="")
            fields = ("key", "thread", "sender_name", "sender_email", "subject", "summary")
            new = redacted(new, (*fields, "assignee"), who)
            if new != query:
                del self._s.queries[key]
                self._s.queries[new.key] = new
                changed += 1
        return changed

    def strip_before(self, moment: datetime) -> int:
        changed = 0
        for key, q in list(self._s.queries.items()):
            if q.received_at < moment and q.sender_email:
                self._s.queries[key] = replace(
                    q, sender_name="", sender_email="", subject="", summary=""
                )
                changed += 1
        return changed


class FakeMailboxes(Repo):
    def cursor(self, mailbox: str) -> str:
        return self._s.cursors.get(mailbox, "")

    def set_cursor(self, mailbox: str, cursor: str, at: datetime) -> None:
        self._s.cursors[mailbox] = cursor
