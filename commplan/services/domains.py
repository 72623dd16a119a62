"""Teaching the directory which organisation an e-mail domain belongs to: a step of its own.

Correcting one inbox query changes that query (see :func:`commplan.services.inbox.correct_query`);
saying that every message from a domain comes from one organisation is a separate, explicit
decision, because a wrong one misfiles all later mail. It is refused where it cannot be true:
the team's own domain (colleagues forward queries from it), free-mail providers (private
people at many organisations) and domains several organisations share.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from commplan.errors import InvalidInput
from commplan.organisations import Organisation
from commplan.orgmatch import resolve_organisation
from commplan.orgmatch.placeholders import named
from commplan.people import Person
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.senders import FREE_MAIL_DOMAINS
from commplan.services.contacts import which_of
from commplan.services.intake import own_domains, roster_addresses

_TEACHERS = "Only the harmonisation team can teach the directory."
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
#: Domains many organisations have addresses under: never one organisation's.
SHARED_DOMAINS = frozenset(
    {
        "nhs.net",
        "nhs.uk",
        "gov.uk",
        "gsi.gov.uk",
        "ac.uk",
        "org.uk",
        "co.uk",
        "police.uk",
        "sch.uk",
        "ltd.uk",
        "plc.uk",
        "me.uk",
        "net.uk",
    }
)


@dataclass(frozen=True, kw_only=True)
class Taught:
    """What teaching a domain did: the organisation that now owns it, the entry that held it
    before (if any), and how many contacts and queries filed under the domain's own name
    moved to the organisation."""

    domain: str
    organisation: Organisation
    previous: str = ""
    refiled: int = 0
    new_organisation: bool = False


def domain_refusal(domain: str, own: Collection[str]) -> str:
    """Why ``domain`` cannot be taught as one organisation's; "" when it can."""
    if not _DOMAIN.match(domain):
        return f"\u201c{domain}\u201d is not an e-mail domain (such as example.org.uk)."
    if domain in FREE_MAIL_DOMAINS:
        return (
            f"{domain} is a free-mail provider: its senders are private people, not one "
            "organisation. Correct their queries one by one instead."
        )
    if domain in SHARED_DOMAINS:
        return (
            f"{domain} is shared by many organisations. Correct their queries one by one instead."
        )
    if any(domain == d or domain.endswith("." + d) for d in own):
        return (
            f"{domain} is the team's own domain: colleagues forward queries from it, so its "
            "mail is never one organisation's."
        )
    return ""


def teachable_domain(repos: Repositories, domain: str, *, person: Person | None) -> bool:
    """Whether a correction may offer to teach ``domain`` (inside the caller's unit)."""
    return bool(domain) and not domain_refusal(domain, _own(repos, person, frozenset()))


def teach_domain(
    uow: UnitOfWork,
    domain: str,
    organisation: str,
    *,
    person: Person | None,
    team_addresses: frozenset[str] = frozenset(),
) -> Taught:
    """File every message from ``domain`` under ``organisation`` from now on.

    The organisation is read as the directory knows it (a new name joins it with its
    pattern's type and group). The domain moves from whichever entry held it; a placeholder
    entry named after the domain itself (how mail from an unknown domain is first filed) is
    replaced: its contacts and queries move to the organisation and it leaves the directory,
    so it is never reported as "not heard from".

    Raises:
        NotAllowed: the person is not on the team.
        InvalidInput: the domain is the team's own, a free-mail provider's or shared; mail
            from it is already filed under other organisations; or the organisation fits
            several entries.
    """
    require_team(person, _TEACHERS)
    domain = domain.strip().lower().lstrip("@").removeprefix("www.")
    with uow as repos:
        refusal = domain_refusal(domain, _own(repos, person, team_addresses))
        if refusal:
            raise InvalidInput(refusal)
        match = resolve_organisation(organisation, named(repos.organisations.all()))
        if match.ambiguous:
            raise InvalidInput(which_of(match.candidates))
        if not match.name:
            raise InvalidInput("Say which organisation: 'teach domain example.org.uk is NAME'.")
        holder = repos.organisations.by_domain(domain)
        previous = holder.name if holder is not None and holder.name != match.name else ""
        others = repos.contacts.organisations_of_domain(domain) - {
            domain,
            match.name,
            previous,
            "",
        }
        if others:
            listed = ", ".join(sorted(others))
            raise InvalidInput(
                f"Mail from {domain} is already filed under other organisations ({listed}): "
                "the domain is not one organisation's. Correct its queries one by one instead."
            )
        existing = repos.organisations.get(match.name)
        target = Organisation(
            name=match.name,
            org_type=(existing.org_type if existing else None) or match.org_type,
            user_group=(existing.user_group if existing else None) or match.user_group,
            domains=tuple(dict.fromkeys((*(existing.domains if existing else ()), domain))),
        )
        if existing is None:
            repos.organisations.add(target)
        else:
            repos.organisations.save(replace(existing, domains=target.domains))
        refiled = 0
        if match.name != domain:
            refiled = repos.contacts.refile(domain, target)
            repos.queries.refile(domain, target)
            repos.organisations.remove(domain)
        repos.commit()
    return Taught(
        domain=domain,
        organisation=target,
        previous=previous,
        refiled=refiled,
        new_organisation=existing is None,
    )


def _own(repos: Repositories, person: Person | None, given: frozenset[str]) -> frozenset[str]:
    """The team's own domains: the roster's addresses', the configured ones' and the asker's
    own (a team member's address is the team's)."""
    addresses = set(given) | set(roster_addresses(repos.people.all()))
    if person is not None and person.role.is_team and person.email:
        addresses.add(person.email.strip().lower())
    return own_domains(addresses)
