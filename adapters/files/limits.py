"""How big a file an import reads, so that a huge or hostile file fails fast and clearly."""

from __future__ import annotations

from dataclasses import dataclass

from commplan.errors import ImportRejected, RowProblem


@dataclass(frozen=True, kw_only=True)
class FileLimits:
    """The largest file an import reads.

    The defaults are far above the team's files (the plan has 34 tactics, a year's contacts a
    few thousand rows) and far below what would keep the command busy for minutes.
    """

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 50_000
    #: XLSX sheets formatted to the last column still carry data in the first few.
    max_columns: int = 256


DEFAULT_LIMITS = FileLimits()


def too_many_rows(source: str, limits: FileLimits, row: int) -> ImportRejected:
    """The refusal for a file with more rows than ``limits`` allow, at ``row``."""
    reason = (
        f"more than {limits.max_rows:,} rows; split the file into parts of at most "
        f"{limits.max_rows:,} rows"
    )
    return ImportRejected([RowProblem(source=source, row=row, column="", reason=reason)])


def check_size(source: str, size: int, limits: FileLimits) -> None:
    """Refuse a file larger than ``limits`` allow, before reading any of it."""
    if size > limits.max_bytes:
        megabytes = limits.max_bytes / (1024 * 1024)
        reason = f"the file is {size / (1024 * 1024):.1f} MB; the limit is {megabytes:g} MB"
        raise ImportRejected([RowProblem(source=source, row=0, column="", reason=reason)])
