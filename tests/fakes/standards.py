"""Fake standards catalogue."""

from __future__ import annotations

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.standards import Standard
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeStandards(Repo):
    def all(self) -> list[Standard]:
        return sorted(self._s.standards.values(), key=lambda s: s.name)

    def get(self, name: str) -> Standard | None:
        return self._s.standards.get(name)

    def add(self, standard: Standard) -> None:
        self._s.standards[standard.name] = standard

    def remove(self, name: str) -> None:
        if self._s.standards.pop(name, None) is None:
            raise NotFound("standard", name)

    def save(self, standard: Standard) -> None:
        if standard.name not in self._s.standards:
            raise NotFound("standard", standard.name)
        self._s.standards[standard.name] = standard

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        for name, standard in list(self._s.standards.items()):
            new = redacted(standard, ("owner",), who)
            if new != standard:
                self._s.standards[name] = new
                changed += 1
        return changed
