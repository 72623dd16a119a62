"""Steering group meetings and the actions they record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: A paragraph reference ("3.1", "para 4 (b)") is short; the database keeps 20 characters.
MAX_PARAGRAPH = 20


def paragraph_ref(text: str) -> str:
    """A paragraph reference as given, stripped.

    Raises:
        ValueError: it is longer than :data:`MAX_PARAGRAPH` (a sentence put in the wrong column).
    """
    text = text.strip()
    if len(text) > MAX_PARAGRAPH:
        raise ValueError(
            f"a paragraph reference is at most {MAX_PARAGRAPH} characters, like '3.1'; "
            f"{text[:30]!r} is longer"
        )
    return text


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


def parse_action_key(key: str) -> tuple[date, int] | None:
    """The meeting date and number of a key made by :attr:`MeetingAction.key`, if it is one."""
    head, slash, tail = key.strip().partition("/")
    if not slash or not tail.isdigit():
        return None
    try:
        return date.fromisoformat(head), int(tail)
    except ValueError:
        return None


_DONE = re.compile(r"^\s*(complete|completed|compete|done|closed)\b", re.I)


def update_means_done(update: str) -> bool:
    """Whether an action-log update ("Complete – EDC has been added ...") marks it done."""
    return bool(_DONE.match(update))
