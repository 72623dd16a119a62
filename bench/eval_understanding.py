"""Evaluation: does the product understand people as they write? (issue 13)

Run from the repository root:

    .venv/bin/python bench/eval_understanding.py [--split tune|holdout|all|dev] [--json]
                                                 [--only chat|email] [--misses]

Chat: every message of tests/eval/chat_messages.jsonl goes through the real core, as
``harmonibot ask --as NAME --json`` sends it (platform "cli", the message's ``as`` name or
nobody), into a fresh SQLite database made by ``harmonibot db upgrade`` and ``harmonibot seed``.
Each message gets its own conversation, so a guided dialogue one message starts never
swallows the next. E-mail: ``harmonibot inbox import --json`` on tests/eval/emails into
another fresh, seeded database (see eval_inbox.py).

How a plan message counts as routed right: the command named in ``expected`` is looked up in
the product's command table and its examples are asked (as the team's admin) in a separate
scratch database; the intents those replies carry, less the ones any command may give (not
found, not allowed, ...), are the command's intents. A message is routed right when its reply
carries one of them, or names the command in ``data.command``. Comparing reply intents, not
patterns, is fair to any way of getting there (patterns, a fallback, a model) and survives
renamed patterns and reworded examples. An expected command the product does not have counts
as a miss and is listed. Tuning is done on the tune split only; holdout figures are reported, and
``--misses`` on the holdout split is for the report's author, not for tuning.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval_inbox import COLUMNS as EMAIL_COLUMNS
from eval_inbox import is_miss, run_email
from eval_support import ROOT, columns_for, fresh_database, print_table, rate

sys.path.insert(0, str(ROOT))

from adapters.bootstrap import build_bot, build_runtime
from adapters.settings import load_settings
from bot.commands import builtin_commands
from bot.core import BotCore
from bot.messages import Actor, Incoming, Reply

MESSAGES = ROOT / "tests" / "eval" / "chat_messages.jsonl"
# The dev set of plan questions, chatter and plan-sounding topic questions, run end to end
# with ``--split dev`` (a tuning set like ``tune``; its topic rows name no entry).
DEV_MESSAGES = ROOT / "tests" / "eval" / "plan_dev.jsonl"
DEV_ALIASES = {"who owns what": "search tactics <words>"}
PROBE_AS = "Becki Aquilina"  # the team's admin: may run every command
STANDARD_INTENTS = frozenset({"standard_answer", "standard_unanswered", "standard_offer"})
NOT_A_COMMAND = STANDARD_INTENTS | {"unknown", "error", "help"}
GENERIC_INTENTS = frozenset({"unknown", "error", "not_found", "not_allowed", "invalid"})
BUCKETS = tuple(round(b / 10, 1) for b in range(10))
KINDS = ("topic", "none", "plan", "chat", "not_plan")


@dataclass(frozen=True, kw_only=True)
class Message:
    id: str
    text: str
    kind: str
    expected: str | None
    split: str
    asker: str


@dataclass(kw_only=True)
class Outcome:
    message: Message
    intent: str
    answered: bool
    names: list[str]
    score: float
    command: str = ""
    right: bool = False
    extra: dict[str, bool] = field(default_factory=dict)


# --- running the product ---------------------------------------------------------------


def bot_for(settings: dict[str, str]) -> BotCore:
    # Only these variables: a developer's .env or Slack tokens never reach the evaluation.
    return build_bot(build_runtime(load_settings(environ=settings)))


def ask(bot: BotCore, text: str, asker: str, conversation: str) -> Reply:
    """One turn, built as ``harmonibot ask`` builds it."""
    incoming = Incoming(
        actor=Actor(platform="cli", user_id=asker or "cli", name=asker),
        text=text,
        at=bot.deps.clock.now(),
        conversation=conversation,
    )
    return bot.handle(incoming)


def command_intents(bot: BotCore) -> dict[str, list[str]]:
    """Each typed command's intents: those of the replies to its examples.

    Replies any command can give (not found, not allowed, ...) say nothing about which
    command ran, so they are left out; "show action 5" may rightly answer "which meeting?"
    (action_ambiguous), which is still the action command's own reply.
    """
    intents = {}
    for n, command in enumerate(builtin_commands()):
        if not command.patterns:
            continue
        replies = [
            ask(bot, example, PROBE_AS, f"probe-{n}-{e}").intent
            for e, example in enumerate(command.examples)
        ]
        intents[command.name] = sorted(set(replies) - GENERIC_INTENTS)
    return intents


# --- chat ------------------------------------------------------------------------------


def load_messages(splits: Iterable[str]) -> list[Message]:
    wanted = set(splits)
    if "dev" in wanted:
        return load_dev()
    with MESSAGES.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [
        Message(
            id=r["id"],
            text=r["text"],
            kind=r["kind"],
            expected=r["expected"],
            split=r["split"],
            asker=r.get("as") or "",
        )
        for r in rows
        if r["split"] in wanted
    ]


def load_dev() -> list[Message]:
    """The dev set as chat messages: plan rows asked by the team's admin, topic rows (which
    must not be taken for the plan) as ``not_plan``."""
    with DEV_MESSAGES.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [
        Message(
            id=r["id"],
            text=r["text"],
            kind="not_plan" if r["kind"] == "topic" else r["kind"],
            # The dev set names "who owns what" apart; the search command answers it.
            expected=DEV_ALIASES.get(r["expected"], r["expected"]),
            split="dev",
            asker=PROBE_AS if r["kind"] == "plan" else "",
        )
        for r in rows
    ]


def judge(message: Message, reply: Reply, intents: dict[str, list[str]]) -> Outcome:
    data: dict[str, Any] = dict(reply.data or {})
    matches = data.get("matches") or []
    names = [str(m.get("name", "")) for m in matches]
    answered = reply.intent == "standard_answer" and bool(data.get("answered"))
    outcome = Outcome(
        message=message,
        intent=reply.intent,
        answered=answered,
        names=names,
        score=float(matches[0].get("score", 0.0)) if matches else 0.0,
        command=str(data.get("command") or ""),
    )
    kind = message.kind
    if kind == "topic":
        outcome.right = answered and names[:1] == [message.expected]
        outcome.extra = {
            "wrong": answered and not outcome.right,
            "unanswered": not answered,
            "unknown": reply.intent == "unknown",
            "top3": message.expected in names[:3],
        }
    elif kind == "none":
        outcome.right = not answered
        outcome.extra = {
            "said_none": reply.intent in ("standard_unanswered", "standard_offer"),
            "unknown": reply.intent == "unknown",
        }
    elif kind == "plan":
        target = intents.get(message.expected or "")
        outcome.right = bool(target and reply.intent in target) or (
            outcome.command == message.expected
        )
        outcome.extra = {
            "any_command": reply.intent not in NOT_A_COMMAND,
            "unknown": reply.intent == "unknown",
            "missing_command": not target,
        }
    elif kind == "not_plan":
        outcome.right = reply.intent in STANDARD_INTENTS
        outcome.extra = {"unknown": reply.intent == "unknown"}
    else:
        outcome.right = reply.intent not in STANDARD_INTENTS
        outcome.extra = {"unknown": reply.intent == "unknown"}
    return outcome


def run_chat(
    messages: Sequence[Message], folder: Path
) -> tuple[list[Outcome], dict[str, list[str]]]:
    intents = command_intents(bot_for(fresh_database(folder, "probe")))
    bot = bot_for(fresh_database(folder, "chat"))
    outcomes = [judge(m, ask(bot, m.text, m.asker, f"eval-{m.id}"), intents) for m in messages]
    return outcomes, intents


def chat_summary(outcomes: Sequence[Outcome], splits: Sequence[str]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for kind in KINDS:
        for split in columns_for(splits):
            chosen = [
                o for o in outcomes if o.message.kind == kind and split in ("all", o.message.split)
            ]
            row: dict[str, Any] = {
                "n": len(chosen),
                "right": rate([o.right for o in chosen]),
                "n_post": sum(is_post(o.message.text) for o in chosen),
                "right_short": rate([o.right for o in chosen if not is_post(o.message.text)]),
                "right_post": rate([o.right for o in chosen if is_post(o.message.text)]),
            }
            for key in sorted({k for o in chosen for k in o.extra}):
                row[key] = rate([o.extra[key] for o in chosen])
            table.setdefault(kind, {})[split] = row
    return table


def is_post(text: str) -> bool:
    """A multi-sentence post (greeting, context, question...), not a one-line question."""
    pieces = re.split(r"(?<=[.?!:])\s+|\n+", text.strip())
    return sum(len(p.strip()) > 2 for p in pieces) >= 2


def reliability(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """Confident answers by top score bucket: how often the answer was the right standard."""
    rows = []
    confident = [o for o in outcomes if o.answered]
    for n, low in enumerate(BUCKETS):
        inside = [o for o in confident if min(int(o.score * 10), 9) == n]
        if inside:
            right = [
                o.message.kind == "topic" and o.names[:1] == [o.message.expected] for o in inside
            ]
            rows.append(
                {
                    "bucket": f"{low:.1f}-{low + 0.1:.1f}",
                    "n": len(inside),
                    "mean_score": round(sum(o.score for o in inside) / len(inside), 3),
                    "right": rate(right),
                }
            )
    return rows


# --- output ----------------------------------------------------------------------------


CHAT_COLUMNS = {
    "topic": ("n", "right", "right_short", "right_post", "wrong", "unanswered", "unknown", "top3"),
    "none": ("n", "right", "right_short", "right_post", "said_none", "unknown"),
    "plan": (
        "n",
        "right",
        "right_short",
        "right_post",
        "any_command",
        "unknown",
        "missing_command",
    ),
    "chat": ("n", "right", "right_short", "right_post", "unknown"),
    "not_plan": ("n", "right", "right_short", "right_post", "unknown"),
}
LEGEND = (
    "right_short / right_post: the same, among one-line questions / multi-sentence posts "
    "(n_post in --json). unknown: the bot said it didn't understand. top3: the expected "
    "standard among the top three matches, answered or not. said_none: told no standard "
    "covers it. any_command: routed to some command, right or not."
)
CHAT_TITLES = {
    "topic": "Topic questions: right = confident answer naming the expected standard",
    "none": "No standard covers it: right = no confident answer",
    "plan": "Plan and people questions: right = reply intent of the expected command",
    "chat": "Chatter: right = not taken for a standards question",
    "not_plan": "Topic questions that sound like the plan: right = a standards reply",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "holdout", "all", "dev"), default="all")
    parser.add_argument("--only", choices=("chat", "email"))
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument("--misses", action="store_true", help="list each miss (chat and e-mail)")
    args = parser.parse_args(argv)
    if args.split == "dev":
        args.only = "chat"  # the dev set has no e-mails
    splits = ["tune", "holdout"] if args.split == "all" else [args.split]
    document: dict[str, Any] = {"split": args.split}
    misses: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="eval-understanding-") as tmp:
        folder = Path(tmp)
        if args.only in (None, "chat"):
            outcomes, intents = run_chat(load_messages(splits), folder)
            document["chat"] = chat_summary(outcomes, splits)
            document["reliability"] = {
                split: reliability([o for o in outcomes if split in ("all", o.message.split)])
                for split in columns_for(splits)
            }
            document["missing_commands"] = sorted(
                {o.message.expected or "" for o in outcomes if o.extra.get("missing_command")}
            )
            document["command_intents"] = intents
            misses += [
                {
                    "id": o.message.id,
                    "kind": o.message.kind,
                    "expected": o.message.expected,
                    "intent": o.intent,
                    "got": o.names[:1] if o.answered else None,
                    "score": o.score,
                }
                for o in outcomes
                if not o.right
            ]
        if args.only in (None, "email"):
            document["email"], results = run_email(splits, folder)
            misses += [r | {"kind": "email"} for r in results if is_miss(r)]
    if args.misses:
        document["misses"] = misses
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    report(document, splits)
    return 0


def report(document: dict[str, Any], splits: Sequence[str]) -> None:
    shown = columns_for(splits)
    if "chat" in document:
        print(LEGEND)
    for kind, table in document.get("chat", {}).items():
        if not any(row.get("n") for row in table.values()):
            continue  # a kind this split does not have
        print_table(CHAT_TITLES[kind], [(s, table[s]) for s in shown], CHAT_COLUMNS[kind])
    for split, rows in document.get("reliability", {}).items():
        print_table(
            f"Reliability of confident answers ({split}): top score bucket vs right",
            [(r["bucket"], r) for r in rows],
            ("n", "mean_score", "right"),
        )
    if document.get("missing_commands"):
        print(
            "\nExpected commands the product does not have: "
            + "; ".join(document["missing_commands"])
        )
    if "email" in document:
        print_table(
            "E-mail: harmonibot inbox import --json, share right",
            [(split, document["email"][split]) for split in shown],
            EMAIL_COLUMNS,
        )
    for miss in document.get("misses", []):
        print("miss: " + json.dumps(miss, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
