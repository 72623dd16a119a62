"""The web chat's sign-in link: given in a Slack or Teams direct message, where the platform
says who is asking, and nowhere a typed name or a channel could let someone else have it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.people import Person
from commplan.ranking import StandardsIndex
from tests.conftest import HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat


def _link(person: Person) -> str:
    return f"https://bot.example/chat/signin?token=secret-for-{person.name.replace(' ', '-')}"


@pytest.fixture
def bot(database: FakeDatabase, index: StandardsIndex) -> BotCore:
    with database() as repos:
        pete = repos.people.get("Pete Brodie")
        assert pete is not None
        repos.people.save(replace(pete, slack_id="U0PETE", teams_id="29:pete"))
        repos.commit()
    deps = Deps(uow=database, clock=HeldClock(NOW), standards=lambda: index, chat_link=_link)
    return BotCore(deps, builtin_router())


@pytest.mark.parametrize(("platform", "user"), [("slack", "U0PETE"), ("teams", "29:pete")])
def test_a_member_gets_their_own_link_in_a_direct_message(
    bot: BotCore, platform: str, user: str
) -> None:
    reply = Chat(bot=bot, name=user, at=NOW, platform=platform).say("web chat link")
    assert reply.intent == "web_chat_link"
    assert "secret-for-Pete-Brodie" in reply.text and "15 minutes" in reply.text


def test_never_in_a_channel(bot: BotCore) -> None:
    reply = Chat(bot=bot, name="U0PETE", at=NOW, platform="slack", direct=False).say(
        "send me a web chat link"
    )
    assert reply.intent == "web_chat_link_direct_only"
    assert "token" not in repr(reply)


@pytest.mark.parametrize(
    ("platform", "name"),
    [("web", "Pete Brodie"), ("console", "Becki Aquilina"), ("slack", "U0STRANGER")],
)
def test_never_for_a_typed_name_or_a_stranger(bot: BotCore, platform: str, name: str) -> None:
    reply = Chat(bot=bot, name=name, at=NOW, platform=platform).say("web chat link")
    assert reply.intent == "web_chat_link_not_here"
    assert "token" not in repr(reply)
