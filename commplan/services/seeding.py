"""Loading the sample data: only what is missing is added, so seeding again changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from commplan.errors import InvalidInput
from commplan.people import Person, Role
from commplan.ports import Repositories, UnitOfWork
from commplan.records.actions import actions_from_table
from commplan.records.organisations import organisations_from_table
from commplan.records.people import looks_like_email
from commplan.records.plan import tactics_from_table
from commplan.records.standards import standards_from_table
from commplan.sample import Sample
from commplan.services.importing import (
    write_actions,
    write_organisations,
    write_standards,
    write_tactics,
)
from commplan.services.summary import ImportSummary


def seed(uow: UnitOfWork, sample: Sample, *, at: datetime) -> list[ImportSummary]:
    """Add the sample's people, groups, plan, tactics, actions, directory and catalogue.

    Existing rows are never overwritten, so a tactic marked done stays done after a re-seed.
    """
    tactics = tactics_from_table(sample.tactics, default_year=sample.plan.year)
    actions = actions_from_table(sample.actions)
    organisations = organisations_from_table(sample.organisations)
    standards = standards_from_table(sample.standards)
    with uow as repos:
        people_added = 0
        for person in sample.people:
            if repos.people.get(person.name) is None:
                repos.people.add(person)
                people_added += 1
        groups_added = 0
        for group in sample.groups:
            if repos.groups.get(group.name) is None:
                repos.groups.add(group)
                groups_added += 1
        if repos.plans.get(sample.plan.year) is None:
            repos.plans.add(sample.plan)
        summaries = [
            ImportSummary(kind="people", added=people_added),
            ImportSummary(kind="groups", added=groups_added),
            write_tactics(repos, tactics, by="seed", at=at, overwrite=False),
            write_actions(repos, actions, overwrite=False),
            write_organisations(repos, organisations, overwrite=False),
            write_standards(repos, standards, overwrite=False),
        ]
        repos.commit()
    return summaries


def start_clean(
    uow: UnitOfWork, sample: Sample, *, admin: Person | None = None
) -> list[ImportSummary]:
    """Load only the standards catalogue and the organisation directory, and the first admin.

    A real team starts here rather than from the sample plan and people. Like :func:`seed`
    it never overwrites, so running it again changes nothing. ``admin`` is made an admin
    (added, or an existing person of that name promoted); None when an admin exists already.
    """
    organisations = organisations_from_table(sample.organisations)
    standards = standards_from_table(sample.standards)
    with uow as repos:
        admins = ImportSummary(kind="admins")
        if admin is not None:
            admins = _first_admin(repos, admin)
        summaries = [
            admins,
            write_organisations(repos, organisations, overwrite=False),
            write_standards(repos, standards, overwrite=False),
        ]
        repos.commit()
    return summaries


def has_admin(uow: UnitOfWork) -> bool:
    """Whether anybody is an admin yet (the first admin is asked for only when nobody is)."""
    with uow as repos:
        return any(p.role is Role.ADMIN for p in repos.people.all())


def _first_admin(repos: Repositories, admin: Person) -> ImportSummary:
    if not admin.name.strip():
        raise InvalidInput("the first admin needs a name")
    if admin.email and not looks_like_email(admin.email):
        raise InvalidInput(f"{admin.email!r} is not an e-mail address")
    existing = repos.people.get(admin.name) or (
        repos.people.find(email=admin.email) if admin.email else None
    )
    if existing is None:
        repos.people.add(replace(admin, role=Role.ADMIN))
        return ImportSummary(kind="admins", added=1)
    promoted = replace(existing, role=Role.ADMIN, email=admin.email or existing.email)
    if promoted == existing:
        return ImportSummary(kind="admins", unchanged=1)
    repos.people.save(promoted)
    return ImportSummary(kind="admins", updated=1)
