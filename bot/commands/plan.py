"""Plan commands that read the plan: what's due, overdue, mine, by phase; the summary."""

from __future__ import annotations

from datetime import date, timedelta

from bot.command import Args, Command
from bot.commands.dates import in_year, parse_month
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import objectives as objectives_view
from bot.views import plan as view
from commplan.people import Directory
from commplan.plan import Phase, Status, Tactic
from commplan.services.plan import current_plan
from commplan.when import parse_when


def _plan(turn: Turn) -> tuple[int, tuple[Tactic, ...], Directory]:
    plan = current_plan(turn.deps.uow(), turn.today)
    return plan.year, plan.tactics, plan.directory


def _plan_today(turn: Turn, year: int) -> date:
    return in_year(turn.today, year)


def my_tactics(turn: Turn, args: Args) -> Reply:
    year, tactics, directory = _plan(turn)
    if turn.person is None:
        return view.unknown_owner_tactics()
    mine = [t for t in tactics if directory.is_owner(turn.person, t.owners) and not t.is_closed]
    return view.tactic_list(
        f"Your open tactics, {turn.person.name}",
        mine,
        _plan_today(turn, year),
        intent=Intent.MY_TACTICS,
        empty="Nothing open with your name on it.",
    )


def due_this_week(turn: Turn, args: Args) -> Reply:
    """Tactics due in the next seven days, or in the period asked ("next week", "today")."""
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    last = today + timedelta(days=7)
    period = args.text("period")
    when = parse_when(period, now=turn.now) if period else None
    if when is not None:
        first, last = in_year(when.start, year), in_year(when.end, year)
        due = [t for t in tactics if not t.is_closed and t.is_due_between(first, last)]
        return view.tactic_list(
            f"Due {when.text} ({first:%-d %b} to {last:%-d %b %Y})",
            due,
            today,
            intent=Intent.DUE_THIS_WEEK,
            empty=f"Nothing is due {when.text}.",
        )
    due = [t for t in tactics if not t.is_closed and t.is_due_between(today, last)]
    return view.tactic_list(
        f"Due from {today:%-d %b} to {last:%-d %b %Y}",
        due,
        today,
        intent=Intent.DUE_THIS_WEEK,
        empty="Nothing is due in the next seven days.",
    )


def due_in_month(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    first, last = parse_month(args["month"], year)
    due = [t for t in tactics if t.is_due_between(first, last)]
    return view.tactic_list(
        f"Due in {first:%B %Y}",
        due,
        _plan_today(turn, year),
        intent=Intent.DUE_IN_MONTH,
        empty=f"Nothing is due in {first:%B}.",
    )


def overdue(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    late = [t for t in tactics if t.is_overdue(today)]
    return view.tactic_list(
        "Overdue tactics",
        late,
        today,
        intent=Intent.OVERDUE,
        empty="Nothing is overdue. Well done.",
    )


def by_phase(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    phase = Phase(f"Q{args['quarter']}")
    chosen = [t for t in tactics if t.phase is phase]
    return view.tactic_list(
        f"Tactics for {phase.label}",
        chosen,
        _plan_today(turn, year),
        intent=Intent.TACTICS_FOR_PHASE,
        empty="None in that phase.",
    )


def _owner_names(directory: Directory, name: str, tactics: tuple[Tactic, ...]) -> set[str]:
    """The owner names that mean this person or group: their full name, a group they are
    in, or (for a first name alone) the one person it can mean."""
    person = directory.person(name)
    if person is None:
        first = [p for p in directory.people if p.name.lower().split()[0] == name.lower()]
        person = first[0] if len(first) == 1 else None
    owners = {o for t in tactics for o in t.owners}
    if person is not None:
        return {o for o in owners if directory.is_owner(person, (o,))}
    group = directory.group(name)
    if group is None:
        return {name}
    # Every way the plan writes the group: "The harmonisation team", "Harmonisation team".
    return {o for o in owners if directory.group(o) == group} | {group.name}


def owned_by(turn: Turn, args: Args) -> Reply:
    """The open tactics a person or group is accountable for."""
    year, tactics, directory = _plan(turn)
    name = args.text("name")
    owners = {o.lower() for o in _owner_names(directory, name, tactics)}
    chosen = [t for t in tactics if not t.is_closed and any(o.lower() in owners for o in t.owners)]
    return view.tactic_list(
        f"Open tactics owned by {name}",
        chosen,
        _plan_today(turn, year),
        intent=Intent.TACTICS_OWNED_BY,
        empty=f"No open tactic has {name} as an owner.",
    )


def matching(tactics: tuple[Tactic, ...], term: str) -> list[Tactic]:
    """Tactics whose name, purpose, audience or notes mention every word of ``term``."""
    words = [w for w in term.lower().split() if w not in ("the", "a", "an", "tactic", "tactics")]
    found = []
    for tactic in tactics:
        about = f"{tactic.name} {tactic.purpose} {tactic.audience} {tactic.notes}".lower()
        if all(w.rstrip("s") in about for w in words):
            found.append(tactic)
    return found


def search(turn: Turn, args: Args) -> Reply:
    """Tactics mentioning some words, with their owners ("who owns what" for no words)."""
    year, tactics, _ = _plan(turn)
    term = args.text("term")
    chosen = matching(tactics, term) if term else [t for t in tactics if not t.is_closed]
    return view.owners_list(
        f"Tactics mentioning “{term}”" if term else "Who owns what (open tactics)",
        chosen,
        _plan_today(turn, year),
        empty=f"No tactic mentions “{term}”.",
    )


def search_term(turn: Turn, term: str) -> list[Tactic]:
    """The tactics a search for ``term`` finds (for "who owns the X tactic?")."""
    return matching(_plan(turn)[1], term)


def objectives(turn: Turn, args: Args) -> Reply:
    plan = current_plan(turn.deps.uow(), turn.today)
    return objectives_view.objectives_list(plan.year, plan.objectives)


def summary(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    # On-going work has no finish line to miss: the summary counts it as on-going.
    late = sum(1 for t in tactics if t.is_overdue(today) and t.status is not Status.ONGOING)
    return view.plan_summary(year, tactics, overdue=late)


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
            (
                r"(?:(?:what(?:'s| is)|whats) )?due (?P<period>today|tomorrow|(?:this|next) "
                r"(?:week|fortnight|month)|in the next \d+ days)"
            ),
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
        help="Planned tactics whose window has ended (on-going and cancelled ones are not late).",
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
        name="tactics owned by <person>",
        group="Plan",
        handler=owned_by,
        help="The open tactics a person or group is accountable for.",
        examples=("tactics owned by Pete Brodie",),
        patterns=(
            # "list the tactics for Q4" asks for a quarter, not a person called Q4.
            (
                r"(?:show |list )?(?:the )?(?:open )?tactics (?:owned by|for) "
                r"(?!(?:q|phase ?|quarter ?)[1-4]$)(?P<name>[a-z@].+)"
            ),
        ),
    ),
    Command(
        name="search tactics <words>",
        group="Plan",
        handler=search,
        help="Tactics that mention some words, with their owners; 'who owns what' lists all.",
        examples=("search tactics blog", "who owns what"),
        patterns=(
            r"(?:search|find) (?:the )?tactics(?: for| about| mentioning)? (?P<term>.+)",
            r"who owns what",
        ),
    ),
    Command(
        name="plan objectives",
        group="Plan",
        handler=objectives,
        help="The plan's objectives, numbered as its tactics refer to them.",
        examples=("plan objectives",),
        patterns=(r"(?:the |show |list )?(?:plan(?:'s)? )?objectives(?: of the plan)?",),
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
