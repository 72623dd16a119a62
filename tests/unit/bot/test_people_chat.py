"""Managing people in chat, on the sample roster: Becki Aquilina is the only admin, Palvi Shah
and Charlie Wroth-Smith are team members, the steering group are members."""

from __future__ import annotations

from bot.core import BotCore
from commplan.people import Role
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def test_an_admin_adds_a_person_puts_them_in_a_group_and_on_the_team(
    bot: BotCore, database: FakeDatabase
) -> None:
    becki = Chat(bot, "Becki Aquilina", NOW)
    assert_dialog(
        becki,
        [
            (
                "add person Nadia Rahman, nadia.rahman@ons.gov.uk",
                r"Added Nadia Rahman \(nadia.rahman@ons.gov.uk\) as a member",
            ),
            ("add Nadia to the steering group members", r"Added Nadia Rahman to Steering group"),
            ("who is in steering group members?", r"Steering group members: 12 people.*Nadia"),
            ("who is on the steering group", r"Steering group members: 12 people"),
            (
                "make Nadia Rahman team member",
                r"Nadia Rahman is now a team member \(was a member\)",
            ),
            (
                "who is on the team?",
                r"The team: 4 people.*Becki Aquilina \(admin\).*Nadia Rahman \(team member\)",
            ),
            ("remove Nadia from Steering group members", r"Took Nadia Rahman out of Steering"),
            ("add Nadia to the comms group", r"Added Nadia Rahman to Comms group \(a new group\)"),
            ("add Nadia to the comms group", r"Nadia Rahman is in Comms group already"),
            ("add Nadia to the team", r"an admin says 'make Nadia team member'"),
        ],
    )
    nadia = database.store.people["Nadia Rahman"]
    assert (nadia.email, nadia.role) == ("nadia.rahman@ons.gov.uk", Role.TEAM)
    assert database.store.groups["Comms group"].members == ("Nadia Rahman",)
    assert "Nadia Rahman" not in database.store.groups["Steering group members"].members


def test_who_do_you_know_lists_addresses_for_the_team_only(bot: BotCore) -> None:
    palvi = Chat(bot, "Palvi Shah", NOW)
    assert_dialog(
        palvi,
        [
            (
                "who do you know",
                (
                    r"I know 13 people.*Becki Aquilina: admin; no e-mail; in Harmonisation team, "
                    r"Steering"
                ),
            ),
            ("add person Nadia Rahman, nadia@ons.gov.uk", r"Added Nadia Rahman"),
            ("who do you know", r"I know 14 people.*Nadia Rahman: member; nadia@ons.gov.uk"),
        ],
    )
    jacqui = Chat(bot, "Jacqui Jones", NOW)
    assert_dialog(
        jacqui,
        [
            ("who do you know", r"only the harmonisation team"),
            ("add person Sam Stone, sam@example.org", r"only the harmonisation team"),
            ("who is on the team", r"Becki Aquilina \(admin\)"),
            ("help", r"\nPeople\n.*who is on the team.*who do you know"),
        ],
    )


def test_only_admins_change_roles_and_the_last_admin_stays(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        Chat(bot, "Palvi Shah", NOW),
        [("make Palvi Shah admin", r"Only an admin can change someone's role")],
    )
    assert_dialog(
        Chat(bot, "Becki Aquilina", NOW),
        [
            ("make Becki team member", r"You are the only admin: make someone else an admin first"),
            ("make Palvi an admin", r"Palvi Shah is now an admin \(was a team member\)"),
            ("make Becki Aquilina team member", r"Becki Aquilina is now a team member"),
        ],
    )
    assert database.store.people["Becki Aquilina"].role is Role.TEAM
    assert_dialog(
        Chat(bot, "Palvi Shah", NOW),
        [
            ("make Palvi member", r"You are the only admin"),
            ("make Jacqui Jones admin", r"Jacqui Jones is now an admin"),
        ],
    )


def test_mistakes_get_a_clear_answer(bot: BotCore) -> None:
    assert_dialog(
        Chat(bot, "Becki Aquilina", NOW),
        [
            ("add person Pete Brodie, pete@ons.gov.uk", r"I know Pete Brodie already"),
            ("add person Sam Stone, sam at ons", r"'sam at ons' is not an e-mail address|not an"),
            ("make Zed Nobody admin", r"No person called 'Zed Nobody'.*add person"),
            ("who is in the knitting group", r"No group called 'knitting group'.*Harmonisation"),
            ("remove Pete from the knitting group", r"No group called 'knitting group'"),
            ("remove Pete from the harmonisation team", r"Pete Brodie is not in Harmonisation"),
        ],
    )


def test_actions_and_tactics_are_not_taken_for_people(bot: BotCore) -> None:
    reply = Chat(bot, "Becki Aquilina", NOW).say(
        "add action send the paper to the steering group for Pete Brodie"
    )
    assert reply.intent == "action_added", reply.text
