"""The organisation directory's file format."""

from __future__ import annotations

from collections.abc import Sequence

from commplan.organisations import Organisation, parse_org_type, parse_user_group
from commplan.records.table import (
    Problems,
    Table,
    join_list,
    require_columns,
    required_text,
    split_list,
)

COLUMNS = ("name", "org_type", "user_group", "domains")
REQUIRED = ("name",)


def organisations_from_table(table: Table) -> list[Organisation]:
    """Validate every row; raises ImportRejected listing all problems."""
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    organisations = []
    owner: dict[str, int] = {}
    for row in table.rows:
        domains = tuple(d.lower() for d in split_list(row.get("domains")))
        for domain in domains:
            if domain in owner:
                problems.add(row.number, "domains", f"{domain} is already on row {owner[domain]}")
            owner[domain] = row.number
        organisations.append(
            Organisation(
                name=problems.check(row, "name", required_text, ""),
                org_type=problems.check(row, "org_type", parse_org_type, None),
                user_group=problems.check(row, "user_group", parse_user_group, None),
                domains=domains,
            )
        )
    problems.raise_if_any()
    return organisations


def organisations_to_rows(organisations: Sequence[Organisation]) -> list[dict[str, str]]:
    return [
        {
            "name": o.name,
            "org_type": o.org_type.value if o.org_type else "",
            "user_group": o.user_group.value if o.user_group else "",
            "domains": join_list(o.domains),
        }
        for o in sorted(organisations, key=lambda o: o.name.lower())
    ]
