"""Did a tactic bring contacts, and how is an objective doing: in chat."""

from __future__ import annotations

from bot.command import Args, Command
from bot.commands.dates import in_year
from bot.commands.plan import search_term
from bot.messages import Reply
from bot.turn import Turn
from bot.views import impact as view
from commplan.errors import NotFound
from commplan.services.impact import ImpactReport, tactics_impact
from commplan.services.plan import current_plan


def _report(turn: Turn) -> ImpactReport:
    year = current_plan(turn.deps.uow(), turn.today).year
    return tactics_impact(turn.deps.uow(), today=in_year(turn.today, year), plan_year=year)


def tactic(turn: Turn, args: Args) -> Reply:
    """The impact of a tactic named by number or by words ("the GSS conference")."""
    report = _report(turn)
    if args.text("number"):
        numbers = [args.number("number")]
        term = f"tactic {numbers[0]}"
    else:
        term = args.text("term")
        numbers = [t.number for t in search_term(turn, term)] or _loosely(turn, term)
    found = [i for i in report.tactics if i.number in numbers]
    return view.tactic_impacts(found) if found else view.nothing_measured(term)


def _loosely(turn: Turn, term: str) -> list[int]:
    """Tactics sharing the most telling words with ``term``, for names said loosely ("the
    SPSC presentation" for "Present to GSS SPSC")."""
    words = {w.strip("?.,!'").rstrip("s") for w in term.lower().split() if len(w) > 3}
    tactics = current_plan(turn.deps.uow(), turn.today).tactics
    scored = [
        (sum(1 for w in words if w in f"{t.name} {t.audience}".lower()), t.number) for t in tactics
    ]
    best = max((score for score, _ in scored), default=0)
    return [number for score, number in scored if best and score == best]


def objective(turn: Turn, args: Args) -> Reply:
    number = args.number("number")
    for progress in _report(turn).objectives:
        if progress.number == number:
            return view.objective(progress)
    raise NotFound("objective", f"{number} in the plan")


COMMANDS = (
    Command(
        name="impact of tactic <n>",
        group="Plan",
        handler=tactic,
        help="Whether a tactic brought contacts from its audience, with the uncertainty.",
        examples=("impact of tactic 20", "did the GSS conference bring more queries?"),
        patterns=(
            r"(?:what was the |show the )?(?:impact|effect) of tactic (?:no |#)?(?P<number>\d+)",
            r"(?:what was the |show the )?(?:impact|effect) of (?:the )?(?P<term>.+)",
            (
                r"(?:did|has|have) (?:the |our )?(?P<term>.+?) (?:bring|brought|generate|generated"
                r"|lead to|led to|drive|drove|get|got|produce|produced|increase|increased)(?: us)?"
                r"(?: any)?(?: more)? (?:contacts|queries|enquiries|interest|engagement|users)"
            ),
        ),
    ),
    Command(
        name="progress on objective <n>",
        group="Plan",
        handler=objective,
        help="An objective's tactics done and the contacts around them.",
        examples=("progress on objective 2",),
        patterns=(
            (
                r"(?:what is the |show )?(?:progress|how are we doing|how is it going) "
                r"(?:on|against|with|for) objective (?:no |#)?(?P<number>\d+)"
            ),
            r"objective (?P<number>\d+) progress",
        ),
    ),
)
