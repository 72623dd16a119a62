"""The e-mail half of the understanding evaluation: ``harmonibot inbox import --json``.

Each file of tests/eval/emails/expected.csv is imported into a fresh, seeded database with
the team's shared address configured, and the outcome is compared with the row: auto-replies
must be skipped; every other message logged, with the expected standard (or none), the
original sender (for a team member's forward, the outside person who wrote; ``fwd_sender`` is
the share right among the forwards alone) and their organisation type.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

from eval_support import ROOT, columns_for, fresh_database, harmonibot, rate

EMAILS = ROOT / "tests" / "eval" / "emails"
TEAM_ADDRESS = "harmonisation@ons.gov.uk"
COLUMNS = (
    "n",
    "auto_skipped",
    "logged",
    "standard",
    "standard_if_one",
    "none_if_none",
    "sender",
    "fwd_sender",
    "org_type",
)


def run_email(splits: Sequence[str], folder: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary per split, and one result per message."""
    wanted = set(splits)
    with (EMAILS / "expected.csv").open(newline="", encoding="utf-8") as fh:
        expected = [r for r in csv.DictReader(fh) if r["split"] in wanted]
    env = fresh_database(folder, "inbox", {"HARMONIBOT_TEAM_ADDRESS": TEAM_ADDRESS})
    paths = [str(EMAILS / r["file"]) for r in expected]
    printed = harmonibot(["inbox", "import", "--json", *paths], env, folder)
    got = {Path(o["source"]).name: o for o in json.loads(printed)}
    results = [compare(row, got.get(row["file"], {})) for row in expected]
    for result in results:
        # A forward: the header's sender is a team member, not the person who wrote.
        header = message_from_bytes((EMAILS / result["file"]).read_bytes(), policy=default)
        sender = header["From"].addresses[0].addr_spec.lower() if header["From"] else ""
        result["forward"] = sender != result.get("expected", {}).get("sender", sender).lower()
    return summary(results, splits), results


def compare(row: dict[str, str], out: dict[str, str]) -> dict[str, Any]:
    status = out.get("status", "")
    result: dict[str, Any] = {"file": row["file"], "split": row["split"], "status": status}
    if row["expected_status"] == "skipped":
        return result | {"auto_reply": True, "skip_right": status == "skipped"}
    logged = status in ("logged", "duplicate")
    standard, sender, org_type = (out.get(k) or "" for k in ("standard", "sender", "org_type"))
    return result | {
        "auto_reply": False,
        "skip_right": logged,
        "has_standard": bool(row["expected_standard"]),
        "standard_right": logged and standard == row["expected_standard"],
        "sender_right": sender.lower() == row["expected_sender_email"].lower(),
        "org_type_right": org_type == row["expected_org_type"],
        "got": {"standard": standard, "sender": sender, "org_type": org_type},
        "expected": {
            "standard": row["expected_standard"],
            "sender": row["expected_sender_email"],
            "org_type": row["expected_org_type"],
        },
    }


def summary(results: Iterable[dict[str, Any]], splits: Sequence[str]) -> dict[str, Any]:
    results = list(results)
    table = {}
    for split in columns_for(splits):
        chosen = [r for r in results if split in ("all", r["split"])]
        queries = [r for r in chosen if not r["auto_reply"]]
        with_one = [r for r in queries if r["has_standard"]]
        without = [r for r in queries if not r["has_standard"]]
        table[split] = {
            "n": len(chosen),
            "auto_skipped": rate([r["skip_right"] for r in chosen if r["auto_reply"]]),
            "logged": rate([r["skip_right"] for r in queries]),
            "standard": rate([r["standard_right"] for r in queries]),
            "standard_if_one": rate([r["standard_right"] for r in with_one]),
            "none_if_none": rate([r["standard_right"] for r in without]),
            "sender": rate([r["sender_right"] for r in queries]),
            "fwd_sender": rate([r["sender_right"] for r in queries if r["forward"]]),
            "org_type": rate([r["org_type_right"] for r in queries]),
        }
    return table


def is_miss(result: dict[str, Any]) -> bool:
    return not all(v for k, v in result.items() if k.endswith("_right"))
