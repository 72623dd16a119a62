"""What answers a message no command matches: a standards question, an offer, or a hint.

:func:`fallback` is the whole of it; the router calls it with the turn alone (the wiring in
``bot.commands`` binds the command list it suggests from).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from bot.command import Args, Command
from bot.commands.help import help_reply
from bot.commands.standards import answer, offer_as_question
from bot.messages import Context, Intent, Reply, Text
from bot.router import STOP_WORDS, misspelt, nearest, tidy
from bot.turn import Turn
from commplan.ranking import Lookup


def fallback(turn: Turn, commands: Sequence[Command]) -> Reply:
    """The reply to a message none of these commands matched.

    A bare topic ("unpaid care") is a standards question when the catalogue knows it, and
    also when nothing covers it but it is asked as a question or has a weak candidate: then
    the member gets the same "no standard covers this" reply, with the offer to pass it on,
    as "is there a standard for ..." would give. A short phrase with no evidence at all ("air
    pollution", but also "good morning") is only offered as a question, so that chatter never
    fills the team's unanswered list. Anything else gets the nearest command as a hint.
    """
    text = turn.incoming.text.strip()
    if not text:
        return help_reply(commands, team=turn.is_team)
    lookup = turn.deps.standards().lookup(text)
    if lookup.answered:
        return answer(turn, Args({"topic": text}))
    if misspelt(commands, text) is None:
        evidence = topic_evidence(tidy(text), lookup)
        if evidence is TopicEvidence.ASKED:
            return answer(turn, Args({"topic": text}))
        if evidence is TopicEvidence.PHRASE:
            return offer_as_question(text)
    near = nearest(commands, text)
    suggestion = (
        f"Did you mean '{near.examples[0] if near.examples else near.name}'?"
        if near
        else "Try 'help' to see what I can do."
    )
    return Reply(
        blocks=(
            Text(text=f"Sorry, I didn't understand \u201c{text}\u201d. {suggestion}"),
            Context(text="Say 'help' for everything I can do."),
        ),
        intent=Intent.UNKNOWN,
        data={"suggestion": near.name if near else None},
    )


# A weak candidate is still evidence of a topic: "looking after a disabled relative" scores
# about 0.1 for unpaid care, well under the answer threshold; unrelated text scores ~0.
TOPIC_FLOOR = 0.05
MAX_TOPIC_WORDS = 8
_QUESTION = re.compile(
    r"^(?:what|which|who|whom|how|is|are|do|does|can|could|should|where|when|why)\b.*\s\S+",
    re.I,
)
# Connecting words a topic may hold ("country of birth", "sex and gender"); any other
# function word ("frobnicate the wibble") makes it read as an instruction, not a topic.
_TOPIC_JOINERS = frozenset({"and", "of", "or", "in", "for", "with", "after", "at", "by", "on"})
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some|any)\s+", re.I)
# fmt: off
_CHAT = frozenset((
    "ok", "okay", "thanks", "thank", "thx", "ta", "cheers", "bye", "goodbye", "yes", "yeah",
    "yep", "no", "nope", "great", "cool", "nice", "lol", "hmm", "test", "testing",
))
# fmt: on


class TopicEvidence(enum.Enum):
    """How a message no command matched reads: asked about a topic, a bare phrase, or not."""

    ASKED = "asked"
    PHRASE = "phrase"
    NONE = "none"


def topic_evidence(text: str, lookup: Lookup) -> TopicEvidence:
    """Whether a message no command matched is a subject someone wants a standard for.

    ASKED when the catalogue has a candidate above a low floor or it is phrased as a
    question; PHRASE when it is only a short noun phrase ("air pollution"); NONE for chat
    ("thanks") and instructions with function words ("frobnicate the wibble").
    """
    words = re.findall(r"[a-z][a-z'-]*", text.lower())
    if not words or len(words) > MAX_TOPIC_WORDS or set(words) <= _CHAT:
        return TopicEvidence.NONE
    if lookup.matches and lookup.matches[0].score >= TOPIC_FLOOR:
        return TopicEvidence.ASKED
    if text.endswith("?") or _QUESTION.match(text):
        return TopicEvidence.ASKED
    phrase = re.findall(r"\S+", _LEADING_ARTICLE.sub("", text.lower()))
    if (
        0 < len(phrase) <= 4
        and all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in phrase)
        and not any(w in STOP_WORDS and w not in _TOPIC_JOINERS for w in phrase)
        and phrase[0] not in _TOPIC_JOINERS
        and phrase[-1] not in _TOPIC_JOINERS
    ):
        return TopicEvidence.PHRASE
    return TopicEvidence.NONE
