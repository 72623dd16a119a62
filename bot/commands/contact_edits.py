"""The team's corrections to the contact log in chat: show, edit, delete (asked first, and
undone with a button) and the history of who changed what."""

from __future__ import annotations

import re

from bot.command import Args, Command
from bot.commands.contact_words import find_day
from bot.messages import Reply
from bot.turn import Turn
from bot.views import contacts as view
from commplan.contacts import EDITABLE
from commplan.errors import InvalidInput
from commplan.services.contact_edits import (
    contact_history,
    delete_contact,
    edit_contact,
    restore_contact,
    show_contact,
)

_NUMBER = r"contact (?:number |no\.? )?#?(?P<number>\d+)"
_FIELDS = "|".join(re.escape(name) for name in sorted(EDITABLE, key=len, reverse=True))


def show(turn: Turn, args: Args) -> Reply:
    return view.contact_card(
        show_contact(turn.deps.uow(), args.number("number"), person=turn.person)
    )


def edit(turn: Turn, args: Args) -> Reply:
    field = EDITABLE[args["field"].lower()]
    value = args["value"].strip().strip("\"'\u201c\u201d")
    if field == "on":
        dated = find_day(value, now=turn.now)
        if dated.on is None or dated.text:
            raise InvalidInput(
                f"\u201c{value}\u201d is not a day I can read: try 'yesterday' or '12 November'."
            )
        value = dated.on.isoformat()
    edited = edit_contact(
        turn.deps.uow(),
        args.number("number"),
        field=field,
        value=value,
        person=turn.person,
        at=turn.now,
        standards=turn.deps.standards(),
    )
    return view.contact_edited(edited.contact, edited.changes)


def ask_to_delete(turn: Turn, args: Args) -> Reply:
    number = args.number("number", "value")
    return view.confirm_delete(show_contact(turn.deps.uow(), number, person=turn.person))


def delete(turn: Turn, args: Args) -> Reply:
    number = args.number("number", "value")
    return view.contact_deleted(
        delete_contact(turn.deps.uow(), number, person=turn.person, at=turn.now)
    )


def keep(turn: Turn, args: Args) -> Reply:
    return view.contact_kept(args.number("value"))


def undo(turn: Turn, args: Args) -> Reply:
    number = args.number("number", "value")
    return view.contact_restored(
        restore_contact(turn.deps.uow(), number, person=turn.person, at=turn.now)
    )


def history(turn: Turn, args: Args) -> Reply:
    found = contact_history(turn.deps.uow(), args.number("number"), person=turn.person)
    return view.contact_history(
        found.contact_id, found.contact, found.changes, zone=turn.now.tzinfo
    )


COMMANDS = (
    Command(
        name="history of contact <number>",
        group="Contacts",
        handler=history,
        team_only=True,
        help="Who changed, deleted or restored a contact, and when (team members).",
        examples=("history of contact 42",),
        patterns=(
            rf"(?:show )?(?:the )?(?:history|changes) (?:of|for|to) {_NUMBER}",
            rf"{_NUMBER}(?:'s)? (?:history|changes)",
        ),
    ),
    Command(
        name="edit contact <number> <field> <value>",
        group="Contacts",
        handler=edit,
        team_only=True,
        help=(
            "Correct a contact: its date, name, email, organisation, type, user group, "
            "channel, direction, topic ('topic none' clears it) or summary (team members)."
        ),
        examples=("edit contact 42 topic ethnicity", "edit contact 42 date yesterday"),
        patterns=(
            (
                rf"(?:edit|change|correct|update|set|fix) {_NUMBER}(?:'s)?,? (?:the |its )?"
                rf"(?P<field>{_FIELDS})(?: to| as| is|:|=)? (?P<value>.+)"
            ),
        ),
    ),
    Command(
        name="delete contact <number>",
        group="Contacts",
        handler=ask_to_delete,
        team_only=True,
        actions=("contact_delete_ask",),
        help="Delete a contact logged by mistake, after you confirm; it can be undone.",
        examples=("delete contact 42",),
        patterns=(rf"(?:delete|remove|drop) {_NUMBER}",),
    ),
    Command(
        name="undo delete contact <number>",
        group="Contacts",
        handler=undo,
        team_only=True,
        actions=("contact_undo",),
        help="Bring a deleted contact back as it was (team members).",
        examples=("undo delete contact 42",),
        patterns=(
            (
                rf"(?:undo (?:the )?(?:delete|deletion|deleting|removal)(?: of)?|undelete|restore) "
                rf"{_NUMBER}"
            ),
        ),
    ),
    Command(
        name="Delete it",
        group="",
        handler=delete,
        team_only=True,
        actions=("contact_delete",),
        help="Confirm a contact's deletion.",
    ),
    Command(
        name="Keep it",
        group="",
        handler=keep,
        team_only=True,
        actions=("contact_keep",),
        help="Keep a contact after all.",
    ),
    Command(
        name="show contact <number>",
        group="Contacts",
        handler=show,
        team_only=True,
        help="One contact with every field (team members).",
        examples=("show contact 42",),
        patterns=(rf"(?:show |open |view )?{_NUMBER}",),
    ),
)
