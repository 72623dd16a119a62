"""The bot in conversation, over fakes of our own ports and the sample plan moved to 2026."""

from __future__ import annotations

from bot.core import BotCore
from bot.messages import Actor, Incoming
from commplan.contacts import Channel
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat, assert_dialog


def chat(bot: BotCore, name: str = "") -> Chat:
    return Chat(bot=bot, name=name, at=NOW)


def test_a_member_asks_which_standard_covers_a_topic(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("which standard covers ethnicity", r"Ethnicity harmonised standard.*Last review"),
            ("is there a standard for unpaid care?", r"Unpaid care harmonised standard"),
            ("do they own their home or rent", r"Tenure harmonised standard"),
            ("which standard covers pet ownership", r"No harmonised standard covers"),
        ],
    )


def test_questions_are_logged_as_chat_contacts_once(bot: BotCore, database: FakeDatabase) -> None:
    # Andy Bates owns a tactic but is on neither the team nor the steering group: a user.
    andy = chat(bot, "Andy Bates")
    andy.say("which standard covers ethnicity", message_id="m1")
    andy.say("which standard covers ethnicity", message_id="m1")  # a retried delivery
    contacts = list(database.store.contacts.values())
    assert len(contacts) == 1
    assert contacts[0].channel is Channel.CHAT
    assert contacts[0].standard == "Ethnicity harmonised standard"
    assert contacts[0].name == "Andy Bates"


def test_the_team_asking_is_not_a_contact(bot: BotCore, database: FakeDatabase) -> None:
    chat(bot, "Becki Aquilina").say("which standard covers religion")
    assert database.store.contacts == {}


def test_the_steering_group_asking_is_not_a_contact(bot: BotCore, database: FakeDatabase) -> None:
    chat(bot, "Pete Brodie").say("which standard covers religion", message_id="sg-1")
    assert database.store.contacts == {}


def test_feedback_and_the_unanswered_list(bot: BotCore) -> None:
    pete = chat(bot, "Pete Brodie")
    assert_dialog(
        pete,
        [
            ("which standard covers smoking", r"No harmonised standard"),
            ("[Pass it to the team]", r"Passed .smoking. to the harmonisation team"),
            ("which standard covers ethnicity", r"Ethnicity"),
            ("[Not what I needed]", r"passed .ethnicity. to the harmonisation team"),
            ("unanswered questions", r"harmonisation team"),
        ],
    )
    assert_dialog(
        chat(bot, "Charlie Wroth-Smith"),
        [
            (
                "unanswered questions",
                (
                    r"^2 questions nobody could answer"
                    r"(?=.*.ethnicity. \(Pete Brodie, not what they needed\))"
                    r"(?=.*.smoking. \(Pete Brodie\))"
                ),
            ),
        ],
    )


def test_the_plan_as_an_owner_sees_it(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("my tactics", r"#24 Present to ONS Directors Group"),
            ("what's overdue", r"#14 Present to GSS SPSC.*OVERDUE"),
            ("what's due in September", r"#20 Organise presenters.*17 Sep – 18 Sep 2026"),
            ("tactics for Q4", r"#31 Produce surveymonkey questionnaire"),
            (
                "show tactic 24",
                r"Tactic 24: Present to ONS Directors Group.*Accountable: Pete Brodie",
            ),
            ("plan summary", r"Plan 2026: 34 tactics"),
        ],
    )


def test_what_is_due_this_week(bot: BotCore) -> None:
    # Monday 6 July 2026: July's tactics are due this week.
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("what's due this week", r"#22 Joint communication with the Good Practice team"),
        ],
    )


def test_an_owner_marks_a_tactic_done_and_it_stays_done(
    bot: BotCore, database: FakeDatabase
) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("tactic 24 done", r"Marked tactic 24 complete"),
            ("show tactic 24", r"Status: complete"),
        ],
    )
    tactic = database.store.tactics[(2026, 24)]
    assert tactic.history[-1].by == "Pete Brodie"


def test_someone_else_cannot_change_a_tactic(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Andy Bates"),
        [
            (
                "tactic 24 done",
                (
                    r"Only the owners of tactic 24 \(Pete Brodie\) or the harmonisation "
                    r"team can change it"
                ),
            ),
        ],
    )
    assert_dialog(
        chat(bot, "a stranger"),
        [
            ("snooze tactic 24 to 1 October", r"Only the owners"),
        ],
    )


def test_buttons_work_like_typing(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("show tactic 24", r"Tactic 24"),
            ("[Snooze a week]", r"Snoozed tactic 24 for you until Monday 13 July 2026"),
            ("show tactic 24", r"Snoozed for you until: 13 July 2026"),
            ("[Done]", r"Mark tactic 24 complete\? Present to ONS Directors Group"),
            ("[Yes, mark complete]", r"Marked tactic 24 complete"),
        ],
    )


def test_snooze_assign_and_add_a_tactic(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            ("snooze tactic 12 to 1 October", r"until Thursday 1 October 2026"),
            ("assign tactic 12 to Pete Brodie", r"Tactic 12 is now with Pete Brodie"),
            ("add tactic", r"What is the tactic called"),
            ("Quarterly newsletter", r"When is it due"),
            ("next Tuesday-ish", r"cannot read the timing.*When is it due"),
            ("November", r"Who is accountable"),
            ("Palvi Shah", r"Added tactic 35.*Quarterly newsletter.*November"),
            (
                "add tactic Webinar on ethnicity due 14th October owner Charlie Wroth-Smith",
                r"Added tactic 36",
            ),
            ("add tactic", r"called"),
            ("cancel", r"Cancelled"),
        ],
    )
    assert database.store.tactics[(2026, 12)].owners == ("Pete Brodie",)
    assert database.store.tactics[(2026, 35)].owners == ("Palvi Shah",)


def test_meeting_actions(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Palvi Shah"),
        [
            ("my actions", r"Action 6 .*Palvi to highlight"),
            ("action 6 done", r"Marked action 6 of 10 July 2026 done"),
            ("add action circulate the VQB paper for Emma Wright", r"Added action 11"),
            ("open actions", r"circulate the VQB paper — Emma Wright"),
        ],
    )


def test_contacts_are_for_the_team_only(bot: BotCore, database: FakeDatabase) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("who contacted us this month", r"harmonisation team"),
            (
                "log contact: Jane Smith, Leeds City Council, asked about ethnicity by email",
                r"harmonisation team",
            ),
        ],
    )
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            (
                "log contact: Jane Smith, Leeds City Council, asked about ethnicity by email",
                r"Logged a contact with Jane Smith.*Channel: inbox.*Topic: Ethnicity harmonised",
            ),
            ("who contacted us this month", r"1 contacts.*Jane Smith \(Leeds City Council"),
            ("baseline", r"Contacts by organisation type"),
        ],
    )


def test_organisations_are_read_as_people_type_them(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Becki Aquilina"),
        [
            (
                "log contact: Sam Patel, leeds city council, asked about ethnicity by email",
                r"Organisation: Leeds City Council.*Type: Local Government",
            ),
            (
                "log contact: Ann Lee, Little Snoring Parish Council, asked about tenure",
                r"Type: Local Government.*new to the directory: I've filed it as Local Gov",
            ),
        ],
    )


def test_help_and_things_the_bot_does_not_understand(bot: BotCore) -> None:
    assert_dialog(
        chat(bot, "Pete Brodie"),
        [
            ("help", r"which standard covers ethnicity.*my tactics.*open actions"),
            ("", r"What I can do"),
            ("my tacticz", r"didn't understand.*Did you mean 'my tactics'"),
            ("whats overdew", r"Did you mean 'what's overdue'"),
            ("unpaid care", r"Unpaid care harmonised standard"),
            ("tactic 99", r"No tactic 99"),
        ],
    )


def test_help_hides_team_commands_from_members(bot: BotCore) -> None:
    member = chat(bot, "Pete Brodie").say("help").text
    team = chat(bot, "Becki Aquilina").say("help").text
    assert "log contact" not in member and "log contact" in team


def test_every_command_has_help_and_its_examples_reach_it(bot: BotCore) -> None:
    for command in bot.router.commands:
        assert command.help.strip(), command.name
        if not command.group:
            assert command.actions or command.resumes, f"{command.name} is never reached"
            continue
        assert command.examples, command.name
        for example in command.examples:
            incoming = Incoming(actor=Actor(platform="console", user_id="x"), text=example, at=NOW)
            route = bot.router.route(incoming)
            assert route is not None and route.command is command, example
