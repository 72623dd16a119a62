"""The nudges due at a moment, read from the whole plan in one unit of work."""

from __future__ import annotations

from datetime import date, datetime

from commplan.nudges import DEFAULT_POLICY, Nudge, NudgePolicy, due_nudges
from commplan.people import Directory, Person
from commplan.ports import UnitOfWork
from commplan.reminder_settings import ReminderSettings
from commplan.reminders import personal, standing
from commplan.workdays import WorkingDays


def nudges_due(
    uow: UnitOfWork,
    now: datetime,
    *,
    calendar: WorkingDays,
    policy: NudgePolicy = DEFAULT_POLICY,
) -> list[Nudge]:
    """Every nudge due at ``now`` (local time): tactics, actions, reviews and the inbox, as
    each person's reminder settings and snoozes have them."""
    today = now.date()
    with uow as repos:
        latest = repos.plans.latest()
        tactics = repos.tactics.all(latest.year, open_only=True) if latest else []
        actions = repos.actions.all()
        standards = repos.standards.all()
        queries = repos.queries.open()
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        settings = {s.person: s for s in repos.reminder_settings.all()}
        snoozes = repos.reminder_settings.snoozed(today)

    def under(chosen: NudgePolicy) -> list[Nudge]:
        return due_nudges(
            queries=queries,
            tactics=tactics,
            actions=actions,
            standards=standards,
            directory=directory,
            now=now,
            calendar=calendar,
            policy=chosen,
        )

    return personal(under, policy=policy, settings=settings, snoozes=snoozes, today=today)


def reminder_settings(uow: UnitOfWork) -> dict[str, ReminderSettings]:
    """Everyone's reminder settings that differ from the defaults, by name."""
    with uow as repos:
        return {s.person: s for s in repos.reminder_settings.all()}


def reminders_of(uow: UnitOfWork, person: Person, today: date) -> list[Nudge]:
    """Everything open with the person's name on it, most urgent first ("my reminders")."""
    with uow as repos:
        latest = repos.plans.latest()
        tactics = repos.tactics.all(latest.year, open_only=True) if latest else []
        actions = repos.actions.all()
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    return standing(
        person=person, directory=directory, tactics=tactics, actions=actions, today=today
    )
