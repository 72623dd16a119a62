"""Fake questions and drafts."""

from __future__ import annotations

from datetime import datetime

from commplan.errors import NotFound
from commplan.questions import Question
from tests.fakes._store import Repo


class FakeQuestions(Repo):
    def add(self, question: Question) -> bool:
        if question.key in self._s.questions:
            return False
        self._s.questions[question.key] = question
        return True

    def get(self, key: str) -> Question | None:
        return self._s.questions.get(key)

    def save(self, question: Question) -> None:
        if question.key not in self._s.questions:
            raise NotFound("question", question.key)
        self._s.questions[question.key] = question

    def needing_team(self) -> list[Question]:
        found = [q for q in self._s.questions.values() if q.needs_team]
        return sorted(found, key=lambda q: q.asked_at, reverse=True)


class FakeDrafts(Repo):
    def get(self, key: str) -> dict[str, str] | None:
        data = self._s.drafts.get(key)
        return dict(data) if data is not None else None

    def put(self, key: str, data: dict[str, str], at: datetime) -> None:
        self._s.drafts[key] = dict(data)

    def clear(self, key: str) -> None:
        self._s.drafts.pop(key, None)
