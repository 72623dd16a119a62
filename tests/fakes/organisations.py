"""Fake organisation directory: each e-mail domain, lower case, belongs to one organisation."""

from __future__ import annotations

from dataclasses import replace

from commplan.errors import NotFound
from commplan.organisations import Organisation
from tests.fakes._store import Repo


class FakeOrganisations(Repo):
    def all(self) -> list[Organisation]:
        return sorted(self._s.organisations.values(), key=lambda o: o.name)

    def names(self) -> list[str]:
        return [o.name for o in self.all()]

    def get(self, name: str) -> Organisation | None:
        return self._s.organisations.get(name)

    def by_domain(self, domain: str) -> Organisation | None:
        wanted = domain.lower()
        return next((o for o in self._s.organisations.values() if wanted in o.domains), None)

    def add(self, organisation: Organisation) -> None:
        self._put(organisation)

    def save(self, organisation: Organisation) -> None:
        if organisation.name not in self._s.organisations:
            raise NotFound("organisation", organisation.name)
        self._put(organisation)

    def remove(self, name: str) -> bool:
        return self._s.organisations.pop(name, None) is not None

    def _put(self, organisation: Organisation) -> None:
        domains = tuple(sorted({d.lower() for d in organisation.domains}))
        # Teaching the directory that a domain belongs elsewhere moves it.
        for other in list(self._s.organisations.values()):
            if other.name != organisation.name and set(other.domains) & set(domains):
                kept = tuple(d for d in other.domains if d not in domains)
                self._s.organisations[other.name] = replace(other, domains=kept)
        self._s.organisations[organisation.name] = replace(organisation, domains=domains)
