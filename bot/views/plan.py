"""How the plan and the meeting actions look: lists, cards, and what changed. No platform
markup here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from bot.messages import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Fields,
    Header,
    Intent,
    Reply,
    Text,
)
from bot.views.listing import Rest, capped
from bot.views.objectives import objectives_text
from commplan.meetings import MeetingAction
from commplan.people import Group
from commplan.plan import Phase, Status, Tactic

STATUS_LABEL = {
    Status.PLANNED: "planned",
    Status.ONGOING: "on-going",
    Status.COMPLETE: "complete",
    Status.CANCELLED: "cancelled",
}


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
    """Done, Snooze a week and Open (Reopen and Open once closed), carrying the tactic number.

    Done asks before it completes anything (see ``plan_changes.confirm_done``).
    """
    value = str(tactic.number)
    buttons = [Button(label="Open", action_id="tactic_open", value=value)]
    if tactic.is_closed:
        # After Open: a stray "1" in the console should not change anything.
        buttons.append(Button(label="Reopen", action_id="tactic_reopen", value=value))
    else:
        buttons[:0] = [
            Button(label="Done", action_id="tactic_done", value=value, style="primary"),
            Button(label="Snooze a week", action_id="tactic_snooze", value=value),
        ]
    return Buttons(buttons=tuple(buttons))


def tactic_card(
    tactic: Tactic,
    today: date,
    *,
    intent: Intent = Intent.SHOW_TACTIC,
    lead: str = "",
    objectives: Sequence[str] = (),
    outside: Sequence[Group] = (),
    snoozed_for_you: date | None = None,
) -> Reply:
    """Everything about one tactic, after a ``lead`` sentence saying what changed, if any.

    With the plan's ``objectives`` the tactic's are named as the plan lists them; ``outside``
    owners (organisations) are said to be reached through their contact, not nudged.
    """
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
        pairs.append(("Objectives", objectives_text(tactic.objectives, objectives)))
    if tactic.snoozed_until:
        pairs.append(("Snoozed until", f"{tactic.snoozed_until:%-d %B %Y}"))
    if snoozed_for_you:
        pairs.append(("Snoozed for you until", f"{snoozed_for_you:%-d %B %Y}"))
    blocks: list[Block] = [Text(text=lead)] if lead else []
    blocks += [Header(text=f"Tactic {tactic.number}: {tactic.name}"), Fields(pairs=tuple(pairs))]
    if tactic.purpose:
        blocks.append(Text(text=tactic.purpose))
    if tactic.notes:
        blocks.append(Context(text=tactic.notes))
    for group in outside:
        contact = f" (contact: {group.contact})" if group.contact else ""
        blocks.append(
            Context(text=f"{group.name}: an organisation outside the team, not nudged{contact}.")
        )
    blocks.append(tactic_buttons(tactic))
    return Reply(blocks=tuple(blocks), intent=intent, data={"tactic": tactic.number})


def action_line(action: MeetingAction) -> str:
    state = "done" if action.done else "open"
    if action.due and not action.done:
        state += f" · due {action.due:%-d %b %Y}"
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


def action_list(title: str, actions: Sequence[MeetingAction], *, intent: Intent) -> Reply:
    data: dict[str, object] = {"actions": [a.key for a in actions]}
    if not actions:
        return Reply(blocks=(Header(text=title), Text(text="None.")), intent=intent, data=data)
    lines, more = capped(
        [action_line(a) for a in actions], Rest(command="run `harmonibot export actions`")
    )
    blocks: list[Block] = [Header(text=title), Bullets(items=lines), *more]
    for action in [a for a in actions if not a.done][:3]:
        blocks.append(
            Context(
                text=f"Action {action.number} of {action.meeting_date:%-d %b %Y}: "
                f"{action.text[:80]}"
            )
        )
        blocks.append(action_buttons(action))
    return Reply(blocks=tuple(blocks), intent=intent, data=data)


def action_card(action: MeetingAction, *, intent: Intent = Intent.SHOW_ACTION) -> Reply:
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
    return Reply(blocks=tuple(blocks), intent=intent, data={"action": action.key})


def action_choice(
    number: int, candidates: Sequence[MeetingAction], *, verb: str, label: str, action_id: str
) -> Reply:
    """Several meetings have an action with this number: list them and ask which one."""
    title = f"{len(candidates)} open actions are numbered {number}. Which one did you mean?"
    blocks: list[Block] = [Header(text=title)]
    for action in candidates:
        choose = Button(
            label=f"{label} ({action.meeting_date:%-d %b %Y})",
            action_id=action_id,
            value=action.key,
            style="primary",
        )
        blocks += [Text(text=action_line(action)), Buttons(buttons=(choose,))]
    first = candidates[0].meeting_date
    blocks.append(Context(text=f"Or say 'action {number} of {first:%-d %B} {verb}'."))
    return Reply(
        blocks=tuple(blocks),
        intent=Intent.ACTION_AMBIGUOUS,
        data={"number": number, "candidates": [a.key for a in candidates]},
    )


def unknown_owner_tactics() -> Reply:
    """Someone the directory does not know asked for their tactics."""
    return Reply(
        text="I don't know who you are yet, so I can't find your tactics. Ask the team to "
        "add you, or try 'what's due this week'.",
        intent=Intent.MY_TACTICS,
    )


def unknown_owner_actions() -> Reply:
    """Someone the directory does not know asked for their meeting actions."""
    return Reply(
        text="I don't know who you are yet, so I can't find your actions.",
        intent=Intent.MY_ACTIONS,
    )


def tactic_snoozed(tactic: Tactic, until: date) -> Reply:
    text = (
        f"Snoozed tactic {tactic.number} for you until {until:%A %-d %B %Y}: no nudges to you "
        "before then. Its other owners still get theirs."
    )
    return Reply(
        blocks=(Text(text=text),),
        intent=Intent.TACTIC_SNOOZED,
        data={"tactic": tactic.number, "until": until.isoformat()},
    )


def tactic_dated(tactic: Tactic) -> Reply:
    text = f"Tactic {tactic.number} is now due {window_text(tactic)}: {tactic.name}."
    return Reply(
        blocks=(Text(text=text),),
        intent=Intent.TACTIC_DATED,
        data={"tactic": tactic.number, "timing": tactic.timing},
    )


def tactic_assigned(tactic: Tactic) -> Reply:
    text = f"Tactic {tactic.number} is now with {', '.join(tactic.owners)}."
    return Reply(
        blocks=(Text(text=text),),
        intent=Intent.TACTIC_ASSIGNED,
        data={"tactic": tactic.number, "owners": list(tactic.owners)},
    )


#: What "add tactic" asks for each field it still needs.
ADD_QUESTIONS = {
    "name": "What is the tactic called?",
    "timing": "When is it due? Write it as in the plan: 'March', '17th-18th September', "
    "'July - September' or TBC.",
    "owners": "Who is accountable? Name people or groups, e.g. 'Becki Aquilina and the "
    "harmonisation team'.",
}


def add_question(waiting: str, problem: str = "") -> Reply:
    """The next question of "add tactic", after why the last answer was refused, if it was."""
    said = problem if problem.endswith((".", "?", "!")) else f"{problem}."
    question = (f"{said} " if problem else "") + ADD_QUESTIONS[waiting]
    return Reply(
        blocks=(Text(text=f"{question} (Say 'cancel' to stop.)"),),
        intent=Intent.ADD_TACTIC_QUESTION,
        data={"waiting": waiting},
    )


def add_cancelled() -> Reply:
    return Reply(text="Cancelled: no tactic added.", intent=Intent.ADD_TACTIC_CANCELLED)


#: The replies of "add tactic" itself, which need no reminder that it waits.
_ADDING = frozenset({Intent.ADD_TACTIC_QUESTION, Intent.ADD_TACTIC_CANCELLED, Intent.TACTIC_ADDED})


def with_paused_draft(reply: Reply, draft: Mapping[str, str]) -> Reply:
    """A command answered mid-draft, with a reminder that the draft is waiting, not lost."""
    if reply.intent in _ADDING:
        return reply
    name = draft.get("name")
    what = f"the tactic \u201c{name}\u201d" if name else "a tactic"
    question = ADD_QUESTIONS.get(draft.get("waiting", "name"), ADD_QUESTIONS["name"])
    return reply.extended(
        Context(text=f"You're still adding {what}, paused: {question} Or say 'cancel'.")
    )


def plan_summary(year: int, tactics: Sequence[Tactic], *, overdue: int) -> Reply:
    """Counts of tactics by phase and status."""
    counts = Counter((t.phase, t.status) for t in tactics)
    pairs = tuple(
        (phase.label, ", ".join(f"{counts[(phase, s)]} {STATUS_LABEL[s]}" for s in Status))
        for phase in Phase
    )
    return Reply(
        blocks=(
            Header(text=f"Plan {year}: {len(tactics)} tactics, {overdue} overdue"),
            Fields(pairs=pairs),
        ),
        intent=Intent.PLAN_SUMMARY,
        data={
            "year": year,
            "total": len(tactics),
            "overdue": overdue,
            "by_phase": {p.value: {s.value: counts[(p, s)] for s in Status} for p in Phase},
        },
    )


def _meeting(action: MeetingAction) -> str:
    return f"{action.number} of {action.meeting_date:%-d %B %Y}"


def action_done(action: MeetingAction, *, changed: bool) -> Reply:
    """A meeting action marked done, or found done already."""
    what = _meeting(action)
    text = (
        f"Marked action {what} done: {action.text}"
        if changed
        else f"Action {what} is already done."
    )
    return Reply(blocks=(Text(text=text),), intent=Intent.ACTION_DONE, data={"action": action.key})


def all_done(actions: Sequence[MeetingAction]) -> Reply:
    """Every action with the number someone named is done already."""
    return Reply(
        blocks=(
            Text(text=f"Every action numbered {actions[0].number} is already done."),
            Bullets(items=tuple(action_line(a) for a in actions)),
        ),
        intent=Intent.ACTION_DONE,
        data={"actions": [a.key for a in actions]},
    )


def action_snoozed(action: MeetingAction, until: date) -> Reply:
    text = (
        f"Snoozed action {_meeting(action)} for you until {until:%A %-d %B %Y}: no nudges to "
        "you before then. Its other owners still get theirs."
    )
    return Reply(
        blocks=(Text(text=text),),
        intent=Intent.ACTION_SNOOZED,
        data={"action": action.key, "until": until.isoformat()},
    )


def action_dated(action: MeetingAction, *, changed: bool) -> Reply:
    """A meeting action given a due date (or found with that date already)."""
    due = f"{action.due:%A %-d %B %Y}" if action.due else "no date"
    lead = "is now due" if changed else "was already due"
    text = f"Action {_meeting(action)} {lead} {due}: {action.text}"
    return Reply(
        blocks=(Text(text=text),),
        intent=Intent.ACTION_DATED,
        data={"action": action.key, "due": action.due.isoformat() if action.due else None},
    )


def action_added(action: MeetingAction) -> Reply:
    due = f", due {action.due:%A %-d %B %Y}" if action.due else ""
    text = (
        f"Added action {action.number} to the log of {action.meeting_date:%-d %B %Y}: "
        f"{action.text} ({action.responsible}){due}."
    )
    return Reply(blocks=(Text(text=text),), intent=Intent.ACTION_ADDED, data={"action": action.key})
