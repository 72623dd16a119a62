"""Champions in chat, on the sample roster: Palvi Shah is on the team; Sarah Martin (The
Scottish Government) and Steve Ellerd-Elliott (Ministry of Justice) are members."""

from __future__ import annotations

from datetime import timedelta

from bot.core import BotCore
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def test_the_team_names_champions_lists_them_and_stands_one_down(
    bot: BotCore, database: FakeDatabase
) -> None:
    palvi = Chat(bot, "Palvi Shah", NOW)
    assert_dialog(
        palvi,
        [
            ("champions", r"No harmonisation champions yet.*make NAME champion for ORGANISATION"),
            (
                "make Sarah Martin champion for the Scottish Government",
                r"Sarah Martin is now a harmonisation champion for The Scottish Government\.",
            ),
            (
                "make Steve Ellerd-Elliott champion for MoJ",
                r"Steve Ellerd-Elliott is now a harmonisation champion for Ministry of Justice",
            ),
            (
                "make Sarah champion for Scottish Government",
                r"Sarah Martin is champion for The Scottish Government already",
            ),
            (
                "Andy Bates is champion for Leeds City Council",
                (
                    r"Andy Bates is now a harmonisation champion for Leeds City Council"
                    r".*not in the organisations directory"
                ),
            ),
            (
                "who are the champions?",
                (
                    r"Harmonisation champions: 3.*Leeds City Council: Andy Bates — no update yet"
                    r".*Ministry of Justice: Steve Ellerd-Elliott — no update yet"
                    r".*The Scottish Government: Sarah Martin — no update yet"
                ),
            ),
            ("Andy Bates is no longer a champion", r"Andy Bates is no longer a champion for Leeds"),
            ("Andy Bates is no longer a champion", r"Andy Bates is not a champion"),
            ("make Nobody Known champion for ONS", r"No person called 'Nobody Known'"),
        ],
    )
    # A champion is someone with an organisation: Andy had none, now has the one he championed.
    assert database.store.people["Andy Bates"].organisation == "Leeds City Council"
    assert [c.organisation for c in database.store.champions.values()] == [
        "The Scottish Government",
        "Ministry of Justice",
    ]
    assert_dialog(
        Chat(bot, "Jacqui Jones", NOW),
        [("make Jacqui Jones champion for ONS", r"Only the harmonisation team can name champions")],
    )


def _champions(bot: BotCore) -> None:
    palvi = Chat(bot, "Palvi Shah", NOW)
    palvi.say("make Sarah Martin champion for The Scottish Government")
    palvi.say("make Steve Ellerd-Elliott champion for the Ministry of Justice")


def test_a_champion_gives_an_update_and_a_second_one_replaces_it(
    bot: BotCore, database: FakeDatabase
) -> None:
    _champions(bot)
    sarah = Chat(bot, "Sarah Martin", NOW)
    assert_dialog(
        sarah,
        [
            (
                "champion update",
                (
                    r"Champion update for The Scottish Government, 2026 Q3\. "
                    r"What has your organisation harmonised this quarter\?"
                ),
            ),
            (
                "The Scottish Household Survey now uses the harmonised ethnicity question",
                r"Is anything blocked\?",
            ),
            (
                "We are waiting on the new sex and gender identity guidance",
                (
                    r"Thank you: your 2026 Q3 update for The Scottish Government"
                    r".*Harmonised: The Scottish Household Survey now uses the harmonised ethnicity"
                    r".*Blocked: We are waiting on the new sex and gender identity guidance"
                ),
            ),
        ],
    )
    later = Chat(bot, "Sarah Martin", NOW + timedelta(days=30))
    assert_dialog(
        later,
        [
            ("give my champion update", r"This replaces the update you gave on 6 July"),
            ("who is on the team?", r"The team.*Your champion update is paused: What has"),
            ("Ethnicity in the SHS, tenure in the Scottish Crime Survey", r"Is anything blocked"),
            (
                "nothing, all good",
                r"Blocked: nothing.*replaces your update of 6 July, which is kept in the record",
            ),
            ("champions", r"The Scottish Government: Sarah Martin — last update 2026Q3 \(5 Aug"),
        ],
    )
    updates = database.store.champion_updates
    assert [(u.harmonised[:30], u.blocked[:20], u.replaced_at is not None) for u in updates] == [
        ("The Scottish Household Survey ", "We are waiting on th", True),
        ("Ethnicity in the SHS, tenure i", "", False),
    ]


def test_a_retried_message_stores_the_update_once(bot: BotCore, database: FakeDatabase) -> None:
    _champions(bot)
    steve = Chat(bot, "Steve Ellerd-Elliott", NOW)
    steve.say("champion update", message_id="Ev01")
    # A chat without message ids sends the answer twice: the second is the same message (who,
    # what and when), not the answer to "is anything blocked?".
    answer = "Harmonised the disability questions in our prison surveys"
    assert steve.say(answer).text.startswith("Is anything blocked?")
    assert steve.say(answer).text.startswith("Is anything blocked?")
    stored = steve.say("Access to the income data", message_id="Ev03")
    assert "Thank you: your 2026 Q3 update for Ministry of Justice" in stored.text
    # A chat with ids delivers the last answer again: answered once, stored once.
    assert steve.say("Access to the income data", message_id="Ev03").intent == "duplicate"
    assert [(u.harmonised, u.blocked) for u in database.store.champion_updates] == [
        (answer, "Access to the income data")
    ]


def test_only_a_champion_gives_an_update_and_cancel_stores_nothing(
    bot: BotCore, database: FakeDatabase
) -> None:
    _champions(bot)
    assert_dialog(
        Chat(bot, "Jacqui Jones", NOW),
        [("champion update", r"You are not a harmonisation champion")],
    )
    assert_dialog(
        Chat(bot, "Sarah Martin", NOW),
        [
            ("champion update", r"What has your organisation harmonised"),
            ("cancel", r"Stopped: no update stored"),
        ],
    )
    assert database.store.champion_updates == []
    assert database.store.drafts == {}
