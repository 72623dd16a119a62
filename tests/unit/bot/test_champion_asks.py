"""The quarterly ask: each champion without an update is asked once per quarter, whatever
reruns or failures happen, and the ask's button starts the update for the quarter it names."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.jobs import JobDeps
from bot.jobs.champions import ask_champions
from bot.turn import Deps
from bot.views.digest import digest_reply
from commplan.champions import Quarter, digest_lines
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.champions import champions_section
from commplan.services.digest import digest_for
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fake_ports import FakeMessenger
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

# Late September 2026: the end of the third quarter.
NOW = datetime(2026, 9, 21, 9, 30, tzinfo=LONDON)
Q3 = Quarter(year=2026, number=3)


@pytest.fixture
def deps() -> JobDeps:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return JobDeps(uow=database, clock=HeldClock(NOW), standards=lambda: StandardsIndex.build([]))


def bot(deps: JobDeps, at: datetime = NOW) -> BotCore:
    return BotCore(
        Deps(uow=deps.uow, clock=HeldClock(at), standards=deps.standards), builtin_router()
    )


def _three_champions_one_updated(deps: JobDeps) -> None:
    palvi = Chat(bot(deps), "Palvi Shah", NOW)
    palvi.say("make Sarah Martin champion for The Scottish Government")
    palvi.say("make Steve Ellerd-Elliott champion for Ministry of Justice")
    palvi.say("make Jacqui Jones champion for the Office for National Statistics")
    sarah = Chat(bot(deps), "Sarah Martin", NOW)
    sarah.say("champion update")
    sarah.say("The ethnicity question in the Scottish Household Survey")
    sarah.say("nothing")


async def test_champions_without_an_update_are_asked_once(deps: JobDeps) -> None:
    _three_champions_one_updated(deps)
    messenger = FakeMessenger(fail_for="Steve Ellerd-Elliott")
    first = await ask_champions(deps, messenger, NOW)
    assert [(s.ask.person.name, s.channel) for s in first] == [("Jacqui Jones", "web")]
    ((who, reply),) = messenger.sent
    assert reply.text.startswith(
        "Hi Jacqui, it's time for your 2026 Q3 harmonisation champion update for "
        "Office for National Statistics"
    )
    assert [(b.label, b.action_id, b.value) for b in reply.buttons] == [
        ("Give my update", "champion_update", "2026Q3")
    ]
    # Rerun: Jacqui was asked; Steve's failed send was given back, so he is asked now.
    again = FakeMessenger()
    second = await ask_champions(deps, again, NOW)
    assert [s.ask.person.name for s in second] == ["Steve Ellerd-Elliott"]
    assert await ask_champions(deps, FakeMessenger(), NOW) == []
    assert await ask_champions(deps, FakeMessenger(), NOW, dry_run=True) == []


async def test_the_button_starts_the_update_for_the_quarter_asked_about(deps: JobDeps) -> None:
    _three_champions_one_updated(deps)
    messenger = FakeMessenger()
    await ask_champions(deps, messenger, NOW, quarter=Q3)
    october = datetime(2026, 10, 2, 9, tzinfo=LONDON)
    jacqui = Chat(bot(deps, october), "Jacqui Jones", october)
    jacqui.replies.append(next(r for who, r in messenger.sent if who == "Jacqui Jones"))
    # Answered in October, the update is still the third quarter's.
    assert_dialog(
        jacqui,
        [
            ("[Give my update]", r"Champion update for Office for National Statistics, 2026 Q3"),
            ("Sex and gender identity in the Annual Population Survey", r"Is anything blocked"),
            ("Sign-off of the new disability guidance", r"Thank you: your 2026 Q3 update"),
        ],
    )
    section = champions_section(deps.uow(), Q3)
    assert [u.person for u in section.updates] == ["Jacqui Jones", "Sarah Martin"]
    assert [c.person for c in section.missing] == ["Steve Ellerd-Elliott"]
    assert "Office for National Statistics" not in section.without_champion
    assert len(section.without_champion) == section.directory_size - 3
    lines = digest_lines(section)
    assert lines[0] == "Champion updates for 2026 Q3: 2 of 3 in."
    # A blocked update comes first: it needs the team.
    assert lines[1] == (
        "Office for National Statistics (Jacqui Jones): Sex and gender identity in the Annual "
        "Population Survey. Blocked: Sign-off of the new disability guidance."
    )
    assert lines[2].startswith("The Scottish Government (Sarah Martin): The ethnicity question")
    assert lines[-1] == "Not yet updated: Steve Ellerd-Elliott (Ministry of Justice)."


def test_no_champions_no_digest_lines(deps: JobDeps) -> None:
    assert digest_lines(champions_section(deps.uow(), Q3)) == ()


def test_the_weekly_digest_carries_the_champions_quarter(deps: JobDeps) -> None:
    _three_champions_one_updated(deps)
    digest = digest_for(deps.uow(), NOW.date(), zone=LONDON)
    assert digest.champions[-1].startswith("Not yet updated:")
    assert "Steve Ellerd-Elliott" in digest.champions[-1]
    shown = digest_reply(digest).text
    assert "Harmonisation champions" in shown and "Scottish Household Survey" in shown
