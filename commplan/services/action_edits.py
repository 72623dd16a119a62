"""Editing a meeting action's text, owners, update or paragraph from chat, and reading back every
change kept for it. The due date has its own service (:func:`set_action_due`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from commplan.errors import InvalidInput
from commplan.meetings import MeetingAction, paragraph_ref
from commplan.people import Person, known_owners, split_owners
from commplan.permissions import require_change
from commplan.plan import FieldChange
from commplan.ports import UnitOfWork
from commplan.services.actions import (
    ActionRef,
    Ambiguous,
    _action_label,
    _directory,
    _resolve,
    join_owners,
)
from commplan.services.history import record_action_change

#: Every field :func:`edit_action` changes, by the name members use.
FIELDS = ("text", "responsible", "update", "paragraph")


@dataclass(frozen=True, kw_only=True)
class ActionEdited:
    """An action after one field was set; ``old`` is that field's value before."""

    action: MeetingAction
    field: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True, kw_only=True)
class ActionHistory:
    """An action as it is now and every change kept for it, oldest first."""

    action: MeetingAction
    changes: tuple[FieldChange, ...]


def edit_action(
    uow: UnitOfWork, ref: ActionRef, field: str, value: str, *, person: Person | None, at: datetime
) -> ActionEdited | Ambiguous:
    """Set one field of the action meant; its owners and the team only.

    Raises:
        InvalidInput: an unknown field, an empty text, or an owner nobody knows.
    """
    if field not in FIELDS:
        raise InvalidInput(f"An action has no field {field!r}; I can change {', '.join(FIELDS)}.")
    value = value.strip()
    with uow as repos:
        found = _resolve(repos, ref)
        if isinstance(found, Ambiguous):
            return found
        directory = _directory(repos)
        require_change(person, split_owners(found.responsible), directory, _action_label(found))
        if field == "responsible":
            value = join_owners(known_owners(value, directory))
        elif field == "text" and not value:
            raise InvalidInput("An action needs its text; say 'rename action 5 to ...'.")
        elif field == "paragraph":
            try:
                value = paragraph_ref(value)
            except ValueError as error:
                raise InvalidInput(f"{str(error).capitalize()}.") from None
        old = str(getattr(found, field))
        changed = _with(found, field, value)
        if old != value:
            repos.actions.save(changed)
            who = person.name if person else ""
            record_action_change(repos, changed, field, old, value, who=who, at=at)
            repos.commit()
    return ActionEdited(action=changed, field=field, old=old, new=value)


def _with(action: MeetingAction, field: str, value: str) -> MeetingAction:
    if field == "text":
        return replace(action, text=value)
    if field == "responsible":
        return replace(action, responsible=value)
    if field == "update":
        return replace(action, update=value)
    return replace(action, paragraph=value)


def action_history(uow: UnitOfWork, ref: ActionRef) -> ActionHistory | Ambiguous:
    """Every change kept for the action meant."""
    with uow as repos:
        found = _resolve(repos, ref)
        if isinstance(found, Ambiguous):
            return found
        changes = repos.actions.edits(found.meeting_date, found.number)
    return ActionHistory(action=found, changes=tuple(changes))
