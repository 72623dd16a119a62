"""Entries of the harmonised standards catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, kw_only=True)
class Standard:
    """A harmonised standard or piece of harmonisation guidance.

    ``name`` is the canonical name (for example "Ethnicity harmonised standard"); ``synonyms``
    are the words users reach for; ``related`` names other entries. Where the standard gives
    a question, ``question`` is its recommended wording, ``options`` its response options in
    order, ``response`` "single" or "multiple", ``base`` who is asked ("16+"), ``concept`` the
    words a question must use to ask the same thing (alternatives; "a+b" needs both) and
    ``rules`` what else the standard asks of a question (order, no proxy).
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
    question: str = ""
    options: tuple[str, ...] = ()
    response: str = ""
    base: str = ""
    concept: tuple[str, ...] = ()
    rules: str = ""

    @property
    def has_question(self) -> bool:
        return bool(self.question and self.options)

    @property
    def under_development(self) -> bool:
        return "under development" in self.status.lower()


#: A standard last reviewed longer ago than this is due for review.
REVIEW_AGE = timedelta(days=5 * 365)


def due_for_review(standards: list[Standard] | tuple[Standard, ...], today: date) -> list[Standard]:
    """Entries never reviewed or last reviewed more than :data:`REVIEW_AGE` ago, oldest first."""
    cutoff = today - REVIEW_AGE
    found = [s for s in standards if s.last_review is None or s.last_review < cutoff]
    return sorted(found, key=lambda s: s.last_review or date.min)
