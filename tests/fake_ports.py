"""Fakes of the bot's outbound ports: a messenger that records, a mailbox that hands over mail."""

from __future__ import annotations

from bot.messages import Reply
from bot.ports import FetchResult, MailSourceError, Unreachable
from commplan.inbox import InboundEmail
from commplan.people import Person
from commplan.services.intake import Arrival


class FakeMessenger:
    """Records what the bot sends, as (person or "team", reply).

    It can fail every send to ``fail_for`` (a chat that is down), not reach ``unreachable``
    (no chat installed) and fail the next ``team_failures`` team posts.
    """

    def __init__(self, *, fail_for: str = "", unreachable: str = "", team_failures: int = 0):
        self.sent: list[tuple[str, Reply]] = []
        self.fail_for = fail_for
        self.unreachable = unreachable
        self.team_failures = team_failures

    async def send_direct(self, person: Person, reply: Reply) -> str:
        if person.name == self.fail_for:
            raise ConnectionError("chat is down")
        if person.name == self.unreachable:
            raise Unreachable(person.name)
        self.sent.append((person.name, reply))
        return "web"

    async def send_team(self, reply: Reply) -> str:
        if self.team_failures:
            self.team_failures -= 1
            raise ConnectionError("chat is down")
        self.sent.append(("team", reply))
        return "web"

    @property
    def team_posts(self) -> list[Reply]:
        return [reply for who, reply in self.sent if who == "team"]


class FakeMailSource:
    """A mailbox in memory; its cursor is the number of messages already handed over."""

    name = "fake:inbox"

    def __init__(self) -> None:
        self.messages: list[Arrival] = []
        self.down = False

    def deliver(self, *emails: InboundEmail) -> None:
        """New mail arrives, each message labelled with its place in the mailbox."""
        for email in emails:
            self.messages.append(Arrival(source=f"fake:{len(self.messages) + 1}", email=email))

    def fetch(self, cursor: str) -> FetchResult:
        if self.down:
            raise MailSourceError("fake:inbox: connect failed")
        seen = int(cursor or 0)
        return FetchResult(messages=tuple(self.messages[seen:]), cursor=str(len(self.messages)))
