"""The standards catalogue's file format."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from commplan.records.table import (
    Problems,
    Table,
    find_duplicates,
    iso,
    join_list,
    parse_date,
    require_columns,
    required_text,
    split_list,
)
from commplan.standards import Standard

COLUMNS = (
    "name",
    "topic",
    "group",
    "covers",
    "synonyms",
    "related",
    "status",
    "last_review",
    "url",
    "owner",
    "question",
    "options",
    "response",
    "base",
    "concept",
    "rules",
)
RESPONSES = ("single", "multiple")
REQUIRED = ("name", "topic", "covers")


def standards_from_table(table: Table, *, known_names: Collection[str] = ()) -> list[Standard]:
    """Validate every row and build the entries; raises ImportRejected listing all problems.

    ``related`` may name entries of the file or ``known_names`` (the catalogue already held).
    """
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    standards = []
    for row in table.rows:
        url = row.get("url")
        response = row.get("response").lower()
        if response and response not in RESPONSES:
            problems.add(row.number, "response", f"{response!r} is not 'single' or 'multiple'")
        if url and not url.startswith(("https://", "http://")):
            problems.add(row.number, "url", f"{url!r} is not a web address")
        standards.append(
            Standard(
                name=problems.check(row, "name", required_text, ""),
                topic=problems.check(row, "topic", required_text, ""),
                covers=problems.check(row, "covers", required_text, ""),
                group=row.get("group"),
                synonyms=split_list(row.get("synonyms")),
                related=split_list(row.get("related")),
                status=row.get("status"),
                last_review=problems.check(row, "last_review", parse_date, None),
                url=url,
                owner=row.get("owner"),
                question=row.get("question"),
                options=split_list(row.get("options")),
                response=response,
                base=row.get("base"),
                concept=split_list(row.get("concept")),
                rules=row.get("rules"),
            )
        )
    names = {s.name for s in standards} | set(known_names)
    for row, standard in zip(table.rows, standards, strict=True):
        for other in standard.related:
            if other not in names:
                problems.add(row.number, "related", f"{other!r} is not a name in this file")
    for line in find_duplicates(table.rows, lambda r: r.get("name").lower()):
        problems.add(line, "name", "this name is on an earlier row")
    problems.raise_if_any()
    return standards


def standards_to_rows(standards: Sequence[Standard]) -> list[dict[str, str]]:
    """Catalogue entries as rows, by name."""
    return [
        {
            "name": s.name,
            "topic": s.topic,
            "group": s.group,
            "covers": s.covers,
            "synonyms": join_list(s.synonyms),
            "related": join_list(s.related),
            "status": s.status,
            "last_review": iso(s.last_review),
            "url": s.url,
            "owner": s.owner,
            "question": s.question,
            "options": join_list(s.options),
            "response": s.response,
            "base": s.base,
            "concept": join_list(s.concept),
            "rules": s.rules,
        }
        for s in sorted(standards, key=lambda s: s.name.lower())
    ]
