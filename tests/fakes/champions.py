"""Fake champions and champion updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.champions import Champion, ChampionUpdate
from commplan.erasure import Erasure
from commplan.errors import NotFound
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeChampions(Repo):
    def all(self) -> list[Champion]:
        found = [self._named(c) for c in self._s.champions.values()]
        return sorted(found, key=lambda c: (c.organisation, c.person))

    def get(self, person_id: int) -> Champion | None:
        found = self._s.champions.get(person_id)
        return self._named(found) if found else None

    def appoint(self, person_id: int, organisation: str, at: datetime) -> None:
        self._name(person_id)  # the foreign key: a champion is a stored person
        old = self._s.champions.get(person_id)
        if old is None or old.organisation != organisation:
            self._s.champions[person_id] = Champion(
                person_id=person_id, person="", organisation=organisation, since=at
            )

    def remove(self, person_id: int) -> bool:
        return self._s.champions.pop(person_id, None) is not None

    def add_update(self, update: ChampionUpdate) -> bool:
        if any(u.key == update.key for u in self._s.champion_updates):
            return False
        self._name(update.person_id)
        self._s.champion_updates = [
            replace(u, replaced_at=update.at)
            if u.person_id == update.person_id
            and u.quarter == update.quarter
            and u.replaced_at is None
            else u
            for u in self._s.champion_updates
        ]
        self._s.champion_updates.append(replace(update, person="", replaced_at=None))
        return True

    def updates(self, quarter: str = "", *, replaced: bool = False) -> list[ChampionUpdate]:
        found = [
            replace(u, person=self._name(u.person_id))
            for u in self._s.champion_updates
            if (not quarter or u.quarter == quarter) and (replaced or u.replaced_at is None)
        ]
        # Oldest first, as stored when two share a moment (the table's id order).
        return sorted(found, key=lambda u: u.at)

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for n, update in enumerate(self._s.champion_updates):
            new = redacted(update, ("key", "harmonised", "blocked"), who)
            if new != update:
                self._s.champion_updates[n] = new
                changed += 1
        return changed

    def _named(self, champion: Champion) -> Champion:
        return replace(champion, person=self._name(champion.person_id))

    def _name(self, person_id: int) -> str:
        for person in self._s.people.values():
            if person.id == person_id:
                return person.name
        raise NotFound("person", person_id)
