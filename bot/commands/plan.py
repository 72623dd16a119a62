"""Plan commands that read the plan: what's due, overdue, mine, by phase; the summary."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.command import Args, Command
from bot.commands.dates import in_year, parse_month
from bot.messages import Intent, Reply
from bot.turn import Turn
from bot.views import objectives as objectives_view
from bot.views import plan as view
from bot.views import tactic_lists as lists
from bot.views.listing import Rest, dashboard_rest
from commplan.people import Directory
from commplan.plan import Phase, Status, Tactic
from commplan.services.plan import current_plan
from commplan.services.tactic_lists import (
    TacticList,
    names_meaning,
    names_of_person,
    owned_page,
    tactic_page,
)
from commplan.tactic_lists import TacticQuery, search_words
from commplan.when import parse_when


def _plan(turn: Turn) -> tuple[int, tuple[Tactic, ...], Directory]:
    plan = current_plan(turn.deps.uow(), turn.today)
    return plan.year, plan.tactics, plan.directory


def _plan_today(turn: Turn, year: int) -> date:
    return in_year(turn.today, year)


def _rest(turn: Turn, page: str = "") -> Rest:
    """Where the rest of a plan list is: the dashboard's table of it, else the plan's export."""
    command = "run `harmonibot export plan`"
    if not page:
        return Rest(command=command)
    return dashboard_rest(turn.deps.dashboard_url, page, command=command)


def _listed(
    turn: Turn,
    found: TacticList,
    title: str,
    *,
    intent: Intent,
    empty: str,
    rest: Rest | None = None,
) -> Reply:
    return lists.tactic_list(
        title,
        found.page.rows,
        _plan_today(turn, found.year),
        intent=intent,
        empty=empty,
        total=found.page.total,
        rest=rest or _rest(turn),
    )


def my_tactics(turn: Turn, args: Args) -> Reply:
    if turn.person is None:
        return view.unknown_owner_tactics()
    found = owned_page(
        turn.deps.uow(),
        turn.today,
        names_of_person(turn.person),
        lambda year, names: TacticQuery(plan_year=year, owners=names, open_only=True),
    )
    return _listed(
        turn,
        found,
        f"Your open tactics, {turn.person.name}",
        intent=Intent.MY_TACTICS,
        empty="Nothing open with your name on it.",
    )


def due_this_week(turn: Turn, args: Args) -> Reply:
    """Tactics due in the next seven days, or in the period asked ("next week", "today")."""
    period = args.text("period")
    when = parse_when(period, now=turn.now) if period else None

    def span(year: int) -> tuple[date, date]:
        if when is not None:
            return in_year(when.start, year), in_year(when.end, year)
        today = _plan_today(turn, year)
        return today, today + timedelta(days=7)

    def query(year: int) -> TacticQuery:
        first, last = span(year)
        return TacticQuery(plan_year=year, open_only=True, due_first=first, due_last=last)

    found = tactic_page(turn.deps.uow(), turn.today, query)
    first, last = span(found.year)
    if when is not None:
        title = f"Due {when.text} ({first:%-d %b} to {last:%-d %b %Y})"
        empty = f"Nothing is due {when.text}."
    else:
        title = f"Due from {first:%-d %b} to {last:%-d %b %Y}"
        empty = "Nothing is due in the next seven days."
    return _listed(turn, found, title, intent=Intent.DUE_THIS_WEEK, empty=empty)


def due_in_month(turn: Turn, args: Args) -> Reply:
    def query(year: int) -> TacticQuery:
        first, last = parse_month(args["month"], year)
        return TacticQuery(plan_year=year, due_first=first, due_last=last)

    found = tactic_page(turn.deps.uow(), turn.today, query)
    first, _ = parse_month(args["month"], found.year)
    return _listed(
        turn,
        found,
        f"Due in {first:%B %Y}",
        intent=Intent.DUE_IN_MONTH,
        empty=f"Nothing is due in {first:%B}.",
    )


def overdue(turn: Turn, args: Args) -> Reply:
    """Overdue tactics, the longest overdue first."""
    found = tactic_page(
        turn.deps.uow(),
        turn.today,
        lambda year: TacticQuery(
            plan_year=year, overdue_on=_plan_today(turn, year), most_overdue_first=True
        ),
    )
    return _listed(
        turn,
        found,
        "Overdue tactics",
        intent=Intent.OVERDUE,
        empty="Nothing is overdue. Well done.",
        rest=_rest(turn, "#table-overdue"),
    )


def by_phase(turn: Turn, args: Args) -> Reply:
    phase = Phase(f"Q{args['quarter']}")
    found = tactic_page(
        turn.deps.uow(), turn.today, lambda year: TacticQuery(plan_year=year, phase=phase)
    )
    return _listed(
        turn,
        found,
        f"Tactics for {phase.label}",
        intent=Intent.TACTICS_FOR_PHASE,
        empty="None in that phase.",
    )


def owned_by(turn: Turn, args: Args) -> Reply:
    """The open tactics a person or group is accountable for."""
    name = args.text("name")
    found = owned_page(
        turn.deps.uow(),
        turn.today,
        names_meaning(name),
        lambda year, names: TacticQuery(plan_year=year, owners=names, open_only=True),
    )
    return _listed(
        turn,
        found,
        f"Open tactics owned by {name}",
        intent=Intent.TACTICS_OWNED_BY,
        empty=f"No open tactic has {name} as an owner.",
    )


def matching(tactics: tuple[Tactic, ...], term: str) -> list[Tactic]:
    """Tactics whose name, purpose, audience or notes mention every word of ``term``."""
    # Words are matched at their start: "stand" is not found in "understand".
    starts = [re.compile(rf"\b{re.escape(w)}") for w in search_words(term)]
    return [
        t
        for t in tactics
        if all(s.search(f"{t.name} {t.purpose} {t.audience} {t.notes}".lower()) for s in starts)
    ]


def search(turn: Turn, args: Args) -> Reply:
    """Tactics mentioning some words, with their owners ("who owns what" for no words)."""
    term = args.text("term")
    words = search_words(term)
    found = tactic_page(
        turn.deps.uow(),
        turn.today,
        lambda year: TacticQuery(plan_year=year, words=words, open_only=not term),
    )
    return lists.owners_list(
        f"Tactics mentioning “{term}”" if term else "Who owns what (open tactics)",
        found.page.rows,
        _plan_today(turn, found.year),
        empty=f"No tactic mentions “{term}”.",
        total=found.page.total,
        rest=_rest(turn),
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
