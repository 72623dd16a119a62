"""The team and an inbox query, as transcripts over fakes: the listing, Close, and the guided
Correct dialogue (buttons for each field, the exact strings as buttons, typed text for the
organisation and the topic)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.commands import builtin_router
from bot.core import BotCore
from bot.messages import Button, Buttons, Reply
from bot.turn import Deps
from bot.views.inbox import (
    PICK_CHOICE,
    PICK_FIELD,
    ChoicePick,
    FieldPick,
    new_query_reply,
    short_ref,
)
from commplan.contacts import Channel, Contact, Direction
from commplan.errors import InvalidInput
from commplan.organisations import OrgType, UserGroup
from commplan.queries import InboxQuery, QueryState
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import load_sample, standards_table
from commplan.services.seeding import seed
from tests.conftest import LONDON, HeldClock
from tests.fakes import FakeDatabase
from tests.unit.bot.transcript import Chat, assert_dialog

NOW = datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)
KEY = "q2@parish.example.org"
QUERY = InboxQuery(
    key=KEY,
    thread=KEY,
    received_at=NOW - timedelta(days=3),
    sender_name="Sam",
    sender_email="sam@parish.example.org",
    organisation="parish.example.org",
    subject="Survey question on renting",
    summary="Survey question on renting — Do people own or rent their home?",
)
REF = short_ref(QUERY)


@pytest.fixture(scope="module")
def index() -> StandardsIndex:
    return StandardsIndex.build(standards_from_table(standards_table()))


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    with database() as uow:
        uow.queries.add(QUERY)
        uow.contacts.add(
            Contact(
                on=QUERY.received_at.date(),
                channel=Channel.INBOX,
                direction=Direction.INBOUND,
                name="Sam",
                email=QUERY.sender_email,
                organisation=QUERY.organisation,
                summary=QUERY.summary,
                source_ref=f"mail:{KEY}",
            )
        )
        uow.commit()
    return database


@pytest.fixture
def bot(database: FakeDatabase, index: StandardsIndex) -> BotCore:
    return BotCore(
        Deps(uow=database, clock=HeldClock(NOW), standards=lambda: index), builtin_router()
    )


def notice(index: StandardsIndex) -> Reply:
    """The team channel's card for the query, whose buttons the team presses."""
    return new_query_reply(QUERY, index)


def team_chat(bot: BotCore, index: StandardsIndex, name: str = "Palvi Shah") -> Chat:
    chat = Chat(bot=bot, name=name, at=NOW)
    chat.replies.append(notice(index))
    return chat


def query(database: FakeDatabase) -> InboxQuery:
    found = database.store.queries[KEY]
    assert isinstance(found, InboxQuery)
    return found


def test_the_new_query_card_offers_take_correct_and_close(index: StandardsIndex) -> None:
    assert [b.label for b in notice(index).buttons] == ["I'll take it", "Correct", "Close"]


def test_correct_shows_the_fields_and_offers_the_exact_types_as_buttons(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    palvi = team_chat(bot, index)
    assert_dialog(
        palvi,
        [
            ("[Correct]", r"Organisation: parish.example.org.*Type: not known.*Topic"),
            ("[Type]", r"Type of query .* pick the right one"),
        ],
    )
    choices = [b.label for b in palvi.replies[-1].buttons]
    assert choices == [t.value for t in OrgType]
    assert_dialog(palvi, [("[Local Government]", r"Corrected: .*\(Local Government\)")])
    assert query(database).org_type is OrgType.LOCAL_GOVERNMENT
    assert_dialog(palvi, [("[User group]", r"User group of query")])
    assert [b.label for b in palvi.replies[-1].buttons] == [g.value for g in UserGroup]
    assert_dialog(
        palvi,
        [("[Sub national organisations]", r"Local Government, Sub national organisations")],
    )
    contact = database.store.contacts[f"mail:{KEY}"]
    assert (contact.org_type, contact.user_group) == (
        OrgType.LOCAL_GOVERNMENT,
        UserGroup.SUB_NATIONAL,
    )


def test_the_organisation_and_topic_are_typed_and_change_this_query_only(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    palvi = team_chat(bot, index)
    assert_dialog(
        palvi,
        [
            ("[Correct]", r"Which is wrong"),
            ("[Organisation]", r"Which organisation is Sam from\? Type its name"),
            (
                "Little Snoring Parish Council",
                (
                    r"Corrected: Little Snoring Parish Council.*This query only.*"
                    r"say 'teach domain parish.example.org is Little Snoring Parish Council'"
                ),
            ),
            ("[Topic]", r"What is the query about"),
            ("pet ownership", r"No standard matches 'pet ownership'.*Try again"),
            ("renting", r"topic Tenure harmonised standard"),
            # The draft is gone: the next message is an ordinary question again.
            ("which standard covers ethnicity", r"Ethnicity harmonised standard"),
        ],
    )
    fixed = query(database)
    assert (fixed.organisation, fixed.standard) == (
        "Little Snoring Parish Council",
        "Tenure harmonised standard",
    )
    # The new organisation joins the directory; the domain is not taught without being told.
    assert database.store.organisations["Little Snoring Parish Council"].domains == ()
    assert "parish.example.org" not in database.store.organisations
    assert database.store.contacts[f"mail:{KEY}"].standard == "Tenure harmonised standard"


def test_a_correction_can_be_cancelled(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    assert_dialog(
        team_chat(bot, index),
        [
            ("[Correct]", r"Which is wrong"),
            ("[Organisation]", r"Type its name"),
            ("cancel", r"Cancelled: nothing corrected"),
        ],
    )
    assert query(database).organisation == "parish.example.org"


def test_the_same_dialogue_on_slack_and_teams(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    palvi = database.store.people["Palvi Shah"]
    # The transcript's actor id is the name; Slack and Teams know Palvi by their own ids.
    database.store.people["Palvi Shah"] = replace(
        palvi, slack_id="Palvi Shah", teams_id="Palvi Shah"
    )
    for platform, organisation in (("slack", "Slack Parish"), ("teams", "Teams Parish")):
        chat = Chat(bot=bot, name="Palvi Shah", at=NOW, platform=platform)
        chat.replies.append(notice(index))
        assert_dialog(
            chat,
            [
                ("[Correct]", r"Which is wrong"),
                ("[Organisation]", r"Type its name"),
                (organisation, rf"Corrected: {organisation}"),
            ],
        )
        assert query(database).organisation == organisation


def test_only_the_team_can_correct_or_close(bot: BotCore, index: StandardsIndex) -> None:
    pete = team_chat(bot, index, name="Pete Brodie")
    assert_dialog(
        pete,
        [
            ("[Correct]", r"for the harmonisation team"),
            ("[Close]", r"for the harmonisation team"),
            (f"close query {REF}", r"for the harmonisation team"),
        ],
    )


def test_close_and_the_inbox_listing(
    bot: BotCore, database: FakeDatabase, index: StandardsIndex
) -> None:
    becki = team_chat(bot, index, name="Becki Aquilina")
    assert_dialog(
        becki,
        [
            ("inbox", rf"1 open inbox queries.*{REF} · new · not taken · 3d old · Sam"),
            ("[I'll take it]", r"Becki Aquilina has taken the query"),
            ("inbox", rf"{REF} · taken · Becki Aquilina · 3d old"),
            (f"close query {REF}", r"closed query .* will not be nudged"),
            ("inbox", r"0 open inbox queries"),
            ("[Close]", r"already closed"),
        ],
    )
    assert query(database).state is QueryState.CLOSED


def test_button_payloads_round_trip_and_refuse_what_is_no_longer_offered() -> None:
    pick = ChoicePick(field="type", member="LOCAL_GOVERNMENT", query="a b@c")
    assert ChoicePick.decode(pick.encode()) == pick and pick.value == "Local Government"
    assert FieldPick.decode(FieldPick(field="topic", query=KEY).encode()).query == KEY
    for stale in ("", "type", '{"field": "type"}', "{oops", "colour " + KEY):
        with pytest.raises(InvalidInput, match="no longer works"):
            FieldPick.decode(stale)
    with pytest.raises(InvalidInput, match="no longer works"):
        ChoicePick.decode(f"type NOT_A_TYPE {KEY}")


def test_buttons_of_messages_sent_before_the_payloads_were_typed_still_work(
    bot: BotCore, database: FakeDatabase
) -> None:
    palvi = Chat(bot=bot, name="Palvi Shah", at=NOW)
    palvi.replies.append(
        Reply(
            text="an old correction card",
            blocks=(
                Buttons(
                    buttons=(
                        Button(label="Type", action_id=PICK_FIELD, value=f"type {KEY}"),
                        Button(
                            label="Charity",
                            action_id=PICK_CHOICE,
                            value=f"type CHARITY {KEY}",
                        ),
                    )
                ),
            ),
        )
    )
    assert_dialog(palvi, [("[Type]", r"Type of query .* pick the right one")])
    assert "Charity" in [b.label for b in palvi.replies[-1].buttons]
    assert_dialog(palvi, [(f"[Charity=type CHARITY {KEY}]", r"Corrected: .*\(Charity\)")])
    assert query(database).org_type is OrgType.CHARITY
