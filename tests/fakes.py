"""Fakes of our own ports: an in-memory unit of work good enough for conversation tests."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from types import TracebackType
from typing import Literal, Self

from commplan.contacts import Contact
from commplan.conversations import ConversationKind, ConversationRef
from commplan.errors import NotFound
from commplan.meetings import MeetingAction
from commplan.notices import Notice
from commplan.organisations import Organisation
from commplan.people import Group, Person
from commplan.plan import Plan, StatusChange, Tactic
from commplan.ports import Claim, ContactField
from commplan.queries import InboxQuery
from commplan.questions import Feedback, Question
from commplan.standards import Standard


class _Store:
    """The data all fake units of work share (the "database")."""

    def __init__(self) -> None:
        self.plans: dict[int, Plan] = {}
        self.tactics: dict[tuple[int, int], Tactic] = {}
        self.people: dict[str, Person] = {}
        self.groups: dict[str, Group] = {}
        self.actions: dict[tuple[date, int], MeetingAction] = {}
        self.organisations: dict[str, Organisation] = {}
        self.standards: dict[str, Standard] = {}
        self.contacts: dict[str, Contact] = {}
        self.questions: dict[str, Question] = {}
        self.drafts: dict[str, dict[str, str]] = {}
        self.claims: dict[str, dict[str, object]] = {}
        self.notices: list[Notice] = []
        self.conversations: dict[tuple[str, str], ConversationRef] = {}
        self.queries: dict[str, InboxQuery] = {}
        self.cursors: dict[str, str] = {}

    def copy(self) -> _Store:
        clone = _Store()
        for name, value in vars(self).items():
            setattr(clone, name, list(value) if isinstance(value, list) else dict(value))
        return clone


class _Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self._uow = uow

    @property
    def _s(self) -> _Store:
        return self._uow.working


class FakePlans(_Repo):
    def get(self, year: int) -> Plan | None:
        return self._s.plans.get(year)

    def latest(self) -> Plan | None:
        return self._s.plans[max(self._s.plans)] if self._s.plans else None

    def add(self, plan: Plan) -> None:
        self._s.plans[plan.year] = plan

    def save(self, plan: Plan) -> None:
        self._s.plans[plan.year] = plan


class FakeTactics(_Repo):
    def all(self, plan_year: int | None = None, *, open_only: bool = False) -> list[Tactic]:
        return [
            t
            for k, t in sorted(self._s.tactics.items())
            if plan_year in (None, k[0]) and not (open_only and t.is_complete)
        ]

    def get(self, plan_year: int, number: int) -> Tactic | None:
        return self._s.tactics.get((plan_year, number))

    def add(self, tactic: Tactic) -> None:
        self._s.tactics[(tactic.plan_year, tactic.number)] = tactic

    def save(self, tactic: Tactic) -> None:
        old = self._s.tactics.get((tactic.plan_year, tactic.number))
        if old is None:
            raise NotFound("tactic", tactic.number)
        self._s.tactics[(tactic.plan_year, tactic.number)] = replace(tactic, history=old.history)

    def record(self, plan_year: int, number: int, change: StatusChange) -> None:
        old = self._s.tactics[(plan_year, number)]
        self._s.tactics[(plan_year, number)] = replace(old, history=(*old.history, change))


class FakePeople(_Repo):
    def all(self) -> list[Person]:
        return sorted(self._s.people.values(), key=lambda p: p.name)

    def get(self, name: str) -> Person | None:
        return self._s.people.get(name)

    def find(self, *, email: str = "", slack_id: str = "", teams_id: str = "") -> Person | None:
        for person in self._s.people.values():
            if email and person.email.lower() == email.lower():
                return person
            if slack_id and person.slack_id == slack_id:
                return person
            if teams_id and person.teams_id == teams_id:
                return person
        return None

    def add(self, person: Person) -> None:
        # Numbered like a database sequence: people are never deleted, so max + 1 is unused.
        number = max((p.id for p in self._s.people.values()), default=0) + 1
        self._s.people[person.name] = replace(person, id=number)

    def save(self, person: Person) -> None:
        if person.id:
            old = next((p for p in self._s.people.values() if p.id == person.id), None)
            if old is None:
                raise NotFound("person", person.id)
            del self._s.people[old.name]
        else:
            old = self._s.people.get(person.name)
            if old is None:
                raise NotFound("person", person.name)
        self._s.people[person.name] = replace(person, id=old.id)


class FakeGroups(_Repo):
    def all(self) -> list[Group]:
        return sorted(self._s.groups.values(), key=lambda g: g.name)

    def get(self, name: str) -> Group | None:
        return self._s.groups.get(name)

    def add(self, group: Group) -> None:
        self._s.groups[group.name] = group

    def save(self, group: Group) -> None:
        self._s.groups[group.name] = group


class FakeActions(_Repo):
    def all(self) -> list[MeetingAction]:
        return [a for _, a in sorted(self._s.actions.items())]

    def get(self, meeting_date: date, number: int) -> MeetingAction | None:
        return self._s.actions.get((meeting_date, number))

    def add(self, action: MeetingAction) -> None:
        self._s.actions[(action.meeting_date, action.number)] = action

    def save(self, action: MeetingAction) -> None:
        self._s.actions[(action.meeting_date, action.number)] = action


class FakeOrganisations(_Repo):
    def all(self) -> list[Organisation]:
        return sorted(self._s.organisations.values(), key=lambda o: o.name)

    def get(self, name: str) -> Organisation | None:
        return self._s.organisations.get(name)

    def by_domain(self, domain: str) -> Organisation | None:
        return next((o for o in self._s.organisations.values() if domain in o.domains), None)

    def add(self, organisation: Organisation) -> None:
        self._s.organisations[organisation.name] = organisation

    def save(self, organisation: Organisation) -> None:
        self._s.organisations[organisation.name] = organisation


class FakeStandards(_Repo):
    def all(self) -> list[Standard]:
        return sorted(self._s.standards.values(), key=lambda s: s.name)

    def get(self, name: str) -> Standard | None:
        return self._s.standards.get(name)

    def add(self, standard: Standard) -> None:
        self._s.standards[standard.name] = standard

    def save(self, standard: Standard) -> None:
        self._s.standards[standard.name] = standard


class FakeContacts(_Repo):
    def add(self, contact: Contact) -> bool:
        if contact.dedupe_key in self._s.contacts:
            return False
        self._s.contacts[contact.dedupe_key] = contact
        return True

    def all(self, first: date | None = None, last: date | None = None) -> list[Contact]:
        return [
            c
            for c in self._s.contacts.values()
            if (first is None or c.on >= first) and (last is None or c.on <= last)
        ]

    def get(self, source_ref: str) -> Contact | None:
        return self._s.contacts.get(source_ref)

    def save(self, contact: Contact) -> None:
        self._s.contacts[contact.dedupe_key] = contact

    def counts(self, by: ContactField, first: date, last: date) -> dict[str, int]:
        counts: dict[str, int] = {}
        for contact in self.all(first, last):
            if by == "month":
                key = f"{contact.on:%Y-%m}"
            elif by == "quarter":
                key = f"{contact.on.year}-Q{(contact.on.month - 1) // 3 + 1}"
            else:
                key = str(getattr(contact, by) or "")
            counts[key] = counts.get(key, 0) + 1
        return counts

    def counts_by_month(
        self, by: ContactField, first: date, last: date
    ) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for contact in self.all(first, last):
            key = str(getattr(contact, by) or "") if by not in ("month", "quarter") else ""
            month = found.setdefault(f"{contact.on:%Y-%m}", {})
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
            key = str(getattr(contact, by) or "")
            if key:
                latest[key] = max(latest.get(key, contact.on), contact.on)
        return latest


class FakeQuestions(_Repo):
    def add(self, question: Question) -> bool:
        if question.key in self._s.questions:
            return False
        self._s.questions[question.key] = question
        return True

    def get(self, key: str) -> Question | None:
        return self._s.questions.get(key)

    def save(self, question: Question) -> None:
        self._s.questions[question.key] = question

    def needing_team(self) -> list[Question]:
        found = [q for q in self._s.questions.values() if q.needs_team]
        return sorted(found, key=lambda q: q.asked_at, reverse=True)


class FakeDrafts(_Repo):
    def get(self, key: str) -> dict[str, str] | None:
        data = self._s.drafts.get(key)
        return dict(data) if data is not None else None

    def put(self, key: str, data: dict[str, str], at: datetime) -> None:
        self._s.drafts[key] = dict(data)

    def clear(self, key: str) -> None:
        self._s.drafts.pop(key, None)


class FakeClaims(_Repo):
    def claim(self, key: str, *, kind: str, person: str, item: str, at: datetime) -> bool:
        if key in self._s.claims:
            return False
        self._s.claims[key] = {
            "kind": kind,
            "person": person,
            "item": item,
            "channel": "",
            "claimed_at": at,
        }
        return True

    def claimed(self, keys: Collection[str]) -> set[str]:
        return {key for key in keys if key in self._s.claims}

    def claim_many(self, claims: Sequence[Claim], at: datetime) -> set[str]:
        return {
            c.key
            for c in claims
            if self.claim(c.key, kind=c.kind, person=c.person, item=c.item, at=at)
        }

    def mark_sent(self, key: str, *, channel: str, at: datetime) -> None:
        self._s.claims[key] = {**self._s.claims[key], "channel": channel, "sent_at": at}

    def mark_all_sent(self, channels: Mapping[str, str], at: datetime) -> None:
        for key, channel in channels.items():
            self.mark_sent(key, channel=channel, at=at)

    def release(self, key: str) -> None:
        self._s.claims.pop(key, None)

    def unreachable_since(self, since: datetime) -> list[str]:
        return sorted(
            {
                str(d["person"])
                for d in self._s.claims.values()
                if d.get("channel") == "unreachable" and d["claimed_at"] >= since
            }
        )


class FakeNotices(_Repo):
    def add(
        self, person: str, text: str, at: datetime, payload: dict[str, object] | None = None
    ) -> None:
        last = max((n.id for n in self._s.notices), default=0)
        self._s.notices.append(
            Notice(id=last + 1, person=person, text=text, at=at, payload=payload)
        )

    def for_person(self, person: str, since: datetime | None = None) -> list[tuple[datetime, str]]:
        return [
            (n.at, n.text)
            for n in self._s.notices
            if n.person == person and (since is None or n.at > since)
        ]

    def after(self, people: Collection[str], after_id: int = 0, limit: int = 100) -> list[Notice]:
        return [n for n in self._s.notices if n.person in people and n.id > after_id][:limit]

    def erase_mentioning(self, text: str) -> int:
        needle = text.lower()
        kept = [
            n
            for n in self._s.notices
            if needle not in n.text.lower() and needle not in repr(n.payload).lower()
        ]
        removed = len(self._s.notices) - len(kept)
        self._s.notices[:] = kept
        return removed

    def delete_before(self, cutoff: datetime) -> int:
        kept = [n for n in self._s.notices if n.at >= cutoff]
        removed = len(self._s.notices) - len(kept)
        self._s.notices[:] = kept
        return removed


class FakeConversations(_Repo):
    def save(self, ref: ConversationRef) -> None:
        self._s.conversations[(ref.platform, ref.conversation_id)] = ref

    def for_user(self, platform: str, user_id: str) -> ConversationRef | None:
        found = [
            r
            for r in self._s.conversations.values()
            if user_id
            and r.platform == platform
            and r.user_id == user_id
            and r.kind is ConversationKind.PERSONAL
        ]
        return max(found, key=lambda r: r.updated_at, default=None)

    def channels(self, platform: str) -> list[ConversationRef]:
        return sorted(
            (
                r
                for r in self._s.conversations.values()
                if r.platform == platform and r.kind is ConversationKind.CHANNEL
            ),
            key=lambda r: r.conversation_id,
        )


class FakeQueries(_Repo):
    def add(self, query: InboxQuery) -> None:
        self._s.queries[query.key] = query

    def get(self, key: str) -> InboxQuery | None:
        return self._s.queries.get(key)

    def by_thread(self, thread: str) -> InboxQuery | None:
        found = [q for q in self._s.queries.values() if q.thread == thread]
        return min(found, key=lambda q: q.received_at) if found else None

    def save(self, query: InboxQuery) -> None:
        self._s.queries[query.key] = query

    def all(self, first: datetime | None = None, last: datetime | None = None) -> list[InboxQuery]:
        return sorted(
            (
                q
                for q in self._s.queries.values()
                if (first is None or q.received_at >= first)
                and (last is None or q.received_at <= last)
            ),
            key=lambda q: q.received_at,
        )

    def open(self) -> list[InboxQuery]:
        return [q for q in self.all() if q.open]

    def answered_between(self, first: datetime, before: datetime) -> list[InboxQuery]:
        return [
            q for q in self.all() if q.answered_at is not None and first <= q.answered_at < before
        ]

    def by_ref(self, ref: str) -> InboxQuery | None:
        found = [q for q in self._s.queries.values() if q.ref == ref.strip().lower()]
        return min(found, key=lambda q: (q.received_at, q.key), default=None)

    def touched(self, first: datetime, before: datetime) -> list[InboxQuery]:
        return sorted(
            (
                q
                for q in self._s.queries.values()
                if first <= q.received_at < before
                or (q.answered_at is not None and first <= q.answered_at < before)
                or q.open
            ),
            key=lambda q: (q.received_at, q.key),
        )

    def erase(self, email: str) -> int:
        gone = [k for k, q in self._s.queries.items() if q.sender_email.lower() == email.lower()]
        for key in gone:
            del self._s.queries[key]
        return len(gone)

    def strip_before(self, moment: datetime) -> int:
        changed = 0
        for key, q in list(self._s.queries.items()):
            if q.received_at < moment and q.sender_email:
                self._s.queries[key] = replace(
                    q, sender_name="", sender_email="", subject="", summary=""
                )
                changed += 1
        return changed


class FakeMailboxes(_Repo):
    def cursor(self, mailbox: str) -> str:
        return self._s.cursors.get(mailbox, "")

    def set_cursor(self, mailbox: str, cursor: str, at: datetime) -> None:
        self._s.cursors[mailbox] = cursor


class FakeUnitOfWork:
    """Works on a copy of the shared store; commit publishes the copy, like a transaction."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self.working = store
        self.committed = False
        self.plans = FakePlans(self)
        self.tactics = FakeTactics(self)
        self.people = FakePeople(self)
        self.groups = FakeGroups(self)
        self.actions = FakeActions(self)
        self.organisations = FakeOrganisations(self)
        self.standards = FakeStandards(self)
        self.contacts = FakeContacts(self)
        self.questions = FakeQuestions(self)
        self.drafts = FakeDrafts(self)
        self.claims = FakeClaims(self)
        self.notices = FakeNotices(self)
        self.queries = FakeQueries(self)
        self.mailboxes = FakeMailboxes(self)
        self.conversations = FakeConversations(self)

    def __enter__(self) -> Self:
        self.working = self._store.copy()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.working = self._store

    def commit(self) -> None:
        for name, value in vars(self.working).items():
            setattr(self._store, name, value)
        self.committed = True

    def rollback(self) -> None:
        self.working = self._store.copy()


class FakeDatabase:
    """A factory of fake units of work over one shared store."""

    def __init__(self) -> None:
        self.store = _Store()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)


__all__ = ["FakeDatabase", "FakeUnitOfWork", "Feedback"]
