"""Fake people and groups."""

from __future__ import annotations

from dataclasses import replace

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.people import Group, Person
from tests.fakes._store import Repo


class FakePeople(Repo):
    def all(self) -> list[Person]:
        return sorted(self._s.people.values(), key=lambda p: p.name)

    def get(self, name: str) -> Person | None:
        return self._s.people.get(name)

    def find(self, *, email: str = "", slack_id: str = "", teams_id: str = "") -> Person | None:
        if not (email or slack_id or teams_id):
            return None
        # Every criterion given must match, as in the SQL WHERE.
        for person in self._s.people.values():
            if (
                (not email or person.email.lower() == email.lower())
                and (not slack_id or person.slack_id == slack_id)
                and (not teams_id or person.teams_id == teams_id)
            ):
                return person
        return None

    def add(self, person: Person) -> None:
        # Numbered like a database sequence: people are never deleted, so max + 1 is unused.
        number = max((p.id for p in self._s.people.values()), default=0) + 1
        self._s.people[person.name] = replace(person, id=number)

    def save(self, person: Person) -> None:
        if person.id:
            old = next((p for p in self._s.people.values() if p.id == person.id), None)
        else:
            old = self._s.people.get(person.name)
        if old is None:
            raise NotFound("person", person.id or person.name)
        del self._s.people[old.name]
        self._s.people[person.name] = replace(person, id=old.id)
        if old.name != person.name:
            # Groups hold people, not names: a renamed member keeps their place.
            for group in list(self._s.groups.values()):
                if old.name in group.members:
                    members = (person.name if m == old.name else m for m in group.members)
                    self._s.groups[group.name] = replace(group, members=tuple(sorted(members)))

    def erase_person(self, who: Erasure) -> int:
        for group in list(self._s.groups.values()):
            if group.contact and who.is_them(group.contact):
                self._s.groups[group.name] = replace(group, contact=who.placeholder)
        found = sorted(
            (
                p
                for p in self._s.people.values()
                if (who.email and p.email.lower() == who.email)
                or (p.slack_id and p.slack_id in who.chat_ids)
                or (p.teams_id and p.teams_id in who.chat_ids)
            ),
            key=lambda p: p.id,
        )
        for number, person in enumerate(found):
            name = who.placeholder if number == 0 else f"{who.placeholder} ({person.id})"
            del self._s.people[person.name]
            self._s.people[name] = replace(
                person, name=name, email="", slack_id="", teams_id="", aliases=()
            )
            for group in list(self._s.groups.values()):
                if person.name in group.members:
                    members = tuple(m for m in group.members if m != person.name)
                    self._s.groups[group.name] = replace(group, members=members)
        return len(found)


class FakeGroups(Repo):
    def all(self) -> list[Group]:
        return sorted(self._s.groups.values(), key=lambda g: g.name)

    def get(self, name: str) -> Group | None:
        return self._s.groups.get(name)

    def add(self, group: Group) -> None:
        self._s.groups[group.name] = self._checked(group)

    def save(self, group: Group) -> None:
        if group.name not in self._s.groups:
            raise NotFound("group", group.name)
        self._s.groups[group.name] = self._checked(group)

    def _checked(self, group: Group) -> Group:
        missing = [name for name in group.members if name not in self._s.people]
        if missing:
            raise NotFound("person", ", ".join(missing))
        # Members come back in name order, as the database lists them.
        return replace(group, members=tuple(sorted(group.members)))
