"""How the command line shows an import or an undo: the counts, then each record touched."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from commplan.records.batches import RecordChange
from commplan.services.importing import ImportReport
from commplan.services.undo import UndoReport

#: Enough lines to check a plan or a month of contacts at a glance; the rest are counted.
SHOWN = 25


def _listed(verb: str, changes: Iterable[RecordChange]) -> Iterator[str]:
    items = list(changes)
    for change in items[:SHOWN]:
        fields = f" ({', '.join(change.changed)})" if change.changed else ""
        yield f"  {verb:<8}{change.label}{fields}"
    if len(items) > SHOWN:
        yield f"  ... and {len(items) - SHOWN} more to {verb}"


def import_lines(report: ImportReport) -> Iterator[str]:
    """The summary of an import; the same for a preview and for the import itself."""
    yield str(report.summary)
    yield from _listed("add", (c for c in report.changes if c.added))
    yield from _listed("change", (c for c in report.changes if not c.added))
    if report.dry_run:
        yield "Preview only: nothing was written. Run it again without --dry-run to import."
    elif report.changes:
        yield "To take this import back: harmonibot import undo (--dry-run to preview)."


def undo_lines(report: UndoReport) -> Iterator[str]:
    """What an undo took back, or would."""
    batch = report.batch
    when = batch.at.strftime("%Y-%m-%d %H:%M")
    verb = "Would undo" if report.dry_run else "Undid"
    yield (
        f"{verb} the import of {batch.source} ({batch.kind}, {when}): "
        f"{len(report.removed)} removed, {len(report.restored)} restored"
    )
    yield from _listed("remove", report.removed)
    yield from _listed("restore", report.restored)
    yield from _listed("gone", report.gone)
    if report.dry_run:
        yield "Preview only: nothing was written. Run it again without --dry-run to undo."
