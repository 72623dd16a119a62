"""The organisation directory: each organisation with the e-mail domains it owns."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from commplan.errors import NotFound
from commplan.organisations import Organisation, parse_org_type, parse_user_group
from storage.tables import DomainRow, OrganisationRow


class SqlOrganisationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self) -> Any:
        return select(OrganisationRow).options(selectinload(OrganisationRow.domains))

    def all(self) -> list[Organisation]:
        rows = self._session.scalars(self._query().order_by(OrganisationRow.name))
        return [_organisation(row) for row in rows]

    def names(self) -> list[str]:
        query = select(OrganisationRow.name).order_by(OrganisationRow.name)
        return [str(name) for name in self._session.scalars(query)]

    def get(self, name: str) -> Organisation | None:
        row = self._session.scalar(self._query().where(OrganisationRow.name == name))
        return _organisation(row) if row else None

    def by_domain(self, domain: str) -> Organisation | None:
        query = self._query().join(DomainRow).where(DomainRow.domain == domain.lower())
        row = self._session.scalar(query)
        return _organisation(row) if row else None

    def add(self, organisation: Organisation) -> None:
        row = OrganisationRow(name=organisation.name)
        self._fill(row, organisation)
        self._session.add(row)
        self._session.flush()

    def save(self, organisation: Organisation) -> None:
        row = self._session.scalar(self._query().where(OrganisationRow.name == organisation.name))
        if row is None:
            raise NotFound("organisation", organisation.name)
        self._fill(row, organisation)
        self._session.flush()

    def remove(self, name: str) -> bool:
        row = self._session.scalar(self._query().where(OrganisationRow.name == name))
        if row is None:
            return False
        self._session.delete(row)
        self._session.flush()
        return True

    def _fill(self, row: OrganisationRow, organisation: Organisation) -> None:
        row.org_type = organisation.org_type.value if organisation.org_type else ""
        row.user_group = organisation.user_group.value if organisation.user_group else ""
        wanted = {d.lower() for d in organisation.domains}
        # A domain belongs to one organisation: teaching the directory moves it.
        for domain in wanted - {d.domain for d in row.domains}:
            existing = self._session.get(DomainRow, domain)
            if existing is not None:
                self._session.delete(existing)
                self._session.flush()
        row.domains = [d for d in row.domains if d.domain in wanted] + [
            DomainRow(domain=d) for d in sorted(wanted - {d.domain for d in row.domains})
        ]


def _organisation(row: OrganisationRow) -> Organisation:
    return Organisation(
        name=row.name,
        org_type=parse_org_type(row.org_type),
        user_group=parse_user_group(row.user_group),
        domains=tuple(d.domain for d in row.domains),
    )
