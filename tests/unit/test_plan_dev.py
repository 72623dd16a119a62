"""Plan questions, chatter and topic questions as people write them in Slack (our own dev set).

tests/eval/plan_dev.jsonl is written apart from the evaluation's messages: plan and people
questions with the command that answers them, chatter, and topic questions that must be
neither. Run this file as a script to list the misses.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from commplan.understanding import PlanKind, PlanQuestion, plan_question, read

DEV = Path(__file__).resolve().parents[1] / "eval" / "plan_dev.jsonl"
FLOOR = 0.95

_FIXED = {
    PlanKind.MY_TACTICS: "my tactics",
    PlanKind.MY_ACTIONS: "my actions",
    PlanKind.OVERDUE: "what's overdue",
    PlanKind.OPEN_ACTIONS: "open actions",
    PlanKind.ACTIONS_FOR: "open actions",
    PlanKind.SUMMARY: "plan summary",
    PlanKind.GONE_QUIET: "who has gone quiet",
    PlanKind.TOPICS_RISING: "topics on the rise",
    PlanKind.INBOX: "inbox",
    PlanKind.STANDARDS_REVIEW: "standards due for review",
    PlanKind.OWNED_BY: "tactics owned by <person>",
    PlanKind.SEARCH: "search tactics <words>",
    PlanKind.SHOW_TACTIC: "show tactic <n>",
    PlanKind.SHOW_ACTION: "show action <n>",
    PlanKind.CONTACTS: "who contacted us this month",
    PlanKind.BASELINE: "baseline",
    PlanKind.PHASE: "tactics for Q<n>",
}
_MONTHS = "january february march april may june july august september october november december"


def command(question: PlanQuestion | None) -> str | None:
    """The eval's name for the command a question goes to (as bot/commands/plan_questions)."""
    if question is None:
        return None
    if question.kind is PlanKind.WHO_OWNS:
        # A term opens the tactic it names; no term lists every owner.
        return "show tactic <n>" if question.term else "who owns what"
    if question.kind is PlanKind.DUE:
        period = question.period.lower()
        if period in _MONTHS.split():
            return "what's due in <month>"
        if len(period) == 2 and period[0] == "q":
            return "tactics for Q<n>"
        return "what's due this week"
    return _FIXED[question.kind]


def misses() -> list[tuple[str, str, object, object]]:
    found = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        reading = read(row["text"])
        question = None if reading.chatter else command(plan_question(reading))
        # As the bot's fallback: thanks or small talk around statements that ask nothing is
        # chatter (unless the catalogue is sure of a topic, which this file does not consult).
        small_talk = reading.sociable and not reading.asked and question is None
        got: object = "chat" if reading.chatter or small_talk else question
        want: object = "chat" if row["kind"] == "chat" else row["expected"]
        if got != want:
            found.append((row["kind"], row["text"], want, got))
    return found


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]


def test_the_dev_set_is_big_and_varied_enough() -> None:
    rows = _rows()
    kinds = [row["kind"] for row in rows]
    assert kinds.count("plan") >= 120
    assert kinds.count("chat") >= 40
    assert kinds.count("topic") >= 40
    assert len({row["expected"] for row in rows if row["kind"] == "plan"}) >= 18


def test_plan_questions_chatter_and_topics_are_told_apart() -> None:
    rows = _rows()
    wrong = misses()
    assert 1 - len(wrong) / len(rows) >= FLOOR, wrong


def test_no_topic_question_is_taken_for_the_plan_or_chatter() -> None:
    assert [m for m in misses() if m[0] == "topic"] == []


if __name__ == "__main__":
    rows = _rows()
    wrong = misses()
    for kind in ("plan", "chat", "topic"):
        total = sum(1 for r in rows if r["kind"] == kind)
        bad = sum(1 for m in wrong if m[0] == kind)
        sys.stdout.write(f"{kind}: {total - bad}/{total}\n")
    for miss in wrong:
        sys.stdout.write(" | ".join(map(str, miss)) + "\n")
