"""What one import changed, kept so that it can be shown beforehand and undone afterwards.

Each record is kept as its row in the import's own file format (the columns ``harmonibot
export`` writes), so that restoring it goes through the same validation as any import, and a
new kind of record needs nothing here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class RecordChange:
    """One record an import added (``before`` is None) or changed (``before`` is its row then).

    ``record`` names the kind of record ("tactics", "contacts", ...), ``key`` the record
    within it, ``label`` what a person would call it ("tactic 3, Harmonisation blog").
    """

    record: str
    key: str
    label: str
    before: Mapping[str, str] | None = None
    changed: tuple[str, ...] = ()

    @property
    def added(self) -> bool:
        return self.before is None


@dataclass(frozen=True, kw_only=True)
class ImportBatch:
    """One import as it was written: what, from which file, by whom, and every change."""

    id: int = 0
    kind: str
    source: str
    at: datetime
    by: str
    changes: tuple[RecordChange, ...]
    undone_at: datetime | None = None


def changes_to_json(changes: Sequence[RecordChange]) -> str:
    """The changes as JSON text, for storage."""
    return json.dumps(
        [
            {
                "record": c.record,
                "key": c.key,
                "label": c.label,
                "before": dict(c.before) if c.before is not None else None,
                "changed": list(c.changed),
            }
            for c in changes
        ],
        ensure_ascii=False,
        sort_keys=True,
    )


def changes_from_json(text: str) -> tuple[RecordChange, ...]:
    """The changes stored by :func:`changes_to_json`."""
    return tuple(
        RecordChange(
            record=item["record"],
            key=item["key"],
            label=item["label"],
            before=item["before"],
            changed=tuple(item["changed"]),
        )
        for item in json.loads(text)
    )
