"""Reading a message: markup, greetings and sign-offs removed; requests, context, follow-ups."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commands import builtin_commands
from bot.messages import Actor, Incoming
from bot.router import Router
from commplan.understanding import FollowUp, Role, read
from commplan.understanding.markup import plain


def roles(text: str) -> list[tuple[str, str]]:
    return [(s.role.value, s.text) for s in read(text).sentences]


def test_a_long_post_is_split_into_context_requests_and_follow_ups() -> None:
    reading = read(
        "Hi team, hope you're well. We're redesigning our residents' survey and want to ask "
        "about caring. Which standard should we use? Is it still under review? Many thanks, Jo"
    )
    assert reading.greeted and reading.signed_off
    assert reading.context == (
        "We're redesigning our residents' survey and want to ask about caring.",
    )
    assert reading.requests == ("Which standard should we use?", "Is it still under review?")
    assert reading.follow_ups == (FollowUp.STATUS,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi team, which standard covers ethnicity?", "which standard covers ethnicity?"),
        ("Morning all!\n\nethnicity standard?", "ethnicity standard?"),
        ("Hello Becki, what's overdue?", "what's overdue?"),
        ("Good afternoon everyone - is there one for religion?", "is there one for religion?"),
        ("hey harmonibot: unpaid care", "unpaid care"),
        (
            "Dear colleagues,\nI hope this finds you well.\nIs there a loneliness measure?",
            "Is there a loneliness measure?",
        ),
        (
            "Quick question - do you have a standard for sexual orientation?",
            "do you have a standard for sexual orientation?",
        ),
    ],
)
def test_greetings_and_pleasantries_are_not_part_of_the_question(text: str, expected: str) -> None:
    assert read(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Is there a tenure standard?\n\nMany thanks,\nJo",
        "Is there a tenure standard? Thanks in advance!",
        "Is there a tenure standard?\nCheers",
        (
            "Is there a tenure standard?\n\nBest wishes\nDr A Smith\nSenior Analyst\n"
            "Office for National Statistics\nTel: 01633 123456\na.smith@example.gov.uk"
        ),
        "Is there a tenure standard?\n\n--\nSam Jones | Housing Analyst | Leeds City Council",
        (
            "Is there a tenure standard?\n\nDiolch yn fawr,\nCarys\nYstadegydd / Statistician\n"
            "Welsh language skills: fluent."
        ),
        "Is there a tenure standard?\n\nSent from my iPhone",
    ],
)
def test_sign_offs_and_signatures_are_cut(text: str) -> None:
    reading = read(text)
    assert reading.text == "Is there a tenure standard?"
    assert reading.requests == ("Is there a tenure standard?",)


def test_a_thanks_that_goes_on_to_ask_keeps_the_question() -> None:
    reading = read("Thanks for the ethnicity answer, now what about religion?")
    assert reading.requests == ("what about religion?",)


@pytest.mark.parametrize(
    "text", ["thanks!", "ok cheers", "Morning all :wave:", "👍", "good morning"]
)
def test_chatter_says_nothing(text: str) -> None:
    reading = read(text)
    assert reading.chatter
    assert reading.text == ""


def test_slack_markup_becomes_plain_text() -> None:
    marked = plain(
        "<@U0BOT> is there a *harmonised* _question_ on ~smoking~ `loneliness`? :pray: "
        "see <https://example.org/x|our draft> and <https://example.org/y> <#C01|general> <!here>"
    )
    assert marked.text == (
        "is there a harmonised question on smoking loneliness? see our draft and general"
    ).replace("general", "#general")
    assert marked.mentions == ("@U0BOT",)
    assert marked.links == ("https://example.org/x", "https://example.org/y")


def test_slack_mention_with_a_name_keeps_the_name() -> None:
    assert plain("actions for <@U042|becki>").text == "actions for @becki"


def test_teams_html_and_entities_become_plain_text() -> None:
    marked = plain("<at>Harmonibot</at> which standard<br>covers <b>tenure</b> &amp; rent?")
    assert marked.text == "which standard\ncovers tenure & rent?"


def test_quoted_lines_and_forwarded_mail_are_kept_apart() -> None:
    reading = read(
        "Can you help with this one?\n> which standard covers religion\n"
        "---------- Forwarded message ---------\nFrom: A Resident <r@example.com>\n"
        "Subject: Census\n\nWhy do you ask about my home?"
    )
    assert reading.requests == ("Can you help with this one?",)
    assert "which standard covers religion" in reading.quoted
    assert "Why do you ask about my home?" in reading.quoted
    assert "From:" not in reading.quoted


def test_a_line_break_ends_a_sentence_unless_the_next_line_continues_it() -> None:
    assert roles("Good afternoon,\nI work for a council\nand we are looking at\nhow to ask.") == [
        ("request", "I work for a council and we are looking at how to ask.")
    ]


def test_a_bare_topic_is_the_request() -> None:
    assert roles("unpaid care") == [("request", "unpaid care")]


def test_requests_are_recognised_without_a_question_mark() -> None:
    reading = read(
        "We run a housing survey. I'd like to know which tenure categories to use. "
        "Looking for the latest version. Our deadline is Friday."
    )
    assert reading.requests == (
        "I'd like to know which tenure categories to use.",
        "Looking for the latest version.",
    )
    assert FollowUp.VERSION in reading.follow_ups


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Is it still under review?", FollowUp.STATUS),
        ("which version is current?", FollowUp.VERSION),
        ("When was it last updated?", FollowUp.REVIEW),
        ("Has the standard been published yet?", FollowUp.STATUS),
    ],
)
def test_follow_ups_about_a_standard(text: str, kind: FollowUp) -> None:
    assert kind in read(text).follow_ups


def test_abbreviations_do_not_end_sentences() -> None:
    reading = read("Is there a standard with levels (e.g. a few words / fluent)? Thanks")
    assert [s.role for s in reading.sentences] == [Role.REQUEST]


def route(text: str) -> str | None:
    router = Router(builtin_commands())
    actor = Actor(platform="console", user_id="u")
    for candidate in read(text).commands():
        found = router.route(Incoming(actor=actor, text=candidate, at=datetime.now(UTC)))
        if found is not None:
            return found.command.name
    return None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("Hi bot, tactic 12 is done now - the blog went out this morning.", "tactic <n> done"),
        ("Please snooze tactic 9 until 3 March, thanks", "snooze tactic <n> to <date>"),
        ("Hey, could you mark action 4 as done?", "action <n> done"),
        ("Morning! Could you show me what's overdue please? Thanks", "what's overdue"),
        ("standards A-Z please", "standards A-Z"),
    ],
)
def test_a_command_inside_a_longer_post_reaches_the_router(text: str, command: str) -> None:
    assert route(text) == command
