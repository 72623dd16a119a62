"""Each person's reminder settings, set in conversation, and what the sweep then does: days
ahead, one by one, quiet days, a pause, and a snooze that is the snoozer's alone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from adapters.calendar import uk_working_days
from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

# Thursday 10 September 2026; tactic 20 (the GSS conference) starts Thursday 17th.
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


def chat(deps: JobDeps, name: str = "Pete Brodie", at: datetime = NOW) -> Chat:
    bot = BotCore(
        Deps(uow=deps.uow, clock=HeldClock(at), standards=deps.standards), builtin_router()
    )
    return Chat(bot=bot, name=name, at=at)


def to(messenger: FakeMessenger, name: str) -> list[str]:
    return [reply.text for who, reply in messenger.sent if who == name]


def test_settings_in_conversation(deps: JobDeps) -> None:
    assert_dialog(
        chat(deps),
        [
            (
                "my reminder settings",
                (
                    r"Your reminder settings:\nComing up: 7 and 1 days ahead\.\n"
                    r"Delivery: one summary a day\."
                ),
            ),
            ("remind me 3 days ahead", r"I'll tell you 3 days ahead\..*Coming up: 3 days ahead"),
            ("immediately", r"each reminder as a message of its own"),
            ("daily summary", r"You'll get one summary a day\."),
            ("no reminders on Fridays", r"No reminders on Fridays: they wait for the next day"),
            ("pause reminders until 5 January", r"paused until Tuesday 5 January 2027"),
            ("my reminder settings", r"No reminders on Fridays\.\nPaused until Tuesday 5 Jan"),
            ("resume reminders", r"Reminders are back on\."),
            ("remind me 0 days ahead", r"from 1 to 90 days ahead"),
        ],
    )
    assert_dialog(chat(deps, name=""), [("my reminder settings", "I don't know who you are")])


async def test_days_ahead_are_each_persons_own(deps: JobDeps) -> None:
    chat(deps).say("remind me 3 days ahead")
    # Monday 14th is three days before the conference: Pete hears, the others heard on the 10th.
    first = FakeMessenger()
    await sweep(deps, first, NOW)
    assert not any("Coming up: Tactic 20" in t for t in to(first, "Pete Brodie"))
    assert any("Coming up: Tactic 20" in t for t in to(first, "Becki Aquilina"))
    monday = FakeMessenger()
    await sweep(deps, monday, NOW + timedelta(days=4))
    assert any("Coming up: Tactic 20" in t for t in to(monday, "Pete Brodie"))


async def test_one_by_one_a_quiet_day_and_a_pause(deps: JobDeps) -> None:
    chat(deps).say("send reminders immediately")
    chat(deps, name="Becki Aquilina").say("no reminders on Thursdays")
    chat(deps, name="Palvi Shah").say("pause reminders until 14 September")
    messenger = FakeMessenger()
    results = await sweep(deps, messenger, NOW)
    petes = [r for r in results if r.nudge.person and r.nudge.person.name == "Pete Brodie"]
    assert len(to(messenger, "Pete Brodie")) == len(petes) > 1  # each a message of its own
    assert to(messenger, "Becki Aquilina") == [] and to(messenger, "Palvi Shah") == []
    # Friday: Becki's Thursday reminders arrive; Palvi is still on leave.
    friday = FakeMessenger()
    await sweep(deps, friday, NOW + timedelta(days=1))
    assert len(to(friday, "Becki Aquilina")) == 1 and to(friday, "Palvi Shah") == []
    back = FakeMessenger()
    await sweep(deps, back, datetime(2026, 9, 14, 9, 30, tzinfo=LONDON))
    assert len(to(back, "Palvi Shah")) == 1


async def test_snooze_on_a_summary_is_the_snoozers_alone(deps: JobDeps) -> None:
    pete = chat(deps)
    messenger = FakeMessenger()
    await sweep(deps, messenger, NOW)
    (summary,) = [reply for who, reply in messenger.sent if who == "Pete Brodie"]
    pete.replies.append(summary)
    reply = pete.press("Snooze a week", value="tactic:2026/20")
    assert reply.text.startswith("Snoozed tactic 20 for you until Thursday 17 September 2026.")
    # The day before the conference: the other owners hear, Pete does not.
    eve = FakeMessenger()
    await sweep(deps, eve, datetime(2026, 9, 16, 9, 30, tzinfo=LONDON))
    assert not any("Tactic 20" in t for t in to(eve, "Pete Brodie"))
    assert any("Tactic 20" in t for t in to(eve, "Becki Aquilina"))
    with deps.uow() as repos:
        tactic = repos.tactics.get(2026, 20)
    assert tactic is not None and tactic.snoozed_until is None


async def test_a_typed_snooze_is_the_snoozers_alone_too(deps: JobDeps) -> None:
    assert_dialog(
        chat(deps, "Becki Aquilina"),
        [
            (
                "Hi, I'm on leave next week so can you snooze tactic 20 for two weeks please",
                r"Snoozed tactic 20 for you until Thursday 24 September 2026.*still get theirs",
            ),
            ("show tactic 20", r"Snoozed for you until: 24 September 2026"),
        ],
    )
    assert_dialog(chat(deps, "Pete Brodie"), [("show tactic 20", r"^(?!.*Snoozed).*Tactic 20")])
    eve = FakeMessenger()
    await sweep(deps, eve, datetime(2026, 9, 16, 9, 30, tzinfo=LONDON))
    assert not any("Tactic 20" in t for t in to(eve, "Becki Aquilina"))
    assert any("Tactic 20" in t for t in to(eve, "Pete Brodie"))
