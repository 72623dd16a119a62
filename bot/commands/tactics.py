"""Tactic commands that change one tactic: show, done, snooze, date, assign, and "add tactic",
a guided dialogue that asks for whatever the member left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.command import Args, Command
from bot.commands.dates import (
    in_year,
    read_when,
    require_when,
    snooze_day,
    split_owners_text,
)
from bot.keys import conversation_key
from bot.messages import Intent, Reply
from bot.reply_codec import encode_reply
from bot.turn import Turn
from bot.views import plan as view
from bot.views import plan_changes as changes_view
from commplan.plan import Status, Tactic
from commplan.services import tactics as service
from commplan.services.plan import tactic_details
from commplan.services.turns import drop_draft
from commplan.status import parse_status

#: The draft kind of "add tactic" while it waits for a name, a timing or owners.
ADD_TACTIC = service.TACTIC_DRAFT
_CANCEL = ("cancel", "stop", "never mind", "nevermind")


def show(turn: Turn, args: Args) -> Reply:
    found = tactic_details(
        turn.deps.uow(),
        args.number("number", "value"),
        today=turn.today,
        viewer=turn.person.name if turn.person else None,
    )
    tactic = found.tactic
    return view.tactic_card(
        tactic,
        in_year(turn.today, tactic.plan_year),
        objectives=found.objectives,
        outside=found.outside,
        snoozed_for_you=found.snoozed_for_viewer,
    )


def done(turn: Turn, args: Args) -> Reply:
    """Typed "tactic 12 done" completes it; the Done button asks first."""
    if not args.text("number"):
        tactic = service.tactic_by_number(turn.deps.uow(), args.number("value"), today=turn.today)
        return changes_view.confirm_done(tactic)
    return _set(turn, args.number("number"), Status.COMPLETE)


def done_confirmed(turn: Turn, args: Args) -> Reply:
    return _set(turn, args.number("value"), Status.COMPLETE)


def keep(turn: Turn, args: Args) -> Reply:
    tactic = service.tactic_by_number(turn.deps.uow(), args.number("value"), today=turn.today)
    return changes_view.left_as_it_was(f"tactic {tactic.number}", view.STATUS_LABEL[tactic.status])


def set_status(turn: Turn, args: Args) -> Reply:
    """ "tactic 12 is on-going", "cancel tactic 12", "set status of tactic 12 to planned"."""
    return _set(turn, args.number("number"), parse_status(args.text("status")))


def cancel(turn: Turn, args: Args) -> Reply:
    return _set(turn, args.number("number"), Status.CANCELLED)


def reopen(turn: Turn, args: Args) -> Reply:
    number = args.number("number", "value")
    result = service.reopen(turn.deps.uow(), number, person=turn.person, at=turn.now)
    return changes_view.status_changed(
        result.tactic, result.before, in_year(turn.today, result.tactic.plan_year)
    )


def _set(turn: Turn, number: int, status: Status) -> Reply:
    result = service.set_status(
        turn.deps.uow(),
        number,
        status,
        person=turn.person,
        at=turn.now,
        notice=notice(lambda t: changes_view.completed_notice(t, turn.who)),
    )
    return changes_view.status_changed(
        result.tactic, result.before, in_year(turn.today, result.tactic.plan_year)
    )


def snooze(turn: Turn, args: Args) -> Reply:
    number = args.number("number", "value")
    until = snooze_day(turn, args.text("when"))
    tactic = service.snooze(turn.deps.uow(), number, until, person=turn.person, at=turn.now)
    return view.tactic_snoozed(tactic, until)


def set_due(turn: Turn, args: Args) -> Reply:
    when = require_when(turn, args.text("due"))
    tactic = service.set_due(
        turn.deps.uow(),
        args.number("number"),
        when.start,
        when.end,
        person=turn.person,
        at=turn.now,
    )
    return view.tactic_dated(tactic)


def assign(turn: Turn, args: Args) -> Reply:
    """ "assign tactic 12 to Pete Brodie": known people and groups only; the new owners hear."""
    # "new person Jo Bloggs" names someone to add, which only "add person" does: the name is
    # checked like any other, and the refusal says how to add them.
    owners = _NEWCOMER.sub("", _owners(args["owners"]))
    result = service.assign(
        turn.deps.uow(),
        args.number("number"),
        owners,
        person=turn.person,
        at=turn.now,
        notice=notice(lambda t: changes_view.assigned_notice(t, turn.who)),
    )
    return view.tactic_assigned(result.tactic)


def notice(present: Callable[[Tactic], Reply]) -> service.Notice:
    """A notice for owners (their web chat, and whatever reads it), as the service keeps it."""

    def text_and_reply(tactic: Tactic) -> tuple[str, dict[str, object]]:
        reply = present(tactic)
        return reply.text, encode_reply(reply)

    return text_and_reply


def add(turn: Turn, args: Args) -> Reply:
    draft = service.TacticDraft(
        name=args.text("name"), timing=args.text("timing"), owners=_owners(args.text("owners"))
    )
    return _continue_draft(turn, draft)


def continue_add(turn: Turn, draft: Args) -> Reply:
    """Fill the field the draft was waiting for with this message, then ask or add."""
    text = turn.incoming.text.strip()
    if text.lower() in _CANCEL:
        drop_draft(turn.deps.uow(), conversation_key(turn.incoming))
        return view.add_cancelled()
    waiting = draft.get("waiting", "name")
    so_far = service.TacticDraft(**{k: v for k, v in draft.items() if k not in ("kind", "waiting")})
    answer = _owners(text) if waiting == "owners" else text
    return _continue_draft(turn, replace(so_far, **{waiting: answer}))


def _owners(text: str) -> str:
    """The names in an answer such as "to Sam Jones please": what follows them is no name."""
    return split_owners_text(_LEAD.sub("", text.strip()))[0]


_NEWCOMER = re.compile(r"^(?:a )?new (?:person|people|group|member)s?:?\s+", re.I)
_LEAD = re.compile(r"^(?:to|with|for|by|owners?:?|owned by|it's|its|it is)\s+", re.I)


def _plan_timing(turn: Turn, timing: str) -> str:
    """Timing in the plan's words: "end of March" becomes "31 March"; what the plan's own
    forms already say ("17th-18th September", "TBC") is kept as typed."""
    when = read_when(turn, timing) if timing else None
    return service.timing_text(when.start, when.end) if when is not None else timing


def _continue_draft(turn: Turn, draft: service.TacticDraft) -> Reply:
    draft = replace(draft, timing=_plan_timing(turn, draft.timing))
    step = service.add_tactic_step(
        turn.deps.uow(),
        draft,
        conversation_key=conversation_key(turn.incoming),
        person=turn.person,
        at=turn.now,
        notice=notice(lambda t: changes_view.assigned_notice(t, turn.who)),
    )
    if step.tactic is None:
        return view.add_question(step.waiting, step.problem)
    tactic = step.tactic
    return view.tactic_card(
        tactic,
        in_year(turn.today, tactic.plan_year),
        intent=Intent.TACTIC_ADDED,
        lead=f"Added tactic {tactic.number}.",
    )


N = r"(?:#|no\.?\s*|number\s*)?(?P<number>\d+)"
# Statuses that can be typed after "tactic 12 is"; "done" has its own command.
STATUS = (
    r"(?P<status>on-?going|on going|in progress|started|planned|not started|cancell?ed|dropped|"
    r"withdrawn)"
)
_AS = r"(?:as |is |to |has been |status (?:is |to |as )?)"
STATUS_ANY = (
    r"(?P<status>on-?going|on going|in progress|started|planned|not started|cancell?ed|dropped|"
    r"withdrawn|complete|completed|done)"
)
COMMANDS = (
    Command(
        name="tactic <n> done",
        group="Plan",
        handler=done,
        actions=("tactic_done",),
        help="Mark a tactic complete (its owners and the team can); the Done button asks first.",
        examples=("tactic 12 done",),
        patterns=(rf"(?:mark )?tactic {N} (?:as |is )?(?:done|complete|completed|finished)",),
    ),
    Command(
        name="tactic <n> done (confirmed)",
        handler=done_confirmed,
        actions=(changes_view.TACTIC_DONE_CONFIRMED,),
        help="The yes of a Done button's question.",
    ),
    Command(
        name="tactic <n> left as it was",
        handler=keep,
        actions=("tactic_keep",),
        help="The no of a Done button's question.",
    ),
    Command(
        name="tactic <n> is on-going",
        group="Plan",
        handler=set_status,
        help="Set a tactic's status: planned, on-going, complete or cancelled.",
        examples=("tactic 12 is on-going", "set status of tactic 12 to planned"),
        patterns=(
            rf"(?:mark |set )?tactic {N} {_AS}?(?:now )?{STATUS}",
            (
                rf"(?:set|change|update) (?:the )?status (?:of|for|on) tactic {N} "
                rf"(?:to|as) {STATUS_ANY}"
            ),
        ),
    ),
    Command(
        name="cancel tactic <n>",
        group="Plan",
        handler=cancel,
        help="Cancel a tactic: it is no longer due, overdue or nudged ('reopen' undoes it).",
        examples=("cancel tactic 12",),
        patterns=(rf"(?:cancel|drop|withdraw) tactic {N}",),
    ),
    Command(
        name="reopen tactic <n>",
        group="Plan",
        handler=reopen,
        actions=("tactic_reopen",),
        help="Open a complete or cancelled tactic again, at the status it had before.",
        examples=("reopen tactic 12",),
        patterns=(
            rf"(?:re-?open|un-?complete|undo) tactic {N}",
            rf"tactic {N} (?:is )?(?:not (?:done|complete|finished)|open again)",
        ),
    ),
    Command(
        name="snooze tactic <n> to <date>",
        group="Plan",
        handler=snooze,
        actions=("tactic_snooze",),
        help="Hold a tactic's nudges until a day (a week from today by default).",
        examples=("snooze tactic 12 to 1 October", "snooze tactic 12 for two weeks"),
        patterns=(rf"snooze tactic {N}(?: (?:to|until|till|for) (?P<when>.+))?",),
    ),
    Command(
        name="tactic <n> due <date>",
        group="Plan",
        handler=set_due,
        help="Set when a tactic is due ('30 November', 'end of March', 'next week').",
        examples=("tactic 29 due 30 November", "set date of tactic 29 to end of March"),
        patterns=(
            rf"(?:set )?tactic {N} (?:is )?due (?:date )?(?:to |on |by |in )?(?P<due>.+)",
            (
                rf"(?:set|change|move) (?:the )?(?:due )?date (?:of|for|on) tactic {N} "
                r"(?:to|as) (?P<due>.+)"
            ),
        ),
    ),
    Command(
        name="assign tactic <n> to <people>",
        group="Plan",
        handler=assign,
        help="Make people or groups accountable for a tactic.",
        examples=("assign tactic 12 to Pete Brodie",),
        patterns=(rf"(?:assign|give|reassign) tactic {N} to (?P<owners>.+)",),
    ),
    Command(
        name="add tactic",
        group="Plan",
        handler=add,
        help="Add a tactic; I ask for whatever you leave out (team members).",
        examples=("add tactic", "add tactic Newsletter due March owner Becki Aquilina"),
        patterns=(
            (
                r"(?:add|new|create) (?:a )?tactic(?:[: ]+(?P<name>.+?))?"
                r"(?: due (?P<timing>.+?))?(?: (?:owner|owners|owned by|for) (?P<owners>.+))?"
            ),
        ),
    ),
    Command(
        name="add tactic (next answer)",
        handler=continue_add,
        resumes=ADD_TACTIC,
        paused=view.with_paused_draft,
        help="The name, timing or owners 'add tactic' asked for.",
    ),
    Command(
        name="show tactic <n>",
        group="Plan",
        handler=show,
        actions=("tactic_open",),
        help="Everything about one tactic.",
        examples=("show tactic 12",),
        patterns=(rf"(?:show|open|view|details of|about)? ?tactic {N}",),
    ),
)
