"""Exports: one kind of record as rows and columns, ready for a CSV or XLSX writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from commplan.ports import Repositories, UnitOfWork
from commplan.records import actions, contacts, organisations, plan, standards

ExportKind = Literal["plan", "actions", "contacts", "standards", "organisations"]


@dataclass(frozen=True, kw_only=True)
class Export:
    """The rows of one export, in the columns the matching import reads back."""

    rows: list[dict[str, str]]
    columns: tuple[str, ...]


def export_records(uow: UnitOfWork, kind: ExportKind, *, plan_year: int | None = None) -> Export:
    """Every record of ``kind``; the plan of ``plan_year``, or of the latest year."""
    with uow as repos:
        if kind == "plan":
            year = plan_year or _latest_year(repos)
            tactics = repos.tactics.all(year) if year is not None else []
            return Export(rows=plan.tactics_to_rows(tactics), columns=plan.COLUMNS)
        if kind == "actions":
            return Export(
                rows=actions.actions_to_rows(repos.actions.all()), columns=actions.COLUMNS
            )
        if kind == "contacts":
            return Export(
                rows=contacts.contacts_to_rows(repos.contacts.all()), columns=contacts.COLUMNS
            )
        if kind == "standards":
            return Export(
                rows=standards.standards_to_rows(repos.standards.all()), columns=standards.COLUMNS
            )
        return Export(
            rows=organisations.organisations_to_rows(repos.organisations.all()),
            columns=organisations.COLUMNS,
        )


def latest_plan_year(uow: UnitOfWork) -> int | None:
    """The newest plan's year, or None before any plan is loaded."""
    with uow as repos:
        return _latest_year(repos)


def _latest_year(repos: Repositories) -> int | None:
    latest = repos.plans.latest()
    return latest.year if latest else None
