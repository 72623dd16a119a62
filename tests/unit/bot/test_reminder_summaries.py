"""One message per person per sweep: the counts, the ten most urgent items with their buttons,
"my reminders" for the rest, a short follow-up for what is new later the same day, and one
team summary that does not repeat what the team had as owners."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from adapters.calendar import uk_working_days
from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.messages import Buttons, Context, Text
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

# Thursday 10 September 2026: Q1-Q2 tactics are long overdue, the conference is a week off.
NOW = datetime(2026, 9, 10, 9, 30, tzinfo=LONDON)


@pytest.fixture
def deps() -> JobDeps:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return JobDeps(
        uow=database,
        clock=HeldClock(NOW),
        standards=lambda: StandardsIndex.build([]),
        calendar=uk_working_days(),
    )


async def test_the_first_sweep_sends_each_person_one_summary(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    results = await sweep(deps, messenger, NOW)
    people = [who for who, _ in messenger.sent if who != "team"]
    assert len(people) == len(set(people)) >= 3
    becki = next(r for who, r in messenger.sent if who == "Becki Aquilina")
    items = [r for r in results if r.nudge.person and r.nudge.person.name == "Becki Aquilina"]
    assert len(items) > 10
    assert becki.text.startswith("Your reminders: ")
    assert becki.data["items"] and len(becki.data["items"]) == len(items)  # type: ignore[arg-type]
    # Ten items shown, each line followed by its own buttons where it has any; the rest counted.
    shown = [b for b in becki.blocks[1:] if isinstance(b, Text)]
    assert len(shown) == 10
    assert shown[0].text.startswith("Overdue: ")
    assert all(
        isinstance(b, Buttons) and len(b.buttons) == 3
        for b in becki.blocks
        if isinstance(b, Buttons)
    )
    pointer = becki.blocks[-1]
    assert isinstance(pointer, Context)
    assert f"And {len(items) - 10} more" in pointer.text and '"my reminders"' in pointer.text
    assert "Reply 'help'" not in "\n".join(r.text for _, r in messenger.sent)


async def test_overdue_comes_first_then_due_then_coming_up_then_undated(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    await sweep(deps, messenger, NOW)
    pete = next(r for who, r in messenger.sent if who == "Pete Brodie")
    lines = [b.text for b in pete.blocks[1:] if isinstance(b, Text)]
    order = ["Overdue", "Due now", "Coming up", "Due for review", "Please set a date"]
    ranks = [next(i for i, word in enumerate(order) if line.startswith(word)) for line in lines]
    assert ranks == sorted(ranks), lines


async def test_a_later_sweep_the_same_day_sends_only_what_is_new(deps: JobDeps) -> None:
    await sweep(deps, FakeMessenger(), NOW)
    # At lunchtime a tactic of Pete's loses its date: "please set a date" is new.
    with deps.uow() as repos:
        tactic = repos.tactics.get(2026, 20)
        assert tactic is not None
        repos.tactics.save(replace(tactic, window=None, timing="TBC"))
        repos.commit()
    later = FakeMessenger()
    again = await sweep(deps, later, NOW.replace(hour=13))
    # Only the tactic's owners hear again, once each, and only about that tactic.
    assert {r.nudge.item for r in again} == {"2026/20"}
    owners = sorted(r.nudge.person.name for r in again if r.nudge.person)
    assert "Pete Brodie" in owners and sorted(who for who, _ in later.sent) == owners
    for _, follow_up in later.sent:
        assert follow_up.intent == "nudge_follow_up"
        assert follow_up.text.startswith("Since your last summary today: 1 needs a date.")
        assert "Tactic 20" in follow_up.text and "Overdue" not in follow_up.text


async def test_the_team_gets_one_summary_without_what_it_owns(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    results = await sweep(deps, messenger, NOW + timedelta(days=28))
    team = [r for who, r in messenger.sent if who == "team"]
    assert len(team) <= 1
    escalated = [r.nudge for r in results if r.nudge.escalated and r.nudge.person is None]
    members = {r.nudge.item for r in results if r.nudge.person and r.nudge.person.role.is_team}
    owned_by_outsiders = {
        r.nudge.item for r in results if r.nudge.person and not r.nudge.person.role.is_team
    }
    # An item only the team owns is never escalated to the team: its members had it already.
    assert not {n.item for n in escalated} & (members - owned_by_outsiders)


def test_my_reminders_lists_everything_of_mine(deps: JobDeps) -> None:
    bot = BotCore(
        Deps(uow=deps.uow, clock=HeldClock(NOW), standards=deps.standards), builtin_router()
    )
    chat = Chat(bot=bot, name="Pete Brodie", at=NOW)
    assert_dialog(
        chat,
        [
            ("my reminders", r"Your reminders, Pete Brodie: \d+ overdue.*coming up"),
            ("show me all my reminders", r"Coming up: Tactic 20: Organise presenters"),
        ],
    )
    assert_dialog(
        Chat(bot=bot, name="", at=NOW), [("my reminders", "I don't know who you are yet")]
    )


async def test_a_new_day_starts_with_a_whole_summary_not_a_follow_up(deps: JobDeps) -> None:
    # On the 1st the monthly "please set a date" went out; those claims hold all month.
    await sweep(deps, FakeMessenger(), datetime(2026, 9, 1, 9, 30, tzinfo=LONDON))
    messenger = FakeMessenger()
    await sweep(deps, messenger, NOW)
    assert messenger.sent
    for _, reply in messenger.sent:
        assert reply.intent in ("nudge_summary", "nudge_unreachable"), reply.text
        assert not reply.text.startswith("Since your last summary")
