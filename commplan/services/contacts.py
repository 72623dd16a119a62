"""The contact log: contacts logged by hand in chat, listed for the team, and set against the
plan year's baseline; and the one helper every writer of contacts goes through."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from commplan.baseline import BaselineReport, Period
from commplan.contacts import Channel, Contact, Direction
from commplan.organisations import Organisation
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import ContactField, Repositories, UnitOfWork
from commplan.ranking import StandardsIndex
from commplan.services.plan import current_year
from commplan.services.reports import baseline_in, default_periods
from commplan.services.summary import ImportSummary


def log_contacts(
    repos: Repositories, contacts: Iterable[Contact], known: set[str] | None = None
) -> ImportSummary:
    """Log contacts inside the caller's unit of work; unknown organisations join the directory.

    ``known`` carries the organisation names already checked across calls in one transaction.
    """
    added = unchanged = 0
    seen = known if known is not None else set()
    for contact in contacts:
        name = contact.organisation
        # One indexed look-up per new name: the inbox logs a message at a time, and loading
        # the whole directory for each would cost more than everything else together.
        if name and name not in seen:
            seen.add(name)
            if repos.organisations.get(name) is None:
                repos.organisations.add(
                    Organisation(
                        name=name, org_type=contact.org_type, user_group=contact.user_group
                    )
                )
        if repos.contacts.add(contact):
            added += 1
        else:
            unchanged += 1
    return ImportSummary(kind="contacts", added=added, unchanged=unchanged)


@dataclass(frozen=True, kw_only=True)
class ReportedContact:
    """A contact a team member reports in chat, read from what they typed.

    ``topic`` holds the words to find its standard by; ``source_ref`` the chat message's key,
    so that a retried delivery logs it once.
    """

    on: date
    name: str
    organisation: str
    summary: str
    channel: Channel = Channel.OTHER
    direction: Direction = Direction.INBOUND
    topic: str = ""
    source_ref: str


def log_chat_contact(
    uow: UnitOfWork,
    reported: ReportedContact,
    *,
    person: Person | None,
    standards: StandardsIndex,
) -> Contact:
    """Log a contact a team member reports; the directory fills in what it knows.

    The organisation is matched in the directory ignoring case, so "leeds city council" is
    logged under the directory's own spelling with its type and user group.
    """
    require_team(person)
    lookup = standards.lookup(reported.topic) if reported.topic.strip() else None
    standard = lookup.matches[0].standard.name if lookup and lookup.answered else ""
    with uow as repos:
        known = _organisation(repos, reported.organisation)
        contact = Contact(
            on=reported.on,
            channel=reported.channel,
            direction=reported.direction,
            name=reported.name,
            organisation=known.name if known else reported.organisation,
            org_type=known.org_type if known else None,
            user_group=known.user_group if known else None,
            standard=standard,
            summary=reported.summary,
            source_ref=reported.source_ref,
        )
        log_contacts(repos, [contact])
        repos.commit()
    return contact


def _organisation(repos: Repositories, name: str) -> Organisation | None:
    known = repos.organisations.get(name)
    if known is not None:
        return known
    return next((o for o in repos.organisations.all() if o.name.lower() == name.lower()), None)


def contacts_between(
    uow: UnitOfWork, first: date, last: date, *, person: Person | None
) -> list[Contact]:
    """The contacts logged from ``first`` to ``last`` inclusive, for the team only."""
    require_team(person)
    with uow as repos:
        return repos.contacts.all(first, last)


@dataclass(frozen=True, kw_only=True)
class PlanBaseline:
    """Contacts in a period against the first quarter of the plan year."""

    year: int
    period: Period
    report: BaselineReport


def plan_baseline(
    uow: UnitOfWork,
    *,
    by: ContactField,
    period: Callable[[int], Period],
    today: date,
    person: Person | None,
) -> PlanBaseline:
    """Contacts by ``by`` in a period against Q1 of the current plan year.

    ``period`` gives the period from the plan year, which is only known inside the unit:
    words such as "Q2" mean a quarter of the plan's year, not of the calendar's.
    """
    require_team(person)
    with uow as repos:
        year = current_year(repos, today)
        chosen = period(year)
        _, base = default_periods(year)
        report = baseline_in(repos, by=by, period=chosen, baseline_period=base)
    return PlanBaseline(year=year, period=chosen, report=report)
