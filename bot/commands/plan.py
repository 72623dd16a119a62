"""Plan commands: what's due, overdue, mine; show, done, snooze, assign, add; the summary."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from bot.command import Args, Command
from bot.commands.dates import parse_day, parse_month
from bot.keys import conversation_key
from bot.messages import Context, Fields, Header, Reply, Text
from bot.turn import Turn
from bot.views.plan import STATUS_LABEL, tactic_card, tactic_list
from commplan.people import Directory
from commplan.plan import Phase, Status, Tactic
from commplan.services import tactics as service
from commplan.services.plan import current_plan
from commplan.services.turns import drop_draft

ADD_TACTIC = service.TACTIC_DRAFT
_QUESTIONS = {
    "name": "What is the tactic called?",
    "timing": "When is it due? Write it as in the plan: 'March', '17th-18th September', "
    "'July - September' or TBC.",
    "owners": "Who is accountable? Name people or groups, e.g. 'Becki Aquilina and the "
    "harmonisation team'.",
}


def _plan(turn: Turn) -> tuple[int, tuple[Tactic, ...], Directory]:
    plan = current_plan(turn.deps.uow(), turn.today)
    return plan.year, plan.tactics, plan.directory


def _plan_today(turn: Turn, year: int) -> date:
    """Today, moved into the plan's year when the plan is of another year (the sample)."""
    today = turn.today
    if today.year == year:
        return today
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def my_tactics(turn: Turn, args: Args) -> Reply:
    year, tactics, directory = _plan(turn)
    if turn.person is None:
        return Reply(
            text="I don't know who you are yet, so I can't find your tactics. Ask the team to "
            "add you, or try 'what's due this week'.",
            intent="my_tactics",
        )
    mine = [t for t in tactics if directory.is_owner(turn.person, t.owners) and not t.is_complete]
    return tactic_list(
        f"Your open tactics, {turn.person.name}",
        mine,
        _plan_today(turn, year),
        intent="my_tactics",
        empty="Nothing open with your name on it.",
    )


def due_this_week(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    last = today + timedelta(days=7)
    due = [t for t in tactics if not t.is_complete and t.is_due_between(today, last)]
    return tactic_list(
        f"Due from {today:%-d %b} to {last:%-d %b %Y}",
        due,
        today,
        intent="due_this_week",
        empty="Nothing is due in the next seven days.",
    )


def due_in_month(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    first, last = parse_month(args["month"], year)
    due = [t for t in tactics if t.is_due_between(first, last)]
    return tactic_list(
        f"Due in {first:%B %Y}",
        due,
        _plan_today(turn, year),
        intent="due_in_month",
        empty=f"Nothing is due in {first:%B}.",
    )


def overdue(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    late = [t for t in tactics if t.is_overdue(today)]
    return tactic_list(
        "Overdue tactics", late, today, intent="overdue", empty="Nothing is overdue. Well done."
    )


def by_phase(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    phase = Phase(f"Q{args['quarter']}")
    chosen = [t for t in tactics if t.phase is phase]
    return tactic_list(
        f"Tactics for {phase.label}",
        chosen,
        _plan_today(turn, year),
        intent="tactics_for_phase",
        empty="None in that phase.",
    )


def show(turn: Turn, args: Args) -> Reply:
    number = int(args.get("number") or args["value"])
    tactic = service.tactic_by_number(turn.deps.uow(), number, today=turn.today)
    return tactic_card(tactic, _plan_today(turn, tactic.plan_year))


def done(turn: Turn, args: Args) -> Reply:
    number = int(args.get("number") or args["value"])
    tactic = service.set_status(
        turn.deps.uow(), number, Status.COMPLETE, person=turn.person, at=turn.now
    )
    reply = tactic_card(tactic, _plan_today(turn, tactic.plan_year), intent="tactic_done")
    text = f"Marked tactic {number} complete: {tactic.name}."
    return replace(reply, text=f"{text}\n{reply.text}", blocks=(Text(text=text), *reply.blocks))


def snooze(turn: Turn, args: Args) -> Reply:
    number = int(args.get("number") or args["value"])
    until = parse_day(args["when"], turn.today) if args.get("when") else turn.today + timedelta(7)
    tactic = service.snooze(turn.deps.uow(), number, until, person=turn.person, at=turn.now)
    text = f"Snoozed tactic {number} until {until:%A %-d %B %Y}: no nudges before then."
    return Reply(
        text=text,
        blocks=(Text(text=text),),
        intent="tactic_snoozed",
        data={"tactic": tactic.number, "until": until.isoformat()},
    )


def assign(turn: Turn, args: Args) -> Reply:
    number = int(args["number"])
    owners = args["owners"]
    # "new person Jo Bloggs": the member means a newcomer, not a typo of a known name.
    new = re.match(r"(?:a )?new (?:person|people|group)s?:? ", owners, re.I)
    tactic = service.assign(
        turn.deps.uow(),
        number,
        owners[new.end() :] if new else owners,
        person=turn.person,
        at=turn.now,
        allow_new=new is not None,
    )
    text = f"Tactic {number} is now with {', '.join(tactic.owners)}."
    return Reply(
        text=text,
        blocks=(Text(text=text),),
        intent="tactic_assigned",
        data={"tactic": number, "owners": list(tactic.owners)},
    )


def add(turn: Turn, args: Args) -> Reply:
    draft = service.TacticDraft(
        name=args.get("name", ""), timing=args.get("timing", ""), owners=args.get("owners", "")
    )
    return _continue_draft(turn, draft)


def continue_add(turn: Turn, draft_data: Args) -> Reply:
    """Fill the field the draft was waiting for with this message, then ask or add."""
    text = turn.incoming.text.strip()
    if text.lower() in ("cancel", "stop", "never mind", "nevermind"):
        drop_draft(turn.deps.uow(), conversation_key(turn.incoming))
        return Reply(text="Cancelled: no tactic added.", intent="add_tactic_cancelled")
    waiting = draft_data.get("waiting", "name")
    draft = service.TacticDraft(
        **{k: v for k, v in draft_data.items() if k not in ("kind", "waiting")}
    )
    return _continue_draft(turn, replace(draft, **{waiting: text}))


def with_paused_draft(reply: Reply, draft_data: Args) -> Reply:
    """A command answered mid-draft, with a reminder that the draft is waiting, not lost."""
    if reply.intent.startswith(("add_tactic", "tactic_added")):
        return reply
    name = draft_data.get("name")
    what = f"the tactic \u201c{name}\u201d" if name else "a tactic"
    question = _QUESTIONS.get(draft_data.get("waiting", "name"), _QUESTIONS["name"])
    note = f"You're still adding {what}, paused: {question} Or say 'cancel'."
    blocks = (*reply.blocks, Context(text=note))
    return replace(reply, text=f"{reply.text}\n\n{note}", blocks=blocks)


def _continue_draft(turn: Turn, draft: service.TacticDraft) -> Reply:
    step = service.add_tactic_step(
        turn.deps.uow(),
        draft,
        conversation_key=conversation_key(turn.incoming),
        person=turn.person,
        at=turn.now,
    )
    if step.tactic is not None:
        tactic = step.tactic
        reply = tactic_card(tactic, _plan_today(turn, tactic.plan_year), intent="tactic_added")
        text = f"Added tactic {tactic.number}."
        return replace(reply, text=f"{text}\n{reply.text}", blocks=(Text(text=text), *reply.blocks))
    problem = f"{step.problem}. " if step.problem else ""
    question = problem + _QUESTIONS[step.waiting] + " (Say 'cancel' to stop.)"
    return Reply(
        text=question,
        blocks=(Text(text=question),),
        intent="add_tactic_question",
        data={"waiting": step.waiting},
    )


def summary(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    counts = Counter((t.phase, t.status) for t in tactics)
    pairs = []
    lines = []
    for phase in Phase:
        parts = [f"{counts[(phase, s)]} {STATUS_LABEL[s]}" for s in Status]
        pairs.append((phase.label, ", ".join(parts)))
        lines.append(f"{phase.label}: {', '.join(parts)}")
    late = sum(1 for t in tactics if t.is_overdue(today))
    title = f"Plan {year}: {len(tactics)} tactics, {late} overdue"
    data: dict[str, object] = {
        "year": year,
        "total": len(tactics),
        "overdue": late,
        "by_phase": {p.value: {s.value: counts[(p, s)] for s in Status} for p in Phase},
    }
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Fields(pairs=tuple(pairs))),
        intent="plan_summary",
        data=data,
    )


N = r"(?:#|no\.?\s*|number\s*)?(?P<number>\d+)"
COMMANDS = (
    Command(
        name="my tactics",
        group="Plan",
        handler=my_tactics,
        help="Your open tactics, including those of groups you are in.",
        examples=("my tactics",),
        patterns=(r"(?:show |list )?my (?:open )?tactics",),
    ),
    Command(
        name="what's due this week",
        group="Plan",
        handler=due_this_week,
        help="Tactics due in the next seven days.",
        examples=("what's due this week",),
        patterns=(
            r"(?:what(?:'s| is)|whats) due(?: this week| in the next (?:7|seven) days)?",
            r"due this week",
        ),
    ),
    Command(
        name="what's due in <month>",
        group="Plan",
        handler=due_in_month,
        help="Tactics due in a month of the plan year.",
        examples=("what's due in March",),
        patterns=(r"(?:(?:what(?:'s| is)|whats) )?due (?:in|for|during) (?P<month>[a-z]+)",),
    ),
    Command(
        name="what's overdue",
        group="Plan",
        handler=overdue,
        help="Tactics not complete whose window has ended.",
        examples=("what's overdue",),
        patterns=(r"(?:(?:what(?:'s| is)|whats) )?overdue(?: tactics)?", r"what(?:'s| is) late"),
    ),
    Command(
        name="tactics for Q<n>",
        group="Plan",
        handler=by_phase,
        help="The tactics of one quarter (phase) of the plan.",
        examples=("tactics for Q3",),
        patterns=(r"(?:tactics|plan) (?:for|in) (?:q|phase ?|quarter ?)(?P<quarter>[1-4])",),
    ),
    Command(
        name="tactic <n> done",
        group="Plan",
        handler=done,
        actions=("tactic_done",),
        help="Mark a tactic complete (its owners and the team can).",
        examples=("tactic 12 done",),
        patterns=(rf"(?:mark )?tactic {N} (?:as |is )?(?:done|complete|completed|finished)",),
    ),
    Command(
        name="snooze tactic <n> to <date>",
        group="Plan",
        handler=snooze,
        actions=("tactic_snooze",),
        help="Hold a tactic's nudges until a day (a week from today by default).",
        examples=("snooze tactic 12 to 1 October",),
        patterns=(rf"snooze tactic {N}(?: (?:to|until|till) (?P<when>.+))?",),
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
        paused=with_paused_draft,
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
    Command(
        name="plan summary",
        group="Plan",
        handler=summary,
        help="Counts of tactics by phase and status.",
        examples=("plan summary",),
        patterns=(r"(?:plan|tactics) (?:summary|overview|status)", r"summary"),
    ),
)
