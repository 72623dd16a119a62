"""How changes to the plan look: confirmations, status changes, edits, history and the notices
owners get. No platform markup here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.messages import Block, Bullets, Button, Buttons, Context, Header, Intent, Reply, Text
from bot.views.plan import STATUS_LABEL, action_card, tactic_card
from commplan.meetings import MeetingAction
from commplan.plan import FieldChange, Status, Tactic

#: The button that completes a tactic once the member has said yes.
TACTIC_DONE_CONFIRMED = "tactic_done_confirmed"
#: The button that completes a meeting action once the member has said yes.
ACTION_DONE_CONFIRMED = "action_done_confirmed"


def confirm_done(tactic: Tactic) -> Reply:
    """A Done button asks first: a stray press (or a stray "1" in the console) completes
    nothing. "No" comes first so that pressing the first button twice still changes nothing."""
    value = str(tactic.number)
    if tactic.is_complete:
        return Reply(
            text=f"Tactic {tactic.number} is already complete: {tactic.name}.",
            intent=Intent.TACTIC_CONFIRM,
            data={"tactic": tactic.number},
        )
    return Reply(
        blocks=(
            Text(text=f"Mark tactic {tactic.number} complete? {tactic.name}"),
            Buttons(
                buttons=(
                    Button(label="No, leave it", action_id="tactic_keep", value=value),
                    Button(
                        label="Yes, mark complete",
                        action_id=TACTIC_DONE_CONFIRMED,
                        value=value,
                        style="primary",
                    ),
                )
            ),
        ),
        intent=Intent.TACTIC_CONFIRM,
        data={"tactic": tactic.number},
    )


def confirm_action_done(action: MeetingAction) -> Reply:
    """As :func:`confirm_done`, for a meeting action's Done button."""
    what = f"action {action.number} of {action.meeting_date:%-d %B %Y}"
    if action.done:
        return Reply(
            text=f"{what.capitalize()} is already done.",
            intent=Intent.ACTION_CONFIRM,
            data={"action": action.key},
        )
    return Reply(
        blocks=(
            Text(text=f"Mark {what} done? {action.text}"),
            Buttons(
                buttons=(
                    Button(label="No, leave it", action_id="action_keep", value=action.key),
                    Button(
                        label="Yes, mark done",
                        action_id=ACTION_DONE_CONFIRMED,
                        value=action.key,
                        style="primary",
                    ),
                )
            ),
        ),
        intent=Intent.ACTION_CONFIRM,
        data={"action": action.key},
    )


def left_as_it_was(what: str, state: str) -> Reply:
    """The member said no to a confirmation."""
    return Reply(text=f"Left {what} as it was ({state}).", intent=Intent.TACTIC_CONFIRM)


def status_changed(tactic: Tactic, before: Status, today: date) -> Reply:
    """A tactic's status set (or found set already)."""
    now = STATUS_LABEL[tactic.status]
    if tactic.status is before:
        lead = f"Tactic {tactic.number} is already {now}."
    elif tactic.status is Status.COMPLETE:
        lead = f"Marked tactic {tactic.number} complete: {tactic.name}."
    elif before.is_closed and not tactic.is_closed:
        lead = f"Reopened tactic {tactic.number} ({now}; it was {STATUS_LABEL[before]})."
    else:
        lead = f"Tactic {tactic.number} is now {now} (it was {STATUS_LABEL[before]})."
    intent = Intent.TACTIC_DONE if tactic.is_complete else Intent.TACTIC_STATUS
    return tactic_card(tactic, today, intent=intent, lead=lead)


def completed_notice(tactic: Tactic, by: str) -> Reply:
    """What an owner is told when someone else completes their tactic."""
    return Reply(
        text=f"{by or 'Someone'} marked tactic {tactic.number} complete: {tactic.name}. "
        f"Say 'reopen tactic {tactic.number}' if it is not.",
        intent=Intent.TACTIC_DONE,
        data={"tactic": tactic.number},
    )


def assigned_notice(tactic: Tactic, by: str) -> Reply:
    """What a new owner is told when a tactic is assigned to them."""
    when = tactic.timing or "TBC"
    return Reply(
        text=f"{by or 'Someone'} made you accountable for tactic {tactic.number}: "
        f"{tactic.name} (due {when}). Say 'show tactic {tactic.number}' for the details.",
        intent=Intent.TACTIC_ASSIGNED,
        data={"tactic": tactic.number},
    )


def edited(tactic: Tactic, field: str, old: str, today: date) -> Reply:
    """A field of a tactic changed."""
    new = _value(tactic, field)
    lead = (
        f"Tactic {tactic.number} {field} was already {new or 'empty'}."
        if old == new
        else f"Changed the {field} of tactic {tactic.number} from {_quoted(old)} to {_quoted(new)}."
    )
    return tactic_card(tactic, today, intent=Intent.TACTIC_EDITED, lead=lead)


def action_edited(action: MeetingAction, field: str, old: str) -> Reply:
    """A field of a meeting action changed."""
    new = str(getattr(action, field))
    name = {"responsible": "owners", "text": "text"}.get(field, field)
    what = f"action {action.number} of {action.meeting_date:%-d %B %Y}"
    lead = (
        f"The {name} of {what} was already {_quoted(new)}."
        if old == new
        else f"Changed the {name} of {what} from {_quoted(old)} to {_quoted(new)}."
    )
    card = action_card(action, intent=Intent.ACTION_EDITED)
    return Reply(blocks=(Text(text=lead), *card.blocks), intent=card.intent, data=card.data)


def _value(tactic: Tactic, field: str) -> str:
    if field == "objectives":
        return ", ".join(str(o) for o in tactic.objectives)
    if field == "timing":
        return tactic.timing or "TBC"
    return str(getattr(tactic, field, ""))


def _quoted(value: str) -> str:
    return f"\u201c{value}\u201d" if value else "nothing"


#: Stored field names and values as members read them.
_FIELD_NAMES = {"responsible": "owners", "snoozed until": "snoozed until"}
_VALUES = {s.value: label for s, label in STATUS_LABEL.items()}


def _status_words(value: str) -> str:
    """A stored status ("ongoing", "ongoing (imported)") as members write it."""
    head, bracket, rest = value.partition(" (")
    return _VALUES.get(head, head) + bracket + rest if head in _VALUES else value


def change_line(change: FieldChange) -> str:
    """One change as the history lists it: when, who, what, from, to."""
    who = change.by or "someone"
    change = replace(
        change,
        field=_FIELD_NAMES.get(change.field, change.field),
        old=_status_words(change.old),
        new=_status_words(change.new),
    )
    when = f"{change.at:%-d %b %Y %H:%M}"
    if change.field == "added":
        return f"{when} · {who} · added it: {change.new}"
    if not change.old:
        return f"{when} · {who} · {change.field}: {change.new or 'cleared'}"
    return f"{when} · {who} · {change.field}: {_quoted(change.old)} → {_quoted(change.new)}"


def history(
    title: str, changes: Sequence[FieldChange], *, intent: Intent, data: dict[str, object]
) -> Reply:
    """Every change kept for a tactic or an action, oldest first."""
    blocks: list[Block] = [Header(text=title)]
    if changes:
        blocks.append(Bullets(items=tuple(change_line(c) for c in changes)))
    else:
        blocks.append(Text(text="No changes recorded yet."))
    blocks.append(Context(text=f"{len(changes)} change{'s' if len(changes) != 1 else ''}."))
    return Reply(blocks=tuple(blocks), intent=intent, data=data)
