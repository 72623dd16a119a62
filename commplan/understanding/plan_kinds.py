"""The kinds of plan and people question, and the pieces their patterns share."""

from __future__ import annotations

import enum
import re


class PlanKind(enum.StrEnum):
    MY_TACTICS = "my_tactics"  # what do I own / my tasks
    MY_ACTIONS = "my_actions"  # my meeting actions
    DUE = "due"  # period: "this week", "next week", "today", "March", "Q2"...
    OVERDUE = "overdue"
    OWNED_BY = "owned_by"  # name: the tactics a person or group is accountable for
    WHO_OWNS = "who_owns"  # term: who is accountable for it; "" for the whole plan
    SEARCH = "search"  # term: tactics mentioning it
    OPEN_ACTIONS = "open_actions"
    ACTIONS_FOR = "actions_for"  # name
    PHASE = "phase"  # period: "Q1".."Q4"
    SUMMARY = "summary"
    SHOW_TACTIC = "show_tactic"  # number
    SHOW_ACTION = "show_action"  # number
    # The people side: who the team hears from (team members only, like the commands).
    CONTACTS = "contacts"  # period: "this month", "this week", "last month"
    GONE_QUIET = "gone_quiet"
    TOPICS_RISING = "topics_rising"
    BASELINE = "baseline"  # term: the field to break it down by, as written ("user group")
    INBOX = "inbox"
    STANDARDS_REVIEW = "standards_review"  # standards whose last review is old
    UNANSWERED = "unanswered"  # questions no standard answered
    TEAM_MEMBERS = "team_members"  # who is on the harmonisation team
    IMPACT = "impact"  # number: did the tactic bring contacts in
    MY_REMINDERS = "my_reminders"  # everything open with my name on it
    OBJECTIVES = "objectives"  # the plan's objectives


MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)


def patterns(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)
