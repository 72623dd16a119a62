"""Which tactics a chat list asks for, as one value the store can turn into SQL.

The fakes and the tests read the same :meth:`TacticQuery.matches`, so what the SQL keeps and
what this says stay one definition (the contract tests check they agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commplan.plan import Phase, Tactic

#: Words a search leaves out: they say "tactic", not what it is about.
_FILLER = frozenset(
    {"the", "a", "an", "tactic", "tactics", "on", "of", "for", "in", "to", "with", "about"}
)


def search_words(term: str) -> tuple[str, ...]:
    """The words a tactic must mention for a search of ``term``, as :meth:`matches` reads them
    (a plural matches its singular)."""
    return tuple(w.rstrip("s") for w in term.lower().split() if w not in _FILLER)


@dataclass(frozen=True, kw_only=True)
class TacticQuery:
    """Tactics of one plan year; every filter left at its default matches all.

    ``overdue_on``: planned and the window ended before that day. ``due_first``/``due_last``:
    the window overlaps that inclusive range. ``owners``: any owner written as one of these
    names (any case). ``words``: name, purpose, audience or notes mention every one.
    ``most_overdue_first`` orders by the window's end (then number) instead of plan order.
    """

    plan_year: int
    open_only: bool = False
    overdue_on: date | None = None
    due_first: date | None = None
    due_last: date | None = None
    phase: Phase | None = None
    owners: frozenset[str] | None = None
    words: tuple[str, ...] = ()
    most_overdue_first: bool = False

    def matches(self, tactic: Tactic) -> bool:
        window = tactic.window
        checks = (
            tactic.plan_year == self.plan_year,
            not (self.open_only and tactic.is_closed),
            self.overdue_on is None or tactic.is_overdue(self.overdue_on),
            self.due_first is None or (window is not None and window.end >= self.due_first),
            self.due_last is None or (window is not None and window.start <= self.due_last),
            self.phase is None or tactic.phase is self.phase,
            self.owners is None or any(o.lower() in self._owners for o in tactic.owners),
            all(w in _about(tactic) for w in self.words),
        )
        return all(checks)

    @property
    def _owners(self) -> frozenset[str]:
        return frozenset(o.lower() for o in self.owners or ())

    def order_key(self, tactic: Tactic) -> tuple[date, int]:
        """Where a tactic sits in the list this query asks for."""
        if self.most_overdue_first and tactic.window is not None:
            return tactic.window.end, tactic.number
        return date.min, tactic.number


def _about(tactic: Tactic) -> str:
    return f"{tactic.name} {tactic.purpose} {tactic.audience} {tactic.notes}".lower()
