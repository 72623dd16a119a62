"""Editing any field of a tactic or a meeting action in chat, and reading back its history.

"rename tactic 12 to ...", "set timing of tactic 29 to November", "tactic 12 audience GSS
analysts", "set owner of action 5 to Emma Wright", "history of tactic 12". Dates are read by
the plan's own timing forms first ("November", "17th-18th September", "TBC"), then by the date
layer ("end of March", "next week").
"""

from __future__ import annotations

import re

from bot.command import Args, Command
from bot.commands.actions import REF, action_ref
from bot.commands.dates import in_year, read_when, require_when
from bot.commands.tactics import N, _owners, _set, assign
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import plan as view
from bot.views import plan_changes as changes_view
from commplan.errors import InvalidInput
from commplan.plan import DueWindow
from commplan.services import action_edits, actions, history, tactic_edits
from commplan.services import tactics as service
from commplan.services.actions import Ambiguous
from commplan.status import parse_status
from commplan.timing import parse_timing

#: What members call each field of a tactic, to the field it is.
TACTIC_WORDS = {
    "name": "name",
    "title": "name",
    "purpose": "purpose",
    "aim": "purpose",
    "description": "purpose",
    "audience": "audience",
    "notes": "notes",
    "note": "notes",
    "comments": "notes",
    "objectives": "objectives",
    "objective": "objectives",
    "phase": "phase",
    "quarter": "phase",
    "timing": "timing",
    "timings": "timing",
    "owners": "owners",
    "owner": "owners",
    "accountable": "owners",
    "status": "status",
}
#: What members call each field of a meeting action.
ACTION_WORDS = {
    "text": "text",
    "wording": "text",
    "description": "text",
    "owners": "responsible",
    "owner": "responsible",
    "responsible": "responsible",
    "accountable": "responsible",
    "assignee": "responsible",
    "update": "update",
    "progress": "update",
    "notes": "update",
    "note": "update",
    "paragraph": "paragraph",
    "para": "paragraph",
    "due date": "due",
    "due": "due",
    "deadline": "due",
}
_UNDECIDED = frozenset({"tbc", "tbd", "tba", "to be confirmed", "to be decided", "not known"})


def _words(words: dict[str, str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def edit(turn: Turn, args: Args) -> Reply:
    """One field of a tactic, by whatever name the member gave it."""
    number = args.number("number")
    field = TACTIC_WORDS[args.text("field").lower() or "name"]
    value = args.text("value")
    if field == "owners":
        return assign(turn, Args({"number": str(number), "owners": value}))
    if field == "status":
        return _set(turn, number, parse_status(value))
    if field == "timing":
        return set_timing(turn, number, value)
    result = tactic_edits.edit_tactic(
        turn.deps.uow(), number, field, _unquoted(value), person=turn.person, at=turn.now
    )
    today = in_year(turn.today, result.tactic.plan_year)
    return changes_view.edited(result.tactic, field, result.old, today)


def set_timing(turn: Turn, number: int, text: str) -> Reply:
    result = service.set_timing(
        turn.deps.uow(),
        number,
        lambda year: plan_timing(turn, text, year),
        person=turn.person,
        at=turn.now,
    )
    today = in_year(turn.today, result.tactic.plan_year)
    return changes_view.edited(result.tactic, "timing", result.old, today)


def plan_timing(turn: Turn, text: str, year: int) -> tuple[str, DueWindow | None]:
    """Timing words as the plan keeps them, with the window they mean in the plan's year.

    The plan's own forms are kept as typed ("November", "17th-18th September", "TBC");
    everyday words are read by the date layer and written as the plan would ("end of March"
    becomes "31 March").

    Raises:
        InvalidInput: the words are neither.
    """
    text = _unquoted(text)
    if text.lower().strip(" .") in _UNDECIDED:
        return "TBC", None
    try:
        window = parse_timing(text, year)
    except InvalidInput:
        window = None
    if window is not None:
        return text, window
    when = read_when(turn, text)
    if when is None:
        raise InvalidInput(
            f"I could not read {text!r} as a timing; try 'November', '17th-18th September', "
            "'July - September', 'end of March' or TBC."
        )
    return service.timing_text(when.start, when.end), DueWindow(start=when.start, end=when.end)


def tactic_history(turn: Turn, args: Args) -> Reply:
    found = history.tactic_history(turn.deps.uow(), args.number("number"), today=turn.today)
    tactic = found.tactic
    return changes_view.history(
        f"History of tactic {tactic.number}: {tactic.name}",
        found.changes,
        intent=Intent.TACTIC_HISTORY,
        data={"tactic": tactic.number, "changes": len(found.changes)},
    )


def edit_action(turn: Turn, args: Args) -> Reply:
    """One field of a meeting action; the due date goes through the date layer."""
    field = ACTION_WORDS[args.text("field").lower() or "text"]
    value = args.text("value")
    ref = action_ref(args)
    if field == "due":
        when = require_when(turn, value)
        dated = actions.set_action_due(
            turn.deps.uow(), ref, when.end, person=turn.person, at=turn.now
        )
        if isinstance(dated, Ambiguous):
            return _which(dated, f"{args.text('field')} {value}")
        return view.action_dated(dated.action, changed=dated.changed)
    if field == "responsible":
        value = _owners(value)
    result = action_edits.edit_action(
        turn.deps.uow(), ref, field, _unquoted(value), person=turn.person, at=turn.now
    )
    if isinstance(result, Ambiguous):
        return _which(result, f"{args.text('field')} {value}")
    return changes_view.action_edited(result.action, field, result.old)


def assign_action(turn: Turn, args: Args) -> Reply:
    """ "assign action 5 to Emma Wright": its owners, replaced."""
    return edit_action(turn, Args({**args, "field": "owner"}))


def action_history(turn: Turn, args: Args) -> Reply:
    found = action_edits.action_history(turn.deps.uow(), action_ref(args))
    if isinstance(found, Ambiguous):
        return _which(found, "history")
    action = found.action
    return changes_view.history(
        f"History of action {action.number} of {action.meeting_date:%-d %B %Y}",
        found.changes,
        intent=Intent.ACTION_HISTORY,
        data={"action": action.key, "changes": len(found.changes)},
    )


def _which(found: Ambiguous, verb: str) -> Reply:
    number = found.candidates[0].number
    return view.action_choice(
        number, found.candidates, verb=verb, label="Open", action_id="action_open"
    )


def _unquoted(text: str) -> str:
    return text.strip().strip("\"'\u201c\u201d\u2018\u2019").strip()


_T = _words(TACTIC_WORDS)
_A = _words(ACTION_WORDS)
_SET = r"(?:set|change|update|edit|make|correct|fix)"
_IS = r"(?: (?:is|to|should be|becomes|now))?:?"
_OF = r"(?:of|for|on)"
_TO = r"(?:to|as|:) ?"
_HISTORY = r"(?:history|changes|change log|changelog|audit trail|edits)"
COMMANDS = (
    Command(
        name="history of tactic <n>",
        group="Plan",
        handler=tactic_history,
        help="Every change to a tactic: who, when, which field, from what to what.",
        examples=("history of tactic 12",),
        patterns=(
            rf"(?:show |the )*{_HISTORY} (?:of|for|on) tactic {N}",
            rf"tactic {N}(?:'s)? {_HISTORY}",
            rf"(?:what|who) changed (?:on |in )?tactic {N}",
        ),
    ),
    Command(
        name="rename tactic <n> to <name>",
        group="Plan",
        handler=edit,
        help="Change any field of a tactic: name, purpose, audience, timing, owners, "
        "objectives, phase, notes (its owners and the team can).",
        examples=(
            "rename tactic 12 to Contact the devolved administrations",
            "set timing of tactic 29 to November",
            "tactic 12 audience GSS analysts",
        ),
        patterns=(
            rf"(?:rename|retitle) tactic {N} (?:to|as):? (?P<value>.+)",
            rf"{_SET} (?:the )?(?P<field>{_T}) {_OF} tactic {N} {_TO}(?P<value>.+)",
            rf"{_SET} tactic {N}(?:'s)? (?P<field>{_T}) (?:to|as|:) ?(?P<value>.+)",
            rf"tactic {N}(?:'s)? (?P<field>{_T}){_IS} (?P<value>.+)",
        ),
    ),
    Command(
        name="history of action <n>",
        group="Actions",
        handler=action_history,
        help="Every change to a meeting action: who, when, which field, from what to what.",
        examples=("history of action 5 of 4 March",),
        patterns=(
            rf"(?:show |the )*{_HISTORY} (?:of|for|on) action {REF}",
            rf"action {REF}(?:'s)? {_HISTORY}",
        ),
    ),
    Command(
        name="assign action <n> to <people>",
        group="Actions",
        handler=assign_action,
        help="Make known people or groups responsible for a meeting action.",
        examples=("assign action 5 of 4 March to Emma Wright",),
        patterns=(rf"(?:assign|give|reassign) action {REF} to (?P<value>.+)",),
    ),
    Command(
        name="set owner of action <n> to <person>",
        group="Actions",
        handler=edit_action,
        help="Change a meeting action's text, owners, update, paragraph or due date.",
        examples=(
            "set owner of action 5 of 4 March to Emma Wright",
            "rename action 5 of 4 March to circulate the paper",
        ),
        patterns=(
            rf"(?:rename|reword) action {REF} (?:to|as):? (?P<value>.+)",
            rf"{_SET} (?:the )?(?P<field>{_A}) {_OF} action {REF} {_TO}(?P<value>.+)",
            rf"action {REF}(?:'s)? (?P<field>{_A}){_IS} (?P<value>.+)",
        ),
    ),
)
