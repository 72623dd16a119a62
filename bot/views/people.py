"""Presenters for the roster: who was added, what changed, and who the bot knows."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Bullets, Context, Header, Reply, Text
from bot.views.listing import Rest, capped
from commplan.people import Group, Person, Role
from commplan.services.roster import GroupChange, Known, RoleChange

ROLE_NAMES = {Role.ADMIN: "admin", Role.TEAM: "team member", Role.MEMBER: "member"}


def _a(role: Role) -> str:
    name = ROLE_NAMES[role]
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def person_added(person: Person) -> Reply:
    address = f" ({person.email})" if person.email else ""
    notes = (
        "Slack and Teams find them by that address."
        if person.email
        else "Without an e-mail address Slack and Teams cannot find them to send reminders."
    )
    return Reply(
        blocks=(
            Text(text=f"Added {person.name}{address} as {_a(person.role)}."),
            Context(text=notes),
        ),
        intent="person_added",
        data={"name": person.name, "email": person.email, "role": person.role.value},
    )


def role_changed(change: RoleChange) -> Reply:
    person = change.person
    if change.before is person.role:
        text = f"{person.name} is {_a(person.role)} already."
    else:
        text = f"{person.name} is now {_a(person.role)} (was {_a(change.before)})."
    return Reply(
        blocks=(Text(text=text),),
        intent="role_changed",
        data={"name": person.name, "role": person.role.value, "before": change.before.value},
    )


def group_changed(change: GroupChange, *, added: bool) -> Reply:
    who, group = change.person.name, change.group.name
    if not change.changed:
        text = f"{who} is in {group} already." if added else f"{who} is not in {group}."
    elif added:
        made = " (a new group)" if change.created else ""
        text = f"Added {who} to {group}{made}."
    else:
        text = f"Took {who} out of {group}."
    count = len(change.group.members)
    return Reply(
        blocks=(Text(text=text), Context(text=f"{group} has {_people(count)}.")),
        intent="group_changed",
        data={"name": who, "group": group, "members": list(change.group.members)},
    )


_EXPORT_PEOPLE = "run `harmonibot export people`"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def team_list(team: Sequence[Person]) -> Reply:
    lines, more = capped(
        [f"{p.name} ({ROLE_NAMES[p.role]})" for p in team], Rest(command=_EXPORT_PEOPLE)
    )
    return Reply(
        blocks=(
            Header(text=f"The team: {_people(len(team))}"),
            Bullets(items=lines or ("Nobody yet: an admin can say 'make NAME team member'.",)),
            *more,
        ),
        intent="team_list",
        data={"team": [{"name": p.name, "role": p.role.value} for p in team]},
    )


def group_list(group: Group, people: Sequence[Person]) -> Reply:
    lines, more = capped([p.name for p in people], Rest(command="run `harmonibot export groups`"))
    return Reply(
        blocks=(
            Header(text=f"{group.name}: {_people(len(people))}"),
            Bullets(items=lines or ("Nobody yet.",)),
            *more,
        ),
        intent="group_members",
        data={"group": group.name, "members": [p.name for p in people]},
    )


def everyone_list(known: Sequence[Known]) -> Reply:
    lines, more = capped([_line(k) for k in known], Rest(command=_EXPORT_PEOPLE))
    unreachable = sum(1 for k in known if not (k.person.email or k.person.slack_id))
    notes = (
        (Context(text=f"{_people(unreachable)} without an e-mail address or a chat account."),)
        if unreachable
        else ()
    )
    return Reply(
        blocks=(
            Header(text=f"I know {_people(len(known))}"),
            Bullets(items=lines or ("Nobody yet.",)),
            *more,
            *notes,
        ),
        intent="everyone",
        data={
            "people": [
                {"name": k.person.name, "role": k.person.role.value, "groups": list(k.groups)}
                for k in known
            ]
        },
    )


def _line(known: Known) -> str:
    person = known.person
    parts = [ROLE_NAMES[person.role], person.email or "no e-mail"]
    chats = [
        name for name, ident in (("Slack", person.slack_id), ("Teams", person.teams_id)) if ident
    ]
    if chats:
        parts.append(" and ".join(chats))
    if known.groups:
        parts.append("in " + ", ".join(known.groups))
    return f"{person.name}: " + "; ".join(parts)
