"""Fake standards catalogue."""

from __future__ import annotations

from commplan.errors import NotFound
from commplan.standards import Standard
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
