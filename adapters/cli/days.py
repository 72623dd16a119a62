"""Days on the command line: ISO ("2026-03-31") or everyday words ("end of March").

Words are read when the command runs, against the runtime's clock in the team's time zone,
since argparse reads the arguments before there is a runtime; they are only checked when
the arguments are read, so that a typo fails at once with the words that were wrong.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, date, datetime

from commplan.errors import InvalidInput
from commplan.when import parse_when


@dataclass(frozen=True, kw_only=True)
class Day:
    """A day as given: an ISO date, or words to read at the command's ``now``."""

    text: str
    iso: date | None = None

    def first(self, now: datetime) -> date:
        """The day, or the first day the words name ("March" is 1 March)."""
        return self.iso or self._read(now)[0]

    def last(self, now: datetime) -> date:
        """The day, or the last day the words name ("March" is 31 March): for "to" dates."""
        return self.iso or self._read(now)[1]

    def _read(self, now: datetime) -> tuple[date, date]:
        when = parse_when(self.text, now=now)
        if when is None:
            raise InvalidInput(_not_a_day(self.text))
        return when.start, when.end


def day(text: str) -> Day:
    """An argparse ``type``: an ISO date, or words that read as a date."""
    try:
        return Day(text=text, iso=date.fromisoformat(text))
    except ValueError:
        pass
    if parse_when(text, now=datetime.now(UTC)) is None:
        raise argparse.ArgumentTypeError(_not_a_day(text))
    return Day(text=text)


def _not_a_day(text: str) -> str:
    return (
        f"{text!r} is not a date: write YYYY-MM-DD or words such as '31 March', "
        "'end of March' or 'last Friday'"
    )
