"""Fake reminder settings and snoozes."""

from __future__ import annotations

from datetime import date

from commplan.erasure import Erasure
from commplan.reminder_settings import ReminderSettings, Snooze
from tests.fakes._store import Repo


class FakeReminderSettings(Repo):
    def get(self, person: str) -> ReminderSettings | None:
        return self._s.reminder_settings.get(person)

    def all(self) -> list[ReminderSettings]:
        return [self._s.reminder_settings[k] for k in sorted(self._s.reminder_settings)]

    def put(self, settings: ReminderSettings) -> None:
        self._s.reminder_settings[settings.person] = settings

    def snooze(self, snooze: Snooze) -> None:
        self._s.snoozes[(snooze.person, snooze.item)] = snooze

    def snoozed(self, today: date) -> list[Snooze]:
        return [s for _, s in sorted(self._s.snoozes.items()) if s.until > today]

    def forget_snoozes(self, before: date) -> int:
        old = [k for k, s in self._s.snoozes.items() if s.until <= before]
        for key in old:
            del self._s.snoozes[key]
        return len(old)

    def erase_person(self, who: Erasure) -> int:
        settings = [name for name in self._s.reminder_settings if who.is_them(name)]
        snoozes = [key for key in self._s.snoozes if who.is_them(key[0])]
        for name in settings:
            del self._s.reminder_settings[name]
        for key in snoozes:
            del self._s.snoozes[key]
        return len(settings) + len(snoozes)
