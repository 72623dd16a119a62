"""People and the groups they belong to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from commplan.errors import NotFound
from commplan.people import Group, GroupKind, Person, Role
from storage.repositories._rows import update_row
from storage.tables import GroupRow, PersonRow


class SqlPeopleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Person]:
        rows = self._session.scalars(select(PersonRow).order_by(PersonRow.name))
        return [_person(row) for row in rows]

    def get(self, name: str) -> Person | None:
        row = self._session.scalar(select(PersonRow).where(PersonRow.name == name))
        return _person(row) if row else None

    def find(self, *, email: str = "", slack_id: str = "", teams_id: str = "") -> Person | None:
        conditions: list[ColumnElement[bool]] = []
        if email:
            conditions.append(func.lower(PersonRow.email) == email.lower())
        if slack_id:
            conditions.append(PersonRow.slack_id == slack_id)
        if teams_id:
            conditions.append(PersonRow.teams_id == teams_id)
        if not conditions:
            return None
        row = self._session.scalar(select(PersonRow).where(*conditions).limit(1))
        return _person(row) if row else None

    def add(self, person: Person) -> None:
        # The database numbers the person; an id the value carries is ignored.
        self._session.add(PersonRow(name=person.name, **_person_fields(person)))
        self._session.flush()

    def save(self, person: Person) -> None:
        # A stored person is found by id, so that saving can rename them.
        if person.id:
            row = self._session.get(PersonRow, person.id)
            key: object = person.id
        else:
            row = self._session.scalar(select(PersonRow).where(PersonRow.name == person.name))
            key = person.name
        fields = {"name": person.name, **_person_fields(person)}
        update_row(self._session, row, fields, what="person", key=key)


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "role": person.role.value,
        "organisation": person.organisation,
        "slack_id": person.slack_id,
        "teams_id": person.teams_id,
        "aliases": list(person.aliases),
    }


def _person(row: PersonRow) -> Person:
    return Person(
        id=row.id,
        name=row.name,
        email=row.email,
        role=Role(row.role),
        organisation=row.organisation,
        slack_id=row.slack_id,
        teams_id=row.teams_id,
        aliases=tuple(row.aliases),
    )


class SqlGroupRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(GroupRow).options(selectinload(GroupRow.members))

    def all(self) -> list[Group]:
        return [_group(r) for r in self._session.scalars(self._query().order_by(GroupRow.name))]

    def get(self, name: str) -> Group | None:
        row = self._session.scalar(self._query().where(GroupRow.name == name))
        return _group(row) if row else None

    def _members(self, group: Group) -> list[PersonRow]:
        if not group.members:
            return []
        rows = self._session.scalars(select(PersonRow).where(PersonRow.name.in_(group.members)))
        found = {row.name: row for row in rows}
        missing = [name for name in group.members if name not in found]
        if missing:
            raise NotFound("person", ", ".join(missing))
        return [found[name] for name in group.members]

    def add(self, group: Group) -> None:
        row = GroupRow(
            name=group.name, aliases=list(group.aliases), kind=group.kind, contact=group.contact
        )
        row.members = self._members(group)
        self._session.add(row)
        self._session.flush()

    def save(self, group: Group) -> None:
        row = self._session.scalar(self._query().where(GroupRow.name == group.name))
        if row is None:
            raise NotFound("group", group.name)
        row.aliases = list(group.aliases)
        row.kind, row.contact = group.kind, group.contact
        row.members = self._members(group)
        self._session.flush()


def _group(row: GroupRow) -> Group:
    return Group(
        name=row.name,
        aliases=tuple(row.aliases),
        members=tuple(member.name for member in row.members),
        kind=GroupKind(row.kind),
        contact=row.contact,
    )
