"""Tactics measured against the baseline (issue 20): rate ratios with honest intervals, the
audience a tactic reaches, objectives' progress, and the chat that asks about them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.core import BotCore
from bot.views.digest import digest_reply
from commplan.contacts import Channel, Contact
from commplan.impact import Change, audience_groups, rate_ratio
from commplan.organisations import UserGroup
from commplan.services.digest import digest_for
from commplan.services.impact import impact_json, tactics_impact
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW
from tests.unit.bot.transcript import Chat

SPSC = 14  # "Present to GSS SPSC", 13 April, to GSS senior managers and heads of profession


def _log(database: FakeDatabase, group: UserGroup, days: list[date]) -> None:
    with database() as repos:
        for n, day in enumerate(days):
            repos.contacts.add(
                Contact(
                    on=day,
                    channel=Channel.INBOX,
                    name=f"Someone {group} {n}",
                    user_group=group,
                    source_ref=f"test:{group}:{day}:{n}",
                )
            )
        repos.commit()


@pytest.fixture
def measured(database: FakeDatabase) -> FakeDatabase:
    start = date(2026, 4, 13)
    after = [start + timedelta(days=5 * n) for n in range(9)]
    before = [start - timedelta(days=10), start - timedelta(days=30)]
    _log(database, UserGroup.OTHER_GOVERNMENT, after + before)
    _log(database, UserGroup.ACADEMIC, after)  # not the talk's audience
    return database


@pytest.mark.parametrize(
    "after, before, change",
    [(9, 2, Change.MORE), (3, 2, Change.UNCLEAR), (0, 0, Change.UNCLEAR), (1, 12, Change.FEWER)],
)
def test_a_change_is_claimed_only_when_the_interval_leaves_out_one(
    after: int, before: int, change: Change
) -> None:
    ratio = rate_ratio(after, before)
    assert ratio.change is change
    if after and before:
        assert ratio.low < after / before < (ratio.high or float("inf"))


def test_an_audience_reads_as_the_user_groups_it_reaches() -> None:
    assert audience_groups("Local Authorities and academics") == (
        UserGroup.SUB_NATIONAL,
        UserGroup.ACADEMIC,
    )
    assert audience_groups("Various") == ()  # everyone
    assert audience_groups("NSH SG") is None  # the steering group itself: no users to count


def test_a_talk_to_its_audience_is_measured_on_that_audience_alone(
    measured: FakeDatabase,
) -> None:
    report = tactics_impact(measured(), today=date(2026, 7, 6), plan_year=2026)
    (talk,) = [t for t in report.tactics if t.number == SPSC]
    assert (talk.ratio.after, talk.ratio.before) == (9, 2)
    assert talk.change is Change.MORE
    assert {u.why for u in report.unmeasured} >= {"no date yet"}
    document = impact_json(report)
    (row,) = [t for t in document["tactics"] if t["number"] == SPSC]  # type: ignore[union-attr]
    assert row["change"] == "more" and row["low"] > 1


def test_objectives_count_their_tactics_and_pool_their_contacts(measured: FakeDatabase) -> None:
    report = tactics_impact(measured(), today=date(2026, 7, 6), plan_year=2026)
    first = report.objectives[0]
    assert first.number == 1 and first.tactics > 0
    assert first.ratio.after >= 9  # the talk serves objective 1


def test_members_ask_in_their_words_whether_a_tactic_brought_contacts(
    measured: FakeDatabase, bot: BotCore
) -> None:
    becki = Chat(bot=bot, name="Becki Aquilina", at=NOW)
    reply = becki.say("Morning! Did the SPSC presentation bring us any more contacts?")
    assert reply.intent == "tactic_impact"
    assert "#14 Present to GSS SPSC" in reply.text
    assert "More contacts than before" in reply.text and "9 after, 2 before" in reply.text
    objective = becki.say("progress on objective 1")
    assert objective.intent == "objective_progress"
    assert "tactics complete" in objective.text


def test_the_digest_says_how_recent_tactics_are_heard(measured: FakeDatabase) -> None:
    # Monday 4 May: the SPSC talk of 13 April is three weeks old.
    text = digest_reply(digest_for(measured(), date(2026, 5, 4))).text
    assert "Recent tactics against the weeks before them" in text
    section = text.split("Recent tactics against the weeks before them")[1]
    line = next(line for line in section.splitlines() if line.startswith(f"- #{SPSC} "))
    # Counted to the end of the week reported, Sunday 3 May: 21 days after against the 21
    # before, too few contacts yet for the interval to leave out "no change".
    assert line == (
        f"- #{SPSC} Present to GSS SPSC (from 13 Apr): no clear change "
        "(5 after, 1 before: 5.0×, 95% interval 0.8 to 32.3)"
    )
    # By September it is old news, and the section names only newer tactics.
    later = digest_for(measured(), date(2026, 9, 7))
    assert SPSC not in {i.number for i in later.impact}
    assert all(i.start > date(2026, 7, 6) for i in later.impact)
