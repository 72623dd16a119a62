"""Status text as people write it, turned into a Status."""

from __future__ import annotations

import re

from commplan.errors import InvalidInput
from commplan.plan import Status

# The seed writes "Complete", "Complete." and once "Compete"; "On-going" and "on going".
_WORDS: dict[str, Status] = {
    "": Status.PLANNED,
    "planned": Status.PLANNED,
    "not started": Status.PLANNED,
    "todo": Status.PLANNED,
    "to do": Status.PLANNED,
    "open": Status.PLANNED,
    "ongoing": Status.ONGOING,
    "in progress": Status.ONGOING,
    "started": Status.ONGOING,
    "complete": Status.COMPLETE,
    "compete": Status.COMPLETE,
    "completed": Status.COMPLETE,
    "done": Status.COMPLETE,
    "closed": Status.COMPLETE,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "dropped": Status.CANCELLED,
    "withdrawn": Status.CANCELLED,
    "not going ahead": Status.CANCELLED,
}


def parse_status(text: str) -> Status:
    """Map a written status ("Complete", "Compete", "On-going", blank) to a Status.

    Raises:
        InvalidInput: the text names no known status.
    """
    key = re.sub(r"[\s\-_]+", " ", text.strip().lower()).rstrip(".").strip()
    if key.replace(" ", "") == "ongoing":
        return Status.ONGOING
    if key in _WORDS:
        return _WORDS[key]
    # Action logs write updates such as "Complete – initial meeting held 16/7/2015."
    first = re.split(r"[\s\-–:,.]+", key, maxsplit=1)[0]
    if first in ("complete", "compete", "completed", "done"):
        return Status.COMPLETE
    if first in ("cancelled", "canceled"):
        return Status.CANCELLED
    raise InvalidInput(
        f"{text!r} is not a status; use Complete, On-going, Cancelled or leave it blank for "
        "planned."
    )


# "(On-going)", "(Complete)" or "(cancelled)" closing a cell: the plan states a status there.
_MARKER = re.compile(r"\((on[\s-]*going|complete|completed|compete|cancell?ed)\)[\s.]*$", re.I)


def stated_status(cell: str, *texts: str) -> Status:
    """A tactic's status from wherever the plan states it: the status cell when it says
    anything, else a status in brackets closing one of ``texts`` (the purpose, say: "... the
    GSS voice (On-going)"), else planned.

    Raises:
        InvalidInput: the status cell names no known status.
    """
    if cell.strip():
        return parse_status(cell)
    for text in texts:
        marker = _MARKER.search(text.strip())
        if marker:
            return parse_status(marker.group(1))
    return Status.PLANNED
