"""Test helper: the shipped sample catalogue as Standard values.

The product's importer comes later; this reads the CSV directly so the ranking can be
evaluated against the real data without a database.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib.resources import files

from commplan.standards import Standard


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def load_sample_standards() -> list[Standard]:
    """Every row of ``commplan/sample/standards.csv``, in file order."""
    text = files("commplan.sample").joinpath("standards.csv").read_text(encoding="utf-8")
    return [
        Standard(
            name=row["name"],
            topic=row["topic"],
            group=row["group"],
            covers=row["covers"],
            synonyms=_split(row["synonyms"]),
            related=_split(row["related"]),
            status=row["status"],
            last_review=date.fromisoformat(row["last_review"]) if row["last_review"] else None,
            url=row["url"],
            owner=row["owner"],
            question=row.get("question", ""),
            options=_split(row.get("options", "")),
            response=row.get("response", ""),
            base=row.get("base", ""),
            concept=_split(row.get("concept", "")),
            rules=row.get("rules", ""),
        )
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]
