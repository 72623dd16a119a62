"""The nudge sweep: claim each due nudge's key, send it, record it; idempotent by key."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.messages import Bullets, Button, Buttons, Context, Reply, Text
from bot.ports import Messenger, Unreachable
from bot.turn import Deps
from commplan.meetings import parse_action_key
from commplan.nudges import DEFAULT_POLICY, ItemType, Kind, Nudge, NudgePolicy, due_nudges
from commplan.people import Directory
from commplan.ports import Claim
from commplan.workdays import WorkingDays

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class SentNudge:
    """What a sweep did with one nudge."""

    nudge: Nudge
    channel: str  # "slack", "teams", "web", "team", "unreachable", or "" on a dry run


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


def plan_nudges(
    deps: Deps, now: datetime, calendar: WorkingDays, policy: NudgePolicy = DEFAULT_POLICY
) -> list[Nudge]:
    """The nudges due now, computed from the whole plan."""
    with deps.uow() as uow:
        latest = uow.plans.latest()
        tactics = uow.tactics.all(latest.year, open_only=True) if latest else []
        actions = uow.actions.all()
        standards = uow.standards.all()
        queries = uow.queries.open()
        directory = Directory(people=uow.people.all(), groups=uow.groups.all())
    return due_nudges(
        queries=queries,
        tactics=tactics,
        actions=actions,
        standards=standards,
        directory=directory,
        now=now,
        calendar=calendar,
        policy=policy,
    )


async def sweep(
    deps: Deps,
    messenger: Messenger,
    now: datetime,
    calendar: WorkingDays,
    *,
    policy: NudgePolicy = DEFAULT_POLICY,
    dry_run: bool = False,
) -> list[SentNudge]:
    """Send every due nudge whose key this process can claim; skip the rest.

    Keys are checked and claimed in batches, so a sweep with nothing new costs a few queries
    whatever the size of the plan. A failed send gives its claim back, so the next sweep
    retries it instead of losing it.
    """
    nudges = await asyncio.to_thread(plan_nudges, deps, now, calendar, policy)
    taken = await asyncio.to_thread(_claimed, deps, [n.key for n in nudges])
    pending = [n for n in nudges if n.key not in taken]
    if dry_run:
        return [SentNudge(nudge=n, channel="") for n in pending]
    mine = await asyncio.to_thread(_claim_many, deps, pending, now)
    results: list[SentNudge] = []
    failed: list[str] = []
    for nudge in (n for n in pending if n.key in mine):
        reply = nudge_reply(nudge)
        try:
            if nudge.person is None:
                channel = await messenger.send_team(reply)
            else:
                channel = await messenger.send_direct(nudge.person, reply)
        except Unreachable:
            channel = "unreachable"
            logger.warning(
                "no chat reaches %s for %s", nudge.person and nudge.person.name, nudge.key
            )
        except Exception:
            logger.exception("sending %s failed; it will be retried", nudge.key)
            failed.append(nudge.key)
            continue
        results.append(SentNudge(nudge=nudge, channel=channel))
    await asyncio.to_thread(_finish, deps, results, failed, now)
    missed = [r.nudge for r in results if r.channel == "unreachable"]
    if missed:
        await _report_unreachable(deps, messenger, missed, now)
    return results


def _unreachable_key(nudge: Nudge) -> str:
    person = nudge.person.name if nudge.person else "team"
    return f"unreachable:{person}:{nudge.item_type.value}:{nudge.item}"


async def _report_unreachable(
    deps: Deps, messenger: Messenger, missed: list[Nudge], now: datetime
) -> None:
    """Tell the team at once who could not be reached, each person and item only once.

    Later nudges about the same item (overdue again next week) are not reported again: the
    key is the person and the item, not the nudge.
    """
    claims = [
        Claim(
            key=_unreachable_key(n),
            kind="unreachable",
            person=n.person.name if n.person else "team",
            item=n.item,
        )
        for n in missed
    ]
    won = await asyncio.to_thread(_claim_keys, deps, claims, now)
    fresh = [n for n in missed if _unreachable_key(n) in won]
    if not fresh:
        return
    keys = [_unreachable_key(n) for n in fresh]
    try:
        channel = await messenger.send_team(unreachable_reply(fresh))
    except Exception:
        logger.exception("telling the team about unreachable owners failed; the digest lists them")
        await asyncio.to_thread(_release_keys, deps, keys)
        return
    await asyncio.to_thread(_mark_keys_sent, deps, keys, channel, now)


def _claim_keys(deps: Deps, claims: list[Claim], now: datetime) -> set[str]:
    with deps.uow() as uow:
        won = uow.claims.claim_many(claims, now)
        uow.commit()
    return won


def _release_keys(deps: Deps, keys: list[str]) -> None:
    with deps.uow() as uow:
        for key in keys:
            uow.claims.release(key)
        uow.commit()


def _mark_keys_sent(deps: Deps, keys: list[str], channel: str, now: datetime) -> None:
    with deps.uow() as uow:
        uow.claims.mark_all_sent(dict.fromkeys(keys, channel), now)
        uow.commit()


def _claimed(deps: Deps, keys: list[str]) -> set[str]:
    with deps.uow() as uow:
        return uow.claims.claimed(keys)


def _claim_many(deps: Deps, nudges: list[Nudge], now: datetime) -> set[str]:
    claims = [
        Claim(
            key=n.key, kind=n.kind.value, person=n.person.name if n.person else "team", item=n.item
        )
        for n in nudges
    ]
    with deps.uow() as uow:
        won = uow.claims.claim_many(claims, now)
        uow.commit()
    return won


def _finish(deps: Deps, sent: list[SentNudge], failed: list[str], now: datetime) -> None:
    with deps.uow() as uow:
        uow.claims.mark_all_sent({r.nudge.key: r.channel for r in sent}, now)
        for key in failed:
            uow.claims.release(key)
        uow.commit()


def _claim(deps: Deps, nudge: Nudge, now: datetime) -> bool:
    with deps.uow() as uow:
        claimed = uow.claims.claim(
            nudge.key,
            kind=nudge.kind.value,
            person=nudge.person.name if nudge.person else "team",
            item=nudge.item,
            at=now,
        )
        uow.commit()
    return claimed


def _mark_sent(deps: Deps, key: str, channel: str, now: datetime) -> None:
    with deps.uow() as uow:
        uow.claims.mark_sent(key, channel=channel, at=now)
        uow.commit()


def _release(deps: Deps, key: str) -> None:
    with deps.uow() as uow:
        uow.claims.release(key)
        uow.commit()


def digest_key(day: date) -> str:
    """The key a week's digest is claimed under: one per ISO week."""
    year, week, _ = day.isocalendar()
    return f"digest:{year}-W{week:02d}"


async def post_digest(deps: Deps, messenger: Messenger, reply: Reply, week_start: date) -> bool:
    """Post the week's digest once; False when this week's was already posted."""
    key = digest_key(week_start)
    claim = Nudge(
        key=key,
        person=None,
        item_type=ItemType.TACTIC,
        item="digest",
        item_name="weekly digest",
        kind=Kind.DUE,
    )
    if not await asyncio.to_thread(_claim, deps, claim, deps.clock.now()):
        return False
    try:
        channel = await messenger.send_team(reply)
    except Exception:
        logger.exception("posting the digest failed; it will be retried")
        await asyncio.to_thread(_release, deps, key)
        raise
    await asyncio.to_thread(_mark_sent, deps, key, channel, deps.clock.now())
    return True
