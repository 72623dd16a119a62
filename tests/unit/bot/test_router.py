"""The router answers from declarations alone: patterns, buttons, dialogues and a fallback."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pytest

from bot.command import Args, Command
from bot.commands import builtin_router
from bot.core import BotCore
from bot.messages import Action, Actor, Incoming, Reply
from bot.router import Router
from bot.turn import Deps, Turn
from commplan.errors import InvalidInput, NotAllowed
from commplan.ranking import StandardsIndex
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)


def _count(turn: Turn, args: Args) -> Reply:
    return Reply(text=f"counted {args.number('n', 'value')}", intent="count")


def _name(turn: Turn, draft: Args) -> Reply:
    return Reply(text=f"{draft['pet']} is called {turn.incoming.text}", intent="named")


def _still_naming(reply: Reply, draft: Args) -> Reply:
    return Reply(text=f"{reply.text} (still naming the {draft['pet']})", intent=reply.intent)


COMMANDS = (
    Command(name="count <n>", help="Count.", handler=_count, patterns=(r"count (?P<n>\d+)",)),
    Command(name="Count", help="Count.", handler=_count, actions=("count",)),
    Command(
        name="name the pet", help="Name.", handler=_name, resumes="naming", paused=_still_naming
    ),
    Command(name="secret", help="Team.", handler=_count, patterns=("secret",), team_only=True),
)
ROUTER = Router(COMMANDS, fallback=lambda turn: Reply(text="pardon?", intent="unknown"))


def turn(text: str, draft: Mapping[str, str] | None = None, action: Action | None = None) -> Turn:
    incoming = Incoming(
        actor=Actor(platform="console", user_id="x"), text=text, at=NOW, action=action
    )
    deps = Deps(
        uow=FakeDatabase(), clock=HeldClock(NOW), standards=lambda: StandardsIndex.build([])
    )
    return Turn(incoming=incoming, person=None, deps=deps, draft=dict(draft) if draft else None)


def test_a_dialogue_takes_its_drafts_next_message_and_yields_to_commands() -> None:
    naming = {"kind": "naming", "pet": "cat"}
    assert ROUTER.answer(turn("Tibbles", naming)).text == "cat is called Tibbles"
    assert ROUTER.answer(turn("count 3", naming)).text == "counted 3 (still naming the cat)"
    # A button is never the text a dialogue waits for, nor is another dialogue's draft.
    pressed = turn("Count", naming, Action(action_id="count", value="4"))
    assert ROUTER.answer(pressed).text == "counted 4"
    assert ROUTER.answer(turn("Tibbles", {"kind": "other"})).text == "pardon?"
    assert ROUTER.answer(turn("Tibbles")).text == "pardon?"
    plain = Router(COMMANDS).answer(turn("Tibbles"))
    assert (plain.intent, plain.text.splitlines()[0]) == (
        "unknown",
        "Sorry, I didn't understand that.",
    )


def test_stale_buttons_and_team_commands_are_refused() -> None:
    with pytest.raises(InvalidInput, match="no longer works"):
        ROUTER.answer(turn("Gone", action=Action(action_id="gone")))
    with pytest.raises(InvalidInput, match="no longer works"):
        ROUTER.answer(turn("Count", action=Action(action_id="count", value="x")))
    with pytest.raises(NotAllowed, match="'secret' is for the harmonisation team"):
        ROUTER.answer(turn("secret"))


def test_args_read_typed_values() -> None:
    args = Args({"number": "", "value": " 12 ", "name": "Jo"})
    assert args.number("number", "value") == 12
    assert args.text("missing", "name") == "Jo" and args.text("missing") == ""
    assert dict(args) == {"number": "", "value": " 12 ", "name": "Jo"}


def test_the_core_takes_a_router_or_bare_commands() -> None:
    deps = Deps(
        uow=FakeDatabase(), clock=HeldClock(NOW), standards=lambda: StandardsIndex.build([])
    )
    assert_dialog(Chat(bot=BotCore(deps, ROUTER), name="Jo", at=NOW), [("count 2", "^counted 2$")])
    own = BotCore(deps, COMMANDS[:1])
    assert [c.name for c in own.router.commands] == ["count <n>"]
    assert_dialog(Chat(bot=own, name="Jo", at=NOW), [("count the sheep", "didn't understand")])
    builtin = BotCore(deps, builtin_router())
    assert_dialog(Chat(bot=builtin, name="Jo", at=NOW), [("help", "What I can do")])
