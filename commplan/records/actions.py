"""The meeting action log's file format."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from commplan.meetings import MeetingAction, paragraph_ref, update_means_done
from commplan.records.table import (
    Problems,
    Table,
    find_duplicates,
    iso,
    parse_date,
    require_columns,
    required_text,
    whole_number,
)

COLUMNS = (
    "meeting_date",
    "meeting",
    "number",
    "paragraph",
    "action",
    "responsible",
    "status",
    "done",
    "due",
)
REQUIRED = ("meeting_date", "number", "action", "responsible")
_YES = {"yes", "y", "true", "1", "done"}
_NO = {"no", "n", "false", "0", ""}


def _required_date(text: str) -> date:
    day = parse_date(text)
    if day is None:
        raise ValueError("must not be empty")
    return day


def _done(text: str) -> bool | None:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return None if not key else False
    raise ValueError(f"{text!r} is not yes or no")


def actions_from_table(table: Table) -> list[MeetingAction]:
    """Validate every row and build the actions; raises ImportRejected listing all problems."""
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    actions = []
    for row in table.rows:
        meeting_date = problems.check(row, "meeting_date", _required_date, None)
        number = problems.check(row, "number", whole_number, 0)
        text = problems.check(row, "action", required_text, "")
        responsible = problems.check(row, "responsible", required_text, "")
        done = problems.check(row, "done", _done, None)
        due = problems.check(row, "due", parse_date, None)
        paragraph = problems.check(row, "paragraph", paragraph_ref, "")
        update = row.get("status")
        if meeting_date is None:
            continue
        actions.append(
            MeetingAction(
                meeting_date=meeting_date,
                meeting=row.get("meeting"),
                number=number,
                paragraph=paragraph,
                text=text,
                responsible=responsible,
                update=update,
                done=update_means_done(update) if done is None else done,
                due=due,
            )
        )
    for line in find_duplicates(table.rows, lambda r: (r.get("meeting_date"), r.get("number"))):
        problems.add(line, "number", "the same action number for this meeting is on an earlier row")
    problems.raise_if_any()
    return actions


def actions_to_rows(actions: Sequence[MeetingAction]) -> list[dict[str, str]]:
    """Actions as rows, meeting by meeting."""
    return [
        {
            "meeting_date": iso(a.meeting_date),
            "meeting": a.meeting,
            "number": str(a.number),
            "paragraph": a.paragraph,
            "action": a.text,
            "responsible": a.responsible,
            "status": a.update,
            "done": "yes" if a.done else "no",
            "due": iso(a.due),
        }
        for a in sorted(actions, key=lambda a: (a.meeting_date, a.number))
    ]
