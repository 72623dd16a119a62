"""Fake notices for the web chat."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from commplan.erasure import Erasure
from commplan.notices import Notice
from tests.fakes._store import Repo


class FakeNotices(Repo):
    def add(
        self, person: str, text: str, at: datetime, payload: dict[str, object] | None = None
    ) -> None:
        last = max((n.id for n in self._s.notices), default=0)
        self._s.notices.append(
            Notice(id=last + 1, person=person, text=text, at=at, payload=payload)
        )

    def for_person(self, person: str, since: datetime | None = None) -> list[tuple[datetime, str]]:
        return [
            (n.at, n.text)
            for n in self._s.notices
            if n.person == person and (since is None or n.at > since)
        ]

    def after(self, people: Collection[str], after_id: int = 0, limit: int = 100) -> list[Notice]:
        return [n for n in self._s.notices if n.person in people and n.id > after_id][:limit]

    def erase_person(self, who: Erasure) -> int:
        kept = [
            n
            for n in self._s.notices
            if not (who.is_them(n.person) or who.mentions(n.text) or who.mentions(n.payload))
        ]
        removed = len(self._s.notices) - len(kept)
        self._s.notices[:] = kept
        return removed

    def delete_before(self, cutoff: datetime) -> int:
        kept = [n for n in self._s.notices if n.at >= cutoff]
        removed = len(self._s.notices) - len(kept)
        self._s.notices[:] = kept
        return removed
