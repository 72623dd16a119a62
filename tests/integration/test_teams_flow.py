"""The Teams bot on the Agents SDK's CloudAdapter, in process, on a seeded SQLite database.

Each turn goes through ``adapter.process_activity`` (authentication off), and every reply,
proactive message and member lookup through a recording Bot Connector on loopback
(``tests/integration/teams/connector.py``), the service URL of the activities.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from microsoft_agents.activity import ConversationReference

from adapters.bootstrap import Runtime, build_runtime
from adapters.cli.main import main
from adapters.settings import TeamsSettings, load_settings
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.connector import make_adapter
from adapters.teams.sender import TeamsSender
from adapters.teams.store import TeamsStore
from bot.messages import Incoming, Reply, Text
from commplan.conversations import ConversationKind, ConversationRef
from commplan.people import Person
from commplan.plan import Status
from tests.integration.teams.connector import Posted, Recorder, recording_connector
from tests.integration.teams.in_process import (
    CHANNEL,
    Lookups,
    channel_thread,
    make_bot,
    personal_chat,
)
from tests.integration.teams.serving import BOT, PERSONAL, PETE, PETE_EMAIL


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


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with recording_connector() as recording:
        recording.members["29:pete"] = {**PETE, "email": PETE_EMAIL}
        yield recording


@pytest.fixture
def lookups() -> Lookups:
    return Lookups(asked=[])


def is_ethnicity_card(posted: Posted) -> None:
    assert posted.texts[0] == "Ethnicity harmonised standard"
    assert list(posted.buttons) == ["Helpful", "Not what I needed"]


async def test_a_personal_message_gets_the_ethnicity_standard_card(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    [reply] = await chat.send("which standard covers ethnicity")
    is_ethnicity_card(reply)
    assert reply.reply_to == "act-1"


async def test_the_done_button_on_tactic_24_marks_it_complete_as_pete(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    [card] = await chat.send("show tactic 24")
    assert card.texts[0].startswith("Tactic 24")
    pressed = card.buttons["Done"]
    assert pressed == {"action_id": "tactic_done", "value": "24"}
    # Action.Submit comes back as a message whose value is the button's data; completing
    # asks first.
    [asked] = await chat.send(value=pressed)
    assert asked.texts[0].startswith("Mark tactic 24 complete?")
    yes = asked.buttons["Yes, mark complete"]
    assert yes == {"action_id": "tactic_done_confirmed", "value": "24"}
    [answer] = await chat.send(value=yes)
    assert any("Marked tactic 24 complete" in text for text in answer.texts)
    with runtime.uow() as uow:
        tactic = uow.tactics.get(2026, 24)
        pete = uow.people.get("Pete Brodie")
    assert tactic is not None and tactic.status is Status.COMPLETE
    assert pete is not None and pete.teams_id == "aad-pete"
    # Linked by e-mail once (Teams' member endpoint); after that known by his Teams id.
    assert lookups.asked == ["29:pete"]
    assert recorder.looked_up == ["29:pete"]


async def test_without_authentication_nobody_is_looked_up_or_linked(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups, link_by_email=False), recorder)
    [answer] = await chat.send("show tactic 24")
    assert answer.texts[0].startswith("Tactic 24")
    assert lookups.asked == [] and recorder.looked_up == []
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
    assert pete is not None and pete.teams_id == ""


async def test_the_conversation_reference_is_stored_for_proactive_messages(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    assert await chat.send("help")
    with runtime.uow() as uow:
        ref = uow.conversations.for_user("teams", "aad-pete")
    assert ref is not None
    assert ref.kind is ConversationKind.PERSONAL
    assert ref.conversation_id == PERSONAL
    assert ref.service_url == recorder.url
    assert ref.tenant_id == "tenant-1"
    reference = ConversationReference.model_validate(json.loads(ref.payload))
    assert reference.conversation.id == PERSONAL
    assert reference.user is not None and reference.user.id == "29:pete"
    assert reference.agent.id == BOT["id"]
    assert reference.activity_id is None


async def test_a_channel_mention_is_stripped_and_the_channel_is_stored(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = channel_thread(make_bot(runtime, lookups), recorder)
    mention = {"type": "mention", "mentioned": BOT, "text": "<at>Harmonibot</at>"}
    [reply] = await chat.send(
        "<at>Harmonibot</at> which standard covers ethnicity", entities=[mention]
    )
    is_ethnicity_card(reply)
    with runtime.uow() as uow:
        [channel] = uow.conversations.channels("teams")
    assert channel.conversation_id == CHANNEL
    assert channel.user_id == ""
    reference = ConversationReference.model_validate(json.loads(channel.payload))
    assert reference.conversation.id == CHANNEL


async def test_a_redelivered_activity_is_answered_once(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    assert await chat.send("help", id="1700000000123")
    assert await chat.send("help", id="1700000000123") == []


async def test_the_bot_says_hello_when_added_to_a_personal_chat(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    [hello] = await chat.send(type="conversationUpdate", membersAdded=[BOT])
    assert "Say 'help'" in " ".join(hello.texts)
    with runtime.uow() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") is not None


async def test_installing_the_bot_stores_the_personal_chat_and_links_the_person(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    with runtime.uow() as uow:
        assert uow.conversations.for_user("teams", "aad-pete") is None
    assert await chat.send(type="installationUpdate", action="add") == []
    with runtime.uow() as uow:
        ref = uow.conversations.for_user("teams", "aad-pete")
        pete = uow.people.get("Pete Brodie")
    assert ref is not None and ref.kind is ConversationKind.PERSONAL
    assert ref.conversation_id == PERSONAL
    reference = ConversationReference.model_validate(json.loads(ref.payload))
    assert reference.user is not None and reference.user.id == "29:pete"
    # Looked up by e-mail on installation, so a nudge reaches Pete before he ever writes.
    assert lookups.asked == ["29:pete"]
    assert pete is not None and pete.teams_id == "aad-pete"


async def test_installing_the_bot_in_a_team_stores_the_channel_for_the_digest(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = channel_thread(make_bot(runtime, lookups), recorder, thread=False)
    assert await chat.send(type="installationUpdate", action="add") == []
    with runtime.uow() as uow:
        [channel] = uow.conversations.channels("teams")
    assert channel.kind is ConversationKind.CHANNEL
    assert channel.conversation_id == CHANNEL


class SlowCore:
    """A bot core that answers only when the test lets it."""

    def __init__(self) -> None:
        self.go = asyncio.Event()

    async def handle_async(self, incoming: Incoming) -> Reply:
        await self.go.wait()
        return Reply(text=f"you said {incoming.text}", blocks=(Text(text="done"),))


async def test_a_slow_turn_shows_typing_first(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    core = SlowCore()
    bot = HarmonibotTeamsBot(
        core,
        TeamsStore(runtime.uow),
        runtime.clock,
        link_by_email=False,
        member_email=lookups,
        typing_after=0.0,
    )
    chat = personal_chat(bot, recorder)
    turn = asyncio.ensure_future(chat.send("a hard question"))
    for _ in range(3000):  # a safety net, not a timing: the typing comes long before
        if recorder.posted:
            break
        await asyncio.sleep(0.01)
    core.go.set()
    typing, answer = await turn
    assert typing.activity["type"] == "typing"
    assert answer.texts == ["done"]


async def test_the_sender_reaches_a_person_through_their_stored_personal_chat(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    assert await chat.send("help")
    recorder.clear()
    sender = TeamsSender(
        adapter=chat.adapter, store=TeamsStore(runtime.uow), settings=TeamsSettings()
    )
    with runtime.uow() as uow:
        pete, emma = uow.people.get("Pete Brodie"), uow.people.get("Emma Wright")
    assert pete is not None and emma is not None
    nudge = Reply(text="Overdue: Tactic 24", blocks=(Text(text="Overdue: Tactic 24"),))
    assert await sender.send_direct(pete, nudge) is True
    [sent] = recorder.delivered(PERSONAL)
    assert sent.reply_to is None  # a new message, not a reply
    assert sent.texts == ["Overdue: Tactic 24"]
    # Emma never installed the bot: unreachable, which the sweep records.
    assert await sender.send_direct(emma, nudge) is False
    assert await sender.send_direct(Person(name="Nobody"), nudge) is False
    # No channel is stored, so the team cannot be reached through Teams either.
    assert await sender.send_team(nudge) is False
    assert len(recorder.posted) == 1


async def test_the_digest_goes_to_the_named_channels_or_every_channel(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = channel_thread(make_bot(runtime, lookups), recorder)
    assert await chat.send("help")
    recorder.clear()
    digest = Reply(text="Weekly digest", blocks=(Text(text="Weekly digest"),))
    store = TeamsStore(runtime.uow)
    for channels, reached in (
        ((), True),
        ((CHANNEL,), True),
        (("19:another@thread.tacv2",), False),
    ):
        settings = TeamsSettings(team_channels=channels)
        sender = TeamsSender(adapter=chat.adapter, store=store, settings=settings)
        assert await sender.send_team(digest) is reached, channels
    # A new post in the channel, not a reply in the thread the bot was mentioned in.
    assert [p.conversation for p in recorder.posted] == [CHANNEL] * 2
    assert all(p.reply_to is None for p in recorder.posted)


async def test_the_sender_posts_only_where_it_may(
    runtime: Runtime, lookups: Lookups, recorder: Recorder
) -> None:
    chat = personal_chat(make_bot(runtime, lookups), recorder)
    assert await chat.send("help")
    recorder.clear()
    store = TeamsStore(runtime.uow)
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
        stored = uow.conversations.for_user("teams", "aad-pete")
    assert pete is not None and stored is not None
    nudge = Reply(text="Due now", blocks=(Text(text="Due now"),))
    # With an app id the bot sends its token along: only to Microsoft's services, never to
    # the loopback address a reference stored while authentication was off names.
    signed = TeamsSender(
        adapter=make_adapter(TeamsSettings(app_id="some-id", app_password="not-a-secret")),
        store=store,
        settings=TeamsSettings(app_id="some-id"),
    )
    assert await signed.send_direct(pete, nudge) is False
    # With authentication off, only this machine: not a collector elsewhere.
    await store.remember(replace(stored, service_url="https://collector.example/"))
    anonymous = TeamsSender(adapter=chat.adapter, store=store, settings=TeamsSettings())
    assert await anonymous.send_direct(pete, nudge) is False
    assert recorder.posted == []


async def test_a_reference_stored_by_the_old_adapter_still_reaches_pete(
    runtime: Runtime, recorder: Recorder
) -> None:
    # The row exactly as the Bot Framework SDK adapter stored it (no tenant in the
    # conversation, "bot" for the agent), pointed at this machine's recording connector.
    payload = json.dumps(
        {
            "user": PETE,
            "bot": BOT,
            "conversation": {"conversationType": "personal", "id": PERSONAL},
            "channelId": "msteams",
            "locale": "en-GB",
            "serviceUrl": recorder.url,
        }
    )
    store = TeamsStore(runtime.uow)
    with runtime.uow() as uow:
        pete = uow.people.get("Pete Brodie")
        assert pete is not None
        uow.people.save(replace(pete, teams_id="aad-pete"))
        uow.commit()
    await store.remember(
        ConversationRef(
            platform="teams",
            conversation_id=PERSONAL,
            kind=ConversationKind.PERSONAL,
            updated_at=datetime(2026, 3, 1, tzinfo=UTC),
            user_id="aad-pete",
            service_url=recorder.url,
            tenant_id="tenant-1",
            payload=payload,
        )
    )
    sender = TeamsSender(
        adapter=make_adapter(TeamsSettings()), store=store, settings=TeamsSettings()
    )
    nudge = Reply(text="Overdue: Tactic 24", blocks=(Text(text="Overdue: Tactic 24"),))
    assert await sender.send_direct(replace(pete, teams_id="aad-pete"), nudge) is True
    [sent] = recorder.delivered(PERSONAL)
    assert sent.texts == ["Overdue: Tactic 24"]
    assert sent.activity["conversation"]["tenantId"] == "tenant-1"
    assert sent.activity["recipient"]["aadObjectId"] == "aad-pete"
    assert sent.activity["from"]["id"] == BOT["id"]
