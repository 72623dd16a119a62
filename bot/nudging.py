"""The nudge sweep: claim each due nudge's key, send it, record it; idempotent by key."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime

from bot.messages import Button, Buttons, Context, Reply, Text
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


def nudge_reply(nudge: Nudge) -> Reply:
    """The message an owner gets, with Done / Snooze a week / Open buttons."""
    name = nudge.item_name
    label = "Tactic" if nudge.item_type is ItemType.TACTIC else nudge.item_type.value.title()
    number = nudge.item.split("/")[-1]
    subject = f"{label} {number}: {name}" if nudge.item_type is ItemType.TACTIC else name
    action_ref = parse_action_key(nudge.item) if nudge.item_type is ItemType.ACTION else None
    if action_ref is not None:
        subject = f"Action {action_ref[1]} of {action_ref[0]:%-d %B %Y}: {name}"
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
    return results


def _claimed(deps: Deps, keys: list[str]) -> set[str]:
    with deps.uow() as uow:
        return uow.deliveries.claimed(keys)


def _claim_many(deps: Deps, nudges: list[Nudge], now: datetime) -> set[str]:
    claims = [
        Claim(
            key=n.key, kind=n.kind.value, person=n.person.name if n.person else "team", item=n.item
        )
        for n in nudges
    ]
    with deps.uow() as uow:
        won = uow.deliveries.claim_many(claims, now)
        uow.commit()
    return won


def _finish(deps: Deps, sent: list[SentNudge], failed: list[str], now: datetime) -> None:
    with deps.uow() as uow:
        uow.deliveries.mark_all_sent({r.nudge.key: r.channel for r in sent}, now)
        for key in failed:
            uow.deliveries.release(key)
        uow.commit()


def _claim(deps: Deps, nudge: Nudge, now: datetime) -> bool:
    with deps.uow() as uow:
        claimed = uow.deliveries.claim(
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
        uow.deliveries.mark_sent(key, channel=channel, at=now)
        uow.commit()


def _release(deps: Deps, key: str) -> None:
    with deps.uow() as uow:
        uow.deliveries.release(key)
        uow.commit()


async def post_digest(deps: Deps, messenger: Messenger, reply: Reply, week_start: date) -> bool:
    """Post the week's digest once; False when this week's was already posted."""
    key = f"digest:{week_start.isocalendar().year}-W{week_start.isocalendar().week:02d}"
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
