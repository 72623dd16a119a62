"""A Teams conversation in process: activities in through the Agents SDK's CloudAdapter
(authentication off), replies out to the recording Bot Connector (``connector.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity

from adapters.bootstrap import Runtime, build_bot
from adapters.settings import TeamsSettings
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.connector import TeamsCloudAdapter, anonymous_identity, make_adapter
from adapters.teams.store import TeamsStore
from tests.integration.teams.connector import Posted, Recorder
from tests.integration.teams.serving import BOT, PERSONAL, PETE

CHANNEL = "19:general@thread.tacv2"


@dataclass
class Lookups:
    """Teams' member lookup, counted: the real one, through the recording connector."""

    asked: list[str]

    async def __call__(self, turn_context: Any, member_id: str) -> str:
        from adapters.teams.bot import teams_member_email

        self.asked.append(member_id)
        return await teams_member_email(turn_context, member_id)


def make_bot(runtime: Runtime, lookups: Lookups, **options: Any) -> HarmonibotTeamsBot:
    """The bot as an authenticated endpoint has it: it may look people up and link them."""
    options.setdefault("typing_after", None)
    options.setdefault("link_by_email", True)
    return HarmonibotTeamsBot(
        build_bot(runtime), TeamsStore(runtime.uow), runtime.clock, member_email=lookups, **options
    )


@dataclass
class Chat:
    """A conversation with the bot: activities in through the adapter, replies recorded."""

    bot: HarmonibotTeamsBot
    adapter: TeamsCloudAdapter
    recorder: Recorder
    conversation: dict[str, Any]
    number: int = 0

    async def send(self, text: str = "", **fields: Any) -> list[Posted]:
        """Send one activity (a message unless ``type`` says otherwise); what came back."""
        self.number += 1
        activity_id = fields.pop("id", f"act-{self.number}")
        before = len(self.recorder.posted)
        document = {
            "type": "message",
            "id": activity_id,
            "channelId": "msteams",
            "serviceUrl": self.recorder.url,
            "from": PETE,
            "recipient": BOT,
            "conversation": self.conversation,
            "channelData": {"tenant": {"id": "tenant-1"}},
            **({"text": text} if text else {}),
            **fields,
        }
        activity = Activity.model_validate(document)
        await self.adapter.process_activity(anonymous_identity(), activity, self.bot.on_turn)
        return [p for p in self.recorder.posted[before:] if p.status == 200]


def personal_chat(bot: HarmonibotTeamsBot, recorder: Recorder) -> Chat:
    conversation = {"id": PERSONAL, "conversationType": "personal", "tenantId": "tenant-1"}
    return Chat(bot, make_adapter(TeamsSettings()), recorder, conversation)


def channel_thread(bot: HarmonibotTeamsBot, recorder: Recorder, thread: bool = True) -> Chat:
    conversation = {
        "id": f"{CHANNEL};messageid=1700000000000" if thread else CHANNEL,
        "conversationType": "channel",
        "isGroup": True,
        "tenantId": "tenant-1",
    }
    return Chat(bot, make_adapter(TeamsSettings()), recorder, conversation)
