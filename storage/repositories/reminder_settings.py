"""Each person's reminder settings and their own snoozes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from commplan.erasure import Erasure
from commplan.reminder_settings import ReminderSettings, Snooze
from storage.tables import ReminderSettingsRow, ReminderSnoozeRow


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _settings(row: ReminderSettingsRow) -> ReminderSettings:
    return ReminderSettings(
        person=row.person,
        ahead_days=_numbers(row.ahead_days),
        daily_summary=row.daily_summary,
        quiet_days=frozenset(_numbers(row.quiet_days)),
        paused_until=row.paused_until,
    )


class SqlReminderSettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, person: str) -> ReminderSettings | None:
        row = self._session.get(ReminderSettingsRow, person)
        return _settings(row) if row is not None else None

    def all(self) -> list[ReminderSettings]:
        rows = self._session.scalars(
            select(ReminderSettingsRow).order_by(ReminderSettingsRow.person)
        )
        return [_settings(row) for row in rows]

    def put(self, settings: ReminderSettings) -> None:
        row = self._session.get(ReminderSettingsRow, settings.person)
        if row is None:
            row = ReminderSettingsRow(person=settings.person)
            self._session.add(row)
        row.ahead_days = ",".join(str(n) for n in settings.ahead_days)
        row.daily_summary = settings.daily_summary
        row.quiet_days = ",".join(str(n) for n in sorted(settings.quiet_days))
        row.paused_until = settings.paused_until
        self._session.flush()

    def snooze(self, snooze: Snooze) -> None:
        row = self._session.get(ReminderSnoozeRow, (snooze.person, snooze.item))
        if row is None:
            self._session.add(
                ReminderSnoozeRow(person=snooze.person, item=snooze.item, until=snooze.until)
            )
        else:
            row.until = snooze.until
        self._session.flush()

    def snoozed(self, today: date) -> list[Snooze]:
        query = (
            select(ReminderSnoozeRow)
            .where(ReminderSnoozeRow.until > today)
            .order_by(ReminderSnoozeRow.person, ReminderSnoozeRow.item)
        )
        return [
            Snooze(person=row.person, item=row.item, until=row.until)
            for row in self._session.scalars(query)
        ]

    def forget_snoozes(self, before: date) -> int:
        result = self._session.execute(
            delete(ReminderSnoozeRow).where(ReminderSnoozeRow.until <= before)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def erase_person(self, who: Erasure) -> int:
        rows = [
            *self._session.scalars(select(ReminderSettingsRow)),
            *self._session.scalars(select(ReminderSnoozeRow)),
        ]
        theirs = [row for row in rows if who.is_them(row.person)]
        for row in theirs:
            self._session.delete(row)
        self._session.flush()
        return len(theirs)
