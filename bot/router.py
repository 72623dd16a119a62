"""Commands and the router that picks one for each incoming message or button press."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.messages import Incoming, Reply
from bot.turn import Turn

Handler = Callable[[Turn, dict[str, str]], Reply]


@dataclass(frozen=True, kw_only=True)
class Command:
    """A thing a member can say, with its help text.

    ``patterns`` match the whole message (case-insensitive, after tidying); named groups
    become the handler's arguments. ``actions`` are the button action ids it answers.
    """

    name: str
    help: str
    examples: tuple[str, ...]
    handler: Handler
    patterns: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    team_only: bool = False
    group: str = ""

    def compiled(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(rf"^(?:{p})$", re.I | re.S) for p in self.patterns)


@dataclass(frozen=True, kw_only=True)
class Route:
    command: Command
    args: dict[str, str]


def tidy(text: str) -> str:
    """Normalise typing: curly quotes, spacing, trailing punctuation, a leading "please"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:please|pls|hi|hello|hey)[,!]?\s+", "", text, flags=re.I)
    return text.rstrip(" ?!.")


class Router:
    """Finds the command for a message: button action first, then text patterns in order."""

    def __init__(self, commands: Iterable[Command]) -> None:
        self.commands = tuple(commands)
        self._patterns = [(c, p) for c in self.commands for p in c.compiled()]
        self._actions = {a: c for c in self.commands for a in c.actions}
        self._phrases = {
            phrase.lower(): command
            for command in self.commands
            if command.patterns  # button-only commands: nobody can type them
            for phrase in (command.name, *command.examples)
        }

    def route(self, incoming: Incoming) -> Route | None:
        if incoming.action is not None:
            command = self._actions.get(incoming.action.action_id)
            if command is None:
                return None
            return Route(command=command, args={"value": incoming.action.value})
        text = tidy(incoming.text)
        for command, pattern in self._patterns:
            match = pattern.match(text)
            if match:
                args = {k: (v or "").strip() for k, v in match.groupdict().items()}
                return Route(command=command, args=args)
        return None

    def nearest(self, text: str) -> Command | None:
        """The typed command whose name or examples read most like the text, if any is close.

        Button-only commands (no patterns) are never suggested: nobody can type them. Word
        overlap counts content words only, so "frobnicate the wibble" is not "Pass it to
        the team".
        """
        text = tidy(text).lower()
        if not text:
            return None
        close = self.misspelt(text)
        if close is not None:
            return close
        choices = self._phrases
        words = content_words(text)
        scored = [(len(words & content_words(phrase)), phrase) for phrase in choices]
        best = max(scored, default=(0, ""))
        return choices[best[1]] if best[0] >= 1 and len(words) <= 4 else None

    def misspelt(self, text: str) -> Command | None:
        """The typed command this text is a near miss of ("my tacticz"), if it is one."""
        choices = self._phrases
        close = difflib.get_close_matches(tidy(text).lower(), list(choices), n=1, cutoff=0.55)
        return choices[close[0]] if close else None


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
