"""Presenters: domain values to neutral replies. No platform markup here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.messages import Block, Bullets, Button, Buttons, Context, Fields, Header, Link, Reply, Text
from commplan.meetings import MeetingAction
from commplan.plan import Status, Tactic

STATUS_LABEL = {Status.PLANNED: "planned", Status.ONGOING: "on-going", Status.COMPLETE: "complete"}


def window_text(tactic: Tactic) -> str:
    """The due window in words: "7 Jan", "1 Jul – 30 Sep", or the timing when there is none."""
    if tactic.window is None:
        return tactic.timing or "TBC"
    start, end = tactic.window.start, tactic.window.end
    if start == end:
        return f"{start:%-d %b %Y}"
    return f"{start:%-d %b} – {end:%-d %b %Y}"


def tactic_line(tactic: Tactic, today: date | None = None) -> str:
    """One line: number, name, when, who, status (and overdue when it is)."""
    flag = " — OVERDUE" if today and tactic.is_overdue(today) else ""
    owners = ", ".join(tactic.owners)
    return (
        f"#{tactic.number} {tactic.name} · {window_text(tactic)} · {owners} · "
        f"{STATUS_LABEL[tactic.status]}{flag}"
    )


def tactic_buttons(tactic: Tactic) -> Buttons:
    """Done, Snooze a week and Open, carrying the tactic number."""
    value = str(tactic.number)
    buttons = [Button(label="Open", action_id="tactic_open", value=value)]
    if not tactic.is_complete:
        buttons[:0] = [
            Button(label="Done", action_id="tactic_done", value=value, style="primary"),
            Button(label="Snooze a week", action_id="tactic_snooze", value=value),
        ]
    return Buttons(buttons=tuple(buttons))


def tactic_list(
    title: str, tactics: Sequence[Tactic], today: date, *, intent: str, empty: str
) -> Reply:
    """A titled list of tactics with buttons on the first few."""
    data: dict[str, object] = {"tactics": [t.number for t in tactics]}
    if not tactics:
        return Reply(
            text=f"{title}\n{empty}",
            blocks=(Header(text=title), Text(text=empty)),
            intent=intent,
            data=data,
        )
    lines = [tactic_line(t, today) for t in tactics]
    blocks: list[Block] = [Header(text=title), Bullets(items=tuple(lines))]
    for tactic in [t for t in tactics if not t.is_complete][:3]:
        blocks.append(Context(text=f"#{tactic.number} {tactic.name}"))
        blocks.append(tactic_buttons(tactic))
    text = "\n".join([title, *(f"- {line}" for line in lines)])
    return Reply(text=text, blocks=tuple(blocks), intent=intent, data=data)


def tactic_card(tactic: Tactic, today: date, *, intent: str = "show_tactic") -> Reply:
    """Everything about one tactic."""
    pairs = [
        ("When", f"{tactic.timing or 'TBC'} ({window_text(tactic)})"),
        ("Phase", tactic.phase.label),
        ("Accountable", ", ".join(tactic.owners)),
        (
            "Status",
            STATUS_LABEL[tactic.status] + (" — overdue" if tactic.is_overdue(today) else ""),
        ),
    ]
    if tactic.audience:
        pairs.append(("Audience", tactic.audience))
    if tactic.objectives:
        pairs.append(("Objectives", ", ".join(str(o) for o in tactic.objectives)))
    if tactic.snoozed_until:
        pairs.append(("Snoozed until", f"{tactic.snoozed_until:%-d %B %Y}"))
    title = f"Tactic {tactic.number}: {tactic.name}"
    blocks: list[Block] = [Header(text=title), Fields(pairs=tuple(pairs))]
    if tactic.purpose:
        blocks.append(Text(text=tactic.purpose))
    if tactic.notes:
        blocks.append(Context(text=tactic.notes))
    blocks.append(tactic_buttons(tactic))
    text = "\n".join([title, *(f"{k}: {v}" for k, v in pairs), tactic.purpose]).strip()
    return Reply(text=text, blocks=tuple(blocks), intent=intent, data={"tactic": tactic.number})


def action_line(action: MeetingAction) -> str:
    state = "done" if action.done else "open"
    where = f"{action.meeting_date:%-d %b %Y}, para {action.paragraph or '-'}"
    return f"Action {action.number} ({where}): {action.text} — {action.responsible} · {state}"


def action_buttons(action: MeetingAction, *, open_button: bool = True) -> Buttons:
    """Done, Snooze a week and Open, carrying the action's key (numbers repeat by meeting)."""
    value = action.key
    buttons: list[Button] = []
    if not action.done:
        buttons += [
            Button(label="Done", action_id="action_done", value=value, style="primary"),
            Button(label="Snooze a week", action_id="action_snooze", value=value),
        ]
    if open_button:
        buttons.append(Button(label="Open", action_id="action_open", value=value))
    return Buttons(buttons=tuple(buttons))


def action_list(title: str, actions: Sequence[MeetingAction], *, intent: str) -> Reply:
    data: dict[str, object] = {"actions": [a.key for a in actions]}
    if not actions:
        return Reply(
            text=f"{title}\nNone.",
            blocks=(Header(text=title), Text(text="None.")),
            intent=intent,
            data=data,
        )
    lines = [action_line(a) for a in actions]
    blocks: list[Block] = [Header(text=title), Bullets(items=tuple(lines))]
    for action in [a for a in actions if not a.done][:3]:
        blocks.append(
            Context(
                text=f"Action {action.number} of {action.meeting_date:%-d %b %Y}: "
                f"{action.text[:80]}"
            )
        )
        blocks.append(action_buttons(action))
    text = "\n".join([title, *(f"- {line}" for line in lines)])
    return Reply(text=text, blocks=tuple(blocks), intent=intent, data=data)


def action_card(action: MeetingAction, *, intent: str = "show_action") -> Reply:
    """Everything about one meeting action."""
    pairs = [
        ("Meeting", f"{action.meeting or 'Steering group'}, {action.meeting_date:%-d %B %Y}"),
        ("Responsible", action.responsible),
        ("Status", "done" if action.done else "open"),
    ]
    if action.paragraph:
        pairs.append(("Paragraph", action.paragraph))
    if action.due:
        pairs.append(("Due", f"{action.due:%-d %B %Y}"))
    if action.snoozed_until:
        pairs.append(("Snoozed until", f"{action.snoozed_until:%-d %B %Y}"))
    if action.update:
        pairs.append(("Update", action.update))
    title = f"Action {action.number} of {action.meeting_date:%-d %B %Y}"
    blocks: list[Block] = [Header(text=title), Text(text=action.text), Fields(pairs=tuple(pairs))]
    if not action.done:
        blocks.append(action_buttons(action, open_button=False))
    text = "\n".join([title, action.text, *(f"{k}: {v}" for k, v in pairs)])
    return Reply(text=text, blocks=tuple(blocks), intent=intent, data={"action": action.key})


def action_choice(
    number: int, candidates: Sequence[MeetingAction], *, verb: str, label: str, action_id: str
) -> Reply:
    """Several meetings have an action with this number: list them and ask which one."""
    title = f"{len(candidates)} open actions are numbered {number}. Which one did you mean?"
    blocks: list[Block] = [Header(text=title)]
    lines = [title]
    for action in candidates:
        line = action_line(action)
        blocks.append(Text(text=line))
        blocks.append(
            Buttons(
                buttons=(
                    Button(
                        label=f"{label} ({action.meeting_date:%-d %b %Y})",
                        action_id=action_id,
                        value=action.key,
                        style="primary",
                    ),
                )
            )
        )
        lines.append(f"- {line}")
    first = candidates[0].meeting_date
    hint = f"Or say 'action {number} of {first:%-d %B} {verb}'."
    blocks.append(Context(text=hint))
    lines.append(hint)
    return Reply(
        text="\n".join(lines),
        blocks=tuple(blocks),
        intent="action_ambiguous",
        data={"number": number, "candidates": [a.key for a in candidates]},
    )


def link_block(label: str, url: str) -> Link:
    return Link(label=label, url=url)
