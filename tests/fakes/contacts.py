"""Fake contact log, grouping in Python what the SQL repository groups in the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Literal

from commplan.contacts import Contact, ContactChange
from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.organisations import Organisation
from commplan.paging import Page
from commplan.ports import ContactField
from tests.fakes._erase import redacted
from tests.fakes._store import Repo


class FakeContacts(Repo):
    def add(self, contact: Contact) -> bool:
        key = contact.dedupe_key
        if key in self._s.contacts:
            return False
        # The log keeps the dedupe key as the contact's source reference, as the table does.
        self._s.contact_numbers[0] += 1
        number = self._s.contact_numbers[0]
        self._s.contacts[key] = replace(contact, source_ref=key, id=number)
        return True

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]:
        # By date, then in the order logged (the dict's order, the table's ids).
        return sorted(
            (
                c
                for c in self._s.contacts.values()
                if (first is None or c.on >= first) and (last is None or c.on <= last)
            ),
            key=lambda c: c.on,
        )

    def get(self, source_ref: str) -> Contact | None:
        return self._s.contacts.get(source_ref)

    def page(self, first: date, last: date, *, limit: int) -> Page[Contact]:
        newest = sorted(self.all(first, last), key=lambda c: (c.on, c.id), reverse=True)
        return Page.of(newest, limit)

    def last_contact_of(
        self, by: Literal["organisation", "user_group"], names: Sequence[str], *, upto: date
    ) -> dict[str, date]:
        wanted = set(names)
        latest: dict[str, date] = {}
        for contact in self._s.contacts.values():
            key = _group(contact, by)
            if key in wanted and contact.on <= upto:
                latest[key] = max(latest.get(key, contact.on), contact.on)
        return latest

    def save(self, contact: Contact) -> None:
        key = contact.dedupe_key
        if key not in self._s.contacts:
            raise NotFound("contact", key)
        self._s.contacts[key] = replace(contact, source_ref=key, id=self._s.contacts[key].id)

    def by_id(self, contact_id: int) -> Contact | None:
        return next((c for c in self._s.contacts.values() if c.id == contact_id), None)

    def update(self, contact: Contact) -> None:
        stored = self.by_id(contact.id)
        if stored is None:
            raise NotFound("contact", contact.id)
        self._s.contacts[stored.source_ref] = replace(contact, source_ref=stored.source_ref)

    def delete(self, contact_id: int) -> bool:
        stored = self.by_id(contact_id)
        if stored is None:
            return False
        del self._s.contacts[stored.source_ref]
        return True

    def restore(self, contact: Contact) -> bool:
        key = contact.dedupe_key
        if key in self._s.contacts:
            return False
        self._s.contacts[key] = replace(contact, source_ref=key)
        return True

    def record(self, change: ContactChange) -> None:
        self._s.contact_changes.append(change)

    def history(self, contact_id: int) -> list[ContactChange]:
        return sorted(
            (c for c in self._s.contact_changes if c.contact_id == contact_id),
            key=lambda c: c.at,
        )

    def organisations_of_domain(self, domain: str) -> set[str]:
        ending = "@" + domain.lower()
        return {
            c.organisation for c in self._s.contacts.values() if c.email.lower().endswith(ending)
        }

    def refile(self, organisation: str, to: Organisation) -> int:
        moved = 0
        for key, c in list(self._s.contacts.items()):
            if c.organisation == organisation:
                self._s.contacts[key] = replace(
                    c, organisation=to.name, org_type=to.org_type, user_group=to.user_group
                )
                moved += 1
        return moved

    def remove(self, source_ref: str) -> None:
        if self._s.contacts.pop(source_ref, None) is None:
            raise NotFound("contact", source_ref)

    def organisations_heard(self, first: date, last: date) -> int:
        return len({c.organisation for c in self.all(first, last) if c.organisation})

    def counts(self, by: ContactField, first: date, last: date) -> dict[str, int]:
        counts: dict[str, int] = {}
        for contact in self.all(first, last):
            key = _group(contact, by)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def counts_by_month(
        self, by: ContactField, first: date, last: date
    ) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for contact in self.all(first, last):
            month = found.setdefault(_group(contact, "month"), {})
            key = _group(contact, by)
            month[key] = month.get(key, 0) + 1
        return found

    def counts_by_day(
        self, by: ContactField, first: date, last: date
    ) -> dict[date, dict[str, int]]:
        found: dict[date, dict[str, int]] = {}
        for contact in self.all(first, last):
            day = found.setdefault(contact.on, {})
            key = _group(contact, by)
            day[key] = day.get(key, 0) + 1
        return found

    def of_person(self, email: str) -> list[Contact]:
        address = email.strip().lower()
        return [c for c in self._s.contacts.values() if c.email.lower() == address]

    def erase_person(self, who: Erasure) -> int:
        changed = 0
        theirs: set[int] = set()
        for key, contact in list(self._s.contacts.items()):
            if who.is_them(contact.email) or who.is_them(contact.name):
                new = replace(contact, name="", email="", summary="")
                theirs.add(contact.id)
            else:
                new = redacted(contact, ("name", "email", "summary"), who)
            new = replace(new, source_ref=who.redact(key))
            if new != contact:
                del self._s.contacts[key]
                self._s.contacts[new.source_ref] = new
                changed += 1
        self._s.contact_changes[:] = [
            replace(c, before="", after="")
            if c.contact_id in theirs and c.field in ("name", "email", "summary")
            else redacted(c, ("by", "before", "after"), who)
            for c in self._s.contact_changes
        ]
        return changed

    def strip_before(self, day: date) -> int:
        changed = 0
        for key, c in list(self._s.contacts.items()):
            if c.on < day and (c.name or c.email or c.summary):
                self._s.contacts[key] = replace(c, name="", email="", summary="")
                changed += 1
        old = {c.id for c in self._s.contacts.values() if c.on < day}
        self._s.contact_changes[:] = [
            replace(c, before="", after="") if c.contact_id in old else c
            for c in self._s.contact_changes
        ]
        return changed


def _group(contact: Contact, by: ContactField) -> str:
    if by == "month":
        return f"{contact.on:%Y-%m}"
    if by == "quarter":
        return f"{contact.on.year}-Q{(contact.on.month - 1) // 3 + 1}"
    return str(getattr(contact, by) or "")
