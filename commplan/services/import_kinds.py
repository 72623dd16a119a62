"""Each kind of record an import writes, behind one interface, so that previews, summaries and
undo work the same for every kind (a new kind of import adds an entry to ``KINDS``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from commplan.contacts import Contact
from commplan.errors import NotFound
from commplan.meetings import MeetingAction, parse_action_key
from commplan.organisations import Organisation
from commplan.people import Directory, Group, Person, looks_like_group
from commplan.plan import Plan, StatusChange, Tactic
from commplan.ports import Repositories
from commplan.records import actions, contacts, organisations, plan, standards
from commplan.records.batches import RecordChange
from commplan.records.table import SourceRow, Table
from commplan.standards import Standard

R = TypeVar("R")


@dataclass(frozen=True, kw_only=True)
class Writing:
    """Who writes and when, for the records that keep a history (tactics)."""

    by: str
    at: datetime
    note: str = "imported"


def plan_title(year: int) -> str:
    """The default title of a plan year ("Communication plan 2015/16")."""
    return f"Communication plan {year}/{(year + 1) % 100:02d}"


def ensure_owners(repos: Repositories, names: Sequence[str]) -> None:
    """Create the people and groups that owner names refer to but the directory lacks."""
    directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    for name in dict.fromkeys(directory.unknown(names)):
        if looks_like_group(name):
            repos.groups.add(Group(name=name))
        else:
            repos.people.add(Person(name=name))
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())


@dataclass(frozen=True, kw_only=True)
class RecordKind(Generic[R]):
    """How one kind of record is found, compared, written, removed and shown as a row.

    ``kept`` adds to a record what only the database holds (a snooze, a history), as undo
    restores it; ``merged``, where given, is what an import stores instead (a file without
    due dates keeps the stored ones). ``add`` and ``save`` return the other records they
    had to add or change, for undo.
    """

    name: str
    columns: tuple[str, ...]
    key: Callable[[R], str]
    label: Callable[[R], str]
    existing: Callable[[Repositories, R], R | None]
    to_row: Callable[[R], dict[str, str]]
    from_table: Callable[[Repositories, Table], list[R]]
    add: Callable[[Repositories, R, Writing], list[RecordChange]]
    save: Callable[[Repositories, R, R, Writing], list[RecordChange]]
    remove: Callable[[Repositories, str], None]
    kept: Callable[[R, R], R] = lambda record, existing: record
    merged: Callable[[R, R], R] | None = None
    same: Callable[[R, R], bool] = lambda a, b: a == b

    def update_of(self, record: R, existing: R) -> R:
        """What an import of ``record`` over ``existing`` stores."""
        return self.merged(record, existing) if self.merged else self.kept(record, existing)

    def restore(self, repos: Repositories, row: Mapping[str, str]) -> R:
        """The record a stored row describes, validated as an import would."""
        table = Table(
            source="undo", columns=self.columns, rows=(SourceRow(number=2, values=dict(row)),)
        )
        return self.from_table(repos, table)[0]


def _save_action(
    repos: Repositories, action: MeetingAction, _old: MeetingAction, _w: Writing
) -> list[RecordChange]:
    repos.actions.save(action)
    return []


def _save_contact(
    repos: Repositories, contact: Contact, _old: Contact, _w: Writing
) -> list[RecordChange]:
    repos.contacts.save(contact)
    return []


def _save_standard(
    repos: Repositories, standard: Standard, _old: Standard, _w: Writing
) -> list[RecordChange]:
    repos.standards.save(standard)
    return []


# -- tactics ----------------------------------------------------------------------------------


def _add_tactic(repos: Repositories, tactic: Tactic, writing: Writing) -> list[RecordChange]:
    created = []
    year = tactic.plan_year
    if repos.plans.get(year) is None:
        repos.plans.add(Plan(year=year, title=plan_title(year)))
        # Undo removes a plan year the import created, or it would stay the latest plan.
        created.append(RecordChange(record="plans", key=str(year), label=f"plan {year}"))
    ensure_owners(repos, tactic.owners)
    repos.tactics.add(tactic)
    change = StatusChange(status=tactic.status, at=writing.at, by=writing.by, note=writing.note)
    repos.tactics.record(year, tactic.number, change)
    return created


def _save_tactic(
    repos: Repositories, tactic: Tactic, existing: Tactic, writing: Writing
) -> list[RecordChange]:
    ensure_owners(repos, tactic.owners)
    repos.tactics.save(tactic)
    if tactic.status is not existing.status:
        change = StatusChange(status=tactic.status, at=writing.at, by=writing.by, note=writing.note)
        repos.tactics.record(tactic.plan_year, tactic.number, change)
    return []


def _remove_tactic(repos: Repositories, key: str) -> None:
    year, number = key.split("/")
    repos.tactics.remove(int(year), int(number))


TACTICS: RecordKind[Tactic] = RecordKind(
    name="tactics",
    columns=plan.COLUMNS,
    key=lambda t: f"{t.plan_year}/{t.number}",
    label=lambda t: f"tactic {t.number} of {t.plan_year}, {t.name}",
    existing=lambda repos, t: repos.tactics.get(t.plan_year, t.number),
    to_row=lambda t: plan.tactics_to_rows([t])[0],
    from_table=lambda repos, table: plan.tactics_from_table(table, default_year=0),
    add=_add_tactic,
    save=_save_tactic,
    remove=_remove_tactic,
    kept=lambda t, old: replace(t, snoozed_until=old.snoozed_until, history=old.history),
)


# -- meeting actions --------------------------------------------------------------------------


def _remove_action(repos: Repositories, key: str) -> None:
    found = parse_action_key(key)
    assert found is not None, key
    repos.actions.remove(*found)


def _add_action(repos: Repositories, action: MeetingAction, _: Writing) -> list[RecordChange]:
    repos.actions.add(action)
    return []


ACTIONS: RecordKind[MeetingAction] = RecordKind(
    name="actions",
    columns=actions.COLUMNS,
    key=lambda a: a.key,
    label=lambda a: f"action {a.key}, {a.text[:60]}",
    existing=lambda repos, a: repos.actions.get(a.meeting_date, a.number),
    to_row=lambda a: actions.actions_to_rows([a])[0],
    from_table=lambda repos, table: actions.actions_from_table(table),
    add=_add_action,
    save=_save_action,
    remove=_remove_action,
    kept=lambda a, old: replace(a, snoozed_until=old.snoozed_until),
    # A file without due dates (an older export) leaves the dates set in chat alone.
    merged=lambda a, old: replace(a, due=a.due or old.due, snoozed_until=old.snoozed_until),
)


# -- contacts ---------------------------------------------------------------------------------


def _add_contact(repos: Repositories, contact: Contact, _: Writing) -> list[RecordChange]:
    learned = []
    name = contact.organisation
    # The directory learns the organisations a file names; undo forgets them again.
    if name and repos.organisations.get(name) is None:
        organisation = Organisation(
            name=name, org_type=contact.org_type, user_group=contact.user_group
        )
        repos.organisations.add(organisation)
        learned.append(RecordChange(record="organisations", key=name, label=f"organisation {name}"))
    repos.contacts.add(contact)
    return learned


def _contacts_from_table(repos: Repositories, table: Table) -> list[Contact]:
    found = contacts.contacts_from_table(table, standards=[s.name for s in repos.standards.all()])
    # The log keeps a contact under its dedupe key; so does a contact read from a file.
    return [replace(c, source_ref=c.dedupe_key) for c in found]


def _contact_label(contact: Contact) -> str:
    who = contact.name or contact.organisation or contact.email or "someone"
    return f"contact of {contact.on.isoformat()}, {who} ({contact.channel.value})"


CONTACTS: RecordKind[Contact] = RecordKind(
    name="contacts",
    columns=contacts.COLUMNS,
    key=lambda c: c.dedupe_key,
    label=_contact_label,
    existing=lambda repos, c: repos.contacts.get(c.dedupe_key),
    to_row=lambda c: contacts.contacts_to_rows([c])[0],
    from_table=_contacts_from_table,
    add=_add_contact,
    save=_save_contact,
    remove=lambda repos, key: repos.contacts.remove(key),
)


# -- the standards catalogue and the organisation directory ----------------------------------


def _standards_from_table(repos: Repositories, table: Table) -> list[Standard]:
    known = {s.name for s in repos.standards.all()}
    return standards.standards_from_table(table, known_names=known)


def _add_standard(repos: Repositories, standard: Standard, _: Writing) -> list[RecordChange]:
    repos.standards.add(standard)
    return []


STANDARDS: RecordKind[Standard] = RecordKind(
    name="standards",
    columns=standards.COLUMNS,
    key=lambda s: s.name,
    label=lambda s: f"standard {s.name}",
    existing=lambda repos, s: repos.standards.get(s.name),
    to_row=lambda s: standards.standards_to_rows([s])[0],
    from_table=_standards_from_table,
    add=_add_standard,
    save=_save_standard,
    remove=lambda repos, key: repos.standards.remove(key),
)


def _domains_taken(repos: Repositories, org: Organisation) -> list[RecordChange]:
    """The other entries that lose a domain to ``org`` (a domain belongs to one entry), as
    they were, so that undo gives them back."""
    losers: dict[str, Organisation] = {}
    for domain in org.domains:
        other = repos.organisations.by_domain(domain)
        if other is not None and other.name != org.name:
            losers.setdefault(other.name, other)
    return [
        RecordChange(
            record="organisations",
            key=other.name,
            label=f"organisation {other.name}",
            before=organisations.organisations_to_rows([other])[0],
            changed=("domains",),
        )
        for other in losers.values()
    ]


def _add_organisation(repos: Repositories, org: Organisation, _: Writing) -> list[RecordChange]:
    taken = _domains_taken(repos, org)
    repos.organisations.add(org)
    return taken


def _save_organisation(
    repos: Repositories, org: Organisation, _old: Organisation, _w: Writing
) -> list[RecordChange]:
    taken = _domains_taken(repos, org)
    repos.organisations.save(org)
    return taken


def _same_organisation(a: Organisation, b: Organisation) -> bool:
    return replace(a, domains=tuple(sorted(a.domains))) == replace(
        b, domains=tuple(sorted(b.domains))
    )


def _remove_organisation(repos: Repositories, name: str) -> None:
    if not repos.organisations.remove(name):
        raise NotFound("organisation", name)


ORGANISATIONS: RecordKind[Organisation] = RecordKind(
    name="organisations",
    columns=organisations.COLUMNS,
    key=lambda o: o.name,
    label=lambda o: f"organisation {o.name}",
    existing=lambda repos, o: repos.organisations.get(o.name),
    to_row=lambda o: organisations.organisations_to_rows([o])[0],
    from_table=lambda repos, table: organisations.organisations_from_table(table),
    add=_add_organisation,
    save=_save_organisation,
    remove=_remove_organisation,
    same=_same_organisation,
)

#: Every kind of record an import writes, by name. ``import KIND`` names them too, but for
#: the plan, whose records are its tactics.
KINDS: dict[str, RecordKind[Any]] = {
    kind.name: kind for kind in (TACTICS, ACTIONS, CONTACTS, STANDARDS, ORGANISATIONS)
}

#: Records an import may create alongside a kind's own, which undo can only remove.
CREATED_ALONGSIDE: dict[str, Callable[[Repositories, str], None]] = {
    "plans": lambda repos, key: repos.plans.remove(int(key)),
}

#: ``harmonibot import KIND``'s names for the kinds.
IMPORT_KINDS: dict[str, str] = {
    "plan": "tactics",
    "actions": "actions",
    "contacts": "contacts",
    "standards": "standards",
    "organisations": "organisations",
}

__all__ = ["CREATED_ALONGSIDE", "IMPORT_KINDS", "KINDS", "RecordKind", "Writing"]
