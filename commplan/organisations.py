"""Organisations, their types and the user groups of the engagement strategy."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TypeVar

_E = TypeVar("_E", bound=enum.StrEnum)


class OrgType(enum.StrEnum):
    """Organisation types, exactly as the 2010 consultation response table names them."""

    CENTRAL_GOVERNMENT = "Central Government Department"
    GOVERNMENT_AGENCY = "Government Agency"
    LOCAL_GOVERNMENT = "Local Government"
    EDUCATION = "Higher/Further Education"
    NHS = "NHS"
    PRIVATE = "Private/commercial organisation"
    CHARITY = "Charity"
    INTERNATIONAL = "International Organisation"
    MEDIA = "Media"
    OTHER = "Other"


class UserGroup(enum.StrEnum):
    """User groups, exactly as the ONS user engagement strategy names them."""

    MAJOR_POLICY = "Major policy customers"
    OTHER_GOVERNMENT = "Other government departments"
    SUB_NATIONAL = "Sub national organisations"
    ACADEMIC = "Academics and researchers"
    CITIZEN = "Citizen"
    PRIVATE_SECTOR = "Private sector"
    VOLUNTARY = "Voluntary and Community sector"
    MEDIA = "Journalists/media"


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """An organisation the team hears from, with the e-mail domains that identify it."""

    name: str
    org_type: OrgType | None = None
    user_group: UserGroup | None = None
    domains: tuple[str, ...] = ()


def parse_org_type(text: str) -> OrgType | None:
    """An OrgType from its exact name (case and spacing forgiven); blank gives None.

    Raises:
        ValueError: the text is not one of the ten types.
    """
    return _parse(OrgType, text)


def parse_user_group(text: str) -> UserGroup | None:
    """A UserGroup from its exact name (case and spacing forgiven); blank gives None.

    Raises:
        ValueError: the text is not one of the eight groups.
    """
    return _parse(UserGroup, text)


def _initials(name: str) -> tuple[str, ...]:
    """What a name is abbreviated to ("ogd" and "ogds" for "Other government departments");
    none for a name of one word, whose initial would say nothing."""
    words = [w for w in re.split(r"[\s/]+", name.lower()) if w and w != "and"]
    if len(words) < 3:
        return ()
    letters = "".join(w[0] for w in words)
    return (letters, f"{letters}s")


def _parse(kind: type[_E], text: str) -> _E | None:
    key = "".join(text.lower().split())
    if not key:
        return None
    # The seeds' own labels: "Other government departments (OGDs)", and "OGDs" alone.
    bare = re.sub(r"\([^)]*\)$", "", key)
    for member in kind:
        if "".join(member.value.lower().split()) in (key, bare) or key in _initials(member.value):
            return member
    choices = "; ".join(m.value for m in kind)
    raise ValueError(f"{text!r} is not one of: {choices}")
