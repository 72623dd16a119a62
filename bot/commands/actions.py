"""Meeting action commands: open actions, mine, done, add."""

from __future__ import annotations

from bot.messages import Reply, Text
from bot.router import Command
from bot.turn import Turn
from bot.views import action_list
from commplan.people import Directory, split_owners
from commplan.services import tactics as service


def open_actions(turn: Turn, args: dict[str, str]) -> Reply:
    with turn.deps.uow() as uow:
        actions = [a for a in uow.actions.all() if not a.done]
    return action_list(f"Open actions ({len(actions)})", actions, intent="open_actions")


def my_actions(turn: Turn, args: dict[str, str]) -> Reply:
    if turn.person is None:
        return Reply(
            text="I don't know who you are yet, so I can't find your actions.", intent="my_actions"
        )
    with turn.deps.uow() as uow:
        directory = Directory(people=uow.people.all(), groups=uow.groups.all())
        actions = [
            a
            for a in uow.actions.all()
            if not a.done and directory.is_owner(turn.person, split_owners(a.responsible))
        ]
    return action_list(f"Your open actions, {turn.person.name}", actions, intent="my_actions")


def done(turn: Turn, args: dict[str, str]) -> Reply:
    number = int(args.get("number") or args["value"])
    action = service.action_done(turn.deps.uow(), number, person=turn.person, at=turn.now)
    text = f"Marked action {number} of {action.meeting_date:%-d %B %Y} done: {action.text}"
    return Reply(
        text=text, blocks=(Text(text=text),), intent="action_done", data={"action": action.key}
    )


def add(turn: Turn, args: dict[str, str]) -> Reply:
    action = service.add_action(
        turn.deps.uow(), args["text"], args["who"], person=turn.person, at=turn.now
    )
    text = (
        f"Added action {action.number} to the log of {action.meeting_date:%-d %B %Y}: "
        f"{action.text} ({action.responsible})."
    )
    return Reply(
        text=text, blocks=(Text(text=text),), intent="action_added", data={"action": action.key}
    )


COMMANDS = (
    Command(
        name="open actions",
        group="Actions",
        handler=open_actions,
        help="Meeting actions not yet done.",
        examples=("open actions",),
        patterns=(r"(?:open|outstanding|all) actions", r"actions"),
    ),
    Command(
        name="my actions",
        group="Actions",
        handler=my_actions,
        help="Your open meeting actions.",
        examples=("my actions",),
        patterns=(r"my (?:open )?actions",),
    ),
    Command(
        name="action <n> done",
        group="Actions",
        handler=done,
        actions=("action_done",),
        help="Mark a meeting action done (latest meeting with that number).",
        examples=("action 5 done",),
        patterns=(
            (
                r"(?:mark )?action (?:#|no\.? ?)?(?P<number>\d+) (?:as |is )?"
                r"(?:done|complete|completed)"
            ),
        ),
    ),
    Command(
        name="add action <text> for <person>",
        group="Actions",
        handler=add,
        help="Add an action to the latest meeting's log (team members).",
        examples=("add action circulate the paper for Emma Wright",),
        patterns=(r"(?:add|new) action:? (?P<text>.+) for (?P<who>.+)",),
    ),
)
