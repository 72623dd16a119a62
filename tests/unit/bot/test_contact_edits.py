"""The team corrects the contact log in chat, as transcripts: list with numbers, edit any
field, delete after a confirmation and undo, and the history of who changed what and when.

The sample bot lives on Monday 6 July 2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.core import BotCore
from commplan.contacts import ChangeKind, Direction
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog

LOG_JANE = "log contact: Jane Smith, Leeds City Council, asked about ethnicity at a meeting"


def _number(database: FakeDatabase, name: str) -> int:
    return next(c.id for c in database.store.contacts.values() if c.name == name)


def test_the_team_lists_edits_and_reads_the_history_of_a_contact(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    becki.say(LOG_JANE)
    number = _number(database, "Jane Smith")
    palvi = Chat(bot=bot, name="Palvi Shah", at=NOW + timedelta(minutes=30))
    assert_dialog(
        becki,
        [
            ("contacts this week", rf"1 contacts.*#{number} 6 Jul: Jane Smith \(Leeds City"),
            (f"show contact {number}", r"Contact \d+.*Topic: Ethnicity harmonised standard"),
            (
                f"edit contact {number} topic sexual orientation",
                r"topic: .Ethnicity harmonised standard. \u2192 .Sexual orientation harmonised",
            ),
            (f"edit contact {number} date last Friday", r"date: .2026-07-06. \u2192 .2026-07-03."),
            (f"change contact {number} direction to outbound", r"direction: .inbound. \u2192"),
            (f"edit contact {number} channel webinar", r"channel: .meeting. \u2192 .webinar."),
            (f"edit contact {number} channel carrier pigeon", r"not one of: inbox, chat"),
            (f"edit contact {number} topic pet ownership", r"No harmonised standard matches"),
            ("edit contact 999 topic ethnicity", r"(?:no|not find|couldn't find).*999"),
        ],
    )
    assert_dialog(
        palvi,
        [
            (f"edit contact {number} topic none", r"topic: .Sexual orientation.* \u2192 none"),
            (f"edit contact {number} topic none", r"already says that: nothing changed"),
        ],
    )
    contact = next(c for c in database.store.contacts.values() if c.id == number)
    assert (contact.on, contact.standard, contact.direction) == (
        date(2026, 7, 3),
        "",
        Direction.OUTBOUND,
    )
    assert_dialog(
        becki,
        [
            (
                f"history of contact {number}",
                (
                    r"6 Jul 2026 10:00 Becki Aquilina changed topic from .Ethnicity harmonised "
                    r"standard. to .Sexual orientation harmonised standard.*"
                    r"10:00 Becki Aquilina changed date from .2026-07-06. to .2026-07-03.*"
                    r"10:30 Palvi Shah changed topic from .Sexual orientation harmonised standard. "
                    r"to none"
                ),
            ),
        ],
    )


def test_a_contact_is_deleted_only_when_confirmed_and_the_deletion_can_be_undone(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    becki.say(LOG_JANE)
    number = _number(database, "Jane Smith")
    assert_dialog(
        becki,
        [
            (f"delete contact {number}", r"Delete contact \d+: Jane Smith .*you can undo it"),
            ("[Keep it]", r"Kept contact \d+: nothing was deleted"),
            (f"delete contact {number}", r"Delete contact"),
        ],
    )
    assert len(database.store.contacts) == 1
    assert_dialog(
        becki,
        [
            ("[Delete it]", rf"Deleted contact {number} \(Jane Smith"),
            ("contacts this week", r"0 contacts"),
            (f"show contact {number}", r"(?:no|not find|couldn't find)"),
            ("[Undo]", rf"Restored contact {number} \(Jane Smith"),
            ("contacts this week", rf"#{number} 6 Jul: Jane Smith"),
            (f"undo delete contact {number}", r"is not deleted: nothing to undo"),
            (f"history of contact {number}", r"Becki Aquilina deleted it.*undid its deletion"),
        ],
    )
    kinds = [c.kind for c in database.store.contact_changes]
    assert kinds == [ChangeKind.DELETED, ChangeKind.RESTORED]


def test_contacts_are_listed_edited_and_deleted_by_the_team_only(
    bot: BotCore, database: FakeDatabase
) -> None:
    Chat(bot=bot, name="Becki Aquilina", at=NOW).say(LOG_JANE)
    number = _number(database, "Jane Smith")
    assert_dialog(
        Chat(bot=bot, name="Pete Brodie", at=NOW),
        [
            ("contacts this week", r"harmonisation team"),
            (f"edit contact {number} topic religion", r"harmonisation team"),
            (f"delete contact {number}", r"harmonisation team"),
            (f"history of contact {number}", r"harmonisation team"),
        ],
    )
    (contact,) = database.store.contacts.values()
    assert contact.standard == "Ethnicity harmonised standard"


def test_a_follow_up_never_replaces_a_topic_the_team_set(
    bot: BotCore, database: FakeDatabase
) -> None:
    morag = Chat(bot=bot, name="Morag Fintry", at=NOW)
    morag.say("which standard covers pet ownership?", message_id="m1")
    number = _number(database, "Morag Fintry")
    Chat(bot=bot, name="Becki Aquilina", at=NOW).say(f"edit contact {number} topic religion")
    replace(morag, at=NOW + timedelta(minutes=5)).say(
        "which standard covers sexual orientation?", message_id="m2"
    )
    (contact,) = database.store.contacts.values()
    assert contact.standard == "Religion harmonised standard"
