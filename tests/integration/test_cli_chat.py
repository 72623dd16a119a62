"""The chat commands on the command line: ask, standards lookup, console chat, nudges, digest."""

from __future__ import annotations

import io
import json

import pytest

from tests.integration.cli import Cli


@pytest.fixture
def cli(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    cli = Cli(database_url, monkeypatch, capsys)
    cli.ok("seed", "--plan-year", "2026")
    return cli


def test_ask_json_gives_text_intent_and_data(cli: Cli) -> None:
    answer = cli.ok("ask", "which standard covers ethnicity", "--json").json()
    assert answer["intent"] == "standard_answer"
    assert answer["text"].startswith("Ethnicity harmonised standard")
    assert answer["data"]["matches"][0]["name"] == "Ethnicity harmonised standard"


def test_ask_as_an_owner_changes_the_plan(cli: Cli) -> None:
    done = cli.ok("ask", "tactic", "24", "done", "--as", "Pete Brodie", "--json").json()
    assert done["intent"] == "tactic_done"
    refused = cli.ok("ask", "tactic 25 done", "--as", "Andy Bates", "--json").json()
    assert refused["intent"] == "not_allowed"
    tactics = {t["id"]: t for t in cli.ok("tactics", "list", "--json").json()}
    assert tactics[24]["status"] == "complete" and tactics[25]["status"] == "planned"


def test_ask_dash_answers_each_stdin_line_as_its_own_turn(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages = (
        "Hello, which question should our survey use to ask about ethnicity? Thanks!\n"
        "\n"
        "who owns what\n"
        "thanks, that's brilliant\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(messages))
    lines = cli.ok("ask", "--as", "Pete Brodie", "--json", "-").out.splitlines()
    replies = [json.loads(line) for line in lines]
    assert [r["intent"] for r in replies] == ["standard_answer", "search_tactics", "chatter"]
    answer = replies[0]["data"]
    assert answer["answered"] is True
    assert answer["matches"][0]["name"] == "Ethnicity harmonised standard"
    assert set(answer["matches"][0]) == {"name", "score", "status", "url"}
    monkeypatch.setattr("sys.stdin", io.StringIO("what's overdue\nmy tactics\n"))
    shown = cli.ok("ask", "--as", "Pete Brodie", "-").out
    assert "Overdue tactics" in shown and "Your open tactics, Pete Brodie" in shown


def test_standards_lookup_reads_questions_from_stdin(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = "which standard covers ethnicity\n\nLGB monitoring\npet ownership\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(questions))
    lines = [json.loads(line) for line in cli.ok("standards", "lookup", "--json").out.splitlines()]
    assert [line["query"] for line in lines] == [
        "which standard covers ethnicity",
        "LGB monitoring",
        "pet ownership",
    ]
    assert lines[0]["answered"] and lines[0]["matches"][0]["name"] == (
        "Ethnicity harmonised standard"
    )
    assert lines[1]["matches"][0]["name"] == "Sexual orientation harmonised standard"
    assert lines[2]["answered"] is False
    assert set(lines[0]["matches"][0]) == {"name", "score", "status", "url"}
    scores = [m["score"] for m in lines[0]["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_console_chat_numbers_the_buttons(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = "show tactic 24\n1\n2\nshow tactic 24\nquit\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    out = cli.ok("chat", "--as", "Pete Brodie").out
    assert "[1] Done  [2] Snooze a week  [3] Open" in out
    # Done asks first; its second button says yes.
    assert "[1] No, leave it  [2] Yes, mark complete" in out
    assert "Marked tactic 24 complete" in out
    assert out.count("Status       complete") == 2


def test_nudges_then_nothing_the_second_time(cli: Cli) -> None:
    at = "2026-09-10T09:30"
    planned = cli.ok("nudges", "--at", at, "--dry-run", "--json").json()
    sent = cli.ok("nudges", "--at", at, "--json").json()
    assert planned and len(sent) == len(planned)
    assert {n["channel"] for n in sent} == {"web"}
    assert set(sent[0]) >= {"person", "item_type", "item", "kind", "channel"}
    assert {"kind": "before", "person": "Pete Brodie", "item": "2026/20"}.items() <= next(
        n for n in sent if n["person"] == "Pete Brodie" and n["item"] == "2026/20"
    ).items()
    assert cli.ok("nudges", "--at", at, "--json").json() == []
    assert cli.ok("nudges", "--at", "2026-09-12T10:00", "--json").json() == []  # a Saturday


def test_digest_json_and_post_once(cli: Cli) -> None:
    digest = cli.ok("digest", "--at", "2026-09-07", "--json").json()
    assert digest["week_start"] == "2026-09-07" and digest["week_end"] == "2026-09-14"
    # Tactic 24 runs July to September: due the week it ends, not every week before.
    assert 24 not in [t["id"] for t in digest["due"]]
    assert 24 in [t["id"] for t in cli.ok("digest", "--at", "2026-09-28", "--json").json()["due"]]
    assert 20 in [t["id"] for t in cli.ok("digest", "--at", "2026-09-14", "--json").json()["due"]]
    assert 14 in [t["id"] for t in digest["overdue"]]
    assert "posted the digest" in cli.ok("digest", "--at", "2026-09-07", "--post").out
    assert "already posted" in cli.ok("digest", "--at", "2026-09-08", "--post").out


def test_console_chat_opens_with_what_came_while_away(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("nudges", "--at", "2026-09-10T09:30")
    cli.ok("digest", "--at", "2026-09-07", "--post")
    monkeypatch.setattr("sys.stdin", io.StringIO("away\n1\n2\nquit\n"))
    out = cli.ok("chat", "--as", "Becki Aquilina").out
    summary = out.split("bot> ")[0]
    # One short summary, newest first: the team's digest, the team's reminders, then hers.
    assert "While you were away · 3 messages" in summary
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("While you were away"))
    assert "Weekly digest" in lines[start + 1]
    assert "For the team: " in lines[start + 2]
    assert "Thu 10 Sep 09:30  Your reminders: " in lines[start + 3]  # local time
    assert "Overdue: Tactic" not in summary  # collapsed: first lines only
    # "away" shows them in full, buttons numbered, and a number presses one: Done asks
    # first, and "2" says yes.
    assert "Overdue: Tactic" in out and "[1] Done" in out
    assert "[1] No, leave it  [2] Yes, mark complete" in out
    assert "Marked tactic" in out
