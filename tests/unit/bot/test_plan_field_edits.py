"""Editing any field of a tactic or a meeting action in chat, with every change kept and shown
by "history of tactic 12"; owners only from known people and groups."""

from __future__ import annotations

from datetime import date

from bot.core import BotCore
from commplan.plan import Phase
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog

MARCH = date(2026, 3, 4)


def becki(bot: BotCore) -> Chat:
    return Chat(bot=bot, name="Becki Aquilina", at=NOW)


def test_a_tbc_tactic_gets_a_timing_and_a_typo_is_fixed(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        becki(bot),
        [
            (
                "set timing of tactic 29 to November",
                (
                    r"Changed the timing of tactic 29 from “TBC” to “November”.*"
                    r"When: November \(1 Nov – 30 Nov 2026\).*Phase: Q4"
                ),
            ),
            ("what's due in November", r"#29 Liaising with Users"),
            ("tactic 29 timing end of October", r"from “November” to “31 October”"),
            ("tactic 29 timing 17th-18th September", r"to “17th-18th September”.*Phase: Q3"),
            ("tactic 29 timing TBC", r"to “TBC”"),
            ("tactic 29 timing whenever", r"could not read 'whenever' as a timing"),
            (
                "rename tactic 27 to John Pullinger blog post",
                (
                    r"Changed the name of tactic 27 from “John Pullinger blog” to "
                    r"“John Pullinger blog post”"
                ),
            ),
            ("tactic 12 audience GSS analysts", r"Audience: GSS analysts"),
            ("set the purpose of tactic 12 to Keep harmonisation in devolution talks", r"from"),
            ("tactic 18's notes: none", r"Changed the notes of tactic 18 from “NOTE: Tie in"),
            ("tactic 12 objectives 1 and 2", r"from “1” to “1, 2”"),
            (
                "tactic 12 objectives 1 and 4",
                r"The plan lists 2 objectives; there is no objective 4",
            ),
            ("change the phase of tactic 32 to Q3", r"from “Q4” to “Q3”"),
            ("rename tactic 12 to nothing", r"A tactic needs a name"),
        ],
    )
    tactic = database.store.tactics[(2026, 29)]
    assert (tactic.timing, tactic.window, tactic.phase) == ("TBC", None, Phase.Q3)
    twelve = database.store.tactics[(2026, 12)]
    assert twelve.audience == "GSS analysts" and database.store.tactics[(2026, 18)].notes == ""
    assert twelve.purpose == "Keep harmonisation in devolution talks"
    assert twelve.objectives == (1, 2)
    assert database.store.tactics[(2026, 27)].name == "John Pullinger blog post"


def test_history_shows_who_changed_what_from_what_to_what(bot: BotCore) -> None:
    chat = becki(bot)
    chat.say("tactic 12 audience GSS analysts")
    chat.say("tactic 12 is on-going")
    chat.say("cancel tactic 12")
    Chat(bot=bot, name="Andy Bates", at=NOW).say("reopen tactic 12")
    chat.say("assign tactic 12 to Andy Bates and Palvi")
    assert_dialog(
        chat,
        [
            (
                "history of tactic 12",
                (
                    r"History of tactic 12: Contact the ONS lead.*"
                    r"seed · status: on-going \(imported\).*"
                    r"Becki Aquilina · audience: “Devolved Administrations” → “GSS analysts”.*"
                    r"Becki Aquilina · status: “on-going” → “cancelled”.*"
                    r"Andy Bates · status: “cancelled” → “on-going”.*"
                    r"Becki Aquilina · owners: “Andy Bates” → “Andy Bates, Palvi Shah”.*"
                    r"5 changes"
                ),
            ),
            ("tactic 29 history", r"History of tactic 29.*seed · status: planned.*1 change\."),
        ],
    )


def test_meeting_actions_are_edited_and_keep_their_history(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        becki(bot),
        [
            (
                "set owner of action 5 of 4 March to Emma",
                (
                    r"Changed the owners of action 5 of 4 March 2026 from "
                    r"“Emma Wright/ Pete Brodie” to “Emma Wright”"
                ),
            ),
            ("rename action 5 of 4 March to Brief new senior managers", r"to “Brief new senior"),
            ("action 5 of 4 March update: slides drafted", r"Update: slides drafted"),
            ("set the due date of action 5 of 4 March to 18 December", r"due Friday 18 December"),
            (
                "assign action 5 of 4 March to Steering group",
                r"Did you mean Steering group members",
            ),
            (
                "history of action 5 of 4 March",
                r"owners: .*text: .*update: .*due: 18 December.*4 changes",
            ),
        ],
    )
    action = database.store.actions[(MARCH, 5)]
    assert (action.responsible, action.text, action.update, action.due) == (
        "Emma Wright",
        "Brief new senior managers",
        "slides drafted",
        date(2026, 12, 18),
    )


def test_a_near_miss_owner_is_refused_with_the_name_meant(
    bot: BotCore, database: FakeDatabase
) -> None:
    people, groups = set(database.store.people), set(database.store.groups)
    assert_dialog(
        becki(bot),
        [
            (
                "assign tactic 14 to Steering group",
                (
                    r"I don't know anyone called Steering group\. "
                    r"Did you mean Steering group members\?.*'add person Steering group, EMAIL'"
                ),
            ),
            ("assign tactic 14 to Sam Jones", r"I don't know anyone called Sam Jones\. Owners"),
            ("assign tactic 14 to new person Sam Jones", r"'add person Sam Jones, EMAIL'"),
            ("add action circulate the minutes for Sam Jones", r"I don't know anyone called Sam"),
            (
                "add tactic Census roadshow due October owner Steering group",
                r"Did you mean Steering",
            ),
            ("steering group members", r"Added tactic 35"),
            (
                "assign tactic 14 to steering group members and becki",
                r"now with Steering group members, Becki Aquilina",
            ),
        ],
    )
    assert set(database.store.people) == people and set(database.store.groups) == groups
    assert database.store.tactics[(2026, 35)].owners == ("Steering group members",)


def test_owners_hear_when_a_tactic_is_assigned_to_them(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki(bot).say("assign tactic 29 to Pete Brodie and Becki Aquilina")
    told = [n for n in database.store.notices if "tactic 29" in n.text]
    assert [n.person for n in told] == ["Pete Brodie"]  # not Becki, who did it
    assert told[0].text.startswith(
        "Becki Aquilina made you accountable for tactic 29: Liaising with Users (due TBC)."
    )
    # Assigning to the same owners again tells nobody twice.
    becki(bot).say("assign tactic 29 to Pete Brodie and Becki Aquilina")
    assert len([n for n in database.store.notices if "tactic 29" in n.text]) == 1
    # A tactic added with owners is assigned to them too.
    becki(bot).say("add tactic Census roadshow due October owner Emma Wright")
    [added] = [n for n in database.store.notices if "tactic 35" in n.text]
    assert added.person == "Emma Wright"
    assert added.text.startswith("Becki Aquilina made you accountable for tactic 35: Census")


def test_only_owners_and_the_team_edit(bot: BotCore, database: FakeDatabase) -> None:
    before = database.store.tactics[(2026, 24)]
    assert_dialog(
        Chat(bot=bot, name="Andy Bates", at=NOW),
        [
            ("rename tactic 24 to Something else", r"Only the owners of tactic 24"),
            ("set timing of tactic 24 to December", r"Only the owners of tactic 24"),
        ],
    )
    assert database.store.tactics[(2026, 24)] == before
    assert database().tactics.edits(2026, 24) == []
