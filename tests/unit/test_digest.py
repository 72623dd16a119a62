"""The digest's content, hand-checked on a small plan."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.messages import Bullets, Image, Text
from bot.views.digest import days, digest_reply
from commplan.contacts import Channel, Contact
from commplan.digest import build_digest
from commplan.meetings import MeetingAction
from commplan.organisations import OrgType
from commplan.plan import DueWindow, Phase, Status, StatusChange, Tactic
from commplan.queries import InboxQuery, QueryState
from commplan.questions import Question
from commplan.services.digest import digest_for
from commplan.standards import Standard
from commplan.workdays import WorkingDays
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

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
        tactic(5, date(2026, 8, 1), date(2026, 9, 30)),  # running all week: not due, not overdue
        tactic(10, date(2026, 7, 1), date(2026, 9, 10)),  # ends this week: due
        tactic(11, date(2026, 4, 1), date(2026, 6, 30), status=Status.ONGOING),  # on-going
        tactic(
            6,
            date(2026, 8, 1),
            status=Status.COMPLETE,
            history=(StatusChange(status=Status.COMPLETE, at=done_at, by="Pete"),),
        ),
        tactic(7, None),
        # Completed on the digest's day (this week, not last) and the day before last week.
        *(
            tactic(
                n,
                date(2026, 8, 1),
                status=Status.COMPLETE,
                history=(StatusChange(status=Status.COMPLETE, at=when, by="Pete"),),
            )
            for n, when in (
                (8, datetime(2026, 9, 7, 8, tzinfo=UTC)),
                (9, datetime(2026, 8, 30, 18, tzinfo=UTC)),
            )
        ),
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
    # "Due" is a window that opens or closes in the coming week, not one open all along.
    assert [t.number for t in digest.due] == [10, 1, 2]
    assert [t.number for t in digest.overdue] == [4]
    assert [t.number for t in digest.ongoing] == [11]
    assert [t.number for t in digest.undated] == [7]
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

    # Due looks ahead from the Monday; the rest looks back over the seven days before it.
    assert (digest.week_start, digest.week_end) == (date(2026, 9, 7), date(2026, 9, 14))
    assert (digest.reported_first, digest.reported_last) == (date(2026, 8, 31), date(2026, 9, 6))

    reply = digest_reply(digest, dashboard_url="https://harmonibot.example/dashboard")
    assert reply.text.startswith("Weekly digest for Monday 7 September 2026")
    for heading in (
        (
            "Due: Mon 7 – Mon 14 Sep 2026. Completed, contacts, topics and the inbox: "
            "last week, Mon 31 Aug – Sun 6 Sep 2026."
        ),
        "Starting or ending in the next 7 days, Mon 7 – Mon 14 Sep 2026 (3)",
        "Overdue (1)",
        "Needs a date (1)",
        "Completed last week, Mon 31 Aug – Sun 6 Sep (1)",
        "Open actions (1)",
        "Contacts last week, Mon 31 Aug – Sun 6 Sep: 4, by organisation type",
        "Top topics last week, Mon 31 Aug – Sun 6 Sep",
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


def test_the_digest_counts_the_week_that_just_ended() -> None:
    db = FakeDatabase()
    with db() as uow:
        for n, (day, org_type) in enumerate(
            [
                (date(2026, 8, 30), OrgType.NHS),  # the Sunday before: the week before
                (date(2026, 8, 31), OrgType.NHS),  # last week's Monday
                (date(2026, 9, 6), OrgType.MEDIA),  # last week's Sunday
                (date(2026, 9, 6), OrgType.NHS),
                (date(2026, 9, 7), OrgType.NHS),  # the digest's own day: this week
                (date(2026, 6, 15), OrgType.NHS),  # the first of the twelve weeks charted
                (date(2026, 6, 14), OrgType.NHS),  # before them
            ]
        ):
            uow.contacts.add(
                Contact(
                    on=day,
                    channel=Channel.INBOX,
                    org_type=org_type,
                    standard="Ethnicity" if day == date(2026, 9, 7) else "Tenure",
                    source_ref=f"c{n}",
                )
            )
        uow.commit()
    digest = digest_for(db(), MONDAY, zone=LONDON)
    assert digest.contacts_total == 3
    assert digest.top_topics == (("Tenure", 3),)
    weeks = [week for week, _ in digest.weekly_history]
    assert len(weeks) == 12 and (weeks[0], weeks[-1]) == (date(2026, 6, 15), date(2026, 8, 31))
    assert dict(digest.weekly_history[-1][1]) == {OrgType.NHS.value: 2, OrgType.MEDIA.value: 1}
    # All but the 14 June one and the digest day's own (the Sunday before is in its week).
    assert sum(sum(counts.values()) for _, counts in digest.weekly_history) == 5


def test_the_digest_shows_the_inbox_figures() -> None:
    db = FakeDatabase()

    def at(month: int, day: int, hour: int) -> datetime:
        return datetime(2026, month, day, hour, tzinfo=LONDON)

    queries = [
        # Arrived the week before last, answered last Monday: answered last week, 336 hours.
        InboxQuery(
            key="older",
            thread="older",
            received_at=at(8, 17, 9),
            answered_at=at(8, 31, 9),
            state=QueryState.ANSWERED,
        ),
        InboxQuery(
            key="quick",
            thread="quick",
            received_at=at(9, 1, 9),
            answered_at=at(9, 1, 13),
            state=QueryState.ANSWERED,
        ),
        InboxQuery(
            key="slow",
            thread="slow",
            received_at=at(9, 2, 9),
            answered_at=at(9, 3, 15),
            state=QueryState.ANSWERED,
        ),
        # Open since Tuesday 1 September: three working days later is Friday the 4th.
        InboxQuery(
            key="waiting",
            thread="waiting",
            received_at=at(9, 1, 10),
            subject="Coding ethnicity",
            organisation="Leeds City Council",
        ),
        # Open since Friday 4 September: due Wednesday the 9th, not yet.
        InboxQuery(key="recent", thread="recent", received_at=at(9, 4, 10)),
    ]
    with db() as uow:
        for query in queries:
            uow.queries.add(query)
        uow.commit()
    digest = digest_for(db(), MONDAY, zone=LONDON, calendar=WorkingDays())
    inbox = digest.inbox
    assert inbox is not None
    assert (inbox.received, inbox.answered) == (4, 3)
    assert inbox.median_hours == 30.0  # of 336, 4 and 30 hours
    assert inbox.overdue_count == 1 and inbox.overdue[0].age_days == 6

    reply = digest_reply(digest, chart_png=b"\x89PNG fake")
    for line in (
        "Inbox last week, Mon 31 Aug – Sun 6 Sep:",
        "- New queries: 4",
        "- Answered: 3",
        "- Median time to first answer: 30 hours",
        "- Still open after 3 working days: 1 (as of now)",
        "Waiting longest for an answer (1):",
        "- Coding ethnicity (Leeds City Council, 6 days old)",
    ):
        assert line in reply.text.splitlines()
    [image] = [b for b in reply.blocks if isinstance(b, Image)]
    assert image.data == b"\x89PNG fake" and image.url == ""
    assert image.alt == (
        "Chart: contacts per week by organisation type, the 12 weeks from 15 Jun 2026 to 6 Sep 2026"
    )
    heading = reply.blocks.index(Text(text="Inbox last week, Mon 31 Aug – Sun 6 Sep"))
    assert isinstance(reply.blocks[heading + 1], Bullets)


def test_spans_of_days_name_both_ends() -> None:
    assert days(date(2026, 9, 14), date(2026, 9, 20)) == "Mon 14 – Sun 20 Sep 2026"
    assert days(date(2026, 8, 31), date(2026, 9, 6)) == "Mon 31 Aug – Sun 6 Sep 2026"
    assert days(date(2025, 12, 29), date(2026, 1, 4)) == "Mon 29 Dec 2025 – Sun 4 Jan 2026"
