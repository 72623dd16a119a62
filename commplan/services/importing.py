"""Imports: every row is validated before anything is written, and one transaction writes all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from commplan.meetings import MeetingAction
from commplan.organisations import Organisation
from commplan.people import Directory, Group, Person, looks_like_group
from commplan.plan import Plan, StatusChange, Tactic
from commplan.ports import Repositories, UnitOfWork
from commplan.records.actions import actions_from_table
from commplan.records.contacts import contacts_from_table
from commplan.records.organisations import organisations_from_table
from commplan.records.plan import tactics_from_table
from commplan.records.standards import standards_from_table
from commplan.records.table import Table
from commplan.services.contacts import log_contacts
from commplan.services.summary import ImportSummary
from commplan.standards import Standard


def plan_title(year: int) -> str:
    """The default title of a plan year ("Communication plan 2015/16")."""
    return f"Communication plan {year}/{(year + 1) % 100:02d}"


def ensure_owners(repos: Repositories, names: Iterable[str]) -> None:
    """Create the people and groups that owner names refer to but the directory lacks."""
    directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    for name in dict.fromkeys(directory.unknown(names)):
        if looks_like_group(name):
            repos.groups.add(Group(name=name))
        else:
            repos.people.add(Person(name=name))
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())


def import_plan(
    uow: UnitOfWork, table: Table, *, default_year: int, by: str, at: datetime
) -> ImportSummary:
    """Add or update the tactics of a plan file, creating plans and owners it names."""
    tactics = tactics_from_table(table, default_year=default_year)
    with uow as repos:
        summary = write_tactics(repos, tactics, by=by, at=at, overwrite=True)
        repos.commit()
    return summary


def write_tactics(
    repos: Repositories, tactics: Sequence[Tactic], *, by: str, at: datetime, overwrite: bool
) -> ImportSummary:
    for year in sorted({t.plan_year for t in tactics}):
        if repos.plans.get(year) is None:
            repos.plans.add(Plan(year=year, title=plan_title(year)))
    ensure_owners(repos, (owner for t in tactics for owner in t.owners))
    added = updated = unchanged = 0
    for tactic in tactics:
        existing = repos.tactics.get(tactic.plan_year, tactic.number)
        if existing is None:
            repos.tactics.add(tactic)
            repos.tactics.record(
                tactic.plan_year,
                tactic.number,
                StatusChange(status=tactic.status, at=at, by=by, note="imported"),
            )
            added += 1
        elif not overwrite:
            unchanged += 1
        else:
            merged = replace(tactic, snoozed_until=existing.snoozed_until, history=existing.history)
            if merged == existing:
                unchanged += 1
                continue
            repos.tactics.save(merged)
            if merged.status is not existing.status:
                change = StatusChange(status=merged.status, at=at, by=by, note="imported")
                repos.tactics.record(tactic.plan_year, tactic.number, change)
            updated += 1
    return ImportSummary(kind="tactics", added=added, updated=updated, unchanged=unchanged)


def import_actions(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Add or update meeting actions."""
    actions = actions_from_table(table)
    with uow as repos:
        summary = write_actions(repos, actions, overwrite=True)
        repos.commit()
    return summary


def write_actions(
    repos: Repositories, actions: Sequence[MeetingAction], *, overwrite: bool
) -> ImportSummary:
    added = updated = unchanged = 0
    for action in actions:
        existing = repos.actions.get(action.meeting_date, action.number)
        if existing is None:
            repos.actions.add(action)
            added += 1
            continue
        # A file without due dates (an older export) leaves the dates set in chat alone.
        due = action.due or existing.due
        merged = replace(action, due=due, snoozed_until=existing.snoozed_until)
        if not overwrite or merged == existing:
            unchanged += 1
        else:
            repos.actions.save(merged)
            updated += 1
    return ImportSummary(kind="actions", added=added, updated=updated, unchanged=unchanged)


def import_standards(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Add or update catalogue entries."""
    with uow as repos:
        known = {s.name for s in repos.standards.all()}
        standards = standards_from_table(table, known_names=known)
        summary = write_standards(repos, standards, overwrite=True)
        repos.commit()
    return summary


def write_standards(
    repos: Repositories, standards: Sequence[Standard], *, overwrite: bool
) -> ImportSummary:
    added = updated = unchanged = 0
    for standard in standards:
        existing = repos.standards.get(standard.name)
        if existing is None:
            repos.standards.add(standard)
            added += 1
        elif not overwrite or existing == standard:
            unchanged += 1
        else:
            repos.standards.save(standard)
            updated += 1
    return ImportSummary(kind="standards", added=added, updated=updated, unchanged=unchanged)


def import_organisations(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Add or update directory entries."""
    organisations = organisations_from_table(table)
    with uow as repos:
        summary = write_organisations(repos, organisations, overwrite=True)
        repos.commit()
    return summary


def write_organisations(
    repos: Repositories, organisations: Sequence[Organisation], *, overwrite: bool
) -> ImportSummary:
    added = updated = unchanged = 0
    for organisation in organisations:
        existing = repos.organisations.get(organisation.name)
        if existing is None:
            repos.organisations.add(organisation)
            added += 1
        elif not overwrite or _same_organisation(existing, organisation):
            unchanged += 1
        else:
            repos.organisations.save(organisation)
            updated += 1
    return ImportSummary(kind="organisations", added=added, updated=updated, unchanged=unchanged)


def _same_organisation(a: Organisation, b: Organisation) -> bool:
    return replace(a, domains=tuple(sorted(a.domains))) == replace(
        b, domains=tuple(sorted(b.domains))
    )


def import_contacts(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Log contacts (a contact already logged is left alone) and learn their organisations."""
    with uow as repos:
        contacts = contacts_from_table(table, standards=[s.name for s in repos.standards.all()])
        summary = log_contacts(repos, contacts)
        repos.commit()
    return summary
