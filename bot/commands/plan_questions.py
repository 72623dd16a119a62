"""Plan and people questions, asked in a person's own words, sent to the command that answers.

:func:`command_text` turns a recognised :class:`PlanQuestion` into the typed form of the
command that answers it ("what's Steve got on?" becomes "tactics owned by Steve"), so the
router's patterns, arguments and team-only checks apply as if it had been typed.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.turn import Turn
from commplan.tactic_lists import search_words
from commplan.understanding import PlanKind, PlanQuestion

_MONTHS = frozenset(
    (
        *("january", "february", "march", "april", "may", "june"),
        *("july", "august", "september", "october", "november", "december"),
    )
)
_FIXED = {
    PlanKind.MY_TACTICS: "my tactics",
    PlanKind.MY_ACTIONS: "my actions",
    PlanKind.OVERDUE: "what's overdue",
    PlanKind.OPEN_ACTIONS: "open actions",
    # No command lists one person's actions: the open list shows each action's owner.
    PlanKind.ACTIONS_FOR: "open actions",
    PlanKind.SUMMARY: "plan summary",
    PlanKind.GONE_QUIET: "who has gone quiet",
    PlanKind.TOPICS_RISING: "topics on the rise",
    PlanKind.INBOX: "inbox",
    PlanKind.STANDARDS_REVIEW: "standards due for review",
    PlanKind.UNANSWERED: "unanswered questions",
    PlanKind.TEAM_MEMBERS: "who is on the team",
    PlanKind.MY_REMINDERS: "my reminders",
    PlanKind.OBJECTIVES: "plan objectives",
}


def _due(period: str) -> str:
    period = period.strip()
    if period.lower() in _MONTHS:
        return f"what's due in {period}"
    if len(period) == 2 and period[0] in "Qq" and period[1] in "1234":
        return f"tactics for Q{period[1]}"
    if period in ("", "this week"):
        return "what's due this week"
    return f"what's due {period}"


def _mentioned(
    turn: Turn, term: str, search: Callable[[Turn, str], list[int]]
) -> tuple[str, list[int]]:
    """The longest start of ``term`` some tactic mentions, and those tactics. "who is leading on
    the GSS conference stand?": the plan may not say "stand", so the last words are let go
    until some tactic mentions the rest ("LARIA and if so who is responsible" is "LARIA")."""
    words = term.split()
    while len(words) > 1 and not search_words(words[0]):
        words = words[1:]  # "on the GSS conference": the search ignores "on the"
    found = search(turn, term)
    while not found and len(words) > 1:
        words = words[:-1]
        found = search(turn, " ".join(words))
    return " ".join(words), found


def command_text(
    question: PlanQuestion, turn: Turn, search: Callable[[Turn, str], list[int]]
) -> str:
    """The typed command that answers ``question``; ``search`` finds the tactics a term
    names, so "who owns the Twitter tactic?" can open the one tactic it means."""
    kind = question.kind
    if kind in _FIXED:
        return _FIXED[kind]
    if kind is PlanKind.DUE:
        return _due(question.period)
    if kind is PlanKind.PHASE:
        return f"tactics for {question.period}"
    if kind is PlanKind.OWNED_BY:
        return f"tactics owned by {question.name}"
    if kind is PlanKind.SEARCH:
        term, found = _mentioned(turn, question.term, search)
        return f"search tactics {term if found else question.term}"
    if kind is PlanKind.WHO_OWNS:
        if not question.term:
            return "who owns what"
        term, found = _mentioned(turn, question.term, search)
        return f"show tactic {found[0]}" if len(found) == 1 else f"search tactics {term}"
    if kind is PlanKind.SHOW_TACTIC:
        return f"show tactic {question.number}"
    if kind is PlanKind.SHOW_ACTION:
        return f"show action {question.number}"
    if kind is PlanKind.IMPACT:
        return f"impact of tactic {question.number}"
    if kind is PlanKind.CONTACTS:
        if question.period == "last week":
            return "contacts last week"  # "who contacted us" takes this week or a month
        return f"who contacted us {question.period or 'this month'}"
    if kind is PlanKind.BASELINE:
        return f"baseline by {question.term}" if question.term else "baseline"
    return ""
