"""Roster commands: the team adds people and sets groups, admins set roles, anyone asks who
is on the team or in a group. The services check who may do what, in the roster's own words
(not the contacts' "personal data" refusal of a team-only command)."""

from __future__ import annotations

from bot.command import Args, Command
from bot.messages import Reply
from bot.turn import Turn
from bot.views.people import everyone_list, group_changed, group_list, person_added, role_changed
from bot.views.people import team_list as team_view
from commplan.errors import InvalidInput
from commplan.people import Role
from commplan.services import roster

_ROLES = {
    "admin": Role.ADMIN,
    "administrator": Role.ADMIN,
    "team member": Role.TEAM,
    "member of the team": Role.TEAM,
    "member": Role.MEMBER,
}
# Words that make "add ... to ..." a tactic or an action, not a person.
_NOT_A_PERSON = r"(?!(?:an? |new |the )?(?:action|tactic|contact|query|note)\b)"
_GROUP_WORDS = r"(?:team|group|members|committee|network|unit|secretariat|board|panel|forum)"


def add_person(turn: Turn, args: Args) -> Reply:
    person = roster.add_person(
        turn.deps.uow(), by=turn.person, name=args.text("name"), email=args.text("email")
    )
    return person_added(person)


def make_role(turn: Turn, args: Args) -> Reply:
    role = _ROLES.get(" ".join(args.text("role").lower().split()))
    if role is None:
        raise InvalidInput("Say 'make NAME admin', 'make NAME team member' or 'make NAME member'.")
    change = roster.set_role(turn.deps.uow(), by=turn.person, name=args.text("name"), role=role)
    return role_changed(change)


def add_to_group(turn: Turn, args: Args) -> Reply:
    if args.text("group").lower() == "team":
        # The team is a role, not a group: it decides who sees contacts.
        raise InvalidInput(
            f"To put {args.text('name')} on the team, an admin says "
            f"'make {args.text('name')} team member'."
        )
    change = roster.add_to_group(
        turn.deps.uow(), by=turn.person, name=args.text("name"), group=args.text("group")
    )
    return group_changed(change, added=True)


def remove_from_group(turn: Turn, args: Args) -> Reply:
    change = roster.remove_from_group(
        turn.deps.uow(), by=turn.person, name=args.text("name"), group=args.text("group")
    )
    return group_changed(change, added=False)


def team_list(turn: Turn, args: Args) -> Reply:
    return team_view(roster.the_team(turn.deps.uow()))


def group_members(turn: Turn, args: Args) -> Reply:
    group, people = roster.group_members(turn.deps.uow(), args.text("group"))
    return group_list(group, people)


def everyone(turn: Turn, args: Args) -> Reply:
    return everyone_list(roster.everyone(turn.deps.uow(), by=turn.person))


COMMANDS = (
    Command(
        name="add person",
        group="People",
        handler=add_person,
        help="Add someone the bot should know, with the e-mail Slack and Teams know them by.",
        examples=("add person Jo Bloggs, jo.bloggs@example.org",),
        patterns=(
            (
                r"add (?:a )?(?:new )?person:? (?P<name>[^,<]+?)"
                r"(?:,\s*|\s+)<?(?:mailto:)?(?P<email>[^\s,<>|]+@[^\s,<>|]+?)(?:\|[^>]*)?>?"
            ),
            r"add (?:a )?(?:new )?person:? (?P<name>[^,]+?)(?:,\s*(?P<email>.*))?",
        ),
    ),
    Command(
        name="make NAME team member",
        group="People",
        handler=make_role,
        help="Make someone an admin, a team member or a member (admins only).",
        examples=("make Jo Bloggs team member", "make Jo Bloggs admin"),
        patterns=(
            (
                r"make (?P<name>.+?) (?:an? |the )?"
                r"(?P<role>admin(?:istrator)?|team member|member of the team|member)"
            ),
        ),
    ),
    Command(
        name="add NAME to GROUP",
        group="People",
        handler=add_to_group,
        help="Put someone in a group (a new group is made); owners named by a group are nudged.",
        examples=("add Jo Bloggs to Steering group members",),
        patterns=(rf"add {_NOT_A_PERSON}(?P<name>.+?) to (?:the )?(?P<group>.+)",),
    ),
    Command(
        name="remove NAME from GROUP",
        group="People",
        handler=remove_from_group,
        help="Take someone out of a group.",
        examples=("remove Jo Bloggs from Steering group members",),
        patterns=(
            rf"(?:remove|take) {_NOT_A_PERSON}(?P<name>.+?) (?:from|out of) (?:the )?(?P<group>.+)",
        ),
    ),
    Command(
        name="who is on the team",
        group="People",
        handler=team_list,
        help="The harmonisation team: its admins and team members.",
        examples=("who is on the team",),
        patterns=(
            r"who(?:'s| is| are)? (?:on|in) (?:the )?(?:harmonisation )?team",
            r"who(?:'s| is| are) the (?:harmonisation )?team",
            r"(?:show |list )?(?:the )?team members",
        ),
    ),
    Command(
        name="who is in GROUP",
        group="People",
        handler=group_members,
        help="The members of a group.",
        examples=("who is in Steering group members",),
        patterns=(
            rf"who(?:'s| is| are)? (?:in|on) (?:the )?(?P<group>.+?\b{_GROUP_WORDS})",
            r"(?:who is in|members of|show|list) (?:the )?group:? (?P<group>.+)",
        ),
    ),
    Command(
        name="who do you know",
        group="People",
        handler=everyone,
        help="Everyone the bot knows, with roles, e-mail addresses and groups (team).",
        examples=("who do you know",),
        patterns=(
            r"who (?:do you|does the bot) know",
            (
                r"(?:list|show)(?: me)? (?:everyone|everybody|all the people|the people|people)"
                r"(?: you know)?"
            ),
        ),
    ),
)
