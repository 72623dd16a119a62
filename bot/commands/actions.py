"""Meeting action commands: open actions, mine, done, snooze, date, add."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as date_parser

from bot.command import Args, Command
from bot.commands.dates import require_when, snooze_day, split_owners_text, without_courtesy
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import plan as view
from bot.views import plan_changes as changes_view
from commplan.errors import InvalidInput
from commplan.meetings import parse_action_key
from commplan.services import actions as service
from commplan.services.actions import ActionRef, Ambiguous, MeetingDay
from commplan.when import split_trailing_when


def open_actions(turn: Turn, args: Args) -> Reply:
    actions = service.open_actions(turn.deps.uow())
    return view.action_list(f"Open actions ({len(actions)})", actions, intent=Intent.OPEN_ACTIONS)


def my_actions(turn: Turn, args: Args) -> Reply:
    if turn.person is None:
        return view.unknown_owner_actions()
    actions = service.actions_of(turn.deps.uow(), turn.person)
    return view.action_list(
        f"Your open actions, {turn.person.name}", actions, intent=Intent.MY_ACTIONS
    )


def _meeting_day(when: str) -> MeetingDay | None:
    """The meeting typed words ("4 March", "4 March 2015", "March") name, if any."""
    words = when.strip().lower()
    if not words:
        return None
    try:
        parsed = date_parser.parse(words, default=datetime(1, 1, 1), dayfirst=True).date()
    except (ValueError, OverflowError):
        raise InvalidInput(f"I could not read {when!r} as a meeting date; try '4 March'.") from None
    has_day = any(part.isdigit() and len(part) <= 2 for part in re.split(r"[\s/-]+", words))
    return MeetingDay(
        month=parsed.month,
        day=parsed.day if has_day else None,
        year=parsed.year if parsed.year != 1 else None,
        words=when,
    )


def action_ref(args: Args) -> ActionRef:
    """The action a message or button means.

    A button carries the action's key ("2015-03-04/5"), and so does "action 2015-03-04/5 done";
    "action 5 of 4 March done" names the meeting; a bare "action 5" means the one open action
    with that number, when exactly one is open.
    """
    ref = args.get("key") or args.get("value") or ""
    exact = parse_action_key(ref)
    if exact is not None:
        return ActionRef(number=exact[1], meeting_date=exact[0])
    return ActionRef(
        number=int(args.get("number") or ref), meeting=_meeting_day(args.get("when", ""))
    )


def done(turn: Turn, args: Args) -> Reply:
    """Typed "action 5 done" marks it done; the Done button asks first."""
    if args.get("value") and not args.get("number") and not args.get("key"):
        found = service.find_action(turn.deps.uow(), action_ref(args))
        if isinstance(found, Ambiguous):
            return _choose_done(found)
        return changes_view.confirm_action_done(found)
    return done_confirmed(turn, args)


def done_confirmed(turn: Turn, args: Args) -> Reply:
    change = service.action_done(turn.deps.uow(), action_ref(args), person=turn.person, at=turn.now)
    if isinstance(change, Ambiguous):
        return _choose_done(change)
    return view.action_done(change.action, changed=change.changed)


def keep(turn: Turn, args: Args) -> Reply:
    found = service.find_action(turn.deps.uow(), action_ref(args))
    if isinstance(found, Ambiguous):
        return _choose_done(found)
    what = f"action {found.number} of {found.meeting_date:%-d %B %Y}"
    return changes_view.left_as_it_was(what, "done" if found.done else "open")


def _choose_done(found: Ambiguous) -> Reply:
    """Which of several actions numbered alike is done: the member said done already, so the
    choice completes without asking again."""
    actions = found.candidates
    if all(a.done for a in actions):
        return view.all_done(actions)
    return view.action_choice(
        actions[0].number,
        actions,
        verb="done",
        label="Done",
        action_id=changes_view.ACTION_DONE_CONFIRMED,
    )


def snooze(turn: Turn, args: Args) -> Reply:
    until = snooze_day(turn, args.text("until"))
    change = service.snooze_action(
        turn.deps.uow(), action_ref(args), until, person=turn.person, at=turn.now
    )
    if isinstance(change, Ambiguous):
        return view.action_choice(
            change.candidates[0].number,
            change.candidates,
            verb="snooze",
            label="Snooze a week",
            action_id="action_snooze",
        )
    return view.action_snoozed(change.action, until)


def show(turn: Turn, args: Args) -> Reply:
    found = service.find_action(turn.deps.uow(), action_ref(args))
    if isinstance(found, Ambiguous):
        number = found.candidates[0].number
        return view.action_choice(
            number, found.candidates, verb="", label="Open", action_id="action_open"
        )
    return view.action_card(found)


def set_due(turn: Turn, args: Args) -> Reply:
    when = require_when(turn, args.text("due"))
    change = service.set_action_due(
        turn.deps.uow(), action_ref(args), when.end, person=turn.person, at=turn.now
    )
    if isinstance(change, Ambiguous):
        return view.action_choice(
            change.candidates[0].number,
            change.candidates,
            verb=f"due {when.text}",
            label="Open",
            action_id="action_open",
        )
    return view.action_dated(change.action, changed=change.changed)


def add(turn: Turn, args: Args) -> Reply:
    """Add "<text> for <people> [by <date>]" or "<text> by <date> for <people>" to the log.

    The people end where a date or a clause starts, so neither is stored as a name; words
    after the people that are not a date are refused, not guessed at.
    """
    who, rest = split_owners_text(args["who"])
    rest = without_courtesy(rest)
    text = args["text"]
    when = require_when(turn, rest) if rest else None
    if when is None:
        head, trailing = split_trailing_when(text, now=turn.now, zone=turn.deps.clock.now().tzinfo)
        # Only a deadline word makes the end of the text a due date: "the figures for March"
        # is what is to be done, "the paper by Friday" is when.
        if trailing is not None and _DEADLINE.match(trailing.text):
            text, when = head, trailing
    action = service.add_action(
        turn.deps.uow(),
        text,
        who,
        person=turn.person,
        at=turn.now,
        due=when.end if when is not None else None,
    )
    return view.action_added(action)


_DEADLINE = re.compile(r"(?:by|before|due|until|till|no later than)\b", re.I)

# "5", "5 of 4 March", "5 from the meeting of 4 March 2015", or a key "2015-03-04/5".
REF = (
    r"(?:#|no\.? ?)?(?:(?P<key>\d{4}-\d{2}-\d{2}/\d+)|(?P<number>\d+)"
    r"(?: (?:of|from) (?:the )?(?:meeting (?:of |on )?)?(?P<when>[0-9a-z ]+?))?)"
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
        help=(
            "Mark a meeting action done. Numbers restart each meeting: I ask which one when "
            "more than one is open, or say 'action 5 of 4 March done'."
        ),
        examples=("action 5 done", "action 5 of 4 March done", "action 2026-03-04/5 done"),
        patterns=(rf"(?:mark )?action {REF} (?:as |is )?(?:done|complete|completed)",),
    ),
    Command(
        name="action <n> done (confirmed)",
        handler=done_confirmed,
        actions=(changes_view.ACTION_DONE_CONFIRMED,),
        help="The yes of a Done button's question, or the action chosen among several.",
    ),
    Command(
        name="action <n> left as it was",
        handler=keep,
        actions=("action_keep",),
        help="The no of a Done button's question.",
    ),
    Command(
        name="snooze action <n> to <date>",
        group="Actions",
        handler=snooze,
        actions=("action_snooze",),
        help="Hold a meeting action's nudges until a day (a week from today by default).",
        examples=("snooze action 5 to 1 October", "snooze action 5 for two weeks"),
        patterns=(rf"snooze action {REF}(?: (?:to|until|till|for) (?P<until>.+))?",),
    ),
    Command(
        name="set date of action <n> to <date>",
        group="Actions",
        handler=set_due,
        help="Set the day a meeting action is due; I nudge its owners before and after it.",
        examples=(
            "set date of action 5 to 18 December",
            "action 5 due end of March",
            "action 5 of 4 March due next Friday",
        ),
        patterns=(
            (
                rf"(?:set|change|move) (?:the )?(?:due )?date (?:of|for|on) action {REF} "
                r"(?:to|as) (?P<due>.+)"
            ),
            rf"(?:set )?action {REF} (?:is )?due (?:date )?(?:to |on |by )?(?P<due>.+)",
        ),
    ),
    Command(
        name="show action <n>",
        group="Actions",
        handler=show,
        actions=("action_open",),
        help="Everything about one meeting action, with its update.",
        examples=("show action 5", "show action 5 of 4 March"),
        patterns=(rf"(?:show|open|view|details of|about)? ?action {REF}",),
    ),
    Command(
        name="add action <text> for <person>",
        group="Actions",
        handler=add,
        help="Add an action to the latest meeting's log (team members), with a due date if given.",
        examples=(
            "add action circulate the paper for Emma Wright",
            "add action draft the census paper for Pete Brodie by 18 December",
        ),
        patterns=(r"(?:add|new) action:? (?P<text>.+) for (?P<who>.+)",),
    ),
)
