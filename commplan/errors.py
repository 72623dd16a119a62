"""The domain's exceptions.

    CommplanError                 base of everything the domain raises on purpose
    ├── NotFound (LookupError)    a tactic, action, person or standard that does not exist
    ├── NotAllowed (PermissionError)  the actor may not do this
    ├── InvalidInput (ValueError)  text the user typed that cannot be understood
    └── ImportRejected (ValueError)  a file with bad rows; carries every row problem

Adapters turn these into replies in exactly one place (``bot.replies.error_reply``) and
into exit codes in the command line.
"""

from __future__ import annotations

from dataclasses import dataclass


class CommplanError(Exception):
    """Base class for errors the domain raises deliberately."""


class NotFound(CommplanError, LookupError):
    """Something the user named does not exist."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"No {kind} {key!s}.")


class NotAllowed(CommplanError, PermissionError):
    """The actor lacks the role the operation needs."""


class InvalidInput(CommplanError, ValueError):
    """Input that could not be understood; the message says what and where."""


@dataclass(frozen=True, kw_only=True)
class RowProblem:
    """One problem in one cell of an imported file."""

    source: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        # Row 0 is the whole file (too large, unreadable); no column is a whole row.
        where = [self.source]
        if self.row:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}"


class ImportRejected(CommplanError, ValueError):
    """A file failed validation; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"Nothing was imported: {count} {noun}.\n{head}{more}")
