"""Fake contact log, grouping in Python what the SQL repository groups in the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Literal

from commplan.contacts import Contact
from commplan.errors import NotFound
from commplan.ports import ContactField
from tests.fakes._store import Repo


class FakeContacts(Repo):
    def add(self, contact: Contact) -> bool:
        key = contact.dedupe_key
        if key in self._s.contacts:
            return False
        # The log keeps the dedupe key as the contact's source reference, as the table does.
        self._s.contacts[key] = replace(contact, source_ref=key)
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

    def save(self, contact: Contact) -> None:
        key = contact.dedupe_key
        if key not in self._s.contacts:
            raise NotFound("contact", key)
        self._s.contacts[key] = replace(contact, source_ref=key)

    def remove(self, source_ref: str) -> None:
        if self._s.contacts.pop(source_ref, None) is None:
            raise NotFound("contact", source_ref)

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

    def erase(self, email: str) -> int:
        gone = [k for k, c in self._s.contacts.items() if c.email.lower() == email.lower()]
        for key in gone:
            del self._s.contacts[key]
        return len(gone)

    def strip_before(self, day: date) -> int:
        changed = 0
        for key, c in list(self._s.contacts.items()):
            if c.on < day and (c.name or c.email or c.summary):
                self._s.contacts[key] = replace(c, name="", email="", summary="")
                changed += 1
        return changed

    def last_contact(self, by: Literal["organisation", "user_group"]) -> dict[str, date]:
        latest: dict[str, date] = {}
        for contact in self._s.contacts.values():
            key = _group(contact, by)
            if key:
                latest[key] = max(latest.get(key, contact.on), contact.on)
        return latest


def _group(contact: Contact, by: ContactField) -> str:
    if by == "month":
        return f"{contact.on:%Y-%m}"
    if by == "quarter":
        return f"{contact.on.year}-Q{(contact.on.month - 1) // 3 + 1}"
    return str(getattr(contact, by) or "")
