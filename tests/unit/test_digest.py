"""The digest's content, hand-checked on a small plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.digest_view import digest_reply
from commplan.digest import build_digest
from commplan.meetings import MeetingAction
from commplan.plan import DueWindow, Phase, Status, StatusChange, Tactic
from commplan.questions import Question
from commplan.standards import Standard

MONDAY = date(2026, 9, 7)


def tactic(number: int, start: date | None, end: date | None = None, **fields: object) -> Tactic:
    values: dict[str, object] = {
        "plan_year": 2026,
        "number": number,
        "name": f"Tactic {number}",
        "phase": Phase.Q3,
        "window": DueWindow(start=start, end=end or start) if start else None,
        "owners": ("Pete Brodie",),
        **fields,
    }
    return Tactic(**values)  # type: ignore[arg-type]


def test_due_overdue_and_completed_follow_the_definitions() -> None:
    done_at = datetime(2026, 9, 3, 12, tzinfo=UTC)
    tactics = [
        tactic(1, date(2026, 9, 7)),  # due on the first day
        tactic(2, date(2026, 9, 14)),  # due on the seventh day after
        tactic(3, date(2026, 9, 15)),  # one day too late to be due
        tactic(4, date(2026, 8, 1), date(2026, 8, 31)),  # overdue
        tactic(5, date(2026, 8, 1), date(2026, 9, 30)),  # running: due, not overdue
        tactic(
            6,
            date(2026, 8, 1),
            status=Status.COMPLETE,
            history=(StatusChange(status=Status.COMPLETE, at=done_at, by="Pete"),),
        ),
        tactic(7, None),
    ]
    digest = build_digest(
        at=MONDAY,
        tactics=tactics,
        actions=[
            MeetingAction(meeting_date=date(2026, 7, 10), number=1, text="a", responsible="x"),
            MeetingAction(
                meeting_date=date(2026, 7, 10), number=2, text="b", responsible="x", done=True
            ),
        ],
        contacts_by_type={"NHS": 3, "Media": 1},
        baseline_by_type={"NHS": 13, "Charity": 26},
        baseline_weeks=13,
        topics={"Ethnicity harmonised standard": 2, "": 5, "Tenure harmonised standard": 1},
        unanswered=[Question(key="q", text="smoking", asked_at=done_at)],
        standards=[
            Standard(name="Old", topic="t", covers="c", last_review=date(2015, 1, 1)),
            Standard(name="New", topic="t", covers="c", last_review=date(2025, 1, 1)),
        ],
    )
    assert [t.number for t in digest.due] == [5, 1, 2]
    assert [t.number for t in digest.overdue] == [4]
    assert [t.number for t in digest.completed] == [6]
    assert [a.number for a in digest.open_actions] == [1]
    assert digest.contacts_total == 4
    assert [(c.group, c.count, c.weekly_baseline) for c in digest.contacts_by_type] == [
        ("NHS", 3, 1.0),
        ("Media", 1, 0.0),
        ("Charity", 0, 2.0),
    ]
    assert digest.top_topics == (
        ("Ethnicity harmonised standard", 2),
        ("Tenure harmonised standard", 1),
    )
    assert [s.name for s in digest.due_for_review] == ["Old"]

    reply = digest_reply(digest, dashboard_url="https://harmonibot.example/dashboard")
    assert reply.text.startswith("Weekly digest: 7 Sep – 14 Sep 2026")
    for heading in (
        "Due in the next 7 days (3)",
        "Overdue (1)",
        "Completed last week (1)",
        "Open actions (1)",
        "Contacts this week: 4",
        "Top topics",
        "Questions nobody could answer (1)",
        "Standards due for review (1)",
        "Dashboard: https://harmonibot.example/dashboard",
    ):
        assert heading in reply.text


def test_long_sections_are_cut_with_a_count() -> None:
    many = [tactic(n, date(2026, 8, 1), date(2026, 8, 2)) for n in range(1, 41)]
    digest = build_digest(
        at=MONDAY,
        tactics=many,
        actions=[],
        contacts_by_type={},
        baseline_by_type={},
        baseline_weeks=13,
        topics={},
        unanswered=[],
        standards=[],
    )
    text = digest_reply(digest).text
    assert "Overdue (40)" in text and "… and 25 more" in text
