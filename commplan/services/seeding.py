"""Loading the sample data: only what is missing is added, so seeding again changes nothing."""

from __future__ import annotations

from datetime import datetime

from commplan.ports import UnitOfWork
from commplan.records.actions import actions_from_table
from commplan.records.organisations import organisations_from_table
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
