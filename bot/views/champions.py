"""Presenters for champions: who champions what, the update dialogue and the quarterly ask."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.messages import Bullets, Button, Buttons, Context, Header, Reply, Text
from bot.views.listing import Rest, capped
from commplan.champions import Champion, Quarter
from commplan.services.champions import Appointed, Listed, UpdateStep

#: The button on the quarterly ask that starts the update dialogue (its value: the quarter).
START_UPDATE = "champion_update"
HARMONISED = "What has your organisation harmonised this quarter?"
BLOCKED = "Is anything blocked?"


def appointed(done: Appointed) -> Reply:
    champion = done.champion
    if done.moved_from == champion.organisation:
        text = f"{champion.person} is champion for {champion.organisation} already."
    elif done.moved_from:
        text = (
            f"{champion.person} is now champion for {champion.organisation} "
            f"(was {done.moved_from})."
        )
    else:
        text = f"{champion.person} is now a harmonisation champion for {champion.organisation}."
    notes = []
    if not done.in_directory:
        notes.append(f"{champion.organisation} is not in the organisations directory.")
    if done.person_organisation:
        notes.append(f"Their own record says they are at {done.person_organisation}.")
    notes.append("I ask each champion for a short update once a quarter.")
    return Reply(
        blocks=(Text(text=text), Context(text=" ".join(notes))),
        intent="champion_appointed",
        data={"name": champion.person, "organisation": champion.organisation},
    )


def stood_down(champion: Champion) -> Reply:
    return Reply(
        blocks=(
            Text(text=f"{champion.person} is no longer a champion for {champion.organisation}."),
            Context(text="Their earlier updates stay in the record."),
        ),
        intent="champion_removed",
        data={"name": champion.person, "organisation": champion.organisation},
    )


def champions_list(listed: Sequence[Listed]) -> Reply:
    lines, more = capped(
        [
            f"{item.champion.organisation}: {item.champion.person} — "
            + (
                f"last update {item.last.quarter} ({item.last.at:%-d %b %Y})"
                if item.last
                else "no update yet"
            )
            for item in listed
        ],
        Rest(command="run `harmonibot champions list`"),
    )
    count = len(listed)
    title = f"Harmonisation champions: {count}" if count else "No harmonisation champions yet"
    return Reply(
        blocks=(
            Header(text=title),
            Bullets(items=lines or ("The team can say 'make NAME champion for ORGANISATION'.",)),
            *more,
        ),
        intent="champions",
        data={
            "champions": [
                {
                    "organisation": item.champion.organisation,
                    "champion": item.champion.person,
                    "last_update": item.last.at.isoformat() if item.last else None,
                    "last_quarter": item.last.quarter if item.last else None,
                }
                for item in listed
            ]
        },
    )


def update_question(step: UpdateStep) -> Reply:
    """The next question of the update dialogue."""
    if step.waiting == "blocked":
        return Reply(
            blocks=(Text(text=BLOCKED), Context(text="Say 'nothing' if all is well.")),
            intent="champion_update_question",
            data={"waiting": "blocked"},
        )
    heading = f"Champion update for {step.champion.organisation}, {step.quarter.label}."
    notes = "Two short questions; say 'cancel' to stop."
    if step.earlier is not None:
        notes += f" This replaces the update you gave on {step.earlier.at:%-d %B}."
    return Reply(
        blocks=(Text(text=f"{heading} {HARMONISED}"), Context(text=notes)),
        intent="champion_update_question",
        data={"waiting": "harmonised", "quarter": step.quarter.key},
    )


def update_stored(step: UpdateStep) -> Reply:
    update = step.stored
    assert update is not None
    if step.duplicate:
        return Reply(
            blocks=(Text(text="I have that update already; it is stored once."),),
            intent="champion_update_duplicate",
        )
    blocked = update.blocked or "nothing"
    replaced = (
        f" It replaces your update of {step.earlier.at:%-d %B}, which is kept in the record."
        if step.earlier is not None
        else ""
    )
    return Reply(
        blocks=(
            Text(text=f"Thank you: your {step.quarter.label} update for {update.organisation}."),
            Bullets(items=(f"Harmonised: {update.harmonised}", f"Blocked: {blocked}")),
            Context(text=f"The team sees it in the digest and the evidence pack.{replaced}"),
        ),
        intent="champion_update_stored",
        data={
            "organisation": update.organisation,
            "quarter": update.quarter,
            "harmonised": update.harmonised,
            "blocked": update.blocked,
            "replaces": step.earlier.at.isoformat() if step.earlier else None,
        },
    )


def update_cancelled() -> Reply:
    return Reply(
        blocks=(Text(text="Stopped: no update stored. Say 'champion update' to start again."),),
        intent="champion_update_cancelled",
    )


def with_paused_update(reply: Reply, draft: Mapping[str, str]) -> Reply:
    """Another command's reply while the update waits: the champion knows it still does."""
    question = BLOCKED if draft.get("waiting") == "blocked" else HARMONISED
    return reply.extended(
        Context(text=f"Your champion update is paused: {question} Or say 'cancel'.")
    )


def ask(name: str, organisation: str, quarter: Quarter) -> Reply:
    """The quarterly ask sent to a champion who has not updated yet."""
    first = name.split(" ")[0]
    return Reply(
        text=(
            f"Hi {first}, it's time for your {quarter.label} harmonisation champion update "
            f"for {organisation}: what has been harmonised, and is anything blocked? "
            "Press 'Give my update' or say 'champion update'."
        ),
        blocks=(
            Header(text=f"Champion update for {organisation}, {quarter.label}"),
            Text(
                text=(
                    f"Hi {first}, two short questions: what has {organisation} harmonised this "
                    "quarter, and is anything blocked? Your answer goes to the harmonisation "
                    "team's digest and the steering group's evidence pack."
                )
            ),
            Buttons(
                buttons=(Button(label="Give my update", action_id=START_UPDATE, value=quarter.key),)
            ),
            Context(text="Or say 'champion update' whenever suits."),
        ),
        intent="champion_ask",
        data={"organisation": organisation, "quarter": quarter.key},
    )
