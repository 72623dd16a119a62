"""Reminder settings and personal snoozes, on every implementation of the repository."""

from __future__ import annotations

from datetime import date

from commplan.ports import UnitOfWorkFactory
from commplan.reminder_settings import ReminderSettings, Snooze

PETE = ReminderSettings(
    person="Pete Brodie",
    ahead_days=(3,),
    daily_summary=False,
    quiet_days=frozenset({4}),
    paused_until=date(2027, 1, 5),
)


def test_settings_are_stored_whole_and_replaced(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.reminder_settings.get("Pete Brodie") is None
        uow.reminder_settings.put(PETE)
        uow.reminder_settings.put(ReminderSettings(person="Emma Wright"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.reminder_settings.get("Pete Brodie") == PETE
        assert [s.person for s in uow.reminder_settings.all()] == ["Emma Wright", "Pete Brodie"]
        back = ReminderSettings(person="Pete Brodie", ahead_days=(7, 1))
        uow.reminder_settings.put(back)
        uow.commit()
    with uow_factory() as uow:
        assert uow.reminder_settings.get("Pete Brodie") == back


def test_a_snooze_is_one_persons_and_runs_out(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.reminder_settings.snooze(
            Snooze(person="Pete Brodie", item="tactic:2026/20", until=date(2026, 9, 17))
        )
        uow.reminder_settings.snooze(
            Snooze(person="Emma Wright", item="tactic:2026/20", until=date(2026, 9, 12))
        )
        # Snoozed again: the later day replaces the earlier.
        uow.reminder_settings.snooze(
            Snooze(person="Pete Brodie", item="tactic:2026/20", until=date(2026, 9, 24))
        )
        uow.commit()
    with uow_factory() as uow:
        running = uow.reminder_settings.snoozed(date(2026, 9, 12))
        assert running == [
            Snooze(person="Pete Brodie", item="tactic:2026/20", until=date(2026, 9, 24))
        ]
        assert len(uow.reminder_settings.snoozed(date(2026, 9, 11))) == 2
        assert uow.reminder_settings.forget_snoozes(date(2026, 9, 12)) == 1
        uow.commit()
    with uow_factory() as uow:
        assert len(uow.reminder_settings.snoozed(date(2026, 9, 1))) == 1
