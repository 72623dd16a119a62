"""Fake record of imports, for ``import undo``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.errors import NotFound
from commplan.records.batches import ImportBatch
from tests.fakes._store import Repo


class FakeImports(Repo):
    def add(self, batch: ImportBatch) -> int:
        number = len(self._s.imports) + 1
        self._s.imports.append(replace(batch, id=number))
        return number

    def last(self) -> ImportBatch | None:
        return next((b for b in reversed(self._s.imports) if b.undone_at is None), None)

    def mark_undone(self, batch_id: int, at: datetime) -> None:
        if not 1 <= batch_id <= len(self._s.imports):
            raise NotFound("import", batch_id)
        self._s.imports[batch_id - 1] = replace(self._s.imports[batch_id - 1], undone_at=at)
