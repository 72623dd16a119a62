"""The bot core: who is talking, which command answers, and errors turned into replies."""

from __future__ import annotations

import asyncio
import enum
import logging
import re
from collections.abc import Callable, Iterable

from bot.commands import builtin_commands
from bot.commands.help import help_reply
from bot.commands.inbox import CORRECT_QUERY, continue_correct
from bot.commands.keys import conversation_key, message_key
from bot.commands.plan import ADD_TACTIC, continue_add, with_paused_draft
from bot.commands.standards import answer, offer_as_question
from bot.messages import DUPLICATE, Context, Incoming, Reply, Text
from bot.router import STOP_WORDS, Command, Route, Router, tidy
from bot.turn import Deps, Turn
from commplan.errors import CommplanError, InvalidInput, NotAllowed, NotFound
from commplan.ranking import Lookup
from commplan.services.turns import begin_turn

logger = logging.getLogger(__name__)


#: Guided dialogues that wait for typed text, by the kind their conversation draft records.
_GUIDED: dict[str, Callable[[Turn, dict[str, str]], Reply]] = {
    ADD_TACTIC: continue_add,
    CORRECT_QUERY: continue_correct,
}


class BotCore:
    """Answers one incoming message with one reply, the same for every chat."""

    def __init__(self, deps: Deps, commands: Iterable[Command] | None = None) -> None:
        self.deps = deps
        self.router = Router(builtin_commands() if commands is None else commands)

    async def handle_async(self, incoming: Incoming) -> Reply:
        """The async edges' bridge into the synchronous core."""
        return await asyncio.to_thread(self.handle, incoming)

    def handle(self, incoming: Incoming) -> Reply:
        """Answer a message or button press; never raises for anything a user can cause.

        One unit of work starts the turn (see :func:`begin_turn`) and the command's service
        call is the other. A message whose id was answered before gets a reply with the
        intent :data:`DUPLICATE`, which chats drop.
        """
        try:
            actor = incoming.actor
            start = begin_turn(
                self.deps.uow(),
                message_key=message_key(incoming) if incoming.message_id else "",
                platform=actor.platform,
                user_id=actor.user_id,
                email=actor.email,
                name=actor.name,
                conversation_key=conversation_key(incoming),
                at=incoming.at,
            )
            if start.duplicate:
                logger.info("a %s message arrived again; it was answered once", actor.platform)
                return Reply(text="Already answered.", intent=DUPLICATE)
            turn = Turn(
                incoming=incoming,
                person=start.person,
                draft=start.draft,
                deps=self.deps,
                commands=self.router.commands,
            )
            return self._dispatch(turn)
        except CommplanError as error:
            return error_reply(error)
        except Exception:
            logger.exception("failed to answer a message from %s", incoming.actor.platform)
            return Reply(
                text="Sorry, something went wrong on my side. The team has been told in the logs.",
                intent="error",
            )

    def _dispatch(self, turn: Turn) -> Reply:
        incoming = turn.incoming
        route = self.router.route(incoming)
        if incoming.action is None:
            draft = turn.draft
            kind = draft.get("kind", "") if draft is not None else ""
            if draft is not None and kind in _GUIDED:
                if route is None:
                    return _GUIDED[kind](turn, draft)
                # "what's overdue" mid-draft is a question, not the answer the draft waits
                # for: answer it and keep the draft waiting.
                reply = self._run(turn, route)
                return with_paused_draft(reply, draft) if kind == ADD_TACTIC else reply
        if route is not None:
            return self._run(turn, route)
        if incoming.action is not None:
            raise InvalidInput("That button no longer works; ask me again.")
        return self._fallback(turn)

    def _run(self, turn: Turn, route: Route) -> Reply:
        if route.command.team_only and not turn.is_team:
            raise NotAllowed(
                f"'{route.command.name}' is for the harmonisation team; contacts are personal data."
            )
        return route.command.handler(turn, route.args)

    def _fallback(self, turn: Turn) -> Reply:
        text = turn.incoming.text.strip()
        if not text:
            return help_reply(self.router.commands, team=turn.is_team)
        # A bare topic ("unpaid care") is a standards question when the catalogue knows it,
        # and also when nothing covers it but it is asked as a question or has a weak
        # candidate: then the member gets the same "no standard covers this" reply, with the
        # offer to pass it on, as "is there a standard for ..." would give. A short phrase with
        # no evidence at all ("air pollution", but also "good morning") is only offered as a
        # question, so that chatter never fills the team's unanswered list.
        lookup = self.deps.standards().lookup(text)
        if lookup.answered:
            return answer(turn, {"topic": text})
        if self.router.misspelt(text) is None:
            evidence = topic_evidence(tidy(text), lookup)
            if evidence is TopicEvidence.ASKED:
                return answer(turn, {"topic": text})
            if evidence is TopicEvidence.PHRASE:
                return offer_as_question(text)
        nearest = self.router.nearest(text)
        suggestion = (
            f"Did you mean '{nearest.examples[0] if nearest.examples else nearest.name}'?"
            if nearest
            else "Try 'help' to see what I can do."
        )
        message = f"Sorry, I didn't understand \u201c{text}\u201d. {suggestion}"
        return Reply(
            text=message,
            blocks=(Text(text=message), Context(text="Say 'help' for everything I can do.")),
            intent="unknown",
            data={"suggestion": nearest.name if nearest else None},
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


def error_reply(error: CommplanError) -> Reply:
    """The one place that turns domain errors into what the user reads."""
    if isinstance(error, NotAllowed):
        intent = "not_allowed"
    elif isinstance(error, NotFound):
        intent = "not_found"
    else:
        intent = "invalid"
    return Reply(text=str(error), blocks=(Text(text=str(error)),), intent=intent)
