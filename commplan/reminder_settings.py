"""Each person's reminder settings: how far ahead, a daily summary or each item at once, quiet
weekdays (part-time staff), a pause until a date (leave), and their own snoozes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, kw_only=True)
class ReminderSettings:
    """One person's settings; a person without a row has the defaults.

    ``quiet_days`` are weekdays (0 is Monday) with no reminders: they wait for the next day.
    ``paused_until`` is the day reminders start again (none before it).
    """

    person: str
    ahead_days: tuple[int, ...] = (7, 1)
    daily_summary: bool = True
    quiet_days: frozenset[int] = frozenset()
    paused_until: date | None = None

    def silent_on(self, day: date) -> bool:
        """Whether no reminder reaches this person on ``day``."""
        if self.paused_until is not None and day < self.paused_until:
            return True
        return day.weekday() in self.quiet_days


@dataclass(frozen=True, kw_only=True)
class Snooze:
    """One person's snooze of one item ("tactic:2026/20", "action:2026-03-04/4") until a day."""

    person: str
    item: str
    until: date


def describe(settings: ReminderSettings, today: date) -> list[str]:
    """The settings in words, one line each."""
    ahead = " and ".join(str(n) for n in settings.ahead_days) or "no"
    lines = [
        f"Coming up: {ahead} day{'s' if settings.ahead_days != (1,) else ''} ahead.",
        "Delivery: one summary a day."
        if settings.daily_summary
        else "Delivery: each reminder as it falls due.",
    ]
    if settings.quiet_days:
        days = ", ".join(f"{WEEKDAYS[d]}s" for d in sorted(settings.quiet_days))
        lines.append(f"No reminders on {days}.")
    if settings.paused_until is not None and settings.paused_until > today:
        lines.append(f"Paused until {settings.paused_until:%A %-d %B %Y}.")
    return lines
