"""The neutral message model: what any chat sends in and what the bot sends back.

A reply always has plain text; blocks (:mod:`bot.blocks`) are an optional richer form every
renderer can draw (Block Kit, Adaptive Cards, HTML, console text), and the text is derived
from them when not written. A button press comes back as an ordinary ``Incoming`` whose
``action`` is set, so the same router handles it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from bot.blocks import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Divider,
    Fields,
    Header,
    Image,
    Link,
    Text,
)
from bot.plain import plain_text

# The blocks are part of the message model: adapters import them from here.
__all__ = [
    "DUPLICATE",
    "Action",
    "Actor",
    "Block",
    "Bullets",
    "Button",
    "Buttons",
    "Context",
    "Divider",
    "Fields",
    "Header",
    "Image",
    "Incoming",
    "Intent",
    "Link",
    "Reply",
    "Text",
]


@dataclass(frozen=True, kw_only=True)
class Actor:
    """Who is talking, as far as the platform knows."""

    platform: str
    user_id: str
    name: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class Action:
    """A button press: the button's action id and value."""

    action_id: str
    value: str = ""


@dataclass(frozen=True, kw_only=True)
class Incoming:
    """One message or button press from a chat, with any bot mention already stripped.

    ``message_id`` is the platform's id for it (Slack event id, Teams activity id); the same id
    twice is the same message, so a retried delivery is answered and logged once (the second
    reply has the intent :data:`DUPLICATE`). Without an id every message is answered.
    """

    actor: Actor
    text: str
    at: datetime
    conversation: str = ""
    message_id: str = ""
    action: Action | None = None
    direct: bool = True


class Intent(enum.StrEnum):
    """What a reply answers, by name: ``harmonibot ask --json`` prints it and tests read it,
    so a value never changes once given."""

    # Any command
    HELP = "help"
    UNKNOWN = "unknown"
    ERROR = "error"
    INVALID = "invalid"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    #: The reply to a message answered before (a retried delivery): chats drop it.
    DUPLICATE = "duplicate"
    WELCOME = "welcome"
    #: A greeting, thanks or sign-off alone: answered briefly, never taken for a question.
    CHATTER = "chatter"
    # Standards
    STANDARD_ANSWER = "standard_answer"
    STANDARD_UNANSWERED = "standard_unanswered"
    STANDARD_OFFER = "standard_offer"
    FEEDBACK_HELPFUL = "feedback_helpful"
    FEEDBACK_NOT_NEEDED = "feedback_not_needed"
    PASSED_TO_TEAM = "passed_to_team"
    UNANSWERED_QUESTIONS = "unanswered_questions"
    STANDARDS_A_Z = "standards_a_z"
    STANDARDS_ABOUT = "standards_about"
    STANDARDS_DUE_FOR_REVIEW = "standards_due_for_review"
    QUESTION_CHECK = "question_check"
    TACTIC_IMPACT = "tactic_impact"
    OBJECTIVE_PROGRESS = "objective_progress"
    # Plan
    MY_TACTICS = "my_tactics"
    DUE_THIS_WEEK = "due_this_week"
    DUE_IN_MONTH = "due_in_month"
    OVERDUE = "overdue"
    TACTICS_FOR_PHASE = "tactics_for_phase"
    SHOW_TACTIC = "show_tactic"
    TACTIC_DONE = "tactic_done"
    TACTIC_SNOOZED = "tactic_snoozed"
    TACTIC_ASSIGNED = "tactic_assigned"
    TACTIC_DATED = "tactic_dated"
    TACTIC_ADDED = "tactic_added"
    TACTIC_STATUS = "tactic_status"
    TACTIC_CONFIRM = "tactic_confirm"
    TACTIC_EDITED = "tactic_edited"
    TACTIC_HISTORY = "tactic_history"
    ADD_TACTIC_QUESTION = "add_tactic_question"
    ADD_TACTIC_CANCELLED = "add_tactic_cancelled"
    PLAN_SUMMARY = "plan_summary"
    TACTICS_OWNED_BY = "tactics_owned_by"
    SEARCH_TACTICS = "search_tactics"
    # Meeting actions
    OPEN_ACTIONS = "open_actions"
    MY_ACTIONS = "my_actions"
    SHOW_ACTION = "show_action"
    ACTION_DONE = "action_done"
    ACTION_SNOOZED = "action_snoozed"
    ACTION_DATED = "action_dated"
    ACTION_ADDED = "action_added"
    ACTION_AMBIGUOUS = "action_ambiguous"
    ACTION_CONFIRM = "action_confirm"
    ACTION_EDITED = "action_edited"
    ACTION_HISTORY = "action_history"
    # Contacts and reports
    CONTACT_LOGGED = "contact_logged"
    CONTACT_DUPLICATE = "contact_duplicate"
    WHO_CONTACTED = "who_contacted"
    BASELINE = "baseline"
    GAPS = "gaps"
    TOPICS_ON_THE_RISE = "topics_on_the_rise"
    DASHBOARD = "dashboard"
    DASHBOARD_DIRECT_ONLY = "dashboard_direct_only"
    # Inbox
    INBOX_NEW_QUERY = "inbox_new_query"
    OPEN_QUERIES = "open_queries"
    QUERY_TAKEN = "query_taken"
    QUERY_CLOSED = "query_closed"
    QUERY_CORRECT = "query_correct"
    QUERY_CORRECT_CHOICES = "query_correct_choices"
    QUERY_CORRECT_QUESTION = "query_correct_question"
    QUERY_CORRECT_CANCELLED = "query_correct_cancelled"
    QUERY_CORRECTED = "query_corrected"
    # The clock's messages
    DIGEST = "digest"
    NUDGE_BEFORE = "nudge_before"
    NUDGE_DUE = "nudge_due"
    NUDGE_OVERDUE = "nudge_overdue"
    NUDGE_TBC = "nudge_tbc"
    NUDGE_REVIEW = "nudge_review"
    NUDGE_UNANSWERED = "nudge_unanswered"
    NUDGE_UNREACHABLE = "nudge_unreachable"


#: Kept by name: chats and tests compare replies with it.
DUPLICATE = Intent.DUPLICATE


@dataclass(frozen=True, kw_only=True)
class Reply:
    """What the bot says: plain text plus optional blocks.

    ``text`` is derived from the blocks (see :mod:`bot.plain`) unless given; give it only
    where it must differ from them, such as a notification preview. ``intent`` names what
    the reply answers (an :class:`Intent`; a plain string still reads the same) and ``data``
    carries its result as plain JSON values, for ``harmonibot ask --json`` and tests.
    """

    text: str = ""
    blocks: tuple[Block, ...] = ()
    intent: str = ""
    data: dict[str, object] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.text and self.blocks:
            # Frozen, so set through object; this is still construction.
            object.__setattr__(self, "text", plain_text(self.blocks))

    def extended(self, *blocks: Block) -> Reply:
        """This reply with more blocks after its own, and its text derived from them all."""
        own = self.blocks or ((Text(text=self.text),) if self.text else ())
        return Reply(blocks=(*own, *blocks), intent=self.intent, data=self.data)

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(
            b for block in self.blocks if isinstance(block, Buttons) for b in block.buttons
        )
