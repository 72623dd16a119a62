"""Fake record of imports, for ``import undo``."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.records.batches import ImportBatch, changes_from_json, changes_to_json
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

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for n, batch in enumerate(self._s.imports):
            new = replace(
                batch,
                by=who.redact(batch.by),
                source=who.redact(batch.source),
                changes=changes_from_json(who.redact(changes_to_json(batch.changes))),
            )
            if new != batch:
                self._s.imports[n] = new
                changed += 1
        return changed
