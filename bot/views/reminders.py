"""How reminder settings read, with the buttons that change the common ones."""

from __future__ import annotations

from datetime import date

from bot.messages import Button, Buttons, Context, Reply, Text
from commplan.reminder_settings import ReminderSettings, describe

#: What a person can say to change their settings, shown under them.
HOW_TO_CHANGE = (
    'Say "remind me 3 days ahead", "daily summary" or "immediately", '
    '"no reminders on Fridays", or "pause reminders until 5 January".'
)


def settings_reply(settings: ReminderSettings, today: date, *, lead: str = "") -> Reply:
    """A person's reminder settings, what changed first when something did."""
    lines = describe(settings, today)
    blocks: list[Text | Buttons | Context] = []
    if lead:
        blocks.append(Text(text=lead))
    blocks.append(Text(text="Your reminder settings:\n" + "\n".join(lines)))
    choices = [
        Button(label="Daily summary", action_id="reminders_daily", value="daily"),
        Button(label="Immediately", action_id="reminders_immediately", value="immediately"),
    ]
    if settings.paused_until is not None and settings.paused_until > today:
        choices.append(Button(label="Resume now", action_id="reminders_resume", value="resume"))
    blocks += [Buttons(buttons=tuple(choices)), Context(text=HOW_TO_CHANGE)]
    return Reply(
        blocks=tuple(blocks),
        intent="reminder_settings",
        data={
            "ahead_days": list(settings.ahead_days),
            "daily_summary": settings.daily_summary,
            "quiet_days": sorted(settings.quiet_days),
            "paused_until": settings.paused_until.isoformat() if settings.paused_until else None,
        },
    )


def snoozed_reply(subject: str, until: date) -> Reply:
    """An item snoozed for the person who pressed Snooze."""
    return Reply(
        text=f"Snoozed {subject} for you until {until:%A %-d %B %Y}. "
        "Its other owners still get their reminders.",
        intent="reminder_snoozed",
    )
