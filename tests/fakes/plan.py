"""Fake plans and tactics."""

from __future__ import annotations

from dataclasses import replace

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.paging import Page
from commplan.plan import FieldChange, Plan, StatusChange, Tactic
from commplan.tactic_lists import TacticQuery
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakePlans(Repo):
    def get(self, year: int) -> Plan | None:
        return self._s.plans.get(year)

    def latest(self) -> Plan | None:
        return self._s.plans[max(self._s.plans)] if self._s.plans else None

    def add(self, plan: Plan) -> None:
        self._s.plans[plan.year] = plan

    def save(self, plan: Plan) -> None:
        if plan.year not in self._s.plans:
            raise NotFound("plan", plan.year)
        self._s.plans[plan.year] = plan

    def remove(self, year: int) -> None:
        if self._s.plans.pop(year, None) is None:
            raise NotFound("plan", year)
        for key in [k for k in self._s.tactics if k[0] == year]:
            del self._s.tactics[key]


class FakeTactics(Repo):
    def all(self, plan_year: int | None = None, *, open_only: bool = False) -> list[Tactic]:
        return [
            t
            for k, t in sorted(self._s.tactics.items())
            if plan_year in (None, k[0]) and not (open_only and t.is_closed)
        ]

    def get(self, plan_year: int, number: int) -> Tactic | None:
        return self._s.tactics.get((plan_year, number))

    def page(self, query: TacticQuery, *, limit: int) -> Page[Tactic]:
        kept = sorted(
            (t for t in self._s.tactics.values() if query.matches(t)), key=query.order_key
        )
        return Page.of(kept, limit)

    def owner_names(self, plan_year: int) -> set[str]:
        return {o for t in self.all(plan_year) for o in t.owners}

    def add(self, tactic: Tactic) -> None:
        if tactic.plan_year not in self._s.plans:
            raise NotFound("plan", tactic.plan_year)
        self._s.tactics[(tactic.plan_year, tactic.number)] = tactic

    def save(self, tactic: Tactic) -> None:
        old = self._s.tactics.get((tactic.plan_year, tactic.number))
        if old is None:
            raise NotFound("tactic", tactic.number)
        self._s.tactics[(tactic.plan_year, tactic.number)] = replace(tactic, history=old.history)

    def remove(self, plan_year: int, number: int) -> None:
        if self._s.tactics.pop((plan_year, number), None) is None:
            raise NotFound("tactic", number)

    def record(self, plan_year: int, number: int, change: StatusChange) -> None:
        old = self._s.tactics.get((plan_year, number))
        if old is None:
            raise NotFound("tactic", number)
        self._s.tactics[(plan_year, number)] = replace(old, history=(*old.history, change))

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for key, tactic in list(self._s.tactics.items()):
            history = tuple(redacted(c, ("by", "note"), who) for c in tactic.history)
            new = replace(redacted(tactic, ("owners", "notes"), who), history=history)
            if new != tactic:
                self._s.tactics[key] = new
                changed += 1
        for item, edits in list(self._s.plan_edits.items()):
            redacted_edits = tuple(redacted(e, ("old", "new", "by"), who) for e in edits)
            if redacted_edits != edits:
                self._s.plan_edits[item] = redacted_edits
                changed += 1
        return changed

    def record_edit(self, plan_year: int, number: int, change: FieldChange) -> None:
        if (plan_year, number) not in self._s.tactics:
            raise NotFound("tactic", number)
        key = ("tactic", f"{plan_year}/{number}")
        self._s.plan_edits[key] = (*self._s.plan_edits.get(key, ()), change)

    def edits(self, plan_year: int, number: int) -> list[FieldChange]:
        return list(self._s.plan_edits.get(("tactic", f"{plan_year}/{number}"), ()))
