"""Which organisation, organisation type and user group an e-mail address belongs to.

The organisation directory knows organisations by e-mail domain; rules fill the gaps the
directory cannot cover name by name: the old government network (``.gsi.gov.uk``),
universities and colleges, the NHS, police forces, local authorities (any other ``.gov.uk``)
and free-mail providers (a private individual). Where the domain alone leaves the type unknown
or only presumed (a council), the sender's display name is read with the same patterns typed
names are (:func:`commplan.orgmatch.classify_name`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from email.utils import parseaddr

from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.orgmatch import classify_name

log = logging.getLogger(__name__)

#: Providers whose users are private individuals as far as the baseline is concerned.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "outlook.co.uk",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "ymail.com",
        "rocketmail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "aol.co.uk",
        "btinternet.com",
        "btopenworld.com",
        "talktalk.net",
        "tiscali.co.uk",
        "sky.com",
        "virginmedia.com",
        "ntlworld.com",
        "blueyonder.co.uk",
        "plus.net",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "mail.com",
        "gmx.com",
        "gmx.co.uk",
        "gmx.net",
        "zoho.com",
        "yandex.com",
        "fastmail.com",
        "tutanota.com",
        "hey.com",
    }
)

# The old Government Secure Intranet and its siblings: name@dwp.gsi.gov.uk and
# name@cabinet-office.x.gsi.gov.uk were the same people as name@dwp.gov.uk and so on.
_GOV_NETWORK_LABELS = frozenset({"gsi", "gsx", "gcsx", "gse"})
# "x" in cabinet-office.x.gsi.gov.uk and "pnn" in met.pnn.police.uk name the network,
# not the body.
_NETWORK_PREFIX_LABELS = frozenset({"x", "pnn"})
_NHS_SUFFIXES = ("nhs.uk", "nhs.net", "nhs.scot", "hscni.net")
_ACADEMIC_SECOND_LEVEL = frozenset({"ac", "edu"})

# What a domain the directory does not list presumably is, by the registry it is under: the
# UK's non-commercial .org.uk is mostly charities (as the shipped directory's entries are),
# .co.uk, .ltd.uk, .plc.uk and .com mostly businesses (the media among them are listed). A
# guess like the council one for .gov.uk: the sender's name or signature, or the team, can
# overrule it.
_PRESUMED: dict[str, tuple[OrgType, UserGroup, str]] = {
    ".org.uk": (OrgType.CHARITY, UserGroup.VOLUNTARY, "charity-domain"),
    ".co.uk": (OrgType.PRIVATE, UserGroup.PRIVATE_SECTOR, "company-domain"),
    ".ltd.uk": (OrgType.PRIVATE, UserGroup.PRIVATE_SECTOR, "company-domain"),
    ".plc.uk": (OrgType.PRIVATE, UserGroup.PRIVATE_SECTOR, "company-domain"),
    ".com": (OrgType.PRIVATE, UserGroup.PRIVATE_SECTOR, "company-domain"),
}
_PRESUMED_RULES = frozenset(rule for _, _, rule in _PRESUMED.values())

_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


@dataclass(frozen=True, kw_only=True)
class SenderClass:
    """What the directory and the rules make of one sender.

    ``organisation`` is "" for a private individual or an unusable address; ``rule`` names the
    rule that decided ("directory", "gsi", "academic", "nhs", "police", "local-government",
    "charity-domain", "company-domain", "free-mail", "display-name", "signature", "unknown"
    or "invalid").
    """

    organisation: str
    org_type: OrgType | None
    user_group: UserGroup | None
    domain: str
    rule: str


class SenderDirectory:
    """The organisation directory indexed by e-mail domain, built once and asked many times."""

    def __init__(self, organisations: Iterable[Organisation]) -> None:
        self._by_domain: dict[str, Organisation] = {}
        for organisation in organisations:
            for raw in organisation.domains:
                domain = _normalise_domain(raw)
                if not domain:
                    continue
                held = self._by_domain.get(domain)
                if held is not None and held.name != organisation.name:
                    # First one listed wins, so the order of the directory decides, not chance.
                    log.warning(
                        "domain %s is claimed by %r and %r; keeping %r",
                        domain,
                        held.name,
                        organisation.name,
                        held.name,
                    )
                    continue
                self._by_domain[domain] = organisation

    def __len__(self) -> int:
        return len(self._by_domain)

    def organisation_for(self, domain: str) -> Organisation | None:
        """The organisation owning ``domain`` or its nearest listed parent domain, if any."""
        labels = _normalise_domain(domain).split(".")
        # Longest suffix first, so stats.ons.gov.uk finds ons.gov.uk before anything shorter.
        for start in range(len(labels)):
            found = self._by_domain.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None

    def classify(self, address: str) -> SenderClass:
        """Classify one e-mail address (bare or with a display name); never raises.

        A display name in the address ("Legal Aid Agency <enquiries@legalaid.gov.uk>") can
        sharpen a guess from the domain alone; see :meth:`classify_named`.
        """
        return self.classify_named(address, "")

    def classify_named(self, address: str, name: str, *, hints: Sequence[str] = ()) -> SenderClass:
        """Classify an address, letting the sender's display name sharpen a domain guess.

        ``name`` is the display name when it arrives apart from the address (as the inbox
        has it); when blank, the address's own display name, if any, is used. A name only
        changes the type and group of a domain the directory does not list: an unknown
        domain gets whatever the name plainly is ("BMG Research" -> private sector, rule
        "display-name"), and a ``.gov.uk`` domain taken for a council gets a central or NHS
        body the name plainly names ("HM Courts & Tribunals Service"). ``hints`` are further
        names to read the same way when the display name says nothing, such as the lines of
        the sender's signature ("Housing Officer, Liverpool City Council"; rule "signature").
        The organisation keeps its domain-based name, so every sender from one domain still
        counts as one body. Never raises.
        """
        found = self._classify(address)
        names = (
            (name or _display_name(address), "display-name"),
            *((h, "signature") for h in hints),
        )
        for text, rule in names:
            sharpened = _sharpened(found, text)
            if sharpened is not found:
                return replace(sharpened, rule=rule)
        return found

    def _classify(self, address: str) -> SenderClass:
        domain = domain_of(address)
        if not domain:
            return SenderClass(
                organisation="", org_type=None, user_group=None, domain="", rule="invalid"
            )
        found = self.organisation_for(domain)
        if found is not None:
            return _from_directory(found, domain, "directory")
        mapped = _strip_government_network(domain)
        if mapped is not None:
            found = self.organisation_for(mapped)
            if found is not None:
                return _from_directory(found, domain, "gsi")
            # Not listed: the body is whatever its .gov.uk domain would be taken for.
            return _by_rules(mapped, reported=domain)
        return _by_rules(domain, reported=domain)


def classify_sender(address: str, organisations: Sequence[Organisation]) -> SenderClass:
    """Classify one address against a directory built on the spot.

    For more than a handful of addresses build a :class:`SenderDirectory` once instead.
    """
    return SenderDirectory(organisations).classify(address)


def domain_of(address: str) -> str:
    """The lower-case domain of an e-mail address, or "" when there is no usable one.

    Accepts a bare address or one with a display name ("Jane <jane@ons.gov.uk>").
    """
    try:
        _, spec = parseaddr(address)
    except Exception:  # parseaddr has raised on odd input in some Python releases
        return ""
    local, at, domain = spec.strip().rpartition("@")
    if not at or not local.strip():
        return ""
    if domain.lower() not in address.lower():
        # parseaddr glues "ons gov.uk" into "onsgov.uk"; a domain nobody wrote is no domain.
        return ""
    return _normalise_domain(domain)


def _display_name(address: str) -> str:
    try:
        display, _ = parseaddr(address)
    except Exception:  # as in domain_of
        return ""
    return display


# What a .gov.uk domain the directory does not list may turn out to be, by its sender's name.
_PUBLIC_BODIES = frozenset(
    {OrgType.CENTRAL_GOVERNMENT, OrgType.GOVERNMENT_AGENCY, OrgType.NHS, OrgType.LOCAL_GOVERNMENT}
)


def _sharpened(found: SenderClass, name: str) -> SenderClass:
    """The domain's guess, or the sender's display name's where that says plainly more."""
    if found.rule not in ("unknown", "local-government", *_PRESUMED_RULES) or not name.strip():
        return found
    guess = classify_name(name)
    # A weak pattern ("... Post") fits people's names too, and "a member of the public" on a
    # company's domain is no reason to call the company a citizen.
    if guess is None or guess.weak or guess.rule == "citizen":
        return found
    if found.rule == "local-government" and guess.org_type not in _PUBLIC_BODIES:
        return found
    # A name that agrees with a registry's presumption confirms it; with firmer rules it
    # adds nothing.
    same = (guess.org_type, guess.user_group) == (found.org_type, found.user_group)
    if same and found.rule not in _PRESUMED_RULES:
        return found
    return replace(found, org_type=guess.org_type, user_group=guess.user_group, rule="display-name")


def _normalise_domain(text: str) -> str:
    """A valid lower-case ASCII domain from text, or ""."""
    domain = text.strip().strip("<>").lstrip("@").removeprefix("*.").strip(".").lower()
    if not domain:
        return ""
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except (UnicodeError, ValueError):
            return ""
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return ""
    if labels[-1].isdigit():  # an IP address is not an organisation's domain
        return ""
    return domain


def _strip_government_network(domain: str) -> str | None:
    """dwp.gsi.gov.uk -> dwp.gov.uk; None when the domain is not on a government network."""
    labels = domain.split(".")
    if len(labels) < 4 or labels[-2:] != ["gov", "uk"] or labels[-3] not in _GOV_NETWORK_LABELS:
        return None
    body = labels[:-3]
    if body and body[-1] in _NETWORK_PREFIX_LABELS:
        body = body[:-1]
    if not body:
        return None
    return ".".join([*body, "gov", "uk"])


def _from_directory(found: Organisation, domain: str, rule: str) -> SenderClass:
    return SenderClass(
        organisation=found.name,
        org_type=found.org_type,
        user_group=found.user_group,
        domain=domain,
        rule=rule,
    )


def _by_rules(domain: str, *, reported: str) -> SenderClass:
    """The rule-based classes, for a domain the directory does not know."""
    labels = domain.split(".")
    academic = _academic_organisation(labels)
    if academic:
        return SenderClass(
            organisation=academic,
            org_type=OrgType.EDUCATION,
            user_group=UserGroup.ACADEMIC,
            domain=reported,
            rule="academic",
        )
    for suffix in _NHS_SUFFIXES:
        if domain == suffix or domain.endswith("." + suffix):
            organisation = "NHS" if domain == suffix else _body_under(labels, suffix)
            return SenderClass(
                organisation=organisation,
                org_type=OrgType.NHS,
                user_group=UserGroup.OTHER_GOVERNMENT,
                domain=reported,
                rule="nhs",
            )
    if domain.endswith(".police.uk"):
        return SenderClass(
            organisation=_body_under(labels, "police.uk"),
            org_type=OrgType.GOVERNMENT_AGENCY,
            user_group=UserGroup.SUB_NATIONAL,
            domain=reported,
            rule="police",
        )
    if domain.endswith(".gov.uk"):
        # Central bodies are in the directory; what is left is taken as a local authority
        # until the team says otherwise.
        return SenderClass(
            organisation=_body_under(labels, "gov.uk"),
            org_type=OrgType.LOCAL_GOVERNMENT,
            user_group=UserGroup.SUB_NATIONAL,
            domain=reported,
            rule="local-government",
        )
    if domain in FREE_MAIL_DOMAINS:
        return SenderClass(
            organisation="",
            org_type=OrgType.OTHER,
            user_group=UserGroup.CITIZEN,
            domain=reported,
            rule="free-mail",
        )
    for suffix, (org_type, user_group, rule) in _PRESUMED.items():
        if domain.endswith(suffix):
            return SenderClass(
                organisation=domain,
                org_type=org_type,
                user_group=user_group,
                domain=reported,
                rule=rule,
            )
    return SenderClass(
        organisation=domain, org_type=None, user_group=None, domain=reported, rule="unknown"
    )


def _academic_organisation(labels: list[str]) -> str:
    """The institution's domain (maths.leeds.ac.uk -> leeds.ac.uk), or "" if not academic."""
    if labels[-1] == "edu" and len(labels) >= 2:
        return ".".join(labels[-2:])
    is_country_code = len(labels[-1]) == 2
    if len(labels) >= 3 and is_country_code and labels[-2] in _ACADEMIC_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ""


def _body_under(labels: list[str], suffix: str) -> str:
    """The label naming the body under a shared suffix: planning.leeds.gov.uk -> leeds.gov.uk."""
    body = labels[: len(labels) - len(suffix.split("."))]
    if len(body) > 1 and body[-1] in _NETWORK_PREFIX_LABELS:
        body = body[:-1]
    return f"{body[-1]}.{suffix}" if body else suffix
