"""Reading and changing one person's reminder settings, and snoozing an item for them alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from commplan.errors import InvalidInput
from commplan.ports import UnitOfWork
from commplan.reminder_settings import ReminderSettings, Snooze

#: The furthest ahead a reminder can be asked for: a plan's quarter.
MAX_AHEAD_DAYS = 90


def settings_of(uow: UnitOfWork, person: str) -> ReminderSettings:
    """The person's settings, the defaults when they have changed nothing."""
    with uow as repos:
        return repos.reminder_settings.get(person) or ReminderSettings(person=person)


def change_settings(uow: UnitOfWork, person: str, **changes: Any) -> ReminderSettings:
    """Change some of the person's settings; the settings now.

    Raises:
        InvalidInput: days ahead that are not from 1 to :data:`MAX_AHEAD_DAYS`.
    """
    ahead = changes.get("ahead_days")
    if ahead is not None and not all(1 <= n <= MAX_AHEAD_DAYS for n in ahead):
        raise InvalidInput(f"I can remind you from 1 to {MAX_AHEAD_DAYS} days ahead.")
    with uow as repos:
        current = repos.reminder_settings.get(person) or ReminderSettings(person=person)
        changed = replace(current, **changes)
        repos.reminder_settings.put(changed)
        repos.commit()
    return changed


def snooze_for(uow: UnitOfWork, person: str, item: str, until: date) -> None:
    """Snooze one item for this person only: the item's other owners still hear about it."""
    with uow as repos:
        repos.reminder_settings.snooze(Snooze(person=person, item=item, until=until))
        repos.commit()
