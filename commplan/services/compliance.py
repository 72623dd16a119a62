"""Checking draft survey questions against the standards, each check logged as a contact.

A check is a member using a standard, so it is logged with that standard: the baseline then
shows uptake by standard and organisation. The team checking on its own account is not a
contact (as with questions); a file checked for an organisation is, under that organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from commplan.compliance import DraftQuestion, QuestionCheck, check_question
from commplan.contacts import Channel, Contact, Direction
from commplan.people import Person
from commplan.ports import UnitOfWork
from commplan.ranking import StandardsIndex
from commplan.services.contacts import log_contacts

MAX_SUMMARY = 500
#: How a check's contact reference starts: the evidence pack counts checks by it.
CHECK_SOURCE = "check:"


@dataclass(frozen=True, kw_only=True)
class CheckedFor:
    """Who a check is done for. ``key`` names the message or file, so a retried delivery or
    a second run logs nothing twice; ``organisation`` is used when the person is not known."""

    key: str
    at: datetime
    person: Person | None
    name: str
    channel: Channel = Channel.CHAT
    email: str = ""
    organisation: str = ""


def check_questions(
    uow: UnitOfWork,
    drafts: Sequence[DraftQuestion],
    *,
    index: StandardsIndex,
    checked_for: CheckedFor | None,
) -> list[QuestionCheck]:
    """Each draft checked against its standard; logged as contacts unless nobody outside the
    team is named."""
    checks = [check_question(draft, index) for draft in drafts]
    if checked_for is None or _is_team(checked_for.person):
        return checks
    with uow as repos:
        person = checked_for.person
        organisation = (person.organisation if person else "") or checked_for.organisation
        known = repos.organisations.get(organisation) if organisation else None
        contacts = [
            Contact(
                on=checked_for.at.date(),
                channel=checked_for.channel,
                direction=Direction.INBOUND,
                name=checked_for.name,
                email=person.email if person and person.email else checked_for.email,
                organisation=organisation,
                org_type=known.org_type if known else None,
                user_group=known.user_group if known else None,
                standard=check.standard.name if check.standard else "",
                summary=f"Question check: {check.draft.question}"[:MAX_SUMMARY],
                source_ref=f"{CHECK_SOURCE}{checked_for.key}:{number}",
            )
            for number, check in enumerate(checks, start=1)
        ]
        log_contacts(repos, contacts)
        repos.commit()
    return checks


def _is_team(person: Person | None) -> bool:
    return person is not None and person.role.is_team
