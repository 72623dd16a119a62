"""Every status of a tactic in chat: planned, on-going, complete, cancelled and reopened; buttons
that complete ask first, and owners hear when someone else completes their tactic."""

from __future__ import annotations

import io

from adapters.console.repl import run_chat
from bot.core import BotCore
from commplan.plan import Status
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def chat(bot: BotCore, name: str) -> Chat:
    return Chat(bot=bot, name=name, at=NOW)


def status(database: FakeDatabase, number: int) -> Status:
    return database.store.tactics[(2026, number)].status


def test_a_stray_one_after_my_tactics_completes_nothing(
    bot: BotCore, database: FakeDatabase
) -> None:
    """The console numbers buttons; "1" used to press the first tactic's Done at once."""
    before = {k: t.status for k, t in database.store.tactics.items()}
    out = io.StringIO()
    run_chat(
        bot.handle,
        lambda: NOW,
        name="Becki Aquilina",
        stdin=io.StringIO("my tactics\n1\n1\n"),
        stdout=out,
    )
    shown = out.getvalue()
    assert "[1] Done" in shown
    assert "Mark tactic 10 complete? Contact LARIA" in shown
    assert "[1] No, leave it  [2] Yes, mark complete" in shown
    assert "Left tactic 10 as it was" in shown
    assert {k: t.status for k, t in database.store.tactics.items()} == before


def test_every_status_can_be_set_and_undone_in_chat(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            ("tactic 29 is on-going", r"Tactic 29 is now on-going \(it was planned\)"),
            ("tactic 29 is on-going", r"Tactic 29 is already on-going"),
            ("set status of tactic 29 to planned", r"Tactic 29 is now planned \(it was on-going\)"),
            ("mark tactic 29 as in progress", r"Tactic 29 is now on-going"),
            (
                "cancel tactic 29",
                r"Tactic 29 is now cancelled \(it was on-going\).*Status: cancelled",
            ),
            ("who owns what", r"^(?!.*#29 ).*$"),
            ("reopen tactic 29", r"Reopened tactic 29 \(on-going; it was cancelled\)"),
            ("tactic 29 done", r"Marked tactic 29 complete: Liaising with Users"),
            (
                "plan summary",
                r"Q3 \(Jul-Sep\): \d+ planned, \d+ on-going, \d+ complete, 0 cancelled",
            ),
            ("re-open tactic 29", r"Reopened tactic 29 \(on-going; it was complete\)"),
            ("reopen tactic 29", r"Tactic 29 is already on-going"),
            ("tactic 29 is cancelled", r"now cancelled"),
            ("tactic 29 status planned", r"Reopened tactic 29 \(planned; it was cancelled\)"),
        ],
    )
    assert status(database, 29) is Status.PLANNED
    said = [(e.old, e.new) for e in database().tactics.edits(2026, 29) if e.field == "status"]
    assert said == [
        ("planned", "ongoing"),
        ("ongoing", "planned"),
        ("planned", "ongoing"),
        ("ongoing", "cancelled"),
        ("cancelled", "ongoing"),
        ("ongoing", "complete"),
        ("complete", "ongoing"),
        ("ongoing", "cancelled"),
        ("cancelled", "planned"),
    ]


def test_a_cancelled_tactic_is_not_due_overdue_or_nudged(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            ("what's overdue", r"#14 Present to GSS SPSC"),
            ("cancel tactic 14", r"now cancelled"),
            ("what's overdue", r"^(?!.*#14 ).*$"),
            ("my tactics", r"^(?!.*#14 ).*$"),
        ],
    )
    assert not database.store.tactics[(2026, 14)].is_overdue(NOW.date())
    assert 14 not in [t.number for t in database().tactics.all(2026, open_only=True)]


def test_the_done_button_asks_and_no_leaves_it(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("show tactic 24", r"Tactic 24: Present to ONS Directors Group"),
            ("[Done]", r"Mark tactic 24 complete\? Present to ONS Directors Group"),
            ("[No, leave it]", r"Left tactic 24 as it was \(planned\)"),
            ("[Done]", r"Mark tactic 24 complete\?"),
            ("[Yes, mark complete]", r"Marked tactic 24 complete"),
            ("[Yes, mark complete]", r"Tactic 24 is already complete"),
            ("[Reopen]", r"Reopened tactic 24 \(planned; it was complete\)"),
        ],
    )
    assert status(database, 24) is Status.PLANNED


def test_only_owners_and_the_team_change_a_status(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Andy Bates"),
        [
            ("cancel tactic 24", r"Only the owners of tactic 24 \(Pete Brodie\)"),
            ("reopen tactic 1", r"Only the owners of tactic 1 \(Jacqui Jones\)"),
        ],
    )
    assert status(database, 24) is Status.PLANNED
    assert status(database, 1) is Status.COMPLETE


def test_owners_hear_when_someone_else_completes_their_tactic(
    bot: BotCore, database: FakeDatabase
) -> None:
    chat(bot, "Becki Aquilina").say("tactic 24 done")
    [notice] = [n for n in database.store.notices if n.person == "Pete Brodie"]
    assert notice.text.startswith(
        "Becki Aquilina marked tactic 24 complete: Present to ONS Directors Group."
    )
    assert "reopen tactic 24" in notice.text
    assert notice.payload is not None and notice.payload["intent"] == "tactic_done"
    # Completing your own tactic tells nobody; a group's members hear, the one who did it not.
    chat(bot, "Jacqui Jones").say("reopen tactic 1")
    chat(bot, "Jacqui Jones").say("tactic 1 done")
    chat(bot, "Palvi Shah").say("tactic 23 done")
    told = sorted(n.person for n in database.store.notices if "tactic 23 " in n.text)
    assert told == ["Becki Aquilina", "Charlie Wroth-Smith"]
    assert not [n for n in database.store.notices if "tactic 1 " in n.text]


def test_a_status_the_plan_does_not_know_is_not_guessed(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [("set status of tactic 29 to finished-ish", r"(?i)didn't understand|not a status")],
    )
