"""Questions asked in chat, and the half-finished conversations (drafts) of guided dialogues."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Select, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.paging import Page
from commplan.questions import Feedback, Question
from storage.repositories._erase import redact_row, rows_naming
from storage.repositories._rows import rowcount, update_row
from storage.tables import DraftRow, QuestionRow

#: Unresolved, and nobody could answer it (or the answer was not what they needed).
_NEEDING_TEAM = (
    QuestionRow.resolved.is_(False),
    (QuestionRow.answered.is_(False)) | (QuestionRow.feedback == "not_needed"),
)


@cache
def _add_once(dialect: str) -> Insert:
    """A question's INSERT, unless its key is stored already; RETURNING its id if written."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(QuestionRow).on_conflict_do_nothing(index_elements=["key"])
    return statement.returning(QuestionRow.id)


@cache
def _draft_data() -> Select[*tuple[Any, ...]]:
    drafts = DraftRow.__table__.c
    return select(drafts.data).where(drafts.key == bindparam("key"))


class SqlQuestionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, key: str) -> QuestionRow | None:
        row: QuestionRow | None = self._session.scalar(
            select(QuestionRow).where(QuestionRow.key == key)
        )
        return row

    def add(self, question: Question) -> bool:
        # Every standards question a chat turn answers is kept: one INSERT, built once per
        # process, rather than a look-up, an ORM object and a flush. Anything the session
        # holds unwritten goes first, as the ORM's own query would have sent it.
        self._session.flush()
        statement = _add_once(self._session.get_bind().dialect.name)
        values = {"key": question.key, **_question_fields(question)}
        return self._session.connection().execute(statement, values).first() is not None

    def get(self, key: str) -> Question | None:
        row = self._row(key)
        return _question(row) if row else None

    def remove(self, key: str) -> bool:
        gone = self._session.execute(delete(QuestionRow).where(QuestionRow.key == key))
        return rowcount(gone) > 0

    def save(self, question: Question) -> None:
        row = self._row(question.key)
        fields = _question_fields(question)
        update_row(self._session, row, fields, what="question", key=question.key)

    def needing_team(self) -> list[Question]:
        query = select(QuestionRow).where(*_NEEDING_TEAM).order_by(QuestionRow.asked_at.desc())
        return [_question(row) for row in self._session.scalars(query)]

    def needing_team_page(self, *, limit: int) -> Page[Question]:
        total = self._session.scalar(
            select(func.count()).select_from(QuestionRow).where(*_NEEDING_TEAM)
        )
        query = (
            select(QuestionRow)
            .where(*_NEEDING_TEAM)
            .order_by(QuestionRow.asked_at.desc(), QuestionRow.id.desc())
            .limit(limit)
        )
        rows = tuple(_question(row) for row in self._session.scalars(query))
        return Page(rows=rows, total=int(total or 0))

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for row in rows_naming(self._session, QuestionRow, ("key", "text", "asker"), who):
            if who.is_them(row.asker):
                # Nobody is left to answer: the question leaves the team's queue.
                row.asker, row.text, row.resolved = "", "", True
                redact_row(row, ("key",), who)
                changed += 1
            else:
                changed += redact_row(row, ("key", "text", "asker"), who)
        self._session.flush()
        return changed


def _question_fields(question: Question) -> dict[str, Any]:
    return {
        "text": question.text,
        "asked_at": question.asked_at,
        "asker": question.asker,
        "answered": question.answered,
        "best_match": question.best_match,
        "score": question.score,
        "feedback": question.feedback.value,
        "passed_to_team": question.passed_to_team,
        "resolved": question.resolved,
    }


def _question(row: QuestionRow) -> Question:
    return Question(
        key=row.key,
        text=row.text,
        asked_at=row.asked_at,
        asker=row.asker,
        answered=row.answered,
        best_match=row.best_match,
        score=row.score,
        feedback=Feedback(row.feedback),
        passed_to_team=row.passed_to_team,
        resolved=row.resolved,
    )


class SqlDraftRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str) -> dict[str, str] | None:
        # The column alone, from a statement built once, not the ORM object: every chat turn
        # asks, and almost always finds nothing.
        self._session.flush()  # what the ORM's own query would have written first
        data = self._session.execute(_draft_data(), {"key": key}).scalar()
        return {str(k): str(v) for k, v in data.items()} if data is not None else None

    def put(self, key: str, data: dict[str, str], at: datetime) -> None:
        row = self._session.get(DraftRow, key)
        if row is None:
            self._session.add(DraftRow(key=key, data=dict(data), updated_at=at))
        else:
            row.data = dict(data)
            row.updated_at = at
        self._session.flush()

    def clear(self, key: str) -> None:
        row = self._session.get(DraftRow, key)
        if row is not None:
            self._session.delete(row)
            self._session.flush()

    def erase_person(self, who: Erasure) -> int:
        rows = rows_naming(self._session, DraftRow, ("key", "data"), who)
        gone = [row for row in rows if who.mentions(row.key) or who.mentions(row.data)]
        for row in gone:
            self._session.delete(row)
        self._session.flush()
        return len(gone)
