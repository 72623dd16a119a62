"""What answers a message no command matches: the message read for what it is.

:func:`fallback` reads the message (:func:`commplan.understanding.read`) and answers, in
order: chatter alone with a short friendly reply; a command inside a longer post (a sentence,
or a sentence without its "could you... please"); a plan or people question, sent to the
command that answers it; and otherwise a topic question, with one of the three honest
outcomes (see :func:`bot.commands.standards.decided`). "I didn't understand" is only for a
message that is none of these, and says what the bot can do.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.command import Args
from bot.commands import standards
from bot.commands.help import help_reply
from bot.commands.plan import search_term
from bot.commands.plan_questions import command_text
from bot.messages import Bullets, Context, Intent, Reply, Text
from bot.router import STOP_WORDS, Router
from bot.turn import Turn
from bot.views import standards as standards_view
from commplan.understanding import (
    Outcome,
    PlanQuestion,
    Reading,
    TopicDecision,
    decide_topic,
    guessed_question,
    plan_question,
    read,
)

#: A message this long, or of more than one sentence, that asks anything is a question.
MAX_PHRASE_WORDS = 4
# Connecting words a topic may hold ("country of birth", "sex and gender"); any other
# function word ("frobnicate the wibble") makes a short message read as an instruction.
_TOPIC_JOINERS = frozenset({"and", "of", "or", "in", "for", "with", "after", "at", "by", "on"})
_QUESTION = re.compile(
    r"^(?:what|which|who|whom|how|is|are|do|does|can|could|should|where|when|why)\b.*\s\S+",
    re.I,
)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some|any)\s+", re.I)
CAN_DO = (
    "tell you which harmonised standard covers a topic, in your own words",
    "answer questions about the plan: what's due, what's overdue, who owns what, your tactics",
    "list meeting actions, and mark tactics and actions done",
    "show the team contacts, the baseline, the inbox and unanswered questions",
)


def fallback(turn: Turn, router: Router) -> Reply:
    """The reply to a message no command matched as typed."""
    text = turn.incoming.text.strip()
    if not text:
        return help_reply(router.commands, team=turn.is_team)
    reading = read(text)
    if reading.chatter:
        return standards_view.chatter(greeted=reading.greeted)
    # Sentence by sentence, in the order asked: the first command or plan question wins, so
    # "Which tactics does she own? Also what's due next week?" answers the first question.
    question = plan_question(reading)
    asks = ((-1, (reading.text,)), *reading.asks())
    for place, candidates in asks:
        for candidate in candidates:
            route = router.route(replace(turn.incoming, text=candidate))
            if route is None:
                continue
            if route.command.handler is standards.answer:
                return understood(turn, router, reading, question)  # the whole message
            return router.run(turn, route)
        if question is not None and place >= 0 and reading.sentences[place].text == question.text:
            break
    return understood(turn, router, reading, question)


def standards_question(turn: Turn, router: Router) -> Reply:
    """A typed "which standard covers ..." that may still be a question about the plan
    ("which standards haven't been reviewed lately?"): read like any other message."""
    if turn.incoming.action is not None:
        return standards.answer(turn, Args({"value": turn.incoming.action.value}))
    reading = read(turn.incoming.text)
    return understood(turn, router, reading, plan_question(reading), asked=True)


def understood(
    turn: Turn,
    router: Router,
    reading: Reading,
    question: PlanQuestion | None,
    *,
    asked: bool = False,
) -> Reply:
    """The plan or people ``question`` the reading asks, else a topic question, else "didn't
    understand" (never for a message ``asked`` as a standards question)."""
    text = turn.incoming.text.strip()
    if question is not None and (reply := _ask_plan(turn, router, question)) is not None:
        return reply
    decision = decide_topic(reading, turn.deps.standards())
    if decision.outcome is not Outcome.CONFIDENT:
        # Phrasings the rules do not know ("anything slipping I should flag?"), when no
        # standard answers the message with confidence.
        guessed = guessed_question(reading)
        if guessed is not None and (reply := _ask_plan(turn, router, guessed)) is not None:
            return reply
    if _small_talk(reading, decision) and not asked:
        return standards_view.chatter(greeted=reading.greeted)
    lost = not _asks_about_a_topic(text, reading, decision) or _misspelt(text, router)
    if decision.outcome is Outcome.NONE and not asked and lost:
        return not_understood(text, router)
    return standards.decided(turn, reading, decision)


def _ask_plan(turn: Turn, router: Router, question: PlanQuestion) -> Reply | None:
    """The reply of the command that answers a plan question, as if it had been typed."""
    typed = command_text(question, turn, _numbers)
    route = router.route(replace(turn.incoming, text=typed)) if typed else None
    return router.run(turn, route) if route is not None else None


def _misspelt(text: str, router: Router) -> bool:
    """A near miss of a typed command ("my tacticz"), unless it asks about a standard in
    words ("is there a standard question on smoking?" is near the standards command's own
    example, and "overdue rent - any harmonised question?" near "unanswered questions")."""
    near = router.misspelt(text)
    if near is None or near.handler is standards.answer:
        return False
    return not (_ABOUT_STANDARDS.search(text) and len(text.split()) > MAX_PHRASE_WORDS)


_ABOUT_STANDARDS = re.compile(
    r"\b(?:standards?|harmoni[sz]ed|harmoni[sz]ation|guidance|classification|definition)\b", re.I
)


def _small_talk(reading: Reading, decision: TopicDecision) -> bool:
    """Thanks or small talk around statements that ask nothing and name no standard plainly
    ("Thanks for the workshop. The feedback was really positive."): chatter, not a query."""
    return reading.sociable and not reading.asked and decision.outcome is not Outcome.CONFIDENT


def _numbers(turn: Turn, term: str) -> list[int]:
    return [t.number for t in search_term(turn, term)]


def _asks_about_a_topic(text: str, reading: Reading, decision: TopicDecision) -> bool:
    """Whether a message nothing in the catalogue covers still reads as a topic question:
    a weak candidate, a post of several sentences, a question, or a short noun phrase
    ("air pollution"), but not an instruction ("frobnicate the wibble")."""
    if not decision.topic_text:
        return False
    if decision.matches or len(reading.sentences) > 1:
        return True
    if text.rstrip().endswith("?") or _QUESTION.match(text):
        return True
    words = _LEADING_ARTICLE.sub("", text.lower()).split()
    return (
        0 < len(words) <= MAX_PHRASE_WORDS
        and all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words)
        and not any(w in STOP_WORDS and w not in _TOPIC_JOINERS for w in words)
        and words[0] not in _TOPIC_JOINERS
        and words[-1] not in _TOPIC_JOINERS
    )


def not_understood(text: str, router: Router) -> Reply:
    """None of the things the bot answers: say so, with a near command and what it can do."""
    near = router.nearest(text)
    suggestion = (
        f"Did you mean '{near.examples[0] if near.examples else near.name}'?"
        if near
        else "Here is what I can do:"
    )
    return Reply(
        blocks=(
            Text(text=f"Sorry, I didn't understand \u201c{text[:200]}\u201d. {suggestion}"),
            Bullets(items=tuple(f"I can {line}." for line in CAN_DO)),
            Context(text="Say 'help' for everything I can do."),
        ),
        intent=Intent.UNKNOWN,
        data={"suggestion": near.name if near else None},
    )
