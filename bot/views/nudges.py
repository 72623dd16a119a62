"""How a nudge reads: the owner's message with its buttons, and the team's "couldn't reach"."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Bullets, Button, Buttons, Context, Reply, Text
from commplan.meetings import parse_action_key
from commplan.nudges import ItemType, Kind, Nudge


def nudge_subject(nudge: Nudge) -> str:
    """What a nudge is about, in words: "Tactic 14: ...", "Action 5 of 4 March 2026: ..."."""
    name = nudge.item_name
    if nudge.item_type is ItemType.TACTIC:
        return f"Tactic {nudge.item.split('/')[-1]}: {name}"
    action_ref = parse_action_key(nudge.item) if nudge.item_type is ItemType.ACTION else None
    if action_ref is not None:
        return f"Action {action_ref[1]} of {action_ref[0]:%-d %B %Y}: {name}"
    return name


def unreachable_reply(missed: Sequence[Nudge]) -> Reply:
    """One message to the team naming who the bot could not reach, and for what."""
    lines = tuple(
        f"{n.person.name if n.person else 'someone'}: {nudge_subject(n)} ({n.kind.value})"
        for n in missed
    )
    names = sorted({n.person.name for n in missed if n.person})
    text = (
        f"I couldn't reach {', '.join(names)} in chat (the bot is not installed for them, or "
        "their chat id is unknown), so these nudges did not arrive. Please pass them on."
    )
    return Reply(
        text="\n".join([text, *(f"- {line}" for line in lines)]),
        blocks=(
            Text(text=text),
            Bullets(items=lines),
            Context(text="Each is reported once; the weekly digest lists them too."),
        ),
        intent="nudge_unreachable",
        data={"people": names, "nudges": [n.key for n in missed]},
    )


def nudge_reply(nudge: Nudge) -> Reply:
    """The message an owner gets, with Done / Snooze a week / Open buttons."""
    number = nudge.item.split("/")[-1]
    subject = nudge_subject(nudge)
    due = f"{nudge.due:%A %-d %B %Y}" if nudge.due else ""
    text = {
        Kind.BEFORE: f"Coming up: {subject} is due from {due}.",
        Kind.DUE: f"Due now: {subject} (from {due}).",
        Kind.OVERDUE: f"Overdue: {subject} was due by {due}"
        + (f" — {nudge.weeks_overdue + 1} weeks now." if nudge.weeks_overdue else "."),
        Kind.TBC: f"Please set a date: {subject} has no timing yet.",
        Kind.REVIEW: f"Due for review: {subject} (last reviewed {due or 'never'}).",
        Kind.UNANSWERED: f"Still unanswered: {subject}.",
    }[nudge.kind]
    if nudge.escalated:
        text = f"Escalated to the team — {text} Owners: {', '.join(nudge.owners)}."
    blocks: list[Text | Context | Buttons] = [Text(text=text)]
    if nudge.item_type is ItemType.TACTIC:
        blocks.append(
            Buttons(
                buttons=(
                    Button(label="Done", action_id="tactic_done", value=number, style="primary"),
                    Button(label="Snooze a week", action_id="tactic_snooze", value=number),
                    Button(label="Open", action_id="tactic_open", value=number),
                )
            )
        )
    elif nudge.item_type is ItemType.INBOX and nudge.person is None:
        blocks.append(
            Buttons(
                buttons=(
                    Button(
                        label="I'll take it",
                        action_id="inbox_take",
                        value=nudge.item,
                        style="primary",
                    ),
                )
            )
        )
    elif nudge.item_type is ItemType.ACTION:
        # The key, not the number: numbers repeat across meetings.
        key = nudge.item
        blocks.append(
            Buttons(
                buttons=(
                    Button(label="Done", action_id="action_done", value=key, style="primary"),
                    Button(label="Snooze a week", action_id="action_snooze", value=key),
                    Button(label="Open", action_id="action_open", value=key),
                )
            )
        )
    blocks.append(Context(text="Reply 'help' to see what else I can do."))
    return Reply(text=text, blocks=tuple(blocks), intent=f"nudge_{nudge.kind.value}")
