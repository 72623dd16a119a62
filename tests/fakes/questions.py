"""Fake questions and drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.paging import Page
from commplan.questions import Question
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeQuestions(Repo):
    def add(self, question: Question) -> bool:
        if question.key in self._s.questions:
            return False
        self._s.questions[question.key] = question
        return True

    def get(self, key: str) -> Question | None:
        return self._s.questions.get(key)

    def remove(self, key: str) -> bool:
        return self._s.questions.pop(key, None) is not None

    def save(self, question: Question) -> None:
        if question.key not in self._s.questions:
            raise NotFound("question", question.key)
        self._s.questions[question.key] = question

    def needing_team(self) -> list[Question]:
        found = [q for q in self._s.questions.values() if q.needs_team]
        return sorted(found, key=lambda q: q.asked_at, reverse=True)

    def needing_team_page(self, *, limit: int) -> Page[Question]:
        return Page.of(self.needing_team(), limit)

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, question in list(self._s.questions.items()):
            new = question
            if who.is_them(question.asker):
                new = replace(question, asker="", text="", resolved=True)
            new = redacted(new, ("key", "text", "asker"), who)
            if new != question:
                del self._s.questions[key]
                self._s.questions[new.key] = new
                changed += 1
        return changed


class FakeDrafts(Repo):
    def get(self, key: str) -> dict[str, str] | None:
        data = self._s.drafts.get(key)
        return dict(data) if data is not None else None

    def put(self, key: str, data: dict[str, str], at: datetime) -> None:
        self._s.drafts[key] = dict(data)

    def clear(self, key: str) -> None:
        self._s.drafts.pop(key, None)

    def erase_person(self, who: Erasure) -> int:
        gone = [k for k, d in self._s.drafts.items() if who.mentions(k) or who.mentions(d)]
        for key in gone:
            del self._s.drafts[key]
        return len(gone)
