"""Build and check the plan-question model's examples, from tuning data only.

Run from the repository root:

    .venv/bin/python bench/tune_plan.py            # cross-validated check of the model
    .venv/bin/python bench/tune_plan.py --write    # rewrite the shipped examples

The examples are the plan dev set (tests/eval/plan_dev.jsonl) and the ``tune`` rows of
tests/eval/chat_messages.jsonl: plan questions labelled with the plan kind their expected
command answers, and everything else (topic questions, chatter) labelled "other". Rows of any
other split are never read. The check is 5-fold cross-validated, and reports what matters for
a fallback behind the rules: plan questions guessed right, guessed wrong, and topic questions
or chatter taken for plan questions, at a few posterior bars.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from commplan.understanding import read  # noqa: E402
from commplan.understanding.plan_guess import OTHER, train  # noqa: E402

EVAL = ROOT / "tests" / "eval"
SOURCES = (EVAL / "plan_dev.jsonl", EVAL / "chat_messages.jsonl", EVAL / "understanding_dev.jsonl")
TARGET = ROOT / "commplan" / "understanding" / "plan_examples.tsv"
#: The plan kind each expected command answers; commands outside these are left out.
KINDS = {
    "my tactics": "my_tactics",
    "my actions": "my_actions",
    "what's overdue": "overdue",
    "what's due this week": "due",
    "what's due in <month>": "due",
    "tactics for Q<n>": "phase",
    "tactics owned by <person>": "owned_by",
    "search tactics <words>": "search",
    "who owns what": "who_owns",
    "show tactic <n>": "show_tactic",
    "show action <n>": "show_action",
    "open actions": "open_actions",
    "plan summary": "summary",
    "who contacted us this month": "contacts",
    "who has gone quiet": "gone_quiet",
    "topics on the rise": "topics_rising",
    "baseline": "baseline",
    "inbox": "inbox",
    "standards due for review": "standards_review",
    "unanswered questions": "unanswered",
    "who is on the team": "team_members",
    "my reminders": "my_reminders",
    "plan objectives": "objectives",
    "impact of tactic <n>": "impact",
}
BARS = (0.8, 0.9, 0.95, 0.99)


def labelled() -> list[tuple[str, str, str]]:
    """(id, label, text) of every tuning row, the text as the reader leaves it."""
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split", "dev") not in ("tune", "dev"):
                continue  # never look at held-out rows
            expected = row.get("expected")
            if row["kind"] == "plan":
                label = expected["kind"] if isinstance(expected, dict) else KINDS.get(expected, "")
                if not label:
                    continue
            elif row["kind"] in ("topic", "none", "chat", "not_plan") or expected is None:
                label = OTHER
            else:
                continue
            text = read(row["text"]).text
            if text:
                found.append((str(row["id"]), label, " ".join(text.split())))
    return found


def check(rows: list[tuple[str, str, str]], folds: int = 5) -> None:
    shuffled = list(rows)
    random.Random(7).shuffle(shuffled)
    print(f"{len(rows)} examples: {Counter(label for _, label, _ in rows).most_common()}")
    print(f"{'bar':>5} {'plan right':>10} {'plan wrong':>10} {'other taken':>11}")
    outcomes: list[tuple[str, str, float]] = []
    for k in range(folds):
        model = train([(lab, t) for i, (_, lab, t) in enumerate(shuffled) if i % folds != k])
        for i, (_, label, text) in enumerate(shuffled):
            if i % folds == k:
                guessed, p = model.posterior(text)
                outcomes.append((label, guessed, p))
    plans = sum(1 for label, _, _ in outcomes if label != OTHER)
    others = len(outcomes) - plans
    for bar in BARS:
        right = sum(1 for lab, g, p in outcomes if lab != OTHER and g == lab and p >= bar)
        wrong = sum(
            1 for lab, g, p in outcomes if lab != OTHER and g not in (lab, OTHER) and p >= bar
        )
        taken = sum(1 for lab, g, p in outcomes if lab == OTHER and g != OTHER and p >= bar)
        print(f"{bar:>5} {right / plans:>10.3f} {wrong / plans:>10.3f} {taken / others:>11.3f}")


def write(rows: list[tuple[str, str, str]]) -> None:
    lines = ["# kind<TAB>text: tuning examples for plan_guess.py, written by bench/tune_plan.py"]
    lines += [f"{label}\t{text}" for _, label, text in sorted(rows, key=lambda r: (r[1], r[0]))]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(rows)} examples)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = labelled()
    check(rows)
    if args.write:
        write(rows)


if __name__ == "__main__":
    main()
