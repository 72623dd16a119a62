"""A first page of a list and how many there are in all: what a chat shows of a long list.

A chat message is no place for a million rows; the store counts them and returns only the
first few, most relevant first, and the reply says how many more there are and where to see
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

#: How many rows a chat answer shows before "and N more".
CHAT_ROWS = 10


@dataclass(frozen=True, kw_only=True)
class Page(Generic[T]):
    """The first ``rows`` of a list of ``total`` rows."""

    rows: tuple[T, ...]
    total: int

    @property
    def more(self) -> int:
        """How many rows the page leaves out."""
        return max(self.total - len(self.rows), 0)

    @classmethod
    def of(cls, rows: list[T] | tuple[T, ...], limit: int) -> Page[T]:
        """The first ``limit`` of rows already in memory (fakes, small lists)."""
        return cls(rows=tuple(rows[:limit]), total=len(rows))
