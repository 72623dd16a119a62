"""The sweep: each nudge goes out once, whatever restarts or failures happen."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from adapters.calendar import uk_working_days
from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.messages import Button, Buttons, Reply, Text
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase

# Friday 11 September 2026: the day-before nudge for the GSS conference (17th-18th September)
# moves from the weekend to today, and Q1-Q2 tactics are long overdue.
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


def bot(deps: JobDeps) -> BotCore:
    """The conversation core over the same database, to press the nudges' buttons."""
    return BotCore(Deps(uow=deps.uow, clock=deps.clock, standards=deps.standards), builtin_router())


async def test_a_second_sweep_and_a_restart_send_nothing(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    first = await sweep(deps, messenger, NOW)
    # Everything due for a person goes in one summary: one message each.
    people = {r.nudge.person.name if r.nudge.person else "team" for r in first}
    assert first and sorted(who for who, _ in messenger.sent) == sorted(people)
    assert len(first) > len(messenger.sent)
    assert await sweep(deps, messenger, NOW) == []
    restarted = JobDeps(
        uow=deps.uow, clock=deps.clock, standards=deps.standards, calendar=deps.calendar
    )
    later = NOW.replace(hour=15)
    assert await sweep(restarted, FakeMessenger(), later) == []


async def test_nudges_carry_done_snooze_and_open(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    await sweep(deps, messenger, NOW)
    (pete,) = [reply for who, reply in messenger.sent if who == "Pete Brodie"]
    assert "Coming up: Tactic 20" in pete.text
    buttons = buttons_of(pete, "Tactic 20")
    assert [b.label for b in buttons] == ["Done", "Snooze a week", "Open"]
    # Pressing Done on the nudge works through the ordinary router.
    button = buttons[0]
    assert (button.action_id, button.value) == ("tactic_done", "20")
    assert bot(deps).router.route  # the router knows the action id
    assert any(c.actions == ("tactic_done",) for c in bot(deps).router.commands)


async def test_a_failed_send_is_retried_on_the_next_sweep(deps: JobDeps) -> None:
    failing = FakeMessenger(fail_for="Pete Brodie")
    first = await sweep(deps, failing, NOW)
    assert all(r.nudge.person is None or r.nudge.person.name != "Pete Brodie" for r in first)
    retry = await sweep(deps, FakeMessenger(), NOW)
    assert retry and {r.nudge.person.name for r in retry if r.nudge.person} == {"Pete Brodie"}


async def test_an_unreachable_owner_is_recorded_not_retried(deps: JobDeps) -> None:
    messenger = FakeMessenger(unreachable="Hersh Mann")
    results = await sweep(deps, messenger, NOW)
    andy = [r for r in results if r.nudge.person and r.nudge.person.name == "Hersh Mann"]
    assert andy and {r.channel for r in andy} == {"unreachable"}
    assert await sweep(deps, FakeMessenger(), NOW) == []


async def test_a_dry_run_sends_and_claims_nothing(deps: JobDeps) -> None:
    messenger = FakeMessenger()
    planned = await sweep(deps, messenger, NOW, dry_run=True)
    assert planned and messenger.sent == []
    sent = await sweep(deps, messenger, NOW)
    assert len(sent) == len(planned)


async def test_the_digest_lists_owners_no_chat_reaches(deps: JobDeps) -> None:
    from commplan.services.digest import digest_for

    await sweep(deps, FakeMessenger(unreachable="Hersh Mann"), NOW)
    assert digest_for(deps.uow(), NOW.date()).unreachable == ("Hersh Mann",)


async def test_action_nudges_carry_the_action_key(deps: JobDeps) -> None:
    from bot.messages import Action, Actor, Incoming

    messenger = FakeMessenger()
    await sweep(deps, messenger, NOW)
    nudges = [r for _, r in messenger.sent if "Action 4 of 4 March 2026" in r.text]
    assert nudges, [r.text for _, r in messenger.sent]
    buttons = buttons_of(nudges[0], "Action 4 of 4 March 2026")
    assert [(b.label, b.action_id, b.value) for b in buttons] == [
        ("Done", "action_done", "2026-03-04/4"),
        ("Snooze a week", "reminder_snooze", "action:2026-03-04/4"),
        ("Open", "action_open", "2026-03-04/4"),
    ]
    # Pressing Done closes March's action 4, not July's (which is done, with its own update).
    july_update = deps.uow().actions.get(date(2026, 7, 10), 4).update
    emma = Actor(platform="console", user_id="Emma Wright", name="Emma Wright")
    pressed = Action(action_id=buttons[0].action_id, value=buttons[0].value)
    asked = bot(deps).handle(Incoming(actor=emma, text="Done", at=NOW, action=pressed))
    assert "Mark action 4 of 4 March 2026 done?" in asked.text
    assert not deps.uow().actions.get(date(2026, 3, 4), 4).done
    yes = next(b for b in asked.buttons if b.label == "Yes, mark done")
    reply = bot(deps).handle(
        Incoming(
            actor=emma,
            text=yes.label,
            at=NOW,
            action=Action(action_id=yes.action_id, value=yes.value),
        )
    )
    assert "Marked action 4 of 4 March 2026 done" in reply.text
    assert deps.uow().actions.get(date(2026, 3, 4), 4).done
    assert deps.uow().actions.get(date(2026, 7, 10), 4).update == july_update


async def test_the_team_hears_at_once_who_could_not_be_reached(deps: JobDeps) -> None:
    messenger = FakeMessenger(unreachable="Hersh Mann")
    results = await sweep(deps, messenger, NOW)
    andy = [r.nudge for r in results if r.channel == "unreachable"]
    assert andy
    summaries = [r for who, r in messenger.sent if r.intent == "nudge_unreachable"]
    assert len(summaries) == 1
    summary = summaries[0]
    assert who_was_told(messenger, summary) == "team"
    assert summary.data["people"] == ["Hersh Mann"]
    assert summary.text.startswith("I couldn't reach Hersh Mann in chat")
    assert summary.text.count("\n- Hersh Mann: ") == len(andy)
    assert sorted(summary.data["nudges"]) == sorted(n.key for n in andy)  # type: ignore[arg-type]


async def test_an_unreachable_owner_is_reported_once_per_item(deps: JobDeps) -> None:
    from datetime import timedelta

    await sweep(deps, FakeMessenger(unreachable="Hersh Mann"), NOW)
    # A week on, Andy's overdue tactics are nudged again and he is still unreachable: the
    # nudges are new, but the team has already been told about those items.
    later = FakeMessenger(unreachable="Hersh Mann")
    again = await sweep(deps, later, NOW + timedelta(days=7))
    assert any(r.channel == "unreachable" for r in again)
    assert [r for _, r in later.sent if r.intent == "nudge_unreachable"] == []


async def test_a_dry_run_reports_nobody(deps: JobDeps) -> None:
    messenger = FakeMessenger(unreachable="Hersh Mann")
    await sweep(deps, messenger, NOW, dry_run=True)
    assert messenger.sent == []


def buttons_of(reply: Reply, item: str) -> tuple[Button, ...]:
    """The buttons under the summary line about ``item``."""
    blocks = list(reply.blocks)
    line = next(i for i, b in enumerate(blocks) if isinstance(b, Text) and item in b.text)
    after = blocks[line + 1]
    assert isinstance(after, Buttons), after
    return after.buttons


def who_was_told(messenger: FakeMessenger, reply: Reply) -> str:
    return next(who for who, sent in messenger.sent if sent is reply)
