"""The plan's file format: one row per tactic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import partial

from commplan.errors import InvalidInput
from commplan.people import split_owners
from commplan.plan import DueWindow, Phase, Status, Tactic
from commplan.records.table import (
    Problems,
    SourceRow,
    Table,
    column_key,
    find_duplicates,
    iso,
    parse_date,
    require_columns,
    required_text,
    whole_number,
)
from commplan.status import parse_status, stated_status
from commplan.timing import parse_timing

COLUMNS = (
    "plan_year",
    "number",
    "phase",
    "name",
    "purpose",
    "audience",
    "timing",
    "due_start",
    "due_end",
    "accountable",
    "status",
    "objectives",
    "notes",
)
REQUIRED = ("number", "name", "timing", "accountable")

_STATUS_TEXT = {
    Status.PLANNED: "",
    Status.ONGOING: "On-going",
    Status.COMPLETE: "Complete",
    Status.CANCELLED: "Cancelled",
}


def _phase(text: str) -> Phase | None:
    if not text:
        return None
    match = re.search(r"q?\s*([1-4])", text.strip().lower())
    if not match:
        raise ValueError(f"{text!r} is not a phase; write Q1, Q2, Q3 or Q4")
    return Phase(f"Q{match.group(1)}")


def _objectives(text: str) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", text)
    if text.strip() and not numbers:
        raise ValueError(f"{text!r} names no objective numbers; write them as 1;2")
    return tuple(int(n) for n in numbers)


def _status(text: str, stated_in: tuple[str, ...] = ()) -> Status:
    try:
        return stated_status(text, *stated_in)
    except InvalidInput as error:
        raise ValueError(str(error)) from None


def tactics_from_table(table: Table, *, default_year: int) -> list[Tactic]:
    """Validate every row and build the tactics; raises ImportRejected listing all problems."""
    require_columns(table, REQUIRED)
    problems = Problems(table.source)
    tactics = []
    for row in table.rows:
        year = problems.check(
            row, "plan_year", lambda t: whole_number(t) if t else default_year, default_year
        )
        number = problems.check(row, "number", whole_number, 0)
        name = problems.check(row, "name", required_text, "")
        # A blank status cell is not "planned" when the purpose says "(On-going)".
        status = problems.check(
            row,
            "status",
            partial(_status, stated_in=(row.get("purpose"), row.get("name"))),
            Status.PLANNED,
        )
        objectives: tuple[int, ...] = problems.check(row, "objectives", _objectives, ())
        phase = problems.check(row, "phase", _phase, None)
        window = _window(row.get("timing"), row.get("due_start"), row.get("due_end"), year)
        if isinstance(window, tuple):
            problems.add(row.number, *window)
            window = None
        if phase is None:
            if window is None:
                problems.add(
                    row.number, "phase", "give a phase (Q1-Q4) when the timing has no date"
                )
                phase = Phase.Q1
            else:
                phase = Phase.of_month(window.start.month)
        owners = split_owners(row.get("accountable"))
        if not owners:
            problems.add(row.number, "accountable", "name at least one person or group")
        tactics.append(
            Tactic(
                plan_year=year,
                number=number,
                name=name,
                phase=phase,
                purpose=row.get("purpose"),
                audience=row.get("audience"),
                timing=row.get("timing"),
                window=window,
                owners=owners,
                status=status,
                objectives=objectives,
                notes=row.get("notes"),
            )
        )
    for line in find_duplicates(table.rows, lambda r: (r.get("plan_year"), r.get("number"))):
        problems.add(line, "number", "the same tactic number appears on an earlier row")
    problems.raise_if_any()
    return tactics


def _window(
    timing: str, start_text: str, end_text: str, year: int
) -> DueWindow | None | tuple[str, str]:
    """The due window of a row, or the (column, reason) of what is wrong.

    The timing decides when it can be read. Explicit due dates serve timings that carry no
    dates ("TBC", "Autumn"), and must agree with a timing that does, so that a stale date
    left in a spreadsheet cannot silently override an edited timing.
    """
    try:
        explicit = None
        if start_text or end_text:
            start = parse_date(start_text or end_text)
            end = parse_date(end_text or start_text)
            assert start is not None and end is not None
            if end < start:
                return ("due_end", f"{end} is before due_start {start}")
            explicit = DueWindow(start=start, end=end)
    except ValueError as error:
        return ("due_start" if start_text else "due_end", str(error))
    try:
        derived = parse_timing(timing, year)
    except InvalidInput as error:
        return explicit if explicit is not None else ("timing", str(error))
    if explicit is not None and derived is not None and explicit != derived:
        return (
            "timing",
            (
                f"due dates {explicit.start}..{explicit.end} disagree with the timing {timing!r} "
                f"({derived.start}..{derived.end}); change one or clear the dates"
            ),
        )
    return explicit or derived


def tactics_to_rows(tactics: Sequence[Tactic]) -> list[dict[str, str]]:
    """Tactics as rows of the plan format, in plan order."""
    return [
        {
            "plan_year": str(t.plan_year),
            "number": str(t.number),
            "phase": t.phase.value,
            "name": t.name,
            "purpose": t.purpose,
            "audience": t.audience,
            "timing": t.timing,
            "due_start": iso(t.window.start if t.window else None),
            "due_end": iso(t.window.end if t.window else None),
            "accountable": _join_owners(t.owners),
            "status": _STATUS_TEXT[t.status],
            "objectives": ";".join(str(o) for o in t.objectives),
            "notes": t.notes,
        }
        for t in sorted(tactics, key=lambda t: (t.plan_year, t.number))
    ]


def _join_owners(owners: Sequence[str]) -> str:
    if len(owners) <= 1:
        return "".join(owners)
    return ", ".join(owners[:-1]) + " and " + owners[-1]


def rows_from_document(cells: Sequence[Sequence[str]], *, source: str) -> Table:
    """Turn a Word plan table (Tactic | Purpose | Audience | Timing | Accountable) into rows.

    The steering group's plan puts the objectives under the tactic's name, the status under
    the accountable owner, and phases on rows of their own; this reads that layout.
    """
    header_at = next(
        (i for i, row in enumerate(cells) if {"tactic", "timing"} <= {column_key(c) for c in row}),
        None,
    )
    if header_at is None:
        raise InvalidInput(f"{source}: no table with Tactic and Timing columns")
    header = [column_key(c) for c in cells[header_at]]
    rows: list[SourceRow] = []
    phase = ""
    for offset, raw in enumerate(cells[header_at + 1 :], start=header_at + 2):
        values = dict(zip(header, (c.strip() for c in raw), strict=False))
        first = values.get("tactic", "")
        phase_match = re.match(r"phase\s*(\d)", first, re.I)
        if phase_match and len({v for v in values.values() if v}) <= 1:
            phase = f"Q{phase_match.group(1)}"
            continue
        if not any(values.values()):
            continue
        name_lines = [line.strip() for line in first.splitlines() if line.strip()]
        objectives = ""
        kept = []
        for line in name_lines:
            found = re.search(r"\(objectives?\s*([^)]*)\)", line, re.I)
            if found:
                objectives = ";".join(re.findall(r"\d+", found.group(1)))
                line = line[: found.start()].strip()
            if line:
                kept.append(line)
        owner_lines = [line.strip() for line in values.get("accountable", "").splitlines()]
        owner_lines = [line for line in owner_lines if line]
        status = ""
        if owner_lines and _is_status(owner_lines[-1]):
            status = owner_lines.pop()
        rows.append(
            SourceRow(
                number=offset,
                values={
                    "number": str(len(rows) + 1),
                    "phase": phase,
                    "name": " ".join(kept),
                    "purpose": " ".join(values.get("purpose", "").split()),
                    "audience": " ".join(values.get("audience", "").split()),
                    "timing": " ".join(values.get("timing", "").split()),
                    "accountable": " ".join(owner_lines),
                    "status": status,
                    "objectives": objectives,
                },
            )
        )
    return Table(source=source, columns=COLUMNS, rows=tuple(rows))


def _is_status(text: str) -> bool:
    try:
        parse_status(text)
    except InvalidInput:
        return False
    return True


def shift_year(table: Table, year: int) -> Table:
    """The same plan moved to another year (for demos that need today's dates)."""
    rows = []
    for row in table.rows:
        values = dict(row.values)
        values["plan_year"] = str(year)
        for column in ("due_start", "due_end"):
            day = parse_date(values.get(column, ""))
            values[column] = iso(_replace_year(day, year)) if day else ""
        rows.append(SourceRow(number=row.number, values=values))
    return Table(source=table.source, columns=table.columns, rows=tuple(rows))


def _replace_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=year, day=28)
