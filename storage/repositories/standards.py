"""The catalogue of harmonised standards."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.standards import Standard
from storage.repositories._erase import redact_rows
from storage.repositories._rows import update_row
from storage.tables import StandardRow


class SqlStandardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Standard]:
        rows = self._session.scalars(select(StandardRow).order_by(StandardRow.name))
        return [_standard(row) for row in rows]

    def get(self, name: str) -> Standard | None:
        row = self._session.scalar(select(StandardRow).where(StandardRow.name == name))
        return _standard(row) if row else None

    def add(self, standard: Standard) -> None:
        self._session.add(StandardRow(name=standard.name, **_standard_fields(standard)))
        self._session.flush()

    def save(self, standard: Standard) -> None:
        row = self._session.scalar(select(StandardRow).where(StandardRow.name == standard.name))
        fields = _standard_fields(standard)
        update_row(self._session, row, fields, what="standard", key=standard.name)

    def erase_person(self, who: Erasure) -> int:
        return redact_rows(self._session, StandardRow, ("owner",), who)

    def remove(self, name: str) -> None:
        row = self._session.scalar(select(StandardRow).where(StandardRow.name == name))
        if row is None:
            raise NotFound("standard", name)
        self._session.delete(row)
        self._session.flush()


def _standard_fields(standard: Standard) -> dict[str, Any]:
    return {
        "topic": standard.topic,
        "group_name": standard.group,
        "covers": standard.covers,
        "synonyms": list(standard.synonyms),
        "related": list(standard.related),
        "status": standard.status,
        "last_review": standard.last_review,
        "url": standard.url,
        "owner": standard.owner,
        "question": standard.question,
        "options": list(standard.options),
        "response": standard.response,
        "base": standard.base,
        "concept": list(standard.concept),
        "rules": standard.rules,
    }


def _standard(row: StandardRow) -> Standard:
    return Standard(
        name=row.name,
        topic=row.topic,
        group=row.group_name,
        covers=row.covers,
        synonyms=tuple(row.synonyms),
        related=tuple(row.related),
        status=row.status,
        last_review=row.last_review,
        url=row.url,
        owner=row.owner,
        question=row.question,
        options=tuple(row.options),
        response=row.response,
        base=row.base,
        concept=tuple(row.concept),
        rules=row.rules,
    )
