"""The plan summary counts on-going tactics as on-going, never as overdue."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core import BotCore
from commplan.plan import Status
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat


def overdue_in(text: str) -> int:
    found = re.search(r"(\d+) overdue", text)
    assert found, text
    return int(found.group(1))


def test_an_on_going_tactic_is_not_counted_overdue(bot: BotCore, database: FakeDatabase) -> None:
    chat = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    before = overdue_in(chat.say("plan summary").text)
    with database() as repos:
        late = next(t for t in repos.tactics.all(2026) if t.is_overdue(NOW.date()))
        repos.tactics.save(replace(late, status=Status.ONGOING))
        repos.commit()
    after = chat.say("plan summary")
    assert overdue_in(after.text) == before - 1
    phases = after.data["by_phase"]
    assert isinstance(phases, dict)
    assert phases[late.phase.value]["ongoing"] >= 1
