"""How big a file an import reads, so that a huge or hostile file fails fast and clearly."""

from __future__ import annotations

import io
import zipfile
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
    #: What an XLSX or Word file may unpack to: a few megabytes of zip can hold gigabytes.
    max_unpacked_bytes: int = 200 * 1024 * 1024
    #: A real workbook or document has tens of parts; thousands are a zip made to stall.
    max_archive_members: int = 10_000


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


def check_archive(source: str, content: bytes, limits: FileLimits) -> None:
    """Refuse an XLSX or Word file (a zip) that would unpack to more than ``limits`` allow.

    The sizes come from the zip's directory; Python's zip reader stops at them, so a member
    cannot unpack to more than it declares.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return  # the reader says what is wrong with it
    unpacked = sum(member.file_size for member in members)
    if len(members) > limits.max_archive_members:
        reason = (
            f"the file holds {len(members):,} parts; the limit is {limits.max_archive_members:,}"
        )
        raise ImportRejected([RowProblem(source=source, row=0, column="", reason=reason)])
    if unpacked > limits.max_unpacked_bytes:
        megabytes = limits.max_unpacked_bytes / (1024 * 1024)
        reason = (
            f"the file unpacks to {unpacked / (1024 * 1024):.1f} MB; the limit is {megabytes:g} MB"
        )
        raise ImportRejected([RowProblem(source=source, row=0, column="", reason=reason)])
