"""What a claim is for: one spelling for each kind of once-only work.

The kind is recorded with every claim (``claims.kind``), so that a look at the table says what
was sent or answered; it never decides anything.
"""

from __future__ import annotations

import enum


class ClaimKind(enum.StrEnum):
    # The nudges, spelt as their kind (``commplan.nudges.Kind``): rows claimed before this
    # enum existed keep reading the same.
    NUDGE_BEFORE = "before"
    NUDGE_DUE = "due"
    NUDGE_OVERDUE = "overdue"
    NUDGE_TBC = "tbc"
    NUDGE_REVIEW = "review"
    NUDGE_UNANSWERED = "unanswered"
    DIGEST = "digest"
    UNREACHABLE = "unreachable"
    INBOX_NOTICE = "inbox_notice"
    CHAT_MESSAGE = "chat_message"
    SLACK_EVENT = "slack_event"
    SLACK_COMMAND = "slack_command"
    SLACK_ACTION = "slack_action"
    TEAMS_ACTIVITY = "teams_activity"
    SIGNIN_NONCE = "signin_nonce"
