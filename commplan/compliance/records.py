"""A questionnaire file's rows as draft questions.

Columns: ``question`` (required), ``options`` (separated by ";" or "/"), and optionally
``response`` ("single" or "multiple") and ``base`` (who is asked, "16+").
"""

from __future__ import annotations

from commplan.compliance.drafts import DraftQuestion, age_base, split_options
from commplan.records.table import Problems, Table, require_columns, required_text

RESPONSES = ("single", "multiple")


def drafts_from_table(table: Table) -> list[DraftQuestion]:
    """Every row as a draft; raises ImportRejected naming each bad cell."""
    require_columns(table, ("question",))
    problems = Problems(table.source)
    drafts = []
    for row in table.rows:
        response = row.get("response").strip().lower()
        if response and response not in RESPONSES:
            problems.add(row.number, "response", f"{response!r} is not 'single' or 'multiple'")
        base = row.get("base").strip()
        drafts.append(
            DraftQuestion(
                question=problems.check(row, "question", required_text, ""),
                options=split_options(row.get("options")),
                response=response if response in RESPONSES else "",
                base=(age_base(base) or base) if base else "",
            )
        )
    problems.raise_if_any()
    return drafts
