"""What each import changed, for ``harmonibot import undo``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.records.batches import ImportBatch, changes_from_json, changes_to_json
from storage.repositories._erase import redact_rows
from storage.tables import ImportBatchRow


class SqlImportBatchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, batch: ImportBatch) -> int:
        row = ImportBatchRow(
            kind=batch.kind,
            source=batch.source[:300],
            by=batch.by[:200],
            created_at=batch.at,
            undone_at=batch.undone_at,
            changes=changes_to_json(batch.changes),
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def last(self) -> ImportBatch | None:
        query = (
            select(ImportBatchRow)
            .where(ImportBatchRow.undone_at.is_(None))
            .order_by(ImportBatchRow.id.desc())
            .limit(1)
        )
        row = self._session.scalar(query)
        if row is None:
            return None
        return ImportBatch(
            id=row.id,
            kind=row.kind,
            source=row.source,
            by=row.by,
            at=row.created_at,
            undone_at=row.undone_at,
            changes=changes_from_json(row.changes),
        )

    def mark_undone(self, batch_id: int, at: datetime) -> None:
        row = self._session.get(ImportBatchRow, batch_id)
        if row is None:
            raise NotFound("import", batch_id)
        row.undone_at = at
        self._session.flush()

    def erase_person(self, who: Erasure) -> int:
        # An import's rows hold what was imported, names and addresses included; erasure wins
        # over an exact undo.
        return redact_rows(self._session, ImportBatchRow, ("by", "source", "changes"), who)
