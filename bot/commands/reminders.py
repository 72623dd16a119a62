"""Reminder commands: "my reminders", everything the summaries would tell a person."""

from __future__ import annotations

from bot.command import Args, Command
from bot.messages import Reply
from bot.turn import Turn
from bot.views.nudges import my_reminders_reply
from commplan.services.nudges import reminders_of


def my_reminders(turn: Turn, args: Args) -> Reply:
    if turn.person is None:
        return Reply(
            text="I don't know who you are yet, so I have no reminders for you. Ask the team "
            "to add you.",
            intent="my_reminders",
        )
    found = reminders_of(turn.deps.uow(), turn.person, turn.today)
    return my_reminders_reply(turn.person.name, found)


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
)
