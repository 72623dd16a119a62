"""The sample data shipped with harmonibot, built from the steering group's 2015 papers.

Files: ``people.toml`` (the plan's header, people, groups, and the organisations outside the
team that own tactics), ``plan-2015.csv``,
``actions-2015.csv``, ``organisations.csv`` and ``standards.csv``, each in the same format as
``harmonibot import``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from typing import Any

from commplan.people import Group, GroupKind, Person, Role
from commplan.plan import Plan
from commplan.records.plan import shift_year
from commplan.records.table import SourceRow, Table, table_from_csv

SAMPLE_YEAR = 2015


@dataclass(frozen=True, kw_only=True)
class Sample:
    """The sample data as tables (validated by the importers) and values."""

    plan: Plan
    people: tuple[Person, ...]
    groups: tuple[Group, ...]
    tactics: Table
    actions: Table
    organisations: Table
    standards: Table


def _plan_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _text(name: str) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


def _table(name: str) -> Table:
    return table_from_csv(_text(name), source=f"sample/{name}")


def standards_table() -> Table:
    """The shipped catalogue alone (the standards index needs nothing else)."""
    return _table("standards.csv")


def load_sample(plan_year: int | None = None) -> Sample:
    """Read the sample; ``plan_year`` moves every date of the plan and actions to that year."""
    data: dict[str, Any] = tomllib.loads(_text("people.toml"))
    year = plan_year or SAMPLE_YEAR
    header = data["plan"]
    plan = Plan(
        year=year,
        title=header["title"].replace(_plan_label(SAMPLE_YEAR), _plan_label(year)),
        objectives=tuple(header["objectives"]),
        key_messages=tuple(header["key_messages"]),
    )
    people = tuple(
        Person(
            name=p["name"],
            email=p.get("email", ""),
            role=Role(p.get("role", "member")),
            organisation=p.get("organisation", ""),
            aliases=tuple(p.get("aliases", ())),
        )
        for p in data["people"]
    )
    groups = tuple(
        Group(name=g["name"], members=tuple(g["members"]), aliases=tuple(g.get("aliases", ())))
        for g in data["groups"]
    ) + tuple(
        Group(
            name=o["name"],
            aliases=tuple(o.get("aliases", ())),
            kind=GroupKind.ORGANISATION,
            contact=o.get("contact", ""),
        )
        for o in data.get("organisations", ())
    )
    tactics = _table("plan-2015.csv")
    actions = _table("actions-2015.csv")
    if year != SAMPLE_YEAR:
        tactics = shift_year(tactics, year)
        actions = _shift_meetings(actions, year)
    return Sample(
        plan=plan,
        people=people,
        groups=groups,
        tactics=tactics,
        actions=actions,
        organisations=_table("organisations.csv"),
        standards=standards_table(),
    )


def _shift_meetings(table: Table, year: int) -> Table:
    rows = []
    for row in table.rows:
        values = dict(row.values)
        day = date.fromisoformat(values["meeting_date"])
        values["meeting_date"] = day.replace(year=year).isoformat()
        values["meeting"] = values.get("meeting", "").replace(str(day.year), str(year))
        rows.append(SourceRow(number=row.number, values=values))
    return Table(source=table.source, columns=table.columns, rows=tuple(rows))
