"""The App Home tab: the person's tactics and actions, what is due, their reminders and their
reminder settings, as one Block Kit view."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.people import PLATFORM, SlackPeople
from adapters.slack.render import render_blocks
from adapters.slack.replies import Answers, answer_once
from bot.messages import Block, Context, Divider, Header, Incoming, Link, Reply, Text
from commplan.ports import Clock, UnitOfWorkFactory
from commplan.services.people import identify
from commplan.services.steering import steering_member

#: What the Home tab shows, asked of the bot exactly as a person would ask it.
#: The reminder settings come last, with their buttons (daily summary, immediately, resume).
HOME_QUESTIONS = (
    "my tactics",
    "my actions",
    "what's due this week",
    "my reminders",
    "my reminder settings",
)

#: Slack's limit for the blocks of a Home tab.
MAX_HOME_BLOCKS = 100


def home_view(
    *, name: str, answers: Sequence[Reply], dashboard_url: str = "", steering_url: str = ""
) -> dict[str, Any]:
    """The ``views.publish`` view for one person.

    ``answers`` are the bot's replies to :data:`HOME_QUESTIONS`; ``dashboard_url`` is given
    only for team members (the dashboard shows contacts, which are personal data), and
    ``steering_url`` for steering group members outside the team (their view holds counts).
    """
    blocks: list[Block] = [
        Header(text=f"Hello, {name}" if name else "Hello"),
        Text(
            text="Ask me which standard covers a topic, or about the plan, in a direct "
            "message or with /harmonise. Say 'help' for everything I can do."
        ),
    ]
    if dashboard_url:
        blocks.append(Link(label="Open the harmonisation dashboard", url=dashboard_url))
    elif steering_url:
        blocks.append(Link(label="Open the steering group view", url=steering_url))
    for reply in answers:
        blocks.append(Divider())
        blocks.extend(reply.blocks or (Text(text=reply.text),))
    rendered = render_blocks(Reply(text="", blocks=tuple(blocks)))
    if len(rendered) > MAX_HOME_BLOCKS:
        more = Reply(text="", blocks=(Context(text="There is more than fits here; ask me."),))
        rendered = rendered[: MAX_HOME_BLOCKS - 1] + render_blocks(more)
    return {"type": "home", "blocks": rendered}


class AppHome:
    """Publishes a person's Home tab: the bot's answers to :data:`HOME_QUESTIONS`."""

    def __init__(
        self,
        *,
        bot: Answers,
        people: SlackPeople,
        uow: UnitOfWorkFactory,
        clock: Clock,
        public_url: str = "",
    ) -> None:
        self._bot = bot
        self._people = people
        self._uow = uow
        self._clock = clock
        self._public_url = public_url

    async def publish(
        self, client: AsyncWebClient, user: str, *, event_id: str = "", retry: str = ""
    ) -> None:
        """Publish the tab afresh; once per ``app_home_opened`` event, by its ``event_id``."""
        actor = await self._people.actor(user)
        answers = []
        for number, question in enumerate(HOME_QUESTIONS):
            # The first question is the event's turn: a retried event is known to the core.
            incoming = Incoming(
                actor=actor,
                text=question,
                at=self._clock.now(),
                conversation="home",
                message_id=event_id if number == 0 else "",
            )
            reply = await answer_once(
                self._bot, incoming, label=f"slack:event:{event_id}", retry=retry
            )
            if reply is None:
                return
            answers.append(reply)
        person = await asyncio.to_thread(
            identify, self._uow(), platform=PLATFORM, user_id=user, email=actor.email
        )
        is_team = person is not None and person.role.is_team
        # Asked afresh each time, so that leaving the steering group takes the link away.
        steering = (
            person is not None
            and not is_team
            and bool(self._public_url)
            and await asyncio.to_thread(steering_member, self._uow(), person.name) is not None
        )
        view = home_view(
            name=person.name if person else actor.name,
            answers=answers,
            dashboard_url=f"{self._public_url}/dashboard" if is_team and self._public_url else "",
            steering_url=f"{self._public_url}/dashboard/steering" if steering else "",
        )
        await client.views_publish(user_id=user, view=view)
