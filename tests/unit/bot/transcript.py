"""Conversations written as transcripts: who says what, and what the bot must answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.core import BotCore
from bot.messages import Action, Actor, Incoming, Reply


@dataclass
class Chat:
    """One person talking to the bot in one conversation."""

    bot: BotCore
    name: str
    at: datetime
    platform: str = "console"
    direct: bool = True  # False: a channel or a mention, where others read the reply
    replies: list[Reply] = field(default_factory=list)

    def say(self, text: str, *, message_id: str = "") -> Reply:
        incoming = Incoming(
            actor=Actor(platform=self.platform, user_id=self.name or "guest", name=self.name),
            text=text,
            at=self.at,
            conversation="test",
            message_id=message_id,
            direct=self.direct,
        )
        reply = self.bot.handle(incoming)
        self.replies.append(reply)
        return reply

    def press(self, label: str, *, value: str | None = None) -> Reply:
        """Press the button with this label (and value, if given) on the last reply with one."""
        for reply in reversed(self.replies):
            for button in reply.buttons:
                if button.label == label and value in (None, button.value):
                    incoming = Incoming(
                        actor=Actor(
                            platform=self.platform, user_id=self.name or "guest", name=self.name
                        ),
                        text=label,
                        at=self.at,
                        conversation="test",
                        action=Action(action_id=button.action_id, value=button.value),
                        direct=self.direct,
                    )
                    reply = self.bot.handle(incoming)
                    self.replies.append(reply)
                    return reply
        raise AssertionError(f"no button {label!r} on any reply")


def assert_dialog(chat: Chat, lines: Sequence[tuple[str, str]]) -> None:
    """Each (message, pattern): the bot's plain-text reply must contain a match of pattern.

    A message starting with "[" presses that button: "[Done]", or "[Done=2026-03-04/4]" for
    the button with that value.
    """
    for said, expected in lines:
        button = re.fullmatch(r"\[([^=\]]+)(?:=(.+))?\]", said)
        reply = chat.press(button.group(1), value=button.group(2)) if button else chat.say(said)
        assert re.search(expected, reply.text, re.I | re.S), (
            f"\n> {said}\nexpected /{expected}/ in:\n{reply.text}"
        )
