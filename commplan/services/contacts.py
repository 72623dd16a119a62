"""The contact log: contacts logged by hand in chat or from a chat message, listed for the team,
and set against the plan year's baseline; and the one helper every writer of contacts goes
through."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from commplan.baseline import BaselineReport, Period
from commplan.contacts import Channel, Contact, Direction
from commplan.errors import InvalidInput
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.orgmatch import resolve_organisation
from commplan.paging import CHAT_ROWS, Page
from commplan.people import Person
from commplan.permissions import CONTACTS_ARE_PERSONAL, require_team
from commplan.ports import ContactField, Repositories, UnitOfWork
from commplan.ranking import StandardsIndex
from commplan.senders import SenderDirectory
from commplan.services.people import identify_in
from commplan.services.plan import current_year
from commplan.services.reports import baseline_in, default_periods
from commplan.services.summary import ImportSummary
from commplan.services.turns import CHAT_MESSAGE, message_claim


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


@dataclass(frozen=True, kw_only=True)
class ReportedLog:
    """A contact logged from a team member's report; ``new_organisation`` when its
    organisation was new to the directory (it joined it with its pattern's type and group)."""

    contact: Contact
    new_organisation: bool = False


def log_chat_contact(
    uow: UnitOfWork,
    reported: ReportedContact,
    *,
    person: Person | None,
    standards: StandardsIndex,
) -> Contact:
    """:func:`log_reported_contact`'s contact alone."""
    return log_reported_contact(uow, reported, person=person, standards=standards).contact


def log_reported_contact(
    uow: UnitOfWork,
    reported: ReportedContact,
    *,
    person: Person | None,
    standards: StandardsIndex,
) -> ReportedLog:
    """Log a contact a team member reports; the directory fills in what it knows.

    The typed organisation is resolved as a person would read it: "leeds city council",
    "Leeds CC" and "Leeds Citty Council" are the directory's Leeds City Council, with its type
    and user group; a name the directory does not know joins it with the type and group its
    pattern gives ("Little Snoring Parish Council": local government).

    Raises:
        NotAllowed: the person is not on the team.
        InvalidInput: the organisation fits several entries ("Which do you mean: A or B?").
    """
    require_team(person)
    topic = standards.resolve(reported.topic)
    standard = topic.name if topic else ""
    with uow as repos:
        match = resolve_organisation(reported.organisation, repos.organisations.all())
        if match.ambiguous:
            raise InvalidInput(which_of(match.candidates))
        contact = Contact(
            on=reported.on,
            channel=reported.channel,
            direction=reported.direction,
            name=reported.name,
            organisation=match.name,
            org_type=match.org_type,
            user_group=match.user_group,
            standard=standard,
            summary=reported.summary,
            source_ref=reported.source_ref,
        )
        log_contacts(repos, [contact])
        stored = repos.contacts.get(contact.dedupe_key) or contact
        repos.commit()
    return ReportedLog(contact=stored, new_organisation=match.new)


def which_of(candidates: Sequence[Organisation]) -> str:
    """The question to ask when a typed organisation fits several directory entries."""
    names = [c.name for c in candidates]
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    return f"Which do you mean: {listed}?"


# -- a chat message logged as a contact through a form (Slack's "Log as contact") -------------

#: Why someone outside the team cannot log a message as a contact.
TEAM_LOGS_CONTACTS = CONTACTS_ARE_PERSONAL + " Ask the harmonisation team to log it."


@dataclass(frozen=True, kw_only=True)
class ChatUser:
    """Someone as a chat knows them: the platform's id for them, and the name and e-mail it
    shows ("" when hidden)."""

    platform: str
    user_id: str = ""
    name: str = ""
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class ChatMessage:
    """A chat message a team member wants logged; ``source_ref`` names the message, so that
    logging it twice logs one contact."""

    source_ref: str
    on: date
    author: ChatUser
    text: str


@dataclass(frozen=True, kw_only=True)
class MessageContact:
    """The contact form for one message: prefilled by :func:`draft_from_message`, then
    corrected by the team member and logged by :func:`log_from_message`."""

    source_ref: str
    on: date
    name: str = ""
    email: str = ""
    organisation: str = ""
    org_type: OrgType | None = None
    user_group: UserGroup | None = None
    standard: str = ""
    summary: str = ""


@dataclass(frozen=True, kw_only=True)
class LoggedContact:
    """What :func:`log_from_message` logged; ``added`` is False when the message was logged
    before, and ``unknown_topic`` holds a typed topic the catalogue does not know."""

    contact: Contact
    added: bool
    unknown_topic: str = ""


def draft_from_message(
    uow: UnitOfWork,
    message: ChatMessage,
    *,
    asker: ChatUser,
    standards: StandardsIndex,
    at: datetime,
    request_key: str = "",
) -> MessageContact | None:
    """The contact form's prefill for a team member; None when this request came before.

    The author as the directory knows them, else as the chat shows them; their organisation
    from the directory, else from their e-mail address; the topic from the catalogue.
    ``request_key`` is the chat's own id for the request, claimed with the chat messages
    (see ``begin_turn``), so that a retried request is answered once.

    Raises:
        NotAllowed: the asker is not on the team.
    """
    topic = standards.resolve(message.text)
    with uow as repos:
        if request_key and not repos.claims.claim(
            message_claim(request_key),
            kind=CHAT_MESSAGE,
            person=asker.user_id[:200],
            item=message.source_ref[:300],
            at=at,
        ):
            return None
        require_team(_identify(repos, asker), TEAM_LOGS_CONTACTS)
        written = message.author
        author = _identify(repos, written) if written.user_id or written.email else None
        organisations = repos.organisations.all()
        repos.commit()
    name, org_type, user_group = _organisation_of(author, written.email, organisations)
    return MessageContact(
        source_ref=message.source_ref,
        on=message.on,
        name=author.name if author else written.name,
        email=written.email or (author.email if author else ""),
        organisation=name,
        org_type=org_type,
        user_group=user_group,
        standard=topic.name if topic else "",
        summary=message.text,
    )


def log_from_message(
    uow: UnitOfWork, form: MessageContact, *, by: ChatUser, standards: StandardsIndex
) -> LoggedContact:
    """Log the contact a team member submitted; the message's contact is logged once.

    The typed organisation meets the directory as a person would type it; a type or user
    group the form leaves empty comes from there. The topic must name a catalogue entry.

    Raises:
        NotAllowed: the person submitting is not on the team.
    """
    topic = standards.resolve(form.standard)
    with uow as repos:
        require_team(_identify(repos, by))
        match = resolve_organisation(form.organisation, repos.organisations.all())
        contact = Contact(
            on=form.on,
            channel=Channel.CHAT,
            direction=Direction.INBOUND,
            name=form.name,
            email=form.email,
            organisation=match.name,
            org_type=form.org_type or match.org_type,
            user_group=form.user_group or match.user_group,
            standard=topic.name if topic else "",
            summary=form.summary,
            source_ref=form.source_ref,
        )
        added = log_contacts(repos, [contact]).added > 0
        repos.commit()
    unknown = form.standard if form.standard and topic is None else ""
    return LoggedContact(contact=contact, added=added, unknown_topic=unknown)


def _identify(repos: Repositories, user: ChatUser) -> Person | None:
    return identify_in(
        repos, platform=user.platform, user_id=user.user_id, email=user.email, name=user.name
    )


def _organisation_of(
    person: Person | None, email: str, organisations: Sequence[Organisation]
) -> tuple[str, OrgType | None, UserGroup | None]:
    """Where the author works: the directory's entry for their organisation, else what
    their e-mail address says, else the organisation as recorded for them."""
    recorded = person.organisation if person else ""
    match = resolve_organisation(recorded, organisations) if recorded else None
    if match is not None and match.known:
        return match.name, match.org_type, match.user_group
    if email:
        found = SenderDirectory(organisations).classify(email)
        return found.organisation, found.org_type, found.user_group
    if match is not None:
        return match.name, match.org_type, match.user_group
    return "", None, None


def contacts_between(
    uow: UnitOfWork, first: date, last: date, *, person: Person | None
) -> list[Contact]:
    """The contacts logged from ``first`` to ``last`` inclusive, for the team only."""
    require_team(person)
    with uow as repos:
        return repos.contacts.all(first, last)


def contacts_page(
    uow: UnitOfWork, first: date, last: date, *, person: Person | None, limit: int = CHAT_ROWS
) -> Page[Contact]:
    """The newest ``limit`` contacts from ``first`` to ``last`` and how many there are, for
    the team only: a chat list, counted by the store rather than read whole."""
    require_team(person)
    with uow as repos:
        return repos.contacts.page(first, last, limit=limit)


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
