"""Plan commands that read the plan: what's due, overdue, mine, by phase; the summary."""

from __future__ import annotations

from datetime import date, timedelta

from bot.command import Args, Command
from bot.commands.dates import in_year, parse_month
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import plan as view
from commplan.people import Directory
from commplan.plan import Phase, Tactic
from commplan.services.plan import current_plan


def _plan(turn: Turn) -> tuple[int, tuple[Tactic, ...], Directory]:
    plan = current_plan(turn.deps.uow(), turn.today)
    return plan.year, plan.tactics, plan.directory


def _plan_today(turn: Turn, year: int) -> date:
    return in_year(turn.today, year)


def my_tactics(turn: Turn, args: Args) -> Reply:
    year, tactics, directory = _plan(turn)
    if turn.person is None:
        return view.unknown_owner_tactics()
    mine = [t for t in tactics if directory.is_owner(turn.person, t.owners) and not t.is_complete]
    return view.tactic_list(
        f"Your open tactics, {turn.person.name}",
        mine,
        _plan_today(turn, year),
        intent=Intent.MY_TACTICS,
        empty="Nothing open with your name on it.",
    )


def due_this_week(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    last = today + timedelta(days=7)
    due = [t for t in tactics if not t.is_complete and t.is_due_between(today, last)]
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


def summary(turn: Turn, args: Args) -> Reply:
    year, tactics, _ = _plan(turn)
    today = _plan_today(turn, year)
    late = sum(1 for t in tactics if t.is_overdue(today))
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
        name="plan summary",
        group="Plan",
        handler=summary,
        help="Counts of tactics by phase and status.",
        examples=("plan summary",),
        patterns=(r"(?:plan|tactics) (?:summary|overview|status)", r"summary"),
    ),
)
