"""The router: which command answers a message, a button press or a dialogue's next message.

Everything it knows comes from the commands it is given and the fallback for messages no
command matches; it names no concrete command itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.command import STALE_BUTTON, Args, Command
from bot.messages import Context, Incoming, Intent, Reply, Text
from bot.turn import Turn
from commplan.errors import InvalidInput, NotAllowed

#: What answers a message no command matches.
Fallback = Callable[[Turn], Reply]


def not_understood(turn: Turn) -> Reply:
    """The plainest fallback, for a router given none of its own."""
    return Reply(
        blocks=(
            Text(text="Sorry, I didn't understand that."),
            Context(text="Say 'help' for everything I can do."),
        ),
        intent=Intent.UNKNOWN,
    )


@dataclass(frozen=True, kw_only=True)
class Route:
    command: Command
    args: Args


def tidy(text: str) -> str:
    """Normalise typing: curly quotes, spacing, trailing punctuation, a leading "please" and
    a trailing one."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:please|pls|hi|hello|hey)[,!]?\s+", "", text, flags=re.I)
    # "baseline by organisation type pls": a courtesy at the end is no part of an argument.
    text = re.sub(r"[\s,]+(?:please|pls|plz|thanks|thx|ta|cheers)[\s?!.]*$", "", text, flags=re.I)
    return text.rstrip(" ?!.")


class Router:
    """Answers a turn: a button by its action id, a waiting dialogue, typed patterns in order,
    and the fallback for the rest."""

    def __init__(self, commands: Iterable[Command], *, fallback: Fallback = not_understood) -> None:
        self.commands = tuple(commands)
        self.fallback = fallback
        self._patterns = [(c, p) for c in self.commands for p in c.compiled()]
        self._actions = {a: c for c in self.commands for a in c.actions}
        self._dialogues = {c.resumes: c for c in self.commands if c.resumes}

    def route(self, incoming: Incoming) -> Route | None:
        """The command a button press or typed message names, if any."""
        if incoming.action is not None:
            command = self._actions.get(incoming.action.action_id)
            if command is None:
                return None
            return Route(command=command, args=Args({"value": incoming.action.value}))
        text = tidy(incoming.text)
        for command, pattern in self._patterns:
            match = pattern.match(text)
            if match:
                args = {k: (v or "").strip() for k, v in match.groupdict().items()}
                return Route(command=command, args=Args(args))
        return None

    def answer(self, turn: Turn) -> Reply:
        """The reply to this turn, from its command, its waiting dialogue or the fallback.

        A message that matches a command mid-dialogue ("what's overdue" while adding a tactic)
        is a question, not the answer the dialogue waits for: the command answers it and the
        draft keeps waiting.
        """
        incoming = turn.incoming
        route = self.route(incoming)
        dialogue = self._waiting(turn.draft) if incoming.action is None else None
        if dialogue is not None and turn.draft is not None:
            draft = Args(turn.draft)
            if route is None:
                return self._run(turn, dialogue, draft)
            reply = self._run(turn, route.command, route.args)
            return dialogue.paused(reply, draft) if dialogue.paused is not None else reply
        if route is not None:
            return self._run(turn, route.command, route.args)
        if incoming.action is not None:
            raise InvalidInput(STALE_BUTTON)
        return self.fallback(turn)

    def run(self, turn: Turn, route: Route) -> Reply:
        """Answer with a route found for another text of the same turn (a sentence of a
        longer post), with the same team-only check as a typed command."""
        return self._run(turn, route.command, route.args)

    def nearest(self, text: str) -> Command | None:
        """The typed command that reads most like the text (see :func:`nearest`)."""
        return nearest(self.commands, text)

    def misspelt(self, text: str) -> Command | None:
        """The typed command this text is a near miss of (see :func:`misspelt`)."""
        return misspelt(self.commands, text)

    def _waiting(self, draft: Mapping[str, str] | None) -> Command | None:
        return self._dialogues.get(draft.get("kind", "")) if draft is not None else None

    @staticmethod
    def _run(turn: Turn, command: Command, args: Args) -> Reply:
        if command.team_only and not turn.is_team:
            raise NotAllowed(
                f"'{command.name}' is for the harmonisation team; contacts are personal data."
            )
        return command.handler(turn, args)


def _phrases(commands: Iterable[Command]) -> dict[str, Command]:
    """What can be typed to reach a command: its name and examples. Button-only commands and
    dialogues have no patterns: nobody can type them."""
    return {
        phrase.lower(): command
        for command in commands
        if command.patterns
        for phrase in (command.name, *command.examples)
    }


def nearest(commands: Iterable[Command], text: str) -> Command | None:
    """The typed command whose name or examples read most like the text, if any is close.

    Word overlap counts content words only, so "frobnicate the wibble" is not "Pass it to
    the team".
    """
    text = tidy(text).lower()
    if not text:
        return None
    close = misspelt(commands, text)
    if close is not None:
        return close
    choices = _phrases(commands)
    words = content_words(text)
    scored = [(len(words & content_words(phrase)), phrase) for phrase in choices]
    best = max(scored, default=(0, ""))
    return choices[best[1]] if best[0] >= 1 and len(words) <= 4 else None


def misspelt(commands: Iterable[Command], text: str) -> Command | None:
    """The typed command this text is a near miss of ("my tacticz"), if it is one.

    The answer is difflib's closest match at 0.55, as it always was; rapidfuzz first keeps
    only the phrases that could reach it (its similarity is an upper bound of difflib's), so
    difflib scores a handful of phrases rather than all 150 on every turn.
    """
    choices = _phrases(commands)
    wanted = tidy(text).lower()
    could = process.extract(wanted, list(choices), scorer=fuzz.ratio, score_cutoff=55, limit=None)
    scored = []
    for phrase, _, _ in could:
        matcher = difflib.SequenceMatcher(None, phrase, wanted)
        if matcher.real_quick_ratio() >= 0.55 and matcher.quick_ratio() >= 0.55:
            scored.append((matcher.ratio(), phrase))
    best = max(scored, default=(0.0, ""))
    return choices[best[1]] if best[0] >= 0.55 else None


# fmt: off
STOP_WORDS = frozenset((
    "a", "an", "the", "it", "its", "to", "of", "for", "in", "on", "at", "by", "with", "from",
    "and", "or", "but", "is", "are", "was", "be", "do", "does", "did", "i", "me", "my", "we",
    "us", "our", "you", "your", "he", "she", "they", "them", "their", "this", "that", "these",
    "those", "what", "which", "who", "how", "when", "where", "why", "can", "could", "would",
    "should", "will", "shall", "may", "might", "must", "not", "no", "yes", "so", "if", "as",
    "about", "into", "than", "then", "there", "here", "s", "t", "n",
))
# fmt: on


def content_words(text: str) -> set[str]:
    """The words of a text that carry meaning (stop-words and placeholders dropped)."""
    text = re.sub(r"<[^>]*>", " ", text.lower())
    return {w for w in re.findall(r"[a-z]+", text) if w not in STOP_WORDS}
