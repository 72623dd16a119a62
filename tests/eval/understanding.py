"""Tuning data for the understanding layer, as plain values (tests and bench scripts share it).

Three sources, tune splits only: the short questions of ``standards_questions.csv`` (split
``tune``), the dev set of realistic messages in ``understanding_dev.jsonl`` (split ``dev``),
and, when a path is given, the ``tune`` rows of an evaluation set in the same JSON-lines shape
(``chat_messages.jsonl``). Rows of any other split are skipped unread.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parent
QUESTIONS = EVAL / "standards_questions.csv"
DEV = EVAL / "understanding_dev.jsonl"
TUNING_SPLITS = frozenset({"tune", "dev"})


@dataclass(frozen=True, kw_only=True)
class Example:
    """One message and what it should be understood as.

    ``kind``: topic (``expected`` a catalogue name), none (no entry covers it), plan
    (``expected`` a plan kind and its arguments, or a command name), command, chat, or mail
    (``subject`` set; ``expected`` a name or "").
    """

    id: str
    kind: str
    text: str
    subject: str = ""
    expected: Any = None
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def standard(self) -> str:
        """The expected catalogue name for a topic, none or mail example ("" for none)."""
        return self.expected if isinstance(self.expected, str) else ""


def _jsonl(path: Path, origin: str) -> Iterator[Example]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split") not in TUNING_SPLITS:
                continue  # never look at holdout rows
            yield Example(
                id=str(row["id"]),
                kind=str(row["kind"]),
                text=str(row["text"]),
                subject=str(row.get("subject") or ""),
                expected=row.get("expected"),
                origin=origin,
                extra={k: v for k, v in row.items() if k not in ("id", "kind", "text", "split")},
            )


def short_questions() -> list[Example]:
    """The tune split of the standards questions, as topic or none examples."""
    with QUESTIONS.open(newline="", encoding="utf-8") as fh:
        return [
            Example(
                id=f"q{n}",
                kind="topic" if row["expected"] else "none",
                text=row["question"],
                expected=row["expected"] or None,
                origin="questions",
            )
            for n, row in enumerate(csv.DictReader(fh))
            if row["split"] == "tune"
        ]


def dev_messages() -> list[Example]:
    return list(_jsonl(DEV, "dev"))


def tune_messages(path: Path) -> list[Example]:
    """The ``tune`` rows of an evaluation set of chat messages (other splits unread)."""
    return list(_jsonl(path, path.stem))


def tune_emails(folder: Path) -> list[Example]:
    """The ``tune`` messages of a folder of ``.eml`` files listed in its ``expected.csv``
    (columns file, expected_standard, split, expected_status); other files are never opened.

    Each becomes a mail example: the subject and the writer's own words (quotes and
    signature cut as the inbox does); skipped messages (auto-replies, bulk) are left out.
    """
    from adapters.email.parse import parse_message
    from commplan.inbox import own_words

    found = []
    with (folder / "expected.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["split"] != "tune" or row.get("expected_status") == "skipped":
                continue
            email = parse_message((folder / row["file"]).read_bytes())
            found.append(
                Example(
                    id=row["file"],
                    kind="mail",
                    text=own_words(email.text),
                    subject=email.subject,
                    expected=row["expected_standard"] or None,
                    origin=folder.name,
                )
            )
    return found


def tuning_set(extra: list[Path] | None = None) -> list[Example]:
    """Every tuning example: short questions, the dev set and the tune rows of ``extra``
    (JSON-lines files, or folders of e-mails with an ``expected.csv``)."""
    found = short_questions() + dev_messages()
    for path in extra or ():
        if path.is_dir() and (path / "expected.csv").exists():
            found.extend(tune_emails(path))
        elif path.is_file():
            found.extend(tune_messages(path))
    return found
