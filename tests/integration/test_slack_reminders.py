"""Reminders as Slack users get them, through the recording stand-in for the Web API: the first
sweep on the demo data sends each person one message at most, and a week of daily sweeps sends
each at most one a day, never about the same item on two consecutive days."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from adapters.cli.main import main
from tests.integration.slack.thread import recording_slack
from tests.integration.slack.workspace import seed_workspace, slack_environment, slack_users

# Monday 7 to Friday 11 September 2026: the plan's first half is long overdue by then.
WEEK = [date(2026, 9, 7) + timedelta(days=n) for n in range(5)]


def test_a_week_of_sweeps_sends_each_person_one_message_a_day_at_most(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = seed_workspace(tmp_path)
    with recording_slack(slack_users()) as slack:
        for key, value in slack_environment(url, slack.api_url).items():
            monkeypatch.setenv(key, value)
        posts_by_day: dict[date, Counter[str]] = {}
        items_by_day: dict[date, set[tuple[str, str]]] = {}
        seen = 0
        for day in WEEK:
            capsys.readouterr()
            assert main(["nudges", "--at", f"{day.isoformat()}T09:30", "--json"]) == 0
            sent = json.loads(capsys.readouterr().out)
            items_by_day[day] = {(n["person"], n["item"]) for n in sent}
            posts = slack.recorder.recorded("chat.postMessage")
            posts_by_day[day] = Counter(p.body["channel"] for p in posts[seen:])
            seen = len(posts)
    first = posts_by_day[WEEK[0]]
    # The first sweep: every Slack user with something due hears, once.
    assert set(first) == {"DPETE", "DBECKI", "DPALVI", "DEMMA"}
    assert max(first.values()) == 1
    for day in WEEK:
        assert all(n == 1 for n in posts_by_day[day].values()), (day, posts_by_day[day])
    days: dict[tuple[str, str], list[date]] = defaultdict(list)
    for day in WEEK:
        for pair in items_by_day[day]:
            days[pair].append(day)
    for pair, sent_on in days.items():
        for earlier, later in zip(sent_on, sent_on[1:], strict=False):
            assert (later - earlier).days > 1, (pair, sent_on)
    # The first day's summary reads as one: counts first, each item with its own buttons.
    opening = next(
        p for p in slack.recorder.recorded("chat.postMessage") if p.body["channel"] == "DPETE"
    )
    assert opening.body["text"].startswith("Your reminders: ")
    assert "Reply 'help'" not in opening.text()
