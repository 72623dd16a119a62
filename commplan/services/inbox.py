"""The inbox: each message logged once as a contact and tracked as a query until answered."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from commplan.contacts import Channel, Contact, Direction
from commplan.errors import InvalidInput, NotFound
from commplan.inbox import InboundEmail, message_key, thread_root, topic_phrases
from commplan.organisations import Organisation, parse_org_type, parse_user_group
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.queries import InboxQuery, QueryState
from commplan.ranking import StandardsIndex
from commplan.senders import FREE_MAIL_DOMAINS, SenderDirectory, domain_of
from commplan.services.contacts import log_contacts

SUMMARY_LENGTH = 300
#: The share of a phrase that must name the standard (its name, topic or a synonym).
TITLE_COVERAGE = 0.5
#: A match this confident ends the search for a message's topic.
SURE = 0.95
ARCHIVED_REASON = "imported from an archive: query closed"


class Status(enum.StrEnum):
    LOGGED = "logged"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What happened to one message: the report ``inbox import --json`` prints."""

    message_id: str
    sender: str
    organisation: str = ""
    org_type: str = ""
    user_group: str = ""
    standard: str = ""
    status: Status
    reason: str = ""
    source: str = ""
    query: InboxQuery | None = None


def receive(
    repos: Repositories,
    email: InboundEmail,
    *,
    directory: SenderDirectory,
    standards: StandardsIndex,
    team_addresses: frozenset[str],
    at: datetime,
    source: str = "",
    known_organisations: set[str] | None = None,
    archived: bool = False,
) -> Outcome:
    """Log one message inside the caller's unit of work (the caller commits).

    A reply from the team's own address marks its thread's query answered instead of
    being logged; auto-replies, bounces and list mail are skipped with the reason. An
    ``archived`` message (a backfill) goes into the baseline with its query closed: old mail
    is history, not work waiting for the team.
    """
    base = Outcome(
        message_id=email.message_id, sender=email.sender_email, status=Status.SKIPPED, source=source
    )
    if email.sender_email in team_addresses:
        return _team_reply(repos, email, base, at)
    if email.skip_reason:
        return replace(base, reason=email.skip_reason)
    if not email.sender_email:
        return replace(base, reason="no sender address")
    sender = directory.classify(email.sender_email)
    standard = topic_of(email, standards)
    key = message_key(email.message_id)
    received = email.sent_at or at
    summary = " ".join(f"{email.subject} — {email.text}".split())[:SUMMARY_LENGTH]
    contact = Contact(
        on=received.astimezone(at.tzinfo).date() if at.tzinfo else received.date(),
        channel=Channel.INBOX,
        direction=Direction.INBOUND,
        name=email.sender_name,
        email=email.sender_email,
        organisation=sender.organisation,
        org_type=sender.org_type,
        user_group=sender.user_group,
        standard=standard,
        summary=summary,
        source_ref=f"mail:{key}",
    )
    # The contact's unique key is the duplicate check: one statement, race-free.
    if log_contacts(repos, [contact], known_organisations).added == 0:
        return replace(base, status=Status.DUPLICATE, reason="already logged")
    query = InboxQuery(
        key=key,
        thread=message_key(thread_root(email)),
        received_at=received,
        sender_name=email.sender_name,
        sender_email=email.sender_email,
        organisation=sender.organisation,
        org_type=sender.org_type,
        user_group=sender.user_group,
        subject=email.subject,
        summary=summary,
        standard=standard,
        state=QueryState.CLOSED if archived else QueryState.NEW,
    )
    repos.queries.add(query)
    return replace(
        base,
        status=Status.LOGGED,
        reason=ARCHIVED_REASON if archived else "",
        organisation=sender.organisation,
        org_type=sender.org_type.value if sender.org_type else "",
        user_group=sender.user_group.value if sender.user_group else "",
        standard=standard,
        query=query,
    )


def topic_of(email: InboundEmail, standards: StandardsIndex) -> str:
    """The standard a message is about, or "" when nothing is a confident match.

    The first paragraph of the writer's own words (and its sentences and clauses) and the
    subject are each ranked (see :func:`topic_phrases`), and the most confident answered match
    wins, the body's on a tie: a whole body drowns the question in greetings, signatures and
    quoted replies.
    """
    best: tuple[float, str] = (0.0, "")
    for text in topic_phrases(email.subject, email.text):
        lookup = standards.lookup(text, limit=1)
        if not lookup.answered or not lookup.matches or lookup.matches[0].score <= best[0]:
            continue
        match = lookup.matches[0]
        if _named(standards, text, match.standard.name):
            best = (match.score, match.standard.name)
            if match.score >= SURE:
                break  # nothing later can be more than marginally surer
    return best[1]


def _named(standards: StandardsIndex, text: str, name: str) -> bool:
    """True when most of the phrase is in the standard's name, topic or synonyms.

    A fragment of mail ("your help last week") can match a standard's prose alone; in a
    chat question that is a fair guess, in a message's clauses it is noise.
    """
    for candidate in standards.candidates(text):
        if candidate.standard.name == name:
            return candidate.features.title_coverage >= TITLE_COVERAGE
    return False


def _team_reply(repos: Repositories, email: InboundEmail, base: Outcome, at: datetime) -> Outcome:
    candidates = (*email.references, email.in_reply_to, thread_root(email))
    for key in dict.fromkeys(message_key(k) for k in candidates if k):
        query = repos.queries.get(key) or repos.queries.by_thread(key)
        if query is None:
            continue
        if query.answered_at is None:
            # A closed query keeps its state; the reply's time still counts for the figures.
            state = QueryState.ANSWERED if query.open else query.state
            repos.queries.save(replace(query, state=state, answered_at=email.sent_at or at))
        return replace(base, reason=f"reply from the team: query {query.key} answered")
    return replace(base, reason="from the team's own address")


#: The kind of conversation draft that waits for a correction's typed value.
CORRECTION_DRAFT = "correct_query"
CORRECTABLE = ("organisation", "type", "group", "topic")
_CORRECTORS = "Only the harmonisation team can correct inbox queries."


def open_queries(uow: UnitOfWork, *, person: Person | None) -> list[InboxQuery]:
    """Queries not yet answered or closed, oldest first; for the team only."""
    require_team(person, "The inbox holds personal data: it is for the team only.")
    with uow as repos:
        return repos.queries.open()


def take(uow: UnitOfWork, ref: str, *, person: Person | None) -> InboxQuery:
    """A team member takes a query ("I'll take it"), by its key or the reference people type."""
    require_team(person, "Only the harmonisation team can take inbox queries.")
    assert person is not None
    with uow as repos:
        query = _find(repos, ref)
        if not query.open:
            raise InvalidInput(f"That query is already {query.state.value}.")
        changed = replace(query, state=QueryState.TAKEN, assignee=person.name)
        repos.queries.save(changed)
        repos.commit()
    return changed


def close(uow: UnitOfWork, ref: str, *, person: Person | None) -> InboxQuery:
    """A team member closes a query that needs no e-mail answer (spam, answered by phone).

    A closed query stays in the baseline as a contact and is never nudged.
    """
    require_team(person, "Only the harmonisation team can close inbox queries.")
    with uow as repos:
        query = _find(repos, ref)
        if not query.open:
            raise InvalidInput(f"That query is already {query.state.value}.")
        changed = replace(query, state=QueryState.CLOSED)
        repos.queries.save(changed)
        repos.commit()
    return changed


def find_query(uow: UnitOfWork, ref: str, *, person: Person | None) -> InboxQuery:
    """The query a correction is about, for the team's correction card."""
    require_team(person, _CORRECTORS)
    with uow as repos:
        return _find(repos, ref)


def ask_correction(
    uow: UnitOfWork,
    ref: str,
    field: str,
    *,
    conversation_key: str,
    person: Person | None,
    at: datetime,
) -> InboxQuery:
    """Start waiting for a field's typed value: the conversation's draft remembers which."""
    require_team(person, _CORRECTORS)
    if field not in CORRECTABLE:
        raise InvalidInput(f"Correct one of: {', '.join(CORRECTABLE)}.")
    with uow as repos:
        query = _find(repos, ref)
        draft = {"kind": CORRECTION_DRAFT, "field": field, "query": query.key}
        repos.drafts.put(conversation_key, draft, at)
        repos.commit()
    return query


def correct(
    uow: UnitOfWork,
    ref: str,
    field: str,
    value: str,
    *,
    person: Person | None,
    standards: StandardsIndex,
    conversation_key: str = "",
) -> InboxQuery:
    """Fix a query's organisation, type, group or topic, and its contact with it.

    Correcting the organisation also teaches the directory the sender's domain, so the next
    message from it is classified right. With ``conversation_key`` the correction ends that
    conversation's dialogue; a refused value (a topic no standard matches) keeps it waiting.
    """
    require_team(person, _CORRECTORS)
    if field not in CORRECTABLE:
        raise InvalidInput(f"Correct one of: {', '.join(CORRECTABLE)}.")
    with uow as repos:
        query = _find(repos, ref)
        changed = _corrected(repos, query, field, value.strip(), standards)
        repos.queries.save(changed)
        contact = repos.contacts.get(f"mail:{query.key}")
        if contact is not None:
            repos.contacts.save(
                replace(
                    contact,
                    organisation=changed.organisation,
                    org_type=changed.org_type,
                    user_group=changed.user_group,
                    standard=changed.standard,
                )
            )
        if conversation_key:
            repos.drafts.clear(conversation_key)
        repos.commit()
    return changed


def _find(repos: Repositories, ref: str) -> InboxQuery:
    """A query by its key (from a button) or the short reference people type."""
    found = repos.queries.get(ref) or repos.queries.by_ref(ref)
    if found is None:
        raise NotFound("inbox query", ref)
    return found


def _corrected(
    repos: Repositories, query: InboxQuery, field: str, value: str, standards: StandardsIndex
) -> InboxQuery:
    if field == "topic":
        lookup = standards.lookup(value)
        found = standards.get(value) or (lookup.matches[0].standard if lookup.answered else None)
        if found is None:
            raise InvalidInput(f"No standard matches {value!r}; try its name.")
        return replace(query, standard=found.name)
    if field == "type":
        try:
            return _teach(repos, replace(query, org_type=parse_org_type(value)))
        except ValueError as error:
            raise InvalidInput(str(error)) from None
    if field == "group":
        try:
            return _teach(repos, replace(query, user_group=parse_user_group(value)))
        except ValueError as error:
            raise InvalidInput(str(error)) from None
    known = repos.organisations.get(value)
    if known is not None:
        return _teach(
            repos,
            replace(
                query, organisation=known.name, org_type=known.org_type, user_group=known.user_group
            ),
        )
    return _teach(repos, replace(query, organisation=value))


def _teach(repos: Repositories, query: InboxQuery) -> InboxQuery:
    """Record the sender's domain against the query's organisation in the directory."""
    domain = domain_of(query.sender_email)
    if not domain or domain in FREE_MAIL_DOMAINS or not query.organisation:
        return query
    existing = repos.organisations.get(query.organisation)
    if existing is None:
        repos.organisations.add(
            Organisation(
                name=query.organisation,
                org_type=query.org_type,
                user_group=query.user_group,
                domains=(domain,),
            )
        )
    else:
        repos.organisations.save(
            replace(
                existing,
                org_type=query.org_type or existing.org_type,
                user_group=query.user_group or existing.user_group,
                domains=tuple(dict.fromkeys((*existing.domains, domain))),
            )
        )
    return query
