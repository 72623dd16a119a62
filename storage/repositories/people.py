"""People and the groups they belong to."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.people import Group, GroupKind, Person, Role
from storage.repositories._rows import update_row
from storage.tables import GroupMemberRow, GroupRow, PersonRow


class SqlPeopleRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[Person]:
        # Plain rows, not ORM objects: a web chat turn reads everyone to find a typed name.
        self._session.flush()  # what the ORM's own query would have written first
        rows = self._session.execute(_everyone())
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

    def erase_person(self, who: Erasure) -> int:
        # An organisation's contact person is named, not linked: the name goes the same way.
        for group in self._session.scalars(select(GroupRow).where(GroupRow.contact != "")):
            if who.is_them(group.contact):
                group.contact = who.placeholder
        them: list[ColumnElement[bool]] = []
        if who.email:
            them.append(func.lower(PersonRow.email) == who.email)
        if who.chat_ids:
            ids = list(who.chat_ids)
            them += [PersonRow.slack_id.in_(ids), PersonRow.teams_id.in_(ids)]
        if not them:
            return 0
        query = select(PersonRow).where(or_(*them)).order_by(PersonRow.id)
        rows = list(self._session.scalars(query))
        for number, row in enumerate(rows):
            # Names are unique: a second entry for the same person is told apart by its id.
            row.name = who.placeholder if number == 0 else f"{who.placeholder} ({row.id})"
            row.email, row.slack_id, row.teams_id, row.aliases = "", "", "", []
        if rows:
            numbers = [row.id for row in rows]
            gone = delete(GroupMemberRow).where(GroupMemberRow.person_id.in_(numbers))
            self._session.execute(gone)
        self._session.flush()
        return len(rows)


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "role": person.role.value,
        "organisation": person.organisation,
        "slack_id": person.slack_id,
        "teams_id": person.teams_id,
        "aliases": list(person.aliases),
    }


@cache
def _everyone() -> Select[Any]:
    """Every person's row, by name; built once per process."""
    return select(*PersonRow.__table__.columns).order_by(PersonRow.name)


@cache
def _every_group() -> Select[Any]:
    return select(*GroupRow.__table__.columns).order_by(GroupRow.name)


@cache
def _memberships() -> Select[int, str]:
    """(group id, member's name) for every member of every group, by name as ``members``."""
    joined = select(GroupMemberRow.group_id, PersonRow.name).join(
        PersonRow, PersonRow.id == GroupMemberRow.person_id
    )
    return joined.order_by(PersonRow.name)


def _person(row: PersonRow | Row[Any]) -> Person:
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
        # Two plain queries, not ORM objects and a relationship load: plan answers read every
        # group to resolve owner names.
        self._session.flush()  # what the ORM's own query would have written first
        members: dict[int, list[str]] = {}
        for group_id, name in self._session.execute(_memberships()):
            members.setdefault(group_id, []).append(name)
        return [
            Group(
                name=row.name,
                aliases=tuple(row.aliases),
                members=tuple(members.get(row.id, ())),
                kind=GroupKind(row.kind),
                contact=row.contact,
            )
            for row in self._session.execute(_every_group())
        ]

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
