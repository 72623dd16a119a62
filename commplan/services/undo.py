"""``import undo``: the last import taken back exactly, with a preview first if wanted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from commplan.errors import InvalidInput, NotFound
from commplan.ports import UnitOfWork
from commplan.records.batches import ImportBatch, RecordChange
from commplan.services.import_kinds import CREATED_ALONGSIDE, KINDS, Writing


@dataclass(frozen=True, kw_only=True)
class UndoReport:
    """The import undone (or, ``dry_run``, that would be), and what became of each record:
    ``removed`` the ones it added, ``restored`` the ones it changed, ``gone`` the ones it
    added that something else has removed since."""

    batch: ImportBatch
    removed: tuple[RecordChange, ...]
    restored: tuple[RecordChange, ...]
    gone: tuple[RecordChange, ...] = ()
    dry_run: bool = False


def undo_last_import(
    uow: UnitOfWork, *, by: str, at: datetime, dry_run: bool = False
) -> UndoReport:
    """Remove what the newest import not yet undone added, and put back what it changed.

    Changes are taken back newest first, so that a contact is removed before the
    organisation its import added for it. Undoing again takes back the import before.

    Raises:
        InvalidInput: there is no import to undo.
    """
    writing = Writing(by=by, at=at, note="import undone")
    removed: list[RecordChange] = []
    restored: list[RecordChange] = []
    gone: list[RecordChange] = []
    with uow as repos:
        batch = repos.imports.last()
        if batch is None:
            raise InvalidInput("There is no import to undo.")
        # Records made alongside (a plan year) go after everything made in them.
        newest_first = list(reversed(batch.changes))
        ordered = [c for c in newest_first if c.record not in CREATED_ALONGSIDE] + [
            c for c in newest_first if c.record in CREATED_ALONGSIDE
        ]
        for change in ordered:
            if change.record in CREATED_ALONGSIDE:
                try:
                    CREATED_ALONGSIDE[change.record](repos, change.key)
                except NotFound:
                    gone.append(change)
                    continue
                removed.append(change)
                continue
            kind = KINDS[change.record]
            if change.before is None:
                try:
                    kind.remove(repos, change.key)
                except NotFound:
                    gone.append(change)
                    continue
                removed.append(change)
                continue
            record = kind.restore(repos, change.before)
            existing = kind.existing(repos, record)
            if existing is None:
                kind.add(repos, record, writing)
            else:
                kind.save(repos, kind.kept(record, existing), existing, writing)
            restored.append(change)
        repos.imports.mark_undone(batch.id, at)
        if dry_run:
            repos.rollback()
        else:
            repos.commit()
    return UndoReport(
        batch=batch,
        removed=tuple(reversed(removed)),
        restored=tuple(reversed(restored)),
        gone=tuple(reversed(gone)),
        dry_run=dry_run,
    )
