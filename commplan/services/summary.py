"""What an import or a batch of contacts did, shared by the services that write in bulk."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ImportSummary:
    """What an import did."""

    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"{self.kind}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        )
