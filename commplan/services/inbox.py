"""The inbox's triage: the team takes, closes and corrects queries.

Logging mail as it arrives is ``commplan.services.intake``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from commplan.errors import InvalidInput, NotFound
from commplan.organisations import Organisation, parse_org_type, parse_user_group
from commplan.orgmatch import resolve_organisation
from commplan.orgmatch.placeholders import is_placeholder, named
from commplan.paging import CHAT_ROWS, Page
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.queries import InboxQuery, QueryState
from commplan.ranking import StandardsIndex
from commplan.senders import domain_of
from commplan.services.contacts import which_of
from commplan.services.domains import teachable_domain

#: The kind of conversation draft that waits for a correction's typed value.
CORRECTION_DRAFT = "correct_query"
CORRECTABLE = ("organisation", "type", "group", "topic")
_CORRECTORS = "Only the harmonisation team can correct inbox queries."
#: Words that clear a query's topic ("correct query 3f9a1c topic none").
_NO_TOPIC = frozenset({"none", "no topic", "nothing", "clear", "blank", "-", "n/a", "not known"})


def open_queries(uow: UnitOfWork, *, person: Person | None) -> list[InboxQuery]:
    """Queries not yet answered or closed, oldest first; for the team only."""
    require_team(person, "The inbox holds personal data: it is for the team only.")
    with uow as repos:
        return repos.queries.open()


def open_queries_page(
    uow: UnitOfWork, *, person: Person | None, limit: int = CHAT_ROWS
) -> Page[InboxQuery]:
    """The longest waiting open queries and how many are open; for the team only."""
    require_team(person, "The inbox holds personal data: it is for the team only.")
    with uow as repos:
        return repos.queries.open_page(limit=limit)


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


@dataclass(frozen=True, kw_only=True)
class Correction:
    """A corrected query; ``new_organisation`` when the typed organisation is new to the
    directory (it joined it with the type and group its name's pattern gives, if any);
    ``teachable`` the sender's domain when the directory could be taught it as a next,
    separate step ("" when it cannot: the team's own, free mail, shared)."""

    query: InboxQuery
    new_organisation: bool = False
    teachable: str = ""


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
    """:func:`correct_query`'s corrected query alone."""
    return correct_query(
        uow,
        ref,
        field,
        value,
        person=person,
        standards=standards,
        conversation_key=conversation_key,
    ).query


def correct_query(
    uow: UnitOfWork,
    ref: str,
    field: str,
    value: str,
    *,
    person: Person | None,
    standards: StandardsIndex,
    conversation_key: str = "",
) -> Correction:
    """Fix a query's organisation, type, group or topic, and its contact with it.

    A typed organisation is resolved as a person would read it: "DfE", "Dept for Education"
    and "Departmnet for Education" are the directory's Department for Education, with its type
    and group; a name the directory does not know joins it with the type and group its
    pattern gives ("Little Snoring Parish Council": local government), or the query's own
    when no pattern fits. A correction changes this query and its contact only: teaching the
    directory the sender's domain is a separate step (:func:`commplan.services.domains.
    teach_domain`), offered through ``Correction.teachable``. A placeholder entry the query
    was filed under (named after its domain) that no contact uses any more leaves the
    directory, so that it is not reported as "not heard from". A topic of "none" clears the
    topic. With ``conversation_key`` the
    correction ends that conversation's dialogue; a refused value (a topic no standard
    matches, an organisation several entries fit) keeps it waiting.

    Raises:
        InvalidInput: the field is not correctable; the value names no standard or type; or
            the organisation fits several entries ("Which do you mean: A, B or C?").
    """
    require_team(person, _CORRECTORS)
    if field not in CORRECTABLE:
        raise InvalidInput(f"Correct one of: {', '.join(CORRECTABLE)}.")
    with uow as repos:
        query = _find(repos, ref)
        correction = _corrected(repos, query, field, value.strip(), standards)
        changed = correction.query
        repos.queries.save(changed)
        if changed.organisation != query.organisation:
            domain = domain_of(query.sender_email)
            teachable = domain if teachable_domain(repos, domain, person=person) else ""
            correction = replace(correction, teachable=teachable)
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
        if changed.organisation != query.organisation:
            _drop_if_stale(repos, query.organisation)
        if conversation_key:
            repos.drafts.clear(conversation_key)
        repos.commit()
    return correction


def _find(repos: Repositories, ref: str) -> InboxQuery:
    """A query by its key (from a button) or the short reference people type."""
    found = repos.queries.get(ref) or repos.queries.by_ref(ref)
    if found is None:
        raise NotFound("inbox query", ref)
    return found


def _drop_if_stale(repos: Repositories, organisation: str) -> None:
    """Take a placeholder entry out of the directory once no contact is filed under it.

    Mail from a domain the directory does not know is filed under the domain's own name
    ("parish.example.org"), which joins the directory with it; once the team has said who
    that was, the placeholder names nobody. Real organisations always stay.
    """
    if not is_placeholder(organisation):
        return
    entry = repos.organisations.get(organisation)
    if entry is None or set(entry.domains) - {organisation}:
        return
    if not repos.contacts.last_contact_of("organisation", [organisation], upto=date.max):
        repos.organisations.remove(organisation)


def _corrected(
    repos: Repositories, query: InboxQuery, field: str, value: str, standards: StandardsIndex
) -> Correction:
    if field == "topic" and value.lower().strip(" .") in _NO_TOPIC:
        return Correction(query=replace(query, standard=""))
    if field == "topic":
        lookup = standards.lookup(value)
        found = standards.get(value) or (lookup.matches[0].standard if lookup.answered else None)
        if found is None:
            raise InvalidInput(f"No standard matches {value!r}; try its name.")
        return Correction(query=replace(query, standard=found.name))
    if field == "type":
        try:
            org_type = parse_org_type(value)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        return Correction(query=replace(query, org_type=org_type))
    if field == "group":
        try:
            group = parse_user_group(value)
        except ValueError as error:
            raise InvalidInput(str(error)) from None
        return Correction(query=replace(query, user_group=group))
    match = resolve_organisation(value, named(repos.organisations.all()))
    if match.ambiguous:
        raise InvalidInput(which_of(match.candidates))
    fixed = replace(
        query,
        organisation=match.name,
        org_type=match.org_type or (None if match.known else query.org_type),
        user_group=match.user_group or (None if match.known else query.user_group),
    )
    if match.new and repos.organisations.get(match.name) is None:
        # A new name joins the directory, as every logged contact's does; its domains do not.
        repos.organisations.add(
            Organisation(name=match.name, org_type=fixed.org_type, user_group=fixed.user_group)
        )
    return Correction(query=fixed, new_organisation=match.new)
