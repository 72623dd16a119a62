"""Imports: every row is validated before anything is written, one transaction writes all, and
each import says what it adds, changes and leaves, can be previewed, and can be undone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from commplan.errors import InvalidInput
from commplan.meetings import MeetingAction
from commplan.organisations import Organisation
from commplan.plan import Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.records.batches import ImportBatch, RecordChange
from commplan.records.table import Table
from commplan.services.import_kinds import (
    ACTIONS,
    IMPORT_KINDS,
    KINDS,
    ORGANISATIONS,
    STANDARDS,
    TACTICS,
    RecordKind,
    Writing,
    ensure_owners,
    plan_title,
)
from commplan.services.summary import ImportSummary
from commplan.standards import Standard

__all__ = [
    "ImportReport",
    "ensure_owners",
    "import_records",
    "plan_title",
    "write_actions",
    "write_organisations",
    "write_standards",
    "write_tactics",
]


@dataclass(frozen=True, kw_only=True)
class ImportReport:
    """What an import did, or (``dry_run``) would do: the counts and every record touched."""

    summary: ImportSummary
    changes: tuple[RecordChange, ...]
    dry_run: bool = False


@dataclass(frozen=True, kw_only=True)
class _Applied:
    summary: ImportSummary
    changes: list[RecordChange]


def _apply(
    repos: Repositories,
    kind: RecordKind[Any],
    records: Sequence[Any],
    *,
    writing: Writing,
    overwrite: bool = True,
) -> _Applied:
    """Add or update each record; what was added, what changed (with its row before)."""
    changes: list[RecordChange] = []
    added = updated = unchanged = 0
    for record in records:
        existing = kind.existing(repos, record)
        if existing is None:
            changes.append(
                RecordChange(record=kind.name, key=kind.key(record), label=kind.label(record))
            )
            changes.extend(kind.add(repos, record, writing))
            added += 1
            continue
        merged = kind.update_of(record, existing)
        if not overwrite or kind.same(merged, existing):
            unchanged += 1
            continue
        before, after = kind.to_row(existing), kind.to_row(merged)
        side = kind.save(repos, merged, existing, writing)
        changes.extend(side)
        changes.append(
            RecordChange(
                record=kind.name,
                key=kind.key(record),
                label=kind.label(merged),
                before=before,
                changed=tuple(c for c in kind.columns if before.get(c) != after.get(c)),
            )
        )
        updated += 1
    summary = ImportSummary(kind=kind.name, added=added, updated=updated, unchanged=unchanged)
    return _Applied(summary=summary, changes=changes)


def import_records(
    uow: UnitOfWork,
    kind: str,
    table: Table,
    *,
    by: str,
    at: datetime,
    dry_run: bool = False,
    plan_year: int | None = None,
) -> ImportReport:
    """Import a file's rows of ``kind`` (``plan``, ``contacts``, ...): all or nothing.

    The same code runs for a preview (``dry_run``), which rolls back instead of committing,
    so the preview says exactly what the import will do. A real import keeps its changes
    for :func:`commplan.services.undo.undo_last_import`.

    Raises:
        ImportRejected: a row is invalid (every problem is listed).
        InvalidInput: a plan file gives no year and ``plan_year`` is not given, where the
            file's tactics would be matched with a stored plan's.
    """
    record_kind = KINDS[IMPORT_KINDS.get(kind, kind)]
    with uow as repos:
        if record_kind is TACTICS:
            records: list[Any] = _plan_tactics(repos, table, plan_year, at)
        else:
            records = record_kind.from_table(repos, table)
        applied = _apply(repos, record_kind, records, writing=Writing(by=by, at=at))
        if applied.changes:
            repos.imports.add(
                ImportBatch(
                    kind=kind, source=table.source, at=at, by=by, changes=tuple(applied.changes)
                )
            )
        if dry_run:
            repos.rollback()
        else:
            repos.commit()
    return ImportReport(summary=applied.summary, changes=tuple(applied.changes), dry_run=dry_run)


def _plan_tactics(
    repos: Repositories, table: Table, plan_year: int | None, at: datetime
) -> list[Tactic]:
    """The file's tactics; rows without a year go to ``plan_year``, and never silently to a
    stored plan.

    A Word plan has no year column and numbers its tactics by row. Matching them with the
    latest plan's by number would overwrite that plan (tactics 1 to 7 of 2015 replaced by a
    new year's 1 to 7), so the import refuses and says how to choose. It does not guess the
    next year either: a plan written for the current year would then become a new plan.
    """
    from commplan.records.plan import tactics_from_table

    latest = repos.plans.latest()
    year = plan_year or (latest.year if latest else at.year)
    tactics = tactics_from_table(table, default_year=year)
    if plan_year is not None or latest is None:
        return tactics
    unyeared = [t for row, t in zip(table.rows, tactics, strict=True) if not row.get("plan_year")]
    matched = [t.number for t in unyeared if repos.tactics.get(t.plan_year, t.number)]
    if matched:
        shown = ", ".join(str(n) for n in matched[:8]) + (" ..." if len(matched) > 8 else "")
        raise InvalidInput(
            f"{table.source} gives no plan year, so its {len(unyeared)} tactics would be "
            f"matched by number with the {year} plan's (tactics {shown}) and overwrite them. "
            f"Say which year it is: --plan-year {year} to update the {year} plan, or "
            f"--plan-year {year + 1} to import it as a new plan. Add --dry-run to see the "
            "changes first."
        )
    return tactics


# -- the seed's writers: add what is missing, leave the rest ----------------------------------


def write_tactics(
    repos: Repositories, tactics: Sequence[Tactic], *, by: str, at: datetime, overwrite: bool
) -> ImportSummary:
    return _apply(
        repos, TACTICS, tactics, writing=Writing(by=by, at=at), overwrite=overwrite
    ).summary


def write_actions(
    repos: Repositories, actions: Sequence[MeetingAction], *, overwrite: bool
) -> ImportSummary:
    return _apply(repos, ACTIONS, actions, writing=_SEED, overwrite=overwrite).summary


def write_standards(
    repos: Repositories, standards: Sequence[Standard], *, overwrite: bool
) -> ImportSummary:
    return _apply(repos, STANDARDS, standards, writing=_SEED, overwrite=overwrite).summary


def write_organisations(
    repos: Repositories, organisations: Sequence[Organisation], *, overwrite: bool
) -> ImportSummary:
    return _apply(repos, ORGANISATIONS, organisations, writing=_SEED, overwrite=overwrite).summary


_SEED = Writing(by="seed", at=datetime.min)
