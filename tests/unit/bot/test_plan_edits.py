"""Changing the plan in conversation: misspelt owners and commands asked mid-draft."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return database


@pytest.fixture
def bot(database: FakeDatabase) -> BotCore:
    return BotCore(
        Deps(uow=database, clock=HeldClock(NOW), standards=lambda: StandardsIndex.build([])),
        builtin_router(),
    )


def becki(bot: BotCore) -> Chat:
    return Chat(bot=bot, name="Becki Aquilina", at=NOW)


def test_assigning_to_a_misspelt_name_suggests_the_known_one(
    bot: BotCore, database: FakeDatabase
) -> None:
    people_before = set(database.store.people)
    assert_dialog(
        becki(bot),
        [
            (
                "assign tactic 13 to Pete Brodei",
                (
                    r"I don't know anyone called Pete Brodei\. Did you mean Pete Brodie\?"
                    r".*add person Pete Brodei, EMAIL"
                ),
            ),
            ("assign tactic 13 to Pete Brodie", r"Tactic 13 is now with Pete Brodie"),
        ],
    )
    assert set(database.store.people) == people_before


def test_free_text_never_adds_a_person(bot: BotCore, database: FakeDatabase) -> None:
    people_before = set(database.store.people)
    owners_before = database.store.tactics[(2026, 13)].owners
    assert_dialog(
        becki(bot),
        [
            (
                "assign tactic 13 to new person Jo Newcomer",
                r"I don't know anyone called Jo Newcomer\..*'add person Jo Newcomer, EMAIL'",
            )
        ],
    )
    assert database.store.tactics[(2026, 13)].owners == owners_before
    assert set(database.store.people) == people_before


def test_a_command_mid_draft_is_answered_and_the_draft_waits(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        becki(bot),
        [
            ("add tactic", r"What is the tactic called"),
            ("Quarterly newsletter", r"When is it due"),
            (
                "what's overdue",
                (
                    r"Overdue tactics.*still adding the tactic .Quarterly newsletter., paused: "
                    r"When is it due"
                ),
            ),
            ("November", r"Who is accountable"),
            ("Palvi Shah", r"Added tactic 35.*Quarterly newsletter"),
        ],
    )
    assert all(t.name != "what's overdue" for t in database.store.tactics.values())


def test_a_tactic_is_given_a_date_in_everyday_words(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        becki(bot),
        [
            ("tactic 29 due 30 November", r"Tactic 29 is now due 30 Nov 2026: Liaising with Users"),
            ("show tactic 29", r"30 Nov 2026"),
            ("set date of tactic 13 to the end of next week", r"Tactic 13 is now due 17 Jul 2026"),
            ("tactic 29 due end of March", r"in the 2026 plan; give a date in 2026"),
            ("tactic 29 due whenever", r"could not read 'whenever' as a date"),
        ],
    )
    tactic = database.store.tactics[(2026, 29)]
    assert tactic.timing == "30 November"
    assert tactic.window is not None and tactic.window.start == date(2026, 11, 30)
    assert database.store.tactics[(2026, 13)].timing == "17 July"
    timing = [e for e in database().tactics.edits(2026, 29) if e.field == "timing"]
    assert [(e.old, e.new, e.by) for e in timing] == [("TBC", "30 November", "Becki Aquilina")]


def test_owners_end_where_the_sentence_goes_on(bot: BotCore, database: FakeDatabase) -> None:
    people_before = set(database.store.people)
    assert_dialog(
        becki(bot),
        [
            ("assign tactic 13 to Pete Brodie please", r"Tactic 13 is now with Pete Brodie\."),
            ("snooze tactic 13 for two weeks", r"until Monday 20 July 2026"),
            ("add tactic Census roadshow due end of October", r"Who is accountable"),
            ("to Palvi Shah please", r"Added tactic 35"),
        ],
    )
    assert database.store.tactics[(2026, 13)].owners == ("Pete Brodie",)
    assert database.store.snoozes[("Becki Aquilina", "tactic:2026/13")].until == date(2026, 7, 20)
    added = database.store.tactics[(2026, 35)]
    assert (added.owners, added.timing) == (("Palvi Shah",), "31 October")
    assert set(database.store.people) == people_before
