"""The read-eval-print loop of ``harmonibot chat``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TextIO

from adapters.console.away import SHOW_ALL, Waiting, away_summary
from adapters.console.render import render
from bot.messages import Action, Actor, Block, Button, Context, Divider, Incoming, Reply

PROMPT = "you> "


def run_chat(
    handle: Callable[[Incoming], Reply],
    now: Callable[[], datetime],
    *,
    name: str,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    waiting: Sequence[Waiting] = (),
) -> int:
    """Talk to the bot until end of input or 'quit'; a number presses that button.

    ``waiting`` is what the bot left for the person while they were away, newest first: shown
    first as one short summary, and in full (buttons and all) when they say "away".
    """
    # Looked up per call, not at import, so that tests and pipes can swap them.
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    actor = Actor(platform="console", user_id=name or "console", name=name)
    interactive = stdin.isatty()
    print(
        "harmonibot: ask me 'which standard covers ethnicity', 'what's overdue' or 'help'.",
        file=stdout,
    )
    buttons: tuple[Button, ...] = ()
    if waiting:
        print(away_summary(waiting), file=stdout, flush=True)
    while True:
        if interactive:
            print(PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if text.lower() in ("quit", "exit", "bye"):
            return 0
        if waiting and text.lower() == SHOW_ALL:
            shown, buttons = render(in_full(waiting))
            print(f"bot> {shown}", file=stdout, flush=True)
            continue
        action = None
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            button = buttons[int(text) - 1]
            action = Action(action_id=button.action_id, value=button.value)
            text = button.label
        incoming = Incoming(actor=actor, text=text, at=now(), conversation="console", action=action)
        shown, buttons = render(handle(incoming))
        print(f"bot> {shown}", file=stdout, flush=True)


def in_full(waiting: Sequence[Waiting]) -> Reply:
    """Every waiting notice, newest first, each under its time, as one reply."""
    blocks: list[Block] = []
    for number, item in enumerate(waiting):
        if number:
            blocks.append(Divider())
        blocks.append(Context(text=f"{item.at:%a %-d %b %Y %H:%M}"))
        blocks.extend(item.reply.blocks or (Context(text=item.reply.text),))
    return Reply(blocks=tuple(blocks))
