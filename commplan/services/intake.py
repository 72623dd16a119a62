"""Mail into the baseline: each message logged once as a contact and tracked as a query.

Messages arrive parsed (parsing is the mail adapter's job, done before any transaction) and
are logged in batches, one unit of work each. One bad message never stops the rest: a batch
that fails is logged again a message at a time, so that the failing message costs only itself.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from commplan.claims import ClaimKind
from commplan.contacts import Channel, Contact, Direction
from commplan.inbox import Forwarded, InboundEmail, message_key, own_words, thread_root
from commplan.mailtext import cut
from commplan.people import Group, Person, normalise_name
from commplan.ports import Claim, Repositories, UnitOfWork, UnitOfWorkFactory
from commplan.queries import InboxQuery, QueryState
from commplan.ranking import StandardsIndex
from commplan.senders import FREE_MAIL_DOMAINS, SenderDirectory, domain_of
from commplan.services.contacts import log_contacts
from commplan.understanding import decide_mail_topic

logger = logging.getLogger(__name__)

#: Messages logged per unit of work.
BATCH = 200
SUMMARY_LENGTH = 300
ARCHIVED_REASON = "imported from an archive: query closed"
#: How long a new query's notice to the team is retried after the query arrived; later, the
#: digest and the unanswered nudge speak for it.
NOTICE_RETRY = timedelta(days=2)


@dataclass(frozen=True, kw_only=True)
class Arrival:
    """One parsed message and where it came from ("imap:<uidvalidity>:<uid>", a file name)."""

    source: str
    email: InboundEmail


@dataclass(frozen=True, kw_only=True)
class Intake:
    """What logging mail needs besides the database.

    ``team_addresses`` are the team's own (the roster's are added from the database);
    ``archived`` marks a backfill, whose queries are recorded closed, so old mail is counted
    in the baseline but never nudged as unanswered.
    """

    standards: StandardsIndex
    team_addresses: frozenset[str]
    now: Callable[[], datetime]
    archived: bool = False


class Status(enum.StrEnum):
    LOGGED = "logged"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What happened to one message: the report ``inbox import --json`` prints.

    ``sender`` is the person logged (a forward's original writer); ``new_organisation`` is
    True when the message was the directory's first from that organisation, which took the
    type and group the patterns give (worth a word to the team: "new to the directory").
    """

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
    new_organisation: bool = False


def ingest(
    uow: UnitOfWorkFactory, arrivals: Iterable[Arrival], intake: Intake
) -> Iterator[Outcome]:
    """Log each message once; yields an outcome per message, in order.

    Streaming: messages are read and committed ``BATCH`` at a time, so memory stays flat
    however large the archive. It takes the factory, not one unit of work, because it opens
    one per batch (:func:`log_batch`), and one per message of a batch that failed.
    """
    batch: list[Arrival] = []
    for arrival in arrivals:
        batch.append(arrival)
        if len(batch) >= BATCH:
            yield from _logged(uow, batch, intake)
            batch = []
    if batch:
        yield from _logged(uow, batch, intake)


def log_batch(uow: UnitOfWork, batch: Sequence[Arrival], intake: Intake) -> list[Outcome]:
    """Log a batch of messages in one unit of work; any failure rolls the whole batch back."""
    with uow as repos:
        organisations = repos.organisations.all()
        people = repos.people.all()
        team = intake.team_addresses | roster_addresses(people)
        context = _Batch(
            intake=intake,
            directory=SenderDirectory(organisations),
            known_organisations={o.name for o in organisations},
            team_addresses=team,
            team_domains=own_domains(team),
            insiders=insider_addresses(people, repos.groups.all()) - team,
            at=intake.now(),
        )
        outcomes = [_receive(repos, arrival, context) for arrival in batch]
        repos.commit()
    return outcomes


def roster_addresses(people: Iterable[Person]) -> frozenset[str]:
    """The e-mail addresses of the team roster: their mail is the team's, never a contact."""
    return frozenset(p.email.strip().lower() for p in people if p.role.is_team and p.email)


def insider_addresses(people: Iterable[Person], groups: Iterable[Group]) -> frozenset[str]:
    """The addresses of the members of the team's groups (the steering group): they work with
    the team, so their own mail is never a user's contact."""
    members = {normalise_name(m) for g in groups for m in g.members}
    return frozenset(
        p.email.strip().lower() for p in people if p.email and normalise_name(p.name) in members
    )


def own_domains(addresses: Iterable[str]) -> frozenset[str]:
    """The team's own organisation's domains (not free mail): its colleagues pass queries on."""
    domains = {domain_of(address) for address in addresses}
    return frozenset(d for d in domains if d and d not in FREE_MAIL_DOMAINS)


def _logged(uow: UnitOfWorkFactory, batch: list[Arrival], intake: Intake) -> list[Outcome]:
    try:
        return log_batch(uow(), batch, intake)
    except Exception:
        # Something failed mid-batch and the batch rolled back; redo it a message at a time
        # so that only the failing message is lost, and never half of it.
        logger.exception("a batch of %d messages failed; retrying one by one", len(batch))
        return [_alone(uow, arrival, intake) for arrival in batch]


def _alone(uow: UnitOfWorkFactory, arrival: Arrival, intake: Intake) -> Outcome:
    try:
        return log_batch(uow(), [arrival], intake)[0]
    except Exception:
        email = arrival.email
        logger.exception("could not log message %s from %s", email.message_id, arrival.source)
        return Outcome(
            message_id=email.message_id,
            sender=email.sender_email,
            status=Status.SKIPPED,
            reason="could not be logged (see the log)",
            source=arrival.source,
        )


@dataclass(frozen=True, kw_only=True)
class _Batch:
    """What each message of a batch is logged against, read once in its unit of work."""

    intake: Intake
    directory: SenderDirectory
    known_organisations: set[str]
    team_addresses: frozenset[str]
    team_domains: frozenset[str]
    insiders: frozenset[str]
    at: datetime


def _receive(repos: Repositories, arrival: Arrival, batch: _Batch) -> Outcome:
    """Log one message inside the batch's unit of work (the caller commits).

    A reply from the team's own address marks its thread's query answered instead of
    being logged; auto-replies, bounces and list mail are skipped with the reason. A message
    the team (or a colleague at the team's own organisation) forwards is logged against the
    person who wrote it, with that message's subject and words: the forwarder only passed it
    on. An ``archived`` message (a backfill) goes into the baseline with its query closed:
    old mail is history, not work waiting for the team.
    """
    email, at, archived = arrival.email, batch.at, batch.intake.archived
    base = Outcome(
        message_id=email.message_id,
        sender=email.sender_email,
        status=Status.SKIPPED,
        source=arrival.source,
    )
    original = _original(email, batch)
    if original is None and email.sender_email in batch.team_addresses:
        return _team_reply(repos, email, base, at)
    if original is not None and (known := _known_thread(repos, email)) is not None:
        # The team passing on a query the inbox already has (to an expert, say) is no new one.
        return replace(base, reason=f"forward of query {known.key}, already logged")
    if email.skip_reason:
        return replace(base, reason=email.skip_reason)
    if original is None and email.sender_email.lower() in batch.insiders:
        return replace(base, reason="from a steering group member: not a user's contact")
    writer = _Writer.of(original or email)
    if not writer.subject:
        writer = replace(writer, subject=email.subject)  # the forward's "Fwd: <subject>"
    # A forwarded message may name its writer without an address: still theirs, not ours.
    if not writer.email and (original is None or not writer.name):
        return replace(base, reason="no sender address")
    words = cut(writer.text)
    sender = batch.directory.classify_named(writer.email, writer.name, hints=words.signature)
    new = bool(sender.organisation) and sender.organisation not in batch.known_organisations
    # As topic_of, for whoever wrote the words (a forward's original writer).
    standard = decide_mail_topic(writer.subject, words.own_words, batch.intake.standards).likely
    key = message_key(email.message_id)
    received = email.sent_at or at
    written = writer.sent_at or received
    summary = " ".join(f"{writer.subject} — {writer.text}".split())[:SUMMARY_LENGTH]
    contact = Contact(
        on=written.astimezone(at.tzinfo).date() if at.tzinfo else written.date(),
        channel=Channel.INBOX,
        direction=Direction.INBOUND,
        name=writer.name,
        email=writer.email,
        organisation=sender.organisation,
        org_type=sender.org_type,
        user_group=sender.user_group,
        standard=standard,
        summary=summary,
        source_ref=f"mail:{key}",
    )
    # The contact's unique key is the duplicate check: one statement, race-free.
    if log_contacts(repos, [contact], batch.known_organisations).added == 0:
        return replace(base, status=Status.DUPLICATE, reason="already logged")
    query = InboxQuery(
        key=key,
        thread=message_key(thread_root(email)),
        received_at=received,
        sender_name=writer.name,
        sender_email=writer.email,
        organisation=sender.organisation,
        org_type=sender.org_type,
        user_group=sender.user_group,
        subject=writer.subject,
        summary=summary,
        standard=standard,
        state=QueryState.CLOSED if archived else QueryState.NEW,
    )
    repos.queries.add(query)
    forwarded = f"forwarded by {email.sender_email}" if original else ""
    reasons = (forwarded, ARCHIVED_REASON if archived else "")
    return replace(
        base,
        sender=writer.email,
        status=Status.LOGGED,
        reason="; ".join(r for r in reasons if r),
        organisation=sender.organisation,
        org_type=sender.org_type.value if sender.org_type else "",
        user_group=sender.user_group.value if sender.user_group else "",
        standard=standard,
        query=query,
        new_organisation=new,
    )


@dataclass(frozen=True, kw_only=True)
class _Writer:
    """Whoever wrote the words being logged: the sender, or the writer of a forwarded message."""

    name: str
    email: str
    subject: str
    sent_at: datetime | None
    text: str

    @classmethod
    def of(cls, message: InboundEmail | Forwarded) -> _Writer:
        return cls(
            name=message.sender_name,
            email=message.sender_email,
            subject=message.subject,
            sent_at=message.sent_at,
            text=message.text,
        )


def _original(email: InboundEmail, batch: _Batch) -> Forwarded | None:
    """The message a forward passes on, when the team or a colleague forwarded it.

    Only they relay mail: anyone else who forwards something is asking about it. In a
    forward of a forward, the first writer outside the team's own organisation is the one
    asking (a press office passes a journalist on); failing that, the first not on the team.
    """
    if not email.forwarded or not _relays(email.sender_email, batch):
        return None
    writers = [f for f in email.forwarded if f.sender_email not in batch.team_addresses]
    writers = [f for f in writers if f.sender_email or f.sender_name]
    outside = (f for f in writers if not _relays(f.sender_email, batch))
    return next(outside, writers[0] if writers else None)


def _relays(address: str, batch: _Batch) -> bool:
    # The steering group passes users' queries on to the team as colleagues do.
    return (
        address in batch.team_addresses
        or address.lower() in batch.insiders
        or domain_of(address) in batch.team_domains
    )


def topic_of(email: InboundEmail, standards: StandardsIndex) -> str:
    """The standard recorded for a message as its sender wrote it: the understanding's mail
    decision on its subject and own words, and its likely entry ("" when none is).

    A record, not a reply: a best guess that is more likely right than not beats an empty
    field, and the team's notice shows it as "suggested" with a Correct button. The reply a
    person gets in chat still needs a confident answer (``TopicDecision.standard``).
    """
    return decide_mail_topic(email.subject, own_words(email.text), standards).likely


def _known_thread(
    repos: Repositories, email: InboundEmail, *, itself: bool = False
) -> InboxQuery | None:
    """The query a message's thread belongs to (``itself``: or the message is), if any."""
    candidates = (*email.references, email.in_reply_to, email.message_id if itself else "")
    for key in dict.fromkeys(message_key(k) for k in candidates if k):
        query = repos.queries.get(key) or repos.queries.by_thread(key)
        if query is not None:
            return query
    return None


def _team_reply(repos: Repositories, email: InboundEmail, base: Outcome, at: datetime) -> Outcome:
    query = _known_thread(repos, email, itself=True)
    if query is None:
        return replace(base, reason="from the team's own address")
    if query.answered_at is None:
        # A closed query keeps its state; the reply's time still counts for the figures.
        state = QueryState.ANSWERED if query.open else query.state
        repos.queries.save(replace(query, state=state, answered_at=email.sent_at or at))
    return replace(base, reason=f"reply from the team: query {query.key} answered")


def mailbox_cursor(uow: UnitOfWork, mailbox: str) -> str:
    """Where the last poll of ``mailbox`` stopped; "" for the start."""
    with uow as repos:
        return repos.mailboxes.cursor(mailbox)


def move_cursor(uow: UnitOfWork, mailbox: str, cursor: str, at: datetime) -> None:
    """Save where the poll stopped; only after its messages are committed."""
    with uow as repos:
        repos.mailboxes.set_cursor(mailbox, cursor, at)
        repos.commit()


def notice_claim(query: InboxQuery) -> Claim:
    """The claim on telling the team about a new query."""
    return Claim(
        key=f"inbox_notice:{query.key}", kind=ClaimKind.INBOX_NOTICE, person="team", item=query.key
    )


def unannounced(uow: UnitOfWork, since: datetime, fresh: Collection[str] = ()) -> list[InboxQuery]:
    """New queries nobody has taken whose notice has not gone out, oldest first.

    Those received since ``since``, and the ``fresh`` keys (just logged, whatever their date).
    """
    with uow as repos:
        owed = [
            q
            for q in repos.queries.open()
            if q.state is QueryState.NEW and (q.received_at >= since or q.key in fresh)
        ]
        told = repos.claims.claimed([notice_claim(q).key for q in owed])
    return [q for q in owed if notice_claim(q).key not in told]
