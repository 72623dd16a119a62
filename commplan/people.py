"""People and groups, and turning the "Accountable" text of a plan into them."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from commplan.errors import InvalidInput


class Role(enum.StrEnum):
    """What a person may do: admins and team members see contacts; members ask and own."""

    ADMIN = "admin"
    TEAM = "team"
    MEMBER = "member"

    @property
    def is_team(self) -> bool:
        return self in (Role.ADMIN, Role.TEAM)


@dataclass(frozen=True, kw_only=True)
class Person:
    """Someone who owns tactics, asks questions or is on the team.

    ``id`` is the stored person's number, which stays when the name changes (claim keys use
    it); 0 for a person not stored yet.
    """

    name: str
    email: str = ""
    role: Role = Role.MEMBER
    organisation: str = ""
    slack_id: str = ""
    teams_id: str = ""
    aliases: tuple[str, ...] = ()
    id: int = 0


class GroupKind(enum.StrEnum):
    """What a named owner is: a set of people, or an organisation outside the team."""

    GROUP = "group"
    ORGANISATION = "organisation"


@dataclass(frozen=True, kw_only=True)
class Group:
    """A named set of people, such as "Harmonisation team" or "Steering group members".

    An ``ORGANISATION`` (the RSS, ONS Geography, a senior official's office) owns tactics
    alongside the team but is not staff: it has no members to nudge, only the ``contact``
    the team deals with there.
    """

    name: str
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: GroupKind = GroupKind.GROUP
    contact: str = ""

    @property
    def is_organisation(self) -> bool:
        return self.kind is GroupKind.ORGANISATION


_GROUP_WORDS = re.compile(r"\b(team|group|members|secretariat|network|committee|unit)\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*", re.I)


def normalise_name(name: str) -> str:
    """A key for matching names as people write them: case, "the", spacing and dots ignored."""
    key = re.sub(r"[.\s]+", " ", name.strip().lower())
    key = re.sub(r"^the ", "", key)
    return key.strip()


def looks_like_group(name: str) -> bool:
    """Whether an unknown owner name reads as a group ("... team", "... members")."""
    return bool(_GROUP_WORDS.search(name))


def split_owners(text: str) -> tuple[str, ...]:
    """Split an "Accountable" cell into names, keeping each as written.

    "Jacqui Jones and harmonisation team" gives two names; "Emma Wright/ Pete Brodie" two.
    """
    names = [part.strip(" .;") for part in _SPLIT.split(text.strip())]
    return tuple(name for name in names if name)


@dataclass(frozen=True, kw_only=True)
class Directory:
    """Everyone the plan can name, for resolving owner names to people."""

    people: Sequence[Person]
    groups: Sequence[Group]

    @cached_property
    def _index(self) -> tuple[dict[str, Person], dict[str, Group]]:
        people = {}
        for person in self.people:
            for name in (person.name, *person.aliases):
                people[normalise_name(name)] = person
        groups = {}
        for group in self.groups:
            for name in (group.name, *group.aliases):
                groups[normalise_name(name)] = group
        return people, groups

    def person(self, name: str) -> Person | None:
        """The person a name (or alias) refers to."""
        return self._index[0].get(normalise_name(name))

    def group(self, name: str) -> Group | None:
        """The group a name (or alias) refers to."""
        return self._index[1].get(normalise_name(name))

    def expand(self, owners: Iterable[str]) -> tuple[Person, ...]:
        """The people behind owner names, groups expanded to their members, each once.

        Names that match nobody are left out; ``unknown`` lists them.
        """
        people, groups = self._index
        found: dict[str, Person] = {}
        for owner in owners:
            key = normalise_name(owner)
            if key in people:
                found.setdefault(people[key].name, people[key])
            elif key in groups and not groups[key].is_organisation:
                for member in groups[key].members:
                    person = people.get(normalise_name(member))
                    if person is not None:
                        found.setdefault(person.name, person)
        return tuple(found.values())

    def unknown(self, owners: Iterable[str]) -> tuple[str, ...]:
        """Owner names that are neither a known person nor a known group."""
        people, groups = self._index
        return tuple(
            o for o in owners if normalise_name(o) not in people and normalise_name(o) not in groups
        )

    def is_owner(self, person: Person, owners: Iterable[str]) -> bool:
        """Whether the person is one of the owners, directly or through a group."""
        return any(p.name == person.name for p in self.expand(owners))

    def canonical(self, name: str) -> str | None:
        """The directory's own name for a person or group a name (or alias) means."""
        person = self.person(name)
        if person is not None:
            return person.name
        group = self.group(name)
        return group.name if group is not None else None

    def closest(self, name: str) -> str | None:
        """The known person or group a near miss most likely means ("Steering group" for
        "Steering group members", "Pete Brodei" for "Pete Brodie"), if any is close."""
        people, groups = self._index
        names = {key: person.name for key, person in people.items()}
        names.update({key: group.name for key, group in groups.items()})
        key = normalise_name(name)
        if not key:
            return None
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
        if close:
            return names[close[0]]
        # A name cut short: "Steering group" of "Steering group members".
        longer = sorted({v for k, v in names.items() if k.startswith(key + " ")})
        return longer[0] if len(longer) == 1 else None


def unknown_owner_message(name: str, directory: Directory) -> str:
    """Why an owner name is refused, with the known name it most likely means, and how to add
    someone new (never done from free text: a typo would become a person)."""
    guess = directory.closest(name)
    did_you_mean = f" Did you mean {guess}?" if guess else ""
    return (
        f"I don't know anyone called {name}.{did_you_mean} Owners are people and groups I "
        f"know; to add someone new, the team can say 'add person {name}, EMAIL'."
    )


def known_owners(owners_text: str, directory: Directory) -> tuple[str, ...]:
    """Owner names as the directory writes them; every one must be a known person or group.

    Raises:
        InvalidInput: no name was given, or one is unknown (with the name it most likely
            means, and how to add someone new).
    """
    owners = split_owners(owners_text)
    if not owners:
        raise InvalidInput("Name at least one person or group.")
    unknown = directory.unknown(owners)
    if unknown:
        raise InvalidInput(unknown_owner_message(unknown[0], directory))
    return tuple(dict.fromkeys(directory.canonical(o) or o for o in owners))
