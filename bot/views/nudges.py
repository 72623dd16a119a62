"""How reminders read: a person's summary with each item's buttons, one item alone, and the
team's "couldn't reach"."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Bullets, Button, Buttons, Context, Reply, Text
from commplan.meetings import parse_action_key
from commplan.nudges import ItemType, Kind, Nudge
from commplan.reminders import SHOWN_ITEMS, Section, by_urgency, counts, section


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


def item_line(nudge: Nudge) -> str:
    """One item as a summary lists it."""
    subject = nudge_subject(nudge)
    due = f"{nudge.due:%A %-d %B %Y}" if nudge.due else ""
    weeks = nudge.weeks_overdue
    late = f" ({weeks} week{'s' if weeks != 1 else ''} overdue)" if weeks else ""
    line = {
        Kind.BEFORE: f"Coming up: {subject} is due from {due}.",
        Kind.DUE: f"Due now: {subject} (from {due}).",
        Kind.OVERDUE: f"Overdue: {subject} was due by {due}{late}.",
        Kind.TBC: f"Please set a date: {subject} has no timing yet.",
        Kind.REVIEW: f"Due for review: {subject} (last reviewed {due or 'never'}).",
        Kind.UNANSWERED: f"Still unanswered: {subject}.",
    }[nudge.kind]
    if nudge.escalated and nudge.item_type is not ItemType.INBOX:
        line = f"{line} Owners: {', '.join(nudge.owners)}."
    return line


def item_buttons(nudge: Nudge) -> Buttons | None:
    """Done, Snooze a week and Open for a tactic or an action; "I'll take it" for a query."""
    if nudge.item_type is ItemType.TACTIC:
        number = nudge.item.split("/")[-1]
        own = f"{nudge.item_type.value}:{nudge.item}"
        return Buttons(
            buttons=(
                Button(label="Done", action_id="tactic_done", value=number, style="primary"),
                # Snoozed for whoever presses it, not for the tactic's other owners.
                Button(label="Snooze a week", action_id="reminder_snooze", value=own),
                Button(label="Open", action_id="tactic_open", value=number),
            )
        )
    if nudge.item_type is ItemType.ACTION:
        # The key, not the number: numbers repeat across meetings.
        key = nudge.item
        return Buttons(
            buttons=(
                Button(label="Done", action_id="action_done", value=key, style="primary"),
                Button(label="Snooze a week", action_id="reminder_snooze", value=f"action:{key}"),
                Button(label="Open", action_id="action_open", value=key),
            )
        )
    if nudge.item_type is ItemType.INBOX and nudge.person is None:
        return Buttons(
            buttons=(
                Button(
                    label="I'll take it", action_id="inbox_take", value=nudge.item, style="primary"
                ),
            )
        )
    return None


def nudge_reply(nudge: Nudge) -> Reply:
    """One item as a message of its own (for those who asked for reminders immediately)."""
    text = item_line(nudge)
    if nudge.escalated:
        text = f"Escalated to the team — {text}"
    blocks: list[Text | Buttons] = [Text(text=text)]
    buttons = item_buttons(nudge)
    if buttons is not None:
        blocks.append(buttons)
    return Reply(text=text, blocks=tuple(blocks), intent=f"nudge_{nudge.kind.value}")


def _counted(found: dict[Section, int]) -> str:
    def words(section: Section, n: int) -> str:
        if section is Section.NEEDS_A_DATE and n != 1:
            return "need a date"
        return section.value

    return ", ".join(f"{n} {words(s, n)}" for s, n in found.items())


def summary_reply(nudges: Sequence[Nudge], *, follow_up: bool = False, team: bool = False) -> Reply:
    """A person's (or the team's) reminders as one message: the counts, the most urgent
    :data:`SHOWN_ITEMS` items each with its buttons, and where to find the rest."""
    ordered = by_urgency(nudges)
    found = counts(ordered)
    if follow_up:
        lead = f"Since your last summary today: {_counted(found)}."
    elif team:
        lead = f"For the team: {_counted(found)}."
    else:
        lead = f"Your reminders: {_counted(found)}."
    blocks: list[Text | Buttons | Context] = [Text(text=lead)]
    for nudge in ordered[:SHOWN_ITEMS]:
        blocks.append(Text(text=item_line(nudge)))
        buttons = item_buttons(nudge)
        if buttons is not None:
            blocks.append(buttons)
    rest = ordered[SHOWN_ITEMS:]
    if rest:
        blocks.append(
            Context(
                text=f"And {len(rest)} more ({_counted(counts(rest))}). "
                'Say "my reminders" to see them all.'
            )
        )
    return Reply(
        blocks=tuple(blocks),
        intent="nudge_follow_up" if follow_up else "nudge_summary",
        data={
            "items": [n.key for n in ordered],
            "counts": {s.value: n for s, n in found.items()},
        },
    )


#: How many items "my reminders" lists before it only counts.
LISTED_ITEMS = 40


def my_reminders_reply(name: str, nudges: Sequence[Nudge]) -> Reply:
    """Everything open with a person's name on it, by section, most urgent first."""
    if not nudges:
        return Reply(text=f"Nothing open with your name on it, {name}.", intent="my_reminders")
    ordered = by_urgency(nudges)
    blocks: list[Text | Bullets | Context] = [
        Text(text=f"Your reminders, {name}: {_counted(counts(ordered))}.")
    ]
    shown = ordered[:LISTED_ITEMS]
    for part in counts(shown):
        lines = tuple(item_line(n) for n in shown if section(n) is part)
        blocks.append(Bullets(items=lines))
    if len(ordered) > LISTED_ITEMS:
        blocks.append(Context(text=f"And {len(ordered) - LISTED_ITEMS} more further ahead."))
    return Reply(
        blocks=tuple(blocks),
        intent="my_reminders",
        data={
            "items": [n.key for n in ordered],
            "counts": {s.value: n for s, n in counts(ordered).items()},
        },
    )
