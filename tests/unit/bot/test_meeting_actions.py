"""Meeting actions whose numbers repeat: the sample's March and July meetings both have 1-10.

Open in both meetings: 3 (Emma Wright). Open only in March: 4 (Emma), 5 (Emma/Pete).
Open only in July: 1, 6. July's 4 is done, with a written update that must survive.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.turn import Deps
from commplan.errors import InvalidInput
from commplan.meetings import MeetingAction
from commplan.people import Person, Role
from commplan.ranking import StandardsIndex
from commplan.sample import load_sample
from commplan.services.action_edits import edit_action
from commplan.services.actions import ActionRef
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 7, 20, 10, 0, tzinfo=LONDON)
MARCH = date(2026, 3, 4)
JULY = date(2026, 7, 10)


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


def chat(bot: BotCore, name: str) -> Chat:
    return Chat(bot=bot, name=name, at=NOW)


def snoozes(database: FakeDatabase) -> dict[tuple[str, str], date]:
    return {key: s.until for key, s in database.store.snoozes.items()}


def action(database: FakeDatabase, meeting: date, number: int) -> MeetingAction:
    return database.store.actions[(meeting, number)]


def test_done_on_march_action_4_marks_march_not_july(bot: BotCore, database: FakeDatabase) -> None:
    july_update = action(database, JULY, 4).update
    march_update = action(database, MARCH, 4).update
    assert july_update and march_update
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            ("open actions", r"Action 4 \(4 Mar 2026"),
            ("[Done=2026-03-04/4]", r"Mark action 4 of 4 March 2026 done\? Emma to mention"),
            ("[Yes, mark done]", r"Marked action 4 of 4 March 2026 done"),
        ],
    )
    march, july = action(database, MARCH, 4), action(database, JULY, 4)
    assert march.done
    # What was written is kept, and the note is added after it.
    assert march.update == (
        "Will be added at next appropriate opportunity. "
        "Complete – marked done by Emma Wright on 20/07/2026"
    )
    assert july.update == july_update


def test_buttons_carry_the_key_not_the_number(bot: BotCore) -> None:
    reply = chat(bot, "Emma Wright").say("open actions")
    done = [b.value for b in reply.buttons if b.action_id == "action_done"]
    assert done == ["2026-03-04/3", "2026-03-04/4", "2026-03-04/5"]
    labels = [b.label for b in reply.buttons if b.value == "2026-03-04/4"]
    assert labels == ["Done", "Snooze a week", "Open"]


def test_a_bare_number_open_in_two_meetings_asks_which(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            (
                "action 3 done",
                (
                    r"2 open actions are numbered 3\. Which one"
                    r".*Action 3 \(4 Mar 2026.*Action 3 \(10 Jul 2026"
                    r".*action 3 of 4 March done"
                ),
            ),
            ("[Done (10 Jul 2026)]", r"Marked action 3 of 10 July 2026 done"),
        ],
    )
    assert action(database, JULY, 3).done
    assert not action(database, MARCH, 3).done


def test_the_meeting_can_be_named(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            ("action 3 of 4 March done", r"Marked action 3 of 4 March 2026 done"),
            ("action 2026-07-10/3 done", r"Marked action 3 of 10 July 2026 done"),
            ("action 3 of 4 March 2026 done", r"Action 3 of 4 March 2026 is already done"),
            ("action 3 of 9 May done", r"No action 3 of 9 May"),
        ],
    )
    assert action(database, MARCH, 3).done and action(database, JULY, 3).done


def test_a_bare_number_open_in_one_meeting_means_that_one(
    bot: BotCore, database: FakeDatabase
) -> None:
    july_update = action(database, JULY, 4).update
    assert_dialog(chat(bot, "Emma Wright"), [("action 4 done", r"action 4 of 4 March 2026")])
    assert action(database, MARCH, 4).done
    assert action(database, JULY, 4).update == july_update


def test_permission_follows_the_chosen_action(bot: BotCore, database: FakeDatabase) -> None:
    # March 5 is "Emma Wright/ Pete Brodie"; July 5 is Emma's alone (and done).
    assert_dialog(
        chat(bot, "Andy Bates"),
        [("action 5 done", r"Only the owners of action 5 of 4 March 2026 \(Emma Wright, Pete")],
    )
    assert_dialog(chat(bot, "Pete Brodie"), [("action 5 done", r"Marked action 5 of 4 March")])
    assert action(database, MARCH, 5).update.startswith("Complete – marked done by Pete Brodie")
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [("action 2026-07-10/6 done", r"Only the owners of action 6 of 10 July 2026")],
    )


def test_an_old_button_with_a_bare_number_still_asks(bot: BotCore) -> None:
    from bot.messages import Action, Actor, Incoming

    reply = bot.handle(
        Incoming(
            actor=Actor(platform="console", user_id="Emma Wright", name="Emma Wright"),
            text="Done",
            at=NOW,
            action=Action(action_id="action_done", value="3"),
        )
    )
    assert reply.intent == "action_ambiguous"


def test_snooze_and_open_an_action(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            ("show action 4", r"Action 4 of 4 March 2026.*Update: Will be added"),
            (
                "[Snooze a week]",
                r"Snoozed action 4 of 4 March 2026 for you until Monday 27 July 2026.*theirs",
            ),
            ("snooze action 3 of 10 July to 1 September", r"until Tuesday 1 September 2026"),
            ("show action 3", r"2 open actions are numbered 3"),
        ],
    )
    assert snoozes(database) == {
        ("Emma Wright", f"action:{action(database, MARCH, 4).key}"): date(2026, 7, 27),
        ("Emma Wright", f"action:{action(database, JULY, 3).key}"): date(2026, 9, 1),
    }
    # The snooze is Emma's alone: the action itself is not held for its other owners.
    assert action(database, MARCH, 4).snoozed_until is None


def test_snooze_for_two_weeks(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            (
                "snooze action 5 for two weeks",
                r"action 5 of 4 March 2026 for you until Monday 3 August",
            ),
            ("snooze action 4 until soonish", r"could not read 'soonish' as a date.*next Friday"),
        ],
    )
    assert snoozes(database) == {
        ("Emma Wright", f"action:{action(database, MARCH, 5).key}"): date(2026, 8, 3)
    }


def test_an_action_added_for_someone_by_a_date_is_theirs_and_due_then(
    bot: BotCore, database: FakeDatabase
) -> None:
    people_before = set(database.store.people)
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            (
                "add action draft the census paper for Pete Brodie by 18 December",
                (
                    r"Added action 11 to the log of 10 July 2026: draft the census paper "
                    r"\(Pete Brodie\), due Friday 18 December 2026"
                ),
            ),
            (
                "add action send the slides by next Friday for Emma Wright please",
                r"Added action 12.*send the slides \(Emma Wright\), due Friday 31 July 2026",
            ),
            ("add action book a room for Pete Brodie", r"Added action 13.*\(Pete Brodie\)\.$"),
            (
                "add action share the figures for March for Emma Wright",
                r"Added action 14.*share the figures for March \(Emma Wright\)\.$",
            ),
            # The log holds more than a chat shows: the first ten, and the count of the rest.
            ("open actions", r"^Open actions \(\d+\)\n[\s\S]*\n…and \d+ more: "),
        ],
    )
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [("my actions", r"draft the census paper — Pete Brodie · open · due 18 Dec 2026")],
    )
    census, slides, room = (action(database, JULY, n) for n in (11, 12, 13))
    assert (census.responsible, census.due) == ("Pete Brodie", date(2026, 12, 18))
    assert (slides.responsible, slides.due) == ("Emma Wright", date(2026, 7, 31))
    assert room.due is None and action(database, JULY, 14).due is None
    assert set(database.store.people) == people_before


def test_words_after_the_name_that_are_no_date_are_refused_not_kept(
    bot: BotCore, database: FakeDatabase
) -> None:
    people_before = set(database.store.people)
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [("add action chase the ONS for Pete Brodie before soonish", r"could not read")],
    )
    assert (JULY, 11) not in database.store.actions
    assert set(database.store.people) == people_before


def test_an_action_is_given_a_date(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Emma Wright"),
        [
            (
                "set date of action 5 to end of March",
                r"Action 5 of 4 March 2026 is now due Wednesday 31 March 2027",
            ),
            ("action 4 of 4 March due 18 December", r"now due Friday 18 December 2026"),
            ("action 4 due 18 December", r"was already due Friday 18 December 2026"),
            ("show action 4", r"Due: 18 December 2026"),
            ("action 3 due next Friday", r"2 open actions are numbered 3.*action 3 of 4 March due"),
            ("set date of action 4 to 1 July", r"1 July 2027"),
        ],
    )
    assert action(database, MARCH, 5).due == date(2027, 3, 31)
    assert action(database, MARCH, 4).due == date(2027, 7, 1)
    assert action(database, MARCH, 3).due is None and action(database, JULY, 3).due is None
    assert_dialog(
        chat(bot, "Andy Bates"),
        [("action 4 due 1 September", r"Only the owners of action 4 of 4 March 2026")],
    )
    assert action(database, MARCH, 4).due == date(2027, 7, 1)


def test_a_paragraph_reference_longer_than_the_database_keeps_is_refused(
    database: FakeDatabase,
) -> None:
    # PostgreSQL keeps 20 characters and refused a longer one with a DataError; now it is
    # refused first, saying what a paragraph reference looks like.
    becki = Person(name="Becki Aquilina", role=Role.ADMIN)
    at = datetime(2026, 7, 6, 10, tzinfo=LONDON)
    with pytest.raises(InvalidInput, match="at most 20 characters, like '3.1'"):
        edit_action(
            database(),
            ActionRef(number=4, meeting_date=MARCH),
            "paragraph",
            "Webinar for GSS analysts",
            person=becki,
            at=at,
        )
    assert action(database, MARCH, 4).paragraph != "Webinar for GSS analysts"
