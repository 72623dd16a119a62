"""The roster in chat: adding people, changing roles and groups, and who the bot knows.

The team adds people and sets groups; only admins change roles, and the roster never loses
its last admin (an admin cannot demote themselves when nobody else is one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from commplan.conversations import ConversationRef
from commplan.errors import InvalidInput, NotAllowed, NotFound
from commplan.people import Directory, Group, Person, Role, normalise_name, split_owners
from commplan.permissions import require_team
from commplan.ports import Repositories, UnitOfWork
from commplan.records.people import looks_like_email, memberships

ROSTER_IS_THE_TEAMS = "Only the harmonisation team can change who the bot knows."
ROLES_ARE_ADMINS = "Only an admin can change someone's role."


@dataclass(frozen=True, kw_only=True)
class Known:
    """A person with the groups they belong to."""

    person: Person
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RoleChange:
    person: Person
    before: Role


@dataclass(frozen=True, kw_only=True)
class GroupChange:
    """A membership change: ``changed`` False when it was so already; ``created`` when the
    group was new."""

    person: Person
    group: Group
    changed: bool
    created: bool = False


def add_person(uow: UnitOfWork, *, by: Person | None, name: str, email: str) -> Person:
    """Add someone the bot should know (a member, until an admin says otherwise)."""
    require_team(by, ROSTER_IS_THE_TEAMS)
    name, email = " ".join(name.split()), email.strip().strip("<>")
    if not name:
        raise InvalidInput("Give a name: add person Jo Bloggs, jo.bloggs@example.org")
    if email and not looks_like_email(email):
        raise InvalidInput(f"{email!r} is not an e-mail address.")
    with uow as repos:
        directory = _directory(repos)
        same = directory.person(name)
        if same is not None and normalise_name(same.name) == normalise_name(name):
            raise InvalidInput(f"I know {same.name} already.")
        if email and (holder := repos.people.find(email=email)) is not None:
            raise InvalidInput(f"{email} is {holder.name}'s address already.")
        repos.people.add(Person(name=name, email=email))
        added = repos.people.get(name)
        repos.commit()
    return added or Person(name=name, email=email)


def set_role(uow: UnitOfWork, *, by: Person | None, name: str, role: Role) -> RoleChange:
    """Make someone an admin, a team member or a member."""
    if by is None or by.role is not Role.ADMIN:
        raise NotAllowed(ROLES_ARE_ADMINS)
    with uow as repos:
        person = _person(repos, name)
        admins = [p for p in repos.people.all() if p.role is Role.ADMIN]
        if person.role is Role.ADMIN and role is not Role.ADMIN and len(admins) == 1:
            who = "you are" if person.id == by.id else f"{person.name} is"
            raise InvalidInput(
                f"{who.capitalize()} the only admin: make someone else an admin first."
            )
        if person.role is not role:
            repos.people.save(replace(person, role=role))
            repos.commit()
    return RoleChange(person=replace(person, role=role), before=person.role)


def add_to_group(uow: UnitOfWork, *, by: Person | None, name: str, group: str) -> GroupChange:
    """Put someone in a group, making the group when it is new."""
    require_team(by, ROSTER_IS_THE_TEAMS)
    with uow as repos:
        person = _person(repos, name)
        found = _group(_directory(repos), group)
        if found is None:
            made = Group(name=_group_name(group), members=(person.name,))
            repos.groups.add(made)
            repos.commit()
            return GroupChange(person=person, group=made, changed=True, created=True)
        if person.name in found.members:
            return GroupChange(person=person, group=found, changed=False)
        updated = replace(found, members=tuple(sorted((*found.members, person.name))))
        repos.groups.save(updated)
        repos.commit()
    return GroupChange(person=person, group=updated, changed=True)


def remove_from_group(uow: UnitOfWork, *, by: Person | None, name: str, group: str) -> GroupChange:
    """Take someone out of a group."""
    require_team(by, ROSTER_IS_THE_TEAMS)
    with uow as repos:
        person = _person(repos, name)
        found = _group(_directory(repos), group)
        if found is None:
            raise NotFound("group", f"called {group!r}")
        if person.name not in found.members:
            return GroupChange(person=person, group=found, changed=False)
        updated = replace(found, members=tuple(m for m in found.members if m != person.name))
        repos.groups.save(updated)
        repos.commit()
    return GroupChange(person=person, group=updated, changed=True)


def the_team(uow: UnitOfWork) -> list[Person]:
    """Admins and team members, admins first."""
    with uow as repos:
        team = [p for p in repos.people.all() if p.role.is_team]
    return sorted(team, key=lambda p: (p.role is not Role.ADMIN, p.name.lower()))


def group_members(uow: UnitOfWork, group: str) -> tuple[Group, list[Person]]:
    """A group (by name or alias) and its members."""
    with uow as repos:
        directory = _directory(repos)
        found = _group(directory, group)
        if found is None:
            known = ", ".join(g.name for g in directory.groups) or "none yet"
            raise NotFound("group", f"called {group!r} (the groups are: {known})")
        people = [p for name in found.members if (p := directory.person(name)) is not None]
    return found, people


def everyone(uow: UnitOfWork, *, by: Person | None) -> list[Known]:
    """Everyone the bot knows with their groups; for the team (it lists e-mail addresses)."""
    require_team(by, "Only the harmonisation team can list everyone the bot knows.")
    with uow as repos:
        belongs = memberships(repos.groups.all())
        return [Known(person=p, groups=belongs.get(p.name, ())) for p in repos.people.all()]


def _directory(repos: Repositories) -> Directory:
    return Directory(people=repos.people.all(), groups=repos.groups.all())


def _person(repos: Repositories, name: str) -> Person:
    directory = _directory(repos)
    person = directory.person(name)
    if person is None:
        # A first name alone ("Nadia") when only one person has it.
        key = normalise_name(name)
        firsts = [p for p in directory.people if normalise_name(p.name).split(" ")[0] == key]
        person = firsts[0] if len(firsts) == 1 and " " not in key else None
    if person is None:
        raise NotFound("person", f"called {name!r}: add them first with 'add person NAME, EMAIL'")
    return person


def _group(directory: Directory, text: str) -> Group | None:
    """The group a name or alias names, or the only one whose name starts with the text
    ("steering group" for "Steering group members")."""
    found = directory.group(text)
    if found is not None:
        return found
    key = normalise_name(text)
    starting = [g for g in directory.groups if normalise_name(g.name).startswith(key + " ")]
    return starting[0] if len(starting) == 1 else None


def _group_name(text: str) -> str:
    name = " ".join(text.split())
    return name[:1].upper() + name[1:]


@dataclass(frozen=True, kw_only=True)
class Owner:
    """Someone the clock will nudge, and what the chats could reach them by.

    ``teams_chat``: their personal chat with the bot in Teams, when one is stored (a Teams
    bot can only write where it has been installed).
    """

    person: Person
    items: int
    teams_chat: ConversationRef | None = None


@dataclass(frozen=True, kw_only=True)
class Owners:
    """The owners of open tactics and actions, and owner names that reach nobody."""

    people: tuple[Owner, ...]
    nobody: tuple[str, ...] = ()


def owners_to_reach(uow: UnitOfWork) -> Owners:
    """Everyone who owns an open tactic of the latest plan or an open meeting action,
    groups expanded, for checking that each can be reached before the first nudge."""
    with uow as repos:
        latest = repos.plans.latest()
        tactics = repos.tactics.all(latest.year, open_only=True) if latest else []
        names = [owner for t in tactics for owner in t.owners]
        names += [o for a in repos.actions.all() if not a.done for o in split_owners(a.responsible)]
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
        counts: dict[str, int] = {}
        found: dict[str, Person] = {}
        nobody = []
        for name in names:
            people = directory.expand([name])
            if not people:
                nobody.append(name)
            for person in people:
                found[person.name] = person
                counts[person.name] = counts.get(person.name, 0) + 1
        owners = tuple(
            Owner(
                person=person,
                items=counts[person.name],
                teams_chat=repos.conversations.for_user("teams", person.teams_id)
                if person.teams_id
                else None,
            )
            for person in sorted(found.values(), key=lambda p: p.name.lower())
        )
    return Owners(people=owners, nobody=tuple(dict.fromkeys(nobody)))
