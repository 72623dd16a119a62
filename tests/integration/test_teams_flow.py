"""The Teams bot through botbuilder's TestAdapter and TestFlow, on a seeded SQLite database."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from botbuilder.core import TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    Mention,
)

from adapters.bootstrap import Runtime, build_bot, build_runtime
from adapters.cli.main import main
from adapters.settings import TeamsSettings, load_settings
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.render import CARD_CONTENT_TYPE
from adapters.teams.sender import TeamsSender
from adapters.teams.store import TeamsStore
from bot.messages import Incoming, Reply, Text
from commplan.conversations import ConversationKind
from commplan.people import Person
from commplan.plan import Status

PETE_EMAIL = "pete.brodie@ons.gov.uk"
BOT = ChannelAccount(id="28:harmonibot", name="Harmonibot")
PETE = ChannelAccount(id="29:pete", name="Pete Brodie", aad_object_id="aad-pete")


def personal_chat() -> Activity:
    return Activity(
        channel_id="msteams",
        service_url="https://smba.trafficmanager.net/emea/",
        from_property=PETE,
        recipient=BOT,
        conversation=ConversationAccount(
            id="a:1personal-pete", conversation_type="personal", tenant_id="tenant-1"
        ),
    )


def channel_thread() -> Activity:
    return replace_activity(
        personal_chat(),
        conversation=ConversationAccount(
            id="19:general@thread.tacv2;messageid=1700000000000",
            conversation_type="channel",
            is_group=True,
            tenant_id="tenant-1",
        ),
    )


def replace_activity(activity: Activity, **changes: Any) -> Activity:
    for name, value in changes.items():
        setattr(activity, name, value)
    return activity


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One seeded database file for the module; each test works on its own copy."""
    directory = tmp_path_factory.mktemp("teams-seed")
    database = directory / "seed.db"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
        assert main(["seed", "--plan-year", "2026"]) == 0
    yield database


@pytest.fixture
def runtime(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Runtime]:
    database = tmp_path / "teams.db"
    shutil.copy(seeded, database)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    runtime = build_runtime(load_settings())
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
        assert pete is not None
        uow.people.save(replace(pete, email=PETE_EMAIL))
        uow.commit()
    yield runtime
    runtime.engine.dispose()


@dataclass
class Lookups:
    """A stand-in for Teams' member lookup, which needs the real connector."""

    emails: dict[str, str]
    asked: list[str]

    async def __call__(self, turn_context: TurnContext, member_id: str) -> str:
        self.asked.append(member_id)
        return self.emails.get(member_id, "")


@pytest.fixture
def lookups() -> Lookups:
    return Lookups(emails={"29:pete": PETE_EMAIL}, asked=[])


def make_bot(runtime: Runtime, lookups: Lookups, **options: Any) -> HarmonibotTeamsBot:
    options.setdefault("typing_after", None)
    return HarmonibotTeamsBot(
        build_bot(runtime),
        TeamsStore(runtime.uow),
        runtime.clock,
        member_email=lookups,
        **options,
    )


def adapter_for(bot: HarmonibotTeamsBot, template: Activity | None = None) -> TestAdapter:
    return TestAdapter(bot.on_turn, template or personal_chat())


def card_of(activity: Activity) -> dict[str, Any]:
    assert activity.type == ActivityTypes.message
    [attachment] = activity.attachments
    assert attachment.content_type == CARD_CONTENT_TYPE
    card: dict[str, Any] = attachment.content
    return card


def card_texts(activity: Activity) -> list[str]:
    return [e["text"] for e in card_of(activity)["body"] if e["type"] == "TextBlock"]


def card_buttons(activity: Activity) -> dict[str, dict[str, str]]:
    return {
        action["title"]: action["data"]
        for element in card_of(activity)["body"]
        if element["type"] == "ActionSet"
        for action in element["actions"]
        if action["type"] == "Action.Submit"
    }


def is_ethnicity_card(activity: Activity, description: str = "") -> None:
    assert card_texts(activity)[0] == "Ethnicity harmonised standard", description
    assert list(card_buttons(activity)) == ["Helpful", "Not what I needed"]


async def test_a_personal_message_gets_the_ethnicity_standard_card(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    flow = await adapter.send("which standard covers ethnicity")
    await flow.assert_reply(is_ethnicity_card)


async def test_the_done_button_on_tactic_24_marks_it_complete_as_pete(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    pressed: dict[str, str] = {}

    def keep_done(activity: Activity, description: str = "") -> None:
        assert card_texts(activity)[0].startswith("Tactic 24")
        pressed.update(card_buttons(activity)["Done"])

    flow = await adapter.send("show tactic 24")
    await flow.assert_reply(keep_done)
    assert pressed == {"action_id": "tactic_done", "value": "24"}

    def asks_first(activity: Activity, description: str = "") -> None:
        assert card_texts(activity)[0].startswith("Mark tactic 24 complete?")
        pressed.clear()
        pressed.update(card_buttons(activity)["Yes, mark complete"])

    def says_complete(activity: Activity, description: str = "") -> None:
        assert any("Marked tactic 24 complete" in text for text in card_texts(activity))

    # Action.Submit comes back as a message whose value is the button's data.
    flow = await adapter.send(Activity(type=ActivityTypes.message, value=pressed))
    await flow.assert_reply(asks_first)
    assert pressed == {"action_id": "tactic_done_confirmed", "value": "24"}
    flow = await adapter.send(Activity(type=ActivityTypes.message, value=pressed))
    await flow.assert_reply(says_complete)
    with runtime.uow() as uow:
        tactic = uow.tactics.get(2026, 24)
        pete = uow.people.get("Pete Brodie")
    assert tactic is not None and tactic.status is Status.COMPLETE
    assert pete is not None and pete.teams_id == "aad-pete"
    # Linked by e-mail once; after that Pete is known by his Teams id.
    assert lookups.asked == ["29:pete"]


async def test_the_conversation_reference_is_stored_for_proactive_messages(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    await (await adapter.send("help")).assert_reply(lambda activity, description: None)
    with runtime.uow() as uow:
        ref = uow.conversations.for_user("teams", "aad-pete")
    assert ref is not None
    assert ref.kind is ConversationKind.PERSONAL
    assert ref.conversation_id == "a:1personal-pete"
    assert ref.service_url == "https://smba.trafficmanager.net/emea/"
    assert ref.tenant_id == "tenant-1"
    reference = ConversationReference().deserialize(json.loads(ref.payload))
    assert reference.conversation.id == "a:1personal-pete"
    assert reference.user.id == "29:pete" and reference.bot.id == BOT.id
    assert reference.activity_id is None


async def test_a_channel_mention_is_stripped_and_the_channel_is_stored(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups), channel_thread())
    mention = Mention(mentioned=BOT, text="<at>Harmonibot</at>", type="mention")
    flow = await adapter.send(
        Activity(
            type=ActivityTypes.message,
            text="<at>Harmonibot</at> which standard covers ethnicity",
            entities=[mention],
        )
    )
    await flow.assert_reply(is_ethnicity_card)
    with runtime.uow() as uow:
        [channel] = uow.conversations.channels("teams")
    assert channel.conversation_id == "19:general@thread.tacv2"
    assert channel.user_id == ""
    reference = ConversationReference().deserialize(json.loads(channel.payload))
    assert reference.conversation.id == "19:general@thread.tacv2"


async def test_a_redelivered_activity_is_answered_once(runtime: Runtime, lookups: Lookups) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    again = Activity(type=ActivityTypes.message, id="1700000000123", text="help")
    await (await adapter.send(again)).assert_reply(lambda activity, description: None)
    await (await adapter.send(again)).assert_no_reply()


async def test_the_bot_says_hello_when_added_to_a_personal_chat(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    added = Activity(type=ActivityTypes.conversation_update, members_added=[BOT])
    flow = await adapter.send(added)
    await flow.assert_reply(lambda activity, description: says_help(activity))
    with runtime.uow() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") is not None


async def test_installing_the_bot_stores_the_personal_chat_and_links_the_person(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    with runtime.uow() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") is None
    installed = Activity(type=ActivityTypes.installation_update, action="add")
    await (await adapter.send(installed)).assert_no_reply()
    with runtime.uow() as uow:
        ref = uow.conversations.for_user("teams", "aad-pete")
        pete = uow.people.get("Pete Brodie")
    assert ref is not None and ref.kind is ConversationKind.PERSONAL
    assert ref.conversation_id == "a:1personal-pete"
    assert ref.service_url == "https://smba.trafficmanager.net/emea/"
    reference = ConversationReference().deserialize(json.loads(ref.payload))
    assert reference.user.id == "29:pete" and reference.bot.id == BOT.id
    # Looked up by e-mail on installation, so a nudge reaches Pete before he ever writes.
    assert lookups.asked == ["29:pete"]
    assert pete is not None and pete.teams_id == "aad-pete"


async def test_installing_the_bot_in_a_team_stores_the_channel_for_the_digest(
    runtime: Runtime, lookups: Lookups
) -> None:
    team = replace_activity(
        personal_chat(),
        conversation=ConversationAccount(
            id="19:general@thread.tacv2",
            conversation_type="channel",
            is_group=True,
            tenant_id="tenant-1",
        ),
    )
    adapter = adapter_for(make_bot(runtime, lookups), team)
    installed = Activity(type=ActivityTypes.installation_update, action="add")
    await (await adapter.send(installed)).assert_no_reply()
    with runtime.uow() as uow:
        [channel] = uow.conversations.channels("teams")
    assert channel.kind is ConversationKind.CHANNEL
    assert channel.conversation_id == "19:general@thread.tacv2"
    reference = ConversationReference().deserialize(json.loads(channel.payload))
    assert reference.conversation.id == "19:general@thread.tacv2"


def says_help(activity: Activity) -> None:
    assert "Say 'help'" in " ".join(card_texts(activity))


class SlowCore:
    """A bot core that answers only when the test lets it."""

    def __init__(self) -> None:
        self.go = asyncio.Event()

    async def handle_async(self, incoming: Incoming) -> Reply:
        await self.go.wait()
        return Reply(text=f"you said {incoming.text}", blocks=(Text(text="done"),))


async def test_a_slow_turn_shows_typing_first(runtime: Runtime, lookups: Lookups) -> None:
    core = SlowCore()
    bot = HarmonibotTeamsBot(
        core,
        TeamsStore(runtime.uow),
        runtime.clock,
        member_email=lookups,
        typing_after=0.0,
    )
    adapter = adapter_for(bot)
    turn = asyncio.ensure_future(adapter.send("a hard question"))
    for _ in range(3000):  # a safety net, not a timing: the typing comes long before
        if adapter.activity_buffer:
            break
        await asyncio.sleep(0.01)
    core.go.set()
    flow = await turn
    assert adapter.activity_buffer[0].type == ActivityTypes.typing
    await flow.assert_reply(lambda activity, description: None)  # the typing indicator
    await flow.assert_reply(lambda activity, description: card_texts(activity) == ["done"])


async def test_the_sender_reaches_a_person_through_their_stored_personal_chat(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    await (await adapter.send("help")).assert_reply(lambda activity, description: None)
    adapter.activity_buffer.clear()
    sender = TeamsSender(adapter=adapter, store=TeamsStore(runtime.uow), settings=TeamsSettings())
    with runtime.uow() as uow:
        pete, emma = uow.people.get("Pete Brodie"), uow.people.get("Emma Wright")
    assert pete is not None and emma is not None
    nudge = Reply(text="Overdue: Tactic 24", blocks=(Text(text="Overdue: Tactic 24"),))
    assert await sender.send_direct(pete, nudge) is True
    [sent] = adapter.activity_buffer
    assert sent.conversation.id == "a:1personal-pete"
    assert card_texts(sent) == ["Overdue: Tactic 24"]
    # Emma never installed the bot: unreachable, which the sweep records.
    assert await sender.send_direct(emma, nudge) is False
    assert await sender.send_direct(Person(name="Nobody"), nudge) is False
    # No channel is stored, so the team cannot be reached through Teams either.
    assert await sender.send_team(nudge) is False


async def test_the_digest_goes_to_the_named_channels_or_every_channel(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups), channel_thread())
    await (await adapter.send("help")).assert_reply(lambda activity, description: None)
    adapter.activity_buffer.clear()
    digest = Reply(text="Weekly digest", blocks=(Text(text="Weekly digest"),))
    store = TeamsStore(runtime.uow)
    for channels, reached in (
        ((), True),
        (("19:general@thread.tacv2",), True),
        (("19:another@thread.tacv2",), False),
    ):
        settings = TeamsSettings(team_channels=channels)
        sender = TeamsSender(adapter=adapter, store=store, settings=settings)
        assert await sender.send_team(digest) is reached, channels
    # A new post in the channel, not a reply in the thread the bot was mentioned in.
    assert [a.conversation.id for a in adapter.activity_buffer] == ["19:general@thread.tacv2"] * 2


async def test_with_an_app_id_the_sender_posts_only_to_microsofts_services(
    runtime: Runtime, lookups: Lookups
) -> None:
    adapter = adapter_for(make_bot(runtime, lookups))
    await (await adapter.send("help")).assert_reply(lambda activity, description: None)
    adapter.activity_buffer.clear()
    store = TeamsStore(runtime.uow)
    sender = TeamsSender(adapter=adapter, store=store, settings=TeamsSettings(app_id="some-id"))
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
        stored = uow.conversations.for_user("teams", "aad-pete")
    assert pete is not None and stored is not None
    nudge = Reply(text="Due now", blocks=(Text(text="Due now"),))
    assert await sender.send_direct(pete, nudge) is True
    # A reference stored while authentication was off may name any address: the bot's
    # token must never go there.
    await store.remember(replace(stored, service_url="https://collector.example/"))
    assert await sender.send_direct(pete, nudge) is False
    assert len(adapter.activity_buffer) == 1
