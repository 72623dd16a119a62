"""Importing and exporting people and groups: the roster as a file the team keeps.

Like the other imports, everything is checked (the file alone, then against the people
already stored) before anything is written, and one transaction writes it all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from commplan.errors import ImportRejected, RowProblem
from commplan.people import Directory, Group, Person, Role, normalise_name
from commplan.ports import Repositories, UnitOfWork
from commplan.records.people import (
    COLUMNS,
    GROUP_COLUMNS,
    GroupRecord,
    PersonRecord,
    groups_from_table,
    groups_to_rows,
    people_from_table,
    people_to_rows,
)
from commplan.records.table import Table
from commplan.services.exporting import Export
from commplan.services.summary import ImportSummary

#: What ``export`` and ``import`` call these records.
ROSTER_KINDS = ("people", "groups")


def export_roster(uow: UnitOfWork, kind: str) -> Export:
    """Everyone the bot knows (``people``), or every group (``groups``)."""
    with uow as repos:
        groups = repos.groups.all()
        if kind == "people":
            return Export(rows=people_to_rows(repos.people.all(), groups), columns=COLUMNS)
        return Export(rows=groups_to_rows(groups), columns=GROUP_COLUMNS)


def import_roster(uow: UnitOfWork, kind: str, table: Table) -> ImportSummary:
    """``import people`` or ``import groups``."""
    if kind == "people":
        return import_people(uow, table)
    return import_groups(uow, table)


def import_people(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Add or update people, and set the groups of each person the file lists.

    A person is matched by name (case, spacing and "the" ignored); their groups cell is
    their whole list of groups, and groups it names that do not exist are created.
    """
    records = people_from_table(table)
    with uow as repos:
        stored = repos.people.all()
        olds = [_stored_match(stored, r.person.name) for r in records]
        planned = [_merged(old, r) for old, r in zip(olds, records, strict=True)]
        _check_against_store(table.source, stored, records, planned)
        groups = {g.name: g for g in repos.groups.all()}
        wanted = _wanted_groups(groups, records, planned)
        # A person the file renames ("pete brodie" to "Pete Brodie") keeps their groups.
        renamed = {
            old.name: new.name
            for old, new in zip(olds, planned, strict=True)
            if old is not None and old.name != new.name
        }
        added = updated = unchanged = 0
        for old, person in zip(olds, planned, strict=True):
            before = _groups_of(groups, old.name) if old else ()
            after = wanted.get(person.name, before)
            if old is None:
                repos.people.add(person)
                added += 1
            elif person != old or set(after) != set(before):
                if person != old:
                    repos.people.save(person)
                updated += 1
            else:
                unchanged += 1
        _write_memberships(repos, groups, records, planned, wanted, renamed)
        repos.commit()
    return ImportSummary(kind="people", added=added, updated=updated, unchanged=unchanged)


def _stored_match(stored: Sequence[Person], name: str) -> Person | None:
    exact = next((p for p in stored if p.name == name), None)
    if exact is not None:
        return exact
    key = normalise_name(name)
    return next((p for p in stored if normalise_name(p.name) == key), None)


def _merged(old: Person | None, record: PersonRecord) -> Person:
    """The person as the file says, with the fields its header lacks kept from ``old``."""
    new = record.person
    if old is None:
        return new
    kept = {
        field: getattr(old, field)
        for field in ("email", "role", "organisation", "slack_id", "teams_id", "aliases")
        if field not in record.given
    }
    return replace(new, id=old.id, **kept)


def _check_against_store(
    source: str, stored: Sequence[Person], records: Sequence[PersonRecord], planned: list[Person]
) -> None:
    """Reject an e-mail or chat id another (stored, untouched) person has, or an import that
    leaves no admin where there was one."""
    touched = {p.id for p in planned if p.id}
    others = [p for p in stored if p.id not in touched]
    problems = []
    for record, person in zip(records, planned, strict=True):
        for column, value in (
            ("email", person.email.lower()),
            ("slack_id", person.slack_id),
            ("teams_id", person.teams_id),
        ):
            owner = next((o for o in others if value and _field(o, column) == value), None)
            if owner is not None:
                reason = f"{value!r} is already {owner.name}'s"
                problems.append(
                    RowProblem(source=source, row=record.row, column=column, reason=reason)
                )
    had_admin = any(p.role is Role.ADMIN for p in stored)
    if had_admin and not any(p.role is Role.ADMIN for p in [*others, *planned]):
        reason = "the file leaves nobody as admin; keep at least one person's role as admin"
        problems.append(RowProblem(source=source, row=1, column="role", reason=reason))
    if problems:
        raise ImportRejected(problems)


def _field(person: Person, column: str) -> str:
    return person.email.lower() if column == "email" else str(getattr(person, column))


def _groups_of(groups: dict[str, Group], name: str) -> tuple[str, ...]:
    return tuple(g.name for g in groups.values() if name in g.members)


def _wanted_groups(
    groups: dict[str, Group], records: Sequence[PersonRecord], planned: Sequence[Person]
) -> dict[str, tuple[str, ...]]:
    """Each listed person's groups by the stored group names (aliases resolved)."""
    directory = Directory(people=(), groups=list(groups.values()))
    new: dict[str, str] = {}
    wanted: dict[str, tuple[str, ...]] = {}
    for record, person in zip(records, planned, strict=True):
        if record.groups is None:
            continue
        names = []
        for name in record.groups:
            known = directory.group(name)
            # A new group written two ways ("Comms group", "comms group") is one group.
            names.append(known.name if known else new.setdefault(normalise_name(name), name))
        wanted[person.name] = tuple(dict.fromkeys(names))
    return wanted


def _write_memberships(
    repos: Repositories,
    groups: dict[str, Group],
    records: Sequence[PersonRecord],
    planned: Sequence[Person],
    wanted: dict[str, tuple[str, ...]],
    renamed: dict[str, str],
) -> None:
    listed = {p.name for r, p in zip(records, planned, strict=True) if r.groups is not None}
    names = sorted({*groups, *(g for gs in wanted.values() for g in gs)})
    for name in names:
        group = groups.get(name)
        current = tuple(renamed.get(m, m) for m in group.members) if group else ()
        members = [m for m in current if m not in listed]
        members += [person for person, gs in wanted.items() if name in gs]
        updated = Group(
            name=name, members=tuple(sorted(set(members))), aliases=group.aliases if group else ()
        )
        if group is None:
            repos.groups.add(updated)
        elif set(updated.members) != set(group.members) or current != group.members:
            repos.groups.save(updated)


@dataclass(frozen=True, kw_only=True)
class _GroupPlan:
    group: Group
    new: bool


def import_groups(uow: UnitOfWork, table: Table) -> ImportSummary:
    """Add or update groups; every member must be a person the bot knows."""
    records = groups_from_table(table)
    with uow as repos:
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        plans = _group_plans(table.source, directory, records)
        added = updated = unchanged = 0
        for plan in plans:
            if plan.new:
                repos.groups.add(plan.group)
                added += 1
                continue
            old = repos.groups.get(plan.group.name)
            if (
                old is not None
                and set(old.members) == set(plan.group.members)
                and (old.aliases == plan.group.aliases)
            ):
                unchanged += 1
                continue
            repos.groups.save(plan.group)
            updated += 1
        repos.commit()
    return ImportSummary(kind="groups", added=added, updated=updated, unchanged=unchanged)


def _group_plans(
    source: str, directory: Directory, records: Sequence[GroupRecord]
) -> list[_GroupPlan]:
    problems = []
    plans = []
    for record in records:
        old = directory.group(record.name)
        members: list[str] = []
        for name in record.members if record.members is not None else ():
            person = directory.person(name)
            if person is None:
                reason = f"{name!r} is not a person the bot knows; import people first"
                problems.append(
                    RowProblem(source=source, row=record.row, column="members", reason=reason)
                )
            else:
                members.append(person.name)
        group = Group(
            name=old.name if old else record.name,
            members=tuple(sorted(set(members)))
            if record.members is not None
            else (old.members if old else ()),
            aliases=record.aliases if record.aliases is not None else (old.aliases if old else ()),
        )
        plans.append(_GroupPlan(group=group, new=old is None))
    if problems:
        raise ImportRejected(problems)
    return plans
