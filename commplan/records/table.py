"""A table read from a file, format-neutral, and the validation helpers every record shares."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from commplan.errors import ImportRejected, RowProblem

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class SourceRow:
    """One data row; ``number`` is its line in the file (the header is line 1)."""

    number: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass(frozen=True, kw_only=True)
class Table:
    """Rows read from a file, with normalised column names."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]


def column_key(header: str) -> str:
    """Header text to a column name: "Due start" and "due_start" are the same column."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


class Problems:
    """Collects every problem in a file so that the user sees them all at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[RowProblem] = []

    def add(self, row: int, column: str, reason: str) -> None:
        self.items.append(RowProblem(source=self.source, row=row, column=column, reason=reason))

    def check(self, row: SourceRow, column: str, parse: Callable[[str], T], default: T) -> T:
        """Parse one cell; on failure record the problem and return ``default``."""
        try:
            return parse(row.get(column))
        except ValueError as error:
            self.add(row.number, column, str(error))
            return default

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportRejected(self.items)


def require_columns(table: Table, required: Iterable[str]) -> None:
    """Reject the whole file when a required column is missing from its header."""
    missing = [c for c in required if c not in table.columns]
    if missing:
        problems = Problems(table.source)
        for column in missing:
            problems.add(1, column, "column missing from the header row")
        problems.raise_if_any()
    if not table.rows:
        raise ImportRejected([RowProblem(source=table.source, row=2, column="", reason="no rows")])


def parse_date(text: str) -> date | None:
    """ISO dates (2015-01-07) or UK day-first dates (07/01/2015); blank gives None."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD")


def required_text(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    return text.strip()


def whole_number(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise ValueError(f"{value} must be 1 or more")
    return value


def split_list(text: str) -> tuple[str, ...]:
    """A "; "-separated cell as a tuple of items."""
    return tuple(item.strip() for item in text.split(";") if item.strip())


def join_list(items: Sequence[object]) -> str:
    return "; ".join(str(item) for item in items)


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def find_duplicates(rows: Sequence[SourceRow], key: Callable[[SourceRow], object]) -> list[int]:
    """Row numbers whose key repeats an earlier row's."""
    seen: set[object] = set()
    repeated = []
    for row in rows:
        value = key(row)
        if value in seen:
            repeated.append(row.number)
        seen.add(value)
    return repeated


def table_from_csv(text: str, *, source: str, delimiter: str = ",") -> Table:
    """Parse CSV text (header row first) into a Table; blank lines are skipped.

    Raises:
        ImportRejected: no header, a repeated column, or a row with more cells than columns.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRejected([RowProblem(source=source, row=1, column="", reason="empty file")])
        lines = [(reader.line_num, cells) for cells in reader]
    except csv.Error as error:
        problem = RowProblem(source=source, row=reader.line_num, column="", reason=str(error))
        raise ImportRejected([problem]) from None
    return table_from_cells(header, lines, source=source)


def table_from_cells(
    header: Sequence[str], lines: Iterable[tuple[int, Sequence[str]]], *, source: str
) -> Table:
    """A Table from a header and numbered rows of cells, whatever the file format.

    Raises:
        ImportRejected: a column named twice (which of the two would a row mean?), or a row
            with more cells than the header has columns.
    """
    columns = tuple(column_key(h) for h in header)
    problems = Problems(source)
    first_at: dict[str, int] = {}
    for index, column in enumerate(columns):
        if column and column in first_at:
            problems.add(
                1,
                column,
                f"the column is named twice ({_letter(first_at[column])} and "
                f"{_letter(index)}); remove or rename one",
            )
        first_at.setdefault(column, index)
    problems.raise_if_any()
    rows = []
    for number, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [i for i in range(len(columns), len(cells)) if cells[i].strip()]
        if extra:
            problems.add(number, _letter(extra[0]), "more cells than the header has columns")
            continue
        rows.append(SourceRow(number=number, values=dict(zip(columns, cells, strict=False))))
    problems.raise_if_any()
    return Table(source=source, columns=columns, rows=tuple(rows))


def _letter(index: int) -> str:
    """A column's spreadsheet letter (0 is A, 26 is AA), to point at a column without a name."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
