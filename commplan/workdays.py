"""Working days: not a weekend, not a bank holiday."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, kw_only=True)
class WorkingDays:
    """A calendar of working days; ``holidays`` is any container of dates (bank holidays)."""

    holidays: Container[date] = field(default_factory=frozenset)

    def is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def on_or_before(self, day: date) -> date:
        """The day itself if it is a working day, else the working day before it."""
        while not self.is_working(day):
            day -= timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day."""
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def add(self, day: date, working_days: int) -> date:
        """The working day ``working_days`` after ``day``."""
        while working_days > 0:
            day += timedelta(days=1)
            if self.is_working(day):
                working_days -= 1
        return day
