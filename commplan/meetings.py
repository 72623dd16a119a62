"""Steering group meetings and the actions they record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, kw_only=True)
class MeetingAction:
    """One numbered action from a meeting's action log."""

    meeting_date: date
    number: int
    text: str
    responsible: str
    paragraph: str = ""
    update: str = ""
    done: bool = False
    meeting: str = ""
    due: date | None = None
    snoozed_until: date | None = None

    @property
    def key(self) -> str:
        """How people refer to it: "<meeting date>/<number>"."""
        return f"{self.meeting_date.isoformat()}/{self.number}"


_DONE = re.compile(r"^\s*(complete|completed|compete|done|closed)\b", re.I)


def update_means_done(update: str) -> bool:
    """Whether an action-log update ("Complete – EDC has been added ...") marks it done."""
    return bool(_DONE.match(update))
