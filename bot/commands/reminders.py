"""Reminder commands: "my reminders", each person's reminder settings, and Snooze on a summary,
which snoozes the item for the person who pressed it only."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bot.command import STALE_BUTTON, Args, Command
from bot.commands.dates import require_when
from bot.messages import Reply
from bot.turn import Turn
from bot.views.nudges import my_reminders_reply
from bot.views.reminders import settings_reply, snoozed_reply
from commplan.errors import InvalidInput
from commplan.reminder_settings import WEEKDAYS
from commplan.services.nudges import reminders_of
from commplan.services.reminder_settings import change_settings, settings_of, snooze_for

_STRANGER = "I don't know who you are yet, so I have no reminders for you. Ask the team to add you."
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DAY = "|".join(WEEKDAYS)
_DAYS_PATTERN = rf"(?P<days>(?:(?:{_DAY})s?(?:\s*,\s*|\s+and\s+|\s+or\s+)?)+)"
_NUMBER = r"\d+|one|two|three|four|five|six|seven"


def my_reminders(turn: Turn, args: Args) -> Reply:
    if turn.person is None:
        return Reply(text=_STRANGER, intent="my_reminders")
    found = reminders_of(turn.deps.uow(), turn.person, turn.today)
    return my_reminders_reply(turn.person.name, found)


def _change(turn: Turn, lead: str, **changes: Any) -> Reply:
    if turn.person is None:
        return Reply(text=_STRANGER, intent="reminder_settings")
    settings = change_settings(turn.deps.uow(), turn.person.name, **changes)
    return settings_reply(settings, turn.today, lead=lead)


def show_settings(turn: Turn, args: Args) -> Reply:
    if turn.person is None:
        return Reply(text=_STRANGER, intent="reminder_settings")
    return settings_reply(settings_of(turn.deps.uow(), turn.person.name), turn.today)


def ahead(turn: Turn, args: Args) -> Reply:
    found = [
        _NUMBERS.get(n.lower()) or int(n) for n in re.findall(_NUMBER, args.text("days"), re.I)
    ]
    days = tuple(sorted(set(found), reverse=True))
    if not days:
        raise InvalidInput('Say how many days ahead, for example "remind me 3 days ahead".')
    said = " and ".join(str(n) for n in days)
    return _change(turn, f"I'll tell you {said} days ahead.", ahead_days=days)


def daily(turn: Turn, args: Args) -> Reply:
    return _change(turn, "You'll get one summary a day.", daily_summary=True)


def immediately(turn: Turn, args: Args) -> Reply:
    return _change(turn, "You'll get each reminder as a message of its own.", daily_summary=False)


def _weekdays(text: str) -> frozenset[int]:
    lowered = text.lower()
    return frozenset(n for n, day in enumerate(WEEKDAYS) if day.lower() in lowered)


def quiet(turn: Turn, args: Args) -> Reply:
    days = _weekdays(args.text("days"))
    if not days:
        raise InvalidInput('Name the days, for example "no reminders on Fridays".')
    current = settings_of(turn.deps.uow(), turn.person.name) if turn.person else None
    every = (current.quiet_days if current else frozenset()) | days
    named = ", ".join(f"{WEEKDAYS[d]}s" for d in sorted(days))
    return _change(turn, f"No reminders on {named}: they wait for the next day.", quiet_days=every)


def every_day(turn: Turn, args: Args) -> Reply:
    return _change(turn, "Reminders on every working day again.", quiet_days=frozenset())


def pause(turn: Turn, args: Args) -> Reply:
    when = require_when(turn, args.text("when"))
    until = when.start if when.start > turn.today else when.end
    if until <= turn.today:
        raise InvalidInput(f"{until:%-d %B %Y} has passed: pause until a day to come.")
    lead = f"Reminders paused until {until:%A %-d %B %Y}; nothing piles up meanwhile."
    return _change(turn, lead, paused_until=until)


def resume(turn: Turn, args: Args) -> Reply:
    return _change(turn, "Reminders are back on.", paused_until=None)


def snooze(turn: Turn, args: Args) -> Reply:
    """Snooze on a summary: a week, for the person who pressed it."""
    item = args.text("value")
    kind, _, key = item.partition(":")
    if kind not in ("tactic", "action") or not key:
        raise InvalidInput(STALE_BUTTON)
    if turn.person is None:
        return Reply(text=_STRANGER, intent="reminder_snoozed")
    until = turn.today + timedelta(days=7)
    snooze_for(turn.deps.uow(), turn.person.name, item, until)
    subject = f"tactic {key.split('/')[-1]}" if kind == "tactic" else f"action {key}"
    return snoozed_reply(subject, until)


COMMANDS = (
    Command(
        name="my reminders",
        group="Plan",
        handler=my_reminders,
        help="Everything open with your name on it: overdue, due now, coming up, undated.",
        examples=("my reminders",),
        patterns=(
            r"(?:show |list |see )?(?:me )?(?:all )?my reminders",
            r"what are my reminders",
        ),
    ),
    Command(
        name="my reminder settings",
        group="Plan",
        handler=show_settings,
        help="How and when I remind you: days ahead, a daily summary or each at once, quiet "
        "days, a pause.",
        examples=("my reminder settings",),
        patterns=(r"(?:show |what are )?(?:my )?reminder settings",),
        actions=("reminders_settings",),
    ),
    Command(
        name="remind me <n> days ahead",
        group="Plan",
        handler=ahead,
        help="How many days before something starts I tell you (normally 7 and 1).",
        examples=("remind me 3 days ahead",),
        patterns=(
            (
                rf"remind me (?P<days>(?:{_NUMBER})(?:(?:\s*,\s*|\s+and\s+)(?:{_NUMBER}))*) "
                r"(?:working )?days? (?:ahead|before|in advance|beforehand)"
            ),
        ),
    ),
    Command(
        name="daily summary",
        group="Plan",
        handler=daily,
        help="All your reminders in one message a day (the usual).",
        examples=("daily summary",),
        patterns=(
            r"(?:send (?:me )?)?(?:my reminders (?:as )?)?(?:a |one )?daily summary",
            r"(?:send (?:me )?)?(?:my )?reminders (?:as )?(?:a |one )?summary(?: a day)?",
        ),
        actions=("reminders_daily",),
    ),
    Command(
        name="reminders immediately",
        group="Plan",
        handler=immediately,
        help="Each reminder as a message of its own, as it falls due.",
        examples=("send reminders immediately",),
        patterns=(
            r"(?:send (?:me )?)?(?:my )?reminders (?:immediately|straight away|one by one)",
            r"(?:remind me )?immediately",
        ),
        actions=("reminders_immediately",),
    ),
    Command(
        name="no reminders on <days>",
        group="Plan",
        handler=quiet,
        help="Days you don't work: their reminders wait for the next day.",
        examples=("no reminders on Fridays",),
        patterns=(
            rf"(?:no|don'?t send(?: me)?|stop) reminders on {_DAYS_PATTERN}",
            rf"i don'?t work (?:on )?{_DAYS_PATTERN}",
        ),
    ),
    Command(
        name="reminders every day",
        group="Plan",
        handler=every_day,
        help="Reminders on every working day again.",
        examples=("reminders every day",),
        patterns=(r"(?:send )?(?:my )?reminders (?:on )?every (?:working )?day",),
    ),
    Command(
        name="pause reminders until <day>",
        group="Plan",
        handler=pause,
        help="No reminders until a day (leave); nothing piles up meanwhile.",
        examples=("pause reminders until 5 January",),
        patterns=(
            r"(?:pause|stop|hold) (?:my |all )?reminders (?:until|till|til) (?P<when>.+)",
            r"no reminders (?:until|till|til) (?P<when>.+)",
        ),
    ),
    Command(
        name="resume reminders",
        group="Plan",
        handler=resume,
        help="End a pause of your reminders now.",
        examples=("resume reminders",),
        patterns=(r"(?:resume|restart|unpause) (?:my )?reminders",),
        actions=("reminders_resume",),
    ),
    Command(
        name="snooze a reminder",
        group="",
        handler=snooze,
        help="Snooze on a reminder: a week's quiet about that item, for you alone.",
        actions=("reminder_snooze",),
    ),
)
