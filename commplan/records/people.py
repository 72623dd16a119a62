"""The people and groups file formats: who the bot knows, their roles and their groups.

People: ``name, email, role, groups, organisation, slack_id, teams_id, aliases``; groups:
``name, members, aliases``. Lists inside a cell are separated by "; ". Only ``name`` is
required; a column left out of the header leaves that field of a stored person (or group) as
it is, while a column that is there but empty clears it, so an export read back changes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from commplan.people import Group, Person, Role, normalise_name
from commplan.records.table import (
    Problems,
    SourceRow,
    Table,
    join_list,
    require_columns,
    required_text,
    split_list,
)

COLUMNS = ("name", "email", "role", "groups", "organisation", "slack_id", "teams_id", "aliases")
GROUP_COLUMNS = ("name", "members", "aliases")
REQUIRED = ("name",)

_EMAIL = re.compile(r"[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+")
_ROLE_WORDS = {
    "admin": Role.ADMIN,
    "administrator": Role.ADMIN,
    "team": Role.TEAM,
    "team member": Role.TEAM,
    "member": Role.MEMBER,
    "": Role.MEMBER,
}


def looks_like_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text.strip()))


def parse_role(text: str) -> Role:
    """ "admin", "team" (or "team member") or "member"; blank is member."""
    role = _ROLE_WORDS.get(" ".join(text.lower().split()))
    if role is None:
        raise ValueError(f"{text!r} is not a role; write admin, team or member")
    return role


def _email(text: str) -> str:
    if text and not looks_like_email(text):
        raise ValueError(f"{text!r} is not an e-mail address")
    return text


@dataclass(frozen=True, kw_only=True)
class PersonRecord:
    """One row of a people file: the person, their groups (None: the file has no groups
    column) and the columns the file gives (the rest are kept from the stored person)."""

    person: Person
    groups: tuple[str, ...] | None
    given: frozenset[str]
    row: int


@dataclass(frozen=True, kw_only=True)
class GroupRecord:
    """One row of a groups file; ``members`` and ``aliases`` are None when the file lacks
    the column."""

    name: str
    members: tuple[str, ...] | None
    aliases: tuple[str, ...] | None
    row: int


def people_from_table(table: Table) -> list[PersonRecord]:
    """Validate every row on its own and against the others; raises ImportRejected."""
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    given = frozenset(c for c in COLUMNS if c in table.columns)
    records = []
    for row in table.rows:
        person = Person(
            name=problems.check(row, "name", required_text, ""),
            email=problems.check(row, "email", _email, ""),
            role=problems.check(row, "role", parse_role, Role.MEMBER),
            organisation=row.get("organisation"),
            slack_id=row.get("slack_id"),
            teams_id=row.get("teams_id"),
            aliases=split_list(row.get("aliases")),
        )
        groups = split_list(row.get("groups")) if "groups" in given else None
        records.append(PersonRecord(person=person, groups=groups, given=given, row=row.number))
    for column, key in _UNIQUE.items():
        _repeats(problems, table.rows, column, key)
    problems.raise_if_any()
    return records


_UNIQUE: Mapping[str, Callable[[str], str]] = {
    "name": normalise_name,
    "email": str.lower,
    "slack_id": str,
    "teams_id": str,
}


def _repeats(
    problems: Problems, rows: Sequence[SourceRow], column: str, key: Callable[[str], str]
) -> None:
    first: dict[str, int] = {}
    for row in rows:
        value = key(row.get(column))
        if not value:
            continue
        if value in first:
            problems.add(
                row.number, column, f"{row.get(column)!r} is already on row {first[value]}"
            )
        first.setdefault(value, row.number)


def groups_from_table(table: Table) -> list[GroupRecord]:
    """Validate every row; member names are checked against the people by the importer."""
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    records = [
        GroupRecord(
            name=problems.check(row, "name", required_text, ""),
            members=split_list(row.get("members")) if "members" in table.columns else None,
            aliases=split_list(row.get("aliases")) if "aliases" in table.columns else None,
            row=row.number,
        )
        for row in table.rows
    ]
    _repeats(problems, table.rows, "name", normalise_name)
    problems.raise_if_any()
    return records


def memberships(groups: Iterable[Group]) -> dict[str, tuple[str, ...]]:
    """Each person's groups, by the person's name, groups in name order."""
    found: dict[str, list[str]] = {}
    for group in sorted(groups, key=lambda g: g.name.lower()):
        for member in group.members:
            found.setdefault(member, []).append(group.name)
    return {name: tuple(names) for name, names in found.items()}


def people_to_rows(people: Sequence[Person], groups: Sequence[Group]) -> list[dict[str, str]]:
    """People in name order, with the groups they belong to."""
    belongs = memberships(groups)
    return [
        {
            "name": p.name,
            "email": p.email,
            "role": p.role.value,
            "groups": join_list(belongs.get(p.name, ())),
            "organisation": p.organisation,
            "slack_id": p.slack_id,
            "teams_id": p.teams_id,
            "aliases": join_list(p.aliases),
        }
        for p in sorted(people, key=lambda p: p.name.lower())
    ]


def groups_to_rows(groups: Sequence[Group]) -> list[dict[str, str]]:
    """Groups in name order, members as stored."""
    return [
        {"name": g.name, "members": join_list(g.members), "aliases": join_list(g.aliases)}
        for g in sorted(groups, key=lambda g: g.name.lower())
    ]
