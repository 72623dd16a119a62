"""Checking a draft survey question against the standard it should follow, in chat."""

from __future__ import annotations

import re

from bot.command import Args, Command
from bot.keys import message_key
from bot.messages import Reply
from bot.turn import Turn
from bot.views import checks as view
from commplan.compliance import DraftQuestion, read_draft
from commplan.services.compliance import CheckedFor, check_questions

MAX_QUESTIONS = 20
_BLANK_LINE = re.compile(r"\n\s*\n")
# The command's own words, matched on the message as typed: the router's tidied text has
# lost the line breaks that separate a pasted question's options.
_LEAD = re.compile(
    r"^\W*(?:(?:hi|hello|hey|please|pls|can\s+you|could\s+you)\W+)*(?:check\s+(?:my|this|our|a"
    r"|the)\s+(?:draft\s+)?(?:survey\s+)?questions?(?:\s+against\s+the\s+standards?)?|is\s+this"
    r"\s+(?:survey\s+)?question\s+(?:compliant|harmoni[sz]ed|ok|okay|right))\s*[:?\-]?\s*",
    re.I,
)


_CHECK = (
    r"(?:please |can you |could you )?check (?:my|this|our|a|the) (?:draft )?(?:survey )?"
    r"questions?(?: against the standards?)?\s*[:\-]?\s*(?P<draft>.*)"
)
_IS_THIS = (
    r"is this (?:survey )?question (?:compliant|harmoni[sz]ed|ok|okay|right)\s*[:?\-]?"
    r"\s*(?P<draft>.*)"
)


def check(turn: Turn, args: Args) -> Reply:
    """Each pasted question (blank lines between several) checked and logged as a contact."""
    typed = turn.incoming.text
    lead = _LEAD.match(typed)
    drafts = drafts_in(typed[lead.end() :] if lead else args.text("draft"))
    if not drafts:
        return view.ask_for_the_question()
    checks = check_questions(
        turn.deps.uow(),
        drafts,
        index=turn.deps.standards(),
        checked_for=CheckedFor(
            key=message_key(turn.incoming),
            at=turn.now,
            person=turn.person,
            name=turn.who,
            email=turn.incoming.actor.email,
        ),
    )
    return view.checked(checks)


def drafts_in(text: str) -> list[DraftQuestion]:
    """The drafts in a pasted message: one, or several separated by blank lines."""
    blocks = [b for b in _BLANK_LINE.split(text.strip()) if b.strip()]
    if len(blocks) > 1 and all("?" in b for b in blocks):
        return [read_draft(b) for b in blocks[:MAX_QUESTIONS]]
    draft = read_draft(text) if text.strip() else None
    return [draft] if draft and draft.question else []


COMMANDS = (
    Command(
        name="check my question",
        group="Standards",
        handler=check,
        help="Check a draft survey question and its options against the standard it should follow.",
        examples=("check my question: What is your ethnic group? White / Mixed / Asian / Other",),
        patterns=(_CHECK, _IS_THIS),
    ),
)
