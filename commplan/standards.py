"""Entries of the harmonised standards catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, kw_only=True)
class Standard:
    """A harmonised standard or piece of harmonisation guidance.

    ``name`` is the canonical name (for example "Ethnicity harmonised standard"); ``synonyms``
    are the words users reach for; ``related`` names other entries.
    """

    name: str
    topic: str
    covers: str
    group: str = ""
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    status: str = ""
    last_review: date | None = None
    url: str = ""
    owner: str = ""

    @property
    def under_development(self) -> bool:
        return "under development" in self.status.lower()
