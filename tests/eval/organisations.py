"""Test helper: the shipped organisation directory and the typed-name evaluation set."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from commplan.organisations import Organisation
from commplan.orgmatch import OrganisationIndex, OrganisationMatch, resolve_organisation
from commplan.records.organisations import organisations_from_table
from commplan.sample import load_sample

TYPED = Path(__file__).resolve().parent / "organisations.csv"


@dataclass(frozen=True, kw_only=True)
class Typed:
    typed: str
    name: str
    org_type: str
    user_group: str
    split: str


@dataclass(frozen=True, kw_only=True)
class Score:
    rows: int
    org_type: float
    user_group: float
    name: float
    misses: tuple[str, ...]


def sample_directory() -> list[Organisation]:
    """Every organisation the shipped sample data seeds, in file order."""
    return organisations_from_table(load_sample().organisations)


def typed_names(split: str) -> list[Typed]:
    with TYPED.open(newline="", encoding="utf-8") as fh:
        return [
            Typed(
                typed=r["typed"],
                name=r["expected_name"],
                org_type=r["expected_type"],
                user_group=r["expected_group"],
                split=r["split"],
            )
            for r in csv.DictReader(fh)
            if r["split"] == split
        ]


def score(index: OrganisationIndex, rows: list[Typed]) -> Score:
    """Share of rows whose type, group and name (the listed one, or the typed one tidied) match."""
    right_type = right_group = right_name = 0
    misses = []
    for row in rows:
        got = resolve_organisation(row.typed, index)
        ok_type = _value(got.org_type) == row.org_type
        ok_group = _value(got.user_group) == row.user_group
        ok_name = got.name == row.name and not got.ambiguous
        right_type += ok_type
        right_group += ok_group
        right_name += ok_name
        if not (ok_type and ok_group and ok_name):
            misses.append(_describe(row, got))
    n = len(rows)
    return Score(
        rows=n,
        org_type=right_type / n,
        user_group=right_group / n,
        name=right_name / n,
        misses=tuple(misses),
    )


def _value(member: object) -> str:
    return str(getattr(member, "value", "") or "")


def _describe(row: Typed, got: OrganisationMatch) -> str:
    candidates = f" candidates={[c.name for c in got.candidates]}" if got.candidates else ""
    return (
        f"{row.typed!r} -> {got.name!r} [{_value(got.org_type)} / {_value(got.user_group)}] "
        f"via {got.how}{candidates}; expected {row.name!r} [{row.org_type} / {row.user_group}]"
    )
