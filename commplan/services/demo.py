"""The demo: the sample plan moved to this year, and a year of invented contacts around it.

Kept apart from :func:`commplan.services.seeding.seed`, which a real deployment runs: only
``harmonibot seed --demo`` ever adds sample contacts. The contacts go through
:func:`log_contacts`, the helper every writer of contacts uses, and the queries and questions
through their repositories, so the demo is counted exactly as real data is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from commplan.ports import UnitOfWork
from commplan.records.organisations import organisations_from_table
from commplan.records.standards import standards_from_table
from commplan.sample import Sample, load_sample
from commplan.sample.demo_data import CHAT_KEY, DEFAULT_SEED, FIRST_REFS, generate, is_demo_ref
from commplan.sample.demo_plan import demo_plan_year, moved_on
from commplan.services.contacts import log_contacts
from commplan.workdays import WorkingDays


@dataclass(frozen=True, kw_only=True)
class DemoSummary:
    """What ``seed --demo`` did: rows added, or ``already`` when the demo was there before."""

    already: bool = False
    contacts: int = 0
    queries: int = 0
    questions: int = 0
    quiet: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.already:
            return (
                "demo data: already there, nothing added "
                "('harmonibot seed --demo --remove' takes it out)"
            )
        return (
            f"demo data: {self.contacts} contacts, {self.queries} inbox queries and "
            f"{self.questions} chat questions over the past twelve months; gone quiet: "
            + ", ".join(self.quiet)
        )


@dataclass(frozen=True, kw_only=True)
class DemoRemoval:
    contacts: int = 0
    queries: int = 0
    questions: int = 0

    def __str__(self) -> str:
        return (
            f"demo data removed: {self.contacts} contacts, {self.queries} inbox queries, "
            f"{self.questions} chat questions (the plan, people and catalogue stay)"
        )


def demo_sample(today: datetime) -> Sample:
    """The sample in this year, its tactics in the states a team mid-year would show."""
    sample = load_sample(demo_plan_year(today.date()))
    return replace(sample, tactics=moved_on(sample.tactics, today.date()))


def seed_demo(
    uow: UnitOfWork,
    sample: Sample,
    *,
    at: datetime,
    seed: int = DEFAULT_SEED,
    calendar: WorkingDays | None = None,
) -> DemoSummary:
    """Add the twelve months of demo contacts, queries and questions before ``at``, once.

    When any demo row is there already nothing is added: a second run neither duplicates the
    demo nor mixes two years of it.
    """
    data = generate(
        at=at,
        organisations=organisations_from_table(sample.organisations),
        standards=standards_from_table(sample.standards),
        team=sorted(p.name for p in sample.people if p.role.is_team),
        seed=seed,
        calendar=calendar,
    )
    with uow as repos:
        if any(repos.contacts.get(ref) is not None for ref in FIRST_REFS):
            return DemoSummary(already=True)
        logged = log_contacts(repos, data.contacts, set())
        for query in data.queries:
            repos.queries.add(query)
        questions = sum(repos.questions.add(q) for q in data.questions)
        repos.commit()
    return DemoSummary(
        contacts=logged.added,
        queries=len(data.queries),
        questions=questions,
        quiet=data.quiet,
    )


def remove_demo(uow: UnitOfWork) -> DemoRemoval:
    """Take out every demo contact, inbox query and chat question; real rows stay."""
    with uow as repos:
        refs = [c.source_ref for c in repos.contacts.all() if is_demo_ref(c.source_ref)]
        for ref in refs:
            repos.contacts.remove(ref)
        keys = [q.key for q in repos.queries.all() if is_demo_ref(q.key)]
        for key in keys:
            repos.queries.remove(key)
        # Demo questions are numbered from one without gaps (nothing deletes a question).
        questions = 0
        while repos.questions.remove(CHAT_KEY.format(questions + 1)):
            questions += 1
        repos.commit()
    return DemoRemoval(contacts=len(refs), queries=len(keys), questions=questions)
