"""Plan and team questions in words no command uses, as members write them, as transcripts."""

from __future__ import annotations

import pytest

from bot.core import BotCore
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat


@pytest.mark.parametrize(
    ("name", "message", "intent", "shown"),
    [
        (
            "Jacqui Jones",
            (
                "Hi both. Did the Welsh Government presentation actually lead to more contacts "
                "from them? Can you check the impact of tactic 17? Thanks"
            ),
            "tactic_impact",
            "#17 Present to Statistical Development Group",
        ),
        (
            "Pete Brodie",
            "Did the webinars (tactic 15) bring in any more users getting in touch?",
            "tactic_impact",
            "#15 Engage with users",
        ),
        (
            "Kate Bedford",
            (
                "Hi, sorry, new to the steering group. Who's actually in the harmonisation team? "
                "I'd like to know who to go to for what."
            ),
            "team_list",
            "Becki Aquilina",
        ),
        ("Palvi Shah", "any qs nobody could answer?", "unanswered_questions", ""),
        ("Emma Wright", "What reminders have I got at the moment?", "my_reminders", ""),
        (
            "Palvi Shah",
            "what's on my plate? overdue + upcoming, tactics and actions, the lot",
            "my_reminders",
            "",
        ),
        (
            "Pete Brodie",
            "Hi, I'm drafting an update. Can you pull up tactic 21 in full please?",
            "show_tactic",
            "Tactic 21",
        ),
        ("Palvi Shah", "what's the latest update on action 15?", "show_action", "Action 15"),
        (
            "Kate Bedford",
            "Where are we with the RSS user forum thing?",
            "search_tactics",
            "Royal Statistical Society",
        ),
        (
            "Emma Wright",
            "Hi both, is the Significance magazine article still on the plan? Who's leading it?",
            "search_tactics",
            "Significance",
        ),
        (
            "Becki Aquilina",
            (
                "Hi, I'm drafting the update for Jacqui. Which tactics is she personally "
                "accountable for? Just the open ones."
            ),
            "tactics_owned_by",
            "Jacqui Jones",
        ),
        (
            "Becki Aquilina",
            "Any meeting actions still sitting with me? Trying to tidy up before I go on leave.",
            "my_actions",
            "",
        ),
        ("Becki Aquilina", "baseline by organisation type pls", "baseline", "organisation type"),
        ("Palvi Shah", "feb - what have we got on the plan?", "due_in_month", "February"),
        (
            "Jacqui Jones",
            (
                "Hi, I'd be grateful for a steer on whether the RSS user forum, tactic 2, made "
                "any difference. Did we hear from more of its audience afterwards?"
            ),
            "tactic_impact",
            "#2 Royal Statistical Society",
        ),
        (
            "Emma Wright",
            (
                "Hi both. September always gets busy with the conference and I want to be "
                "ready. What have we planned to deliver that month? Thanks"
            ),
            "due_in_month",
            "September",
        ),
        ("Kate Bedford", "First week here! Who else is on the team?", "team_list", "Palvi Shah"),
        ("Becki Aquilina", "which tactics are down to Jan Thomas?", "tactics_owned_by", "Jan"),
        (
            "Pete Brodie",
            "Whats number 33 on the plan again? Who owns it and when's it due?",
            "show_tactic",
            "Tactic 33",
        ),
        (
            "Emma Wright",
            (
                "Meeting Pete tomorrow and don't want to be caught out. Which plan tactics is he "
                "accountable for at the mo?"
            ),
            "tactics_owned_by",
            "Pete Brodie",
        ),
        (
            "Becki Aquilina",
            (
                "Hi there, I'm covering for Jacqui while she's away. Which plan items sit with "
                "her, so I can chase on her behalf?"
            ),
            "tactics_owned_by",
            "Jacqui Jones",
        ),
        (
            "Kate Bedford",
            (
                "Could you please confirm whether the communication plan includes anything "
                "relating to LARIA, and if so who is responsible? Thank you."
            ),
            "search_tactics",
            "LARIA",
        ),
        (
            "Pete Brodie",
            (
                "Hi, did the RSS user forum tactic (no. 2) actually bring in any contacts from LAs "
                "and academics? Trying to judge if it's worth repeating."
            ),
            "tactic_impact",
            "#2 Royal Statistical Society",
        ),
        (
            "Palvi Shah",
            (
                "Hi, quick one before I log off. From the steering group minutes, what am I still "
                "meant to be doing? Just the meeting actions please, not the plan."
            ),
            "my_actions",
            "",
        ),
        ("Pete Brodie", "What have we got lined up for Q3?", "tactics_for_phase", "Q3"),
        (
            "Emma Wright",
            "did tactic 15 (the webinars) move the needle at all?",
            "tactic_impact",
            "#15 Engage with users",
        ),
        (
            "Jacqui Jones",
            (
                "Morning. We did the Twitter account tactic, number 23. Has it had any effect on "
                "the number of people getting in touch? Cheers"
            ),
            "tactic_impact",
            "#23",
        ),
        (
            "Siobhan Carey",
            (
                "Good morning. Could you please confirm the current membership of the "
                "harmonisation team, including its administrators?"
            ),
            "team_list",
            "Becki Aquilina",
        ),
    ],
)
def test_the_plan_question_is_answered_by_the_command_that_answers_it(
    bot: BotCore, name: str, message: str, intent: str, shown: str
) -> None:
    reply = Chat(bot=bot, name=name, at=NOW).say(message)
    assert reply.intent == intent
    assert shown in reply.text
