"""Scheduled work, run once from the command line: ``nudges``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from adapters.bootstrap import (
    Runtime,
    build_bot,
    build_messenger,
    clock_lock,
    migrate,
)
from adapters.calendar import uk_working_days
from adapters.cli.output import emit_json, say
from adapters.cli.tactics import tactic_json
from adapters.console.render import render
from adapters.scheduler import build_scheduler
from bot.digest_view import digest_reply
from bot.nudging import SentNudge, post_digest, sweep
from commplan.digest import Digest
from commplan.nudges import NudgePolicy
from commplan.services.digest import digest_for

logger = logging.getLogger(__name__)


def register(commands: Any) -> None:
    nudges = commands.add_parser("nudges", help="run the nudge sweep once")
    nudges.add_argument("--at", type=str, help="the moment to sweep at (ISO date or date-time)")
    nudges.add_argument("--dry-run", action="store_true", help="show what would be sent")
    nudges.add_argument("--json", action="store_true", help="print a JSON array")
    nudges.set_defaults(run=run_nudges)
    register_digest(commands)
    clock = commands.add_parser("clock", help="the scheduler process (run exactly one)")
    clock.set_defaults(run=run_clock)


def parse_at(text: str | None, zone: ZoneInfo, default: datetime) -> datetime:
    """``--at``: a date (09:00 local that day) or a date-time.

    Without a zone the time is local in the team's time zone.
    """
    if not text:
        return default
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(9, 0), tzinfo=zone)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--at {text!r} is not an ISO date or date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def nudge_json(sent: SentNudge) -> dict[str, object]:
    nudge = sent.nudge
    return {
        "person": nudge.person.name if nudge.person else "team",
        "item_type": nudge.item_type.value,
        "item": nudge.item,
        "item_name": nudge.item_name,
        "kind": nudge.kind.value,
        "channel": sent.channel or "dry-run",
        "due": nudge.due,
        "escalated": nudge.escalated,
    }


def nudge_policy(runtime: Runtime) -> NudgePolicy:
    """The nudge policy with the team's settings."""
    return NudgePolicy(unanswered_after_days=runtime.settings.unanswered_after_days)


def run_nudges(args: argparse.Namespace, runtime: Runtime) -> int:
    zone = runtime.settings.timezone
    at = parse_at(args.at, zone, runtime.clock.now()).astimezone(zone)
    bot = build_bot(runtime)
    messenger = build_messenger(runtime)
    results = asyncio.run(sweep(bot.deps, messenger, at, uk_working_days(), dry_run=args.dry_run))
    if args.json:
        emit_json([nudge_json(r) for r in results])
        return 0
    verb = "would send" if args.dry_run else "sent"
    say(f"{verb} {len(results)} nudges at {at:%a %d %b %Y %H:%M %Z}")
    for result in results:
        data = nudge_json(result)
        say(
            f"  {data['kind']:<9} {data['person']:<22} {data['item_type']} {data['item']}: "
            f"{data['item_name']} ({data['channel']})"
        )
    return 0


def register_digest(commands: Any) -> None:
    digest = commands.add_parser("digest", help="build (and post) the weekly digest")
    digest.add_argument("--at", type=str, help="first day of the week (default today)")
    digest.add_argument("--json", action="store_true", help="print the digest as JSON")
    digest.add_argument("--post", action="store_true", help="post it to the team channel(s)")
    digest.set_defaults(run=run_digest)


def digest_json(digest: Digest) -> dict[str, object]:
    """The digest's content as data, for scripts and the dashboard."""
    return {
        "week_start": digest.week_start,
        "week_end": digest.week_end,
        "due": [tactic_json(t) for t in digest.due],
        "overdue": [tactic_json(t) for t in digest.overdue],
        "completed": [tactic_json(t) for t in digest.completed],
        "open_actions": [
            {
                "key": a.key,
                "number": a.number,
                "meeting_date": a.meeting_date,
                "text": a.text,
                "responsible": a.responsible,
            }
            for a in digest.open_actions
        ],
        "contacts": {
            "total": digest.contacts_total,
            "by_org_type": [
                {"group": c.group, "count": c.count, "weekly_baseline": c.weekly_baseline}
                for c in digest.contacts_by_type
            ],
        },
        "top_topics": [{"standard": name, "count": n} for name, n in digest.top_topics],
        "unanswered": [
            {"text": q.text, "asker": q.asker, "asked_at": q.asked_at.isoformat()}
            for q in digest.unanswered
        ],
        "due_for_review": [
            {"name": s.name, "last_review": s.last_review} for s in digest.due_for_review
        ],
        "unreachable": list(digest.unreachable),
    }


def run_digest(args: argparse.Namespace, runtime: Runtime) -> int:
    zone = runtime.settings.timezone
    at = parse_at(args.at, zone, runtime.clock.now()).astimezone(zone).date()
    digest = digest_for(runtime.uow(), at)
    if args.json:
        emit_json(digest_json(digest))
    reply = digest_reply(digest, dashboard_url=runtime.settings.public_url)
    if args.post:
        messenger = build_messenger(runtime)
        posted = asyncio.run(post_digest(build_bot(runtime).deps, messenger, reply, at))
        if not args.json:
            say("posted the digest" if posted else "the digest for this week was already posted")
    elif not args.json:
        say(render(reply)[0])
    return 0


async def run_jobs(runtime: Runtime, stop: asyncio.Event) -> None:
    """Run the scheduler until ``stop`` is set (a signal, or the lost lock)."""
    bot = build_bot(runtime)
    messenger = build_messenger(runtime)
    calendar = uk_working_days(runtime.settings.holiday_region)
    zone = runtime.settings.timezone

    async def nudge_job() -> None:
        sent = await sweep(
            bot.deps, messenger, runtime.clock.now(), calendar, policy=nudge_policy(runtime)
        )
        if sent:
            logger.info("sent %d nudges", len(sent))

    async def digest_job() -> None:
        today = runtime.clock.now().date()
        reply = digest_reply(
            digest_for(runtime.uow(), today), dashboard_url=runtime.settings.public_url
        )
        await post_digest(bot.deps, messenger, reply, today)

    scheduler = build_scheduler(
        zone=zone,
        sweep=nudge_job,
        digest=digest_job,
        sweep_minutes=runtime.settings.sweep_minutes,
        digest_cron=runtime.settings.digest_cron,
    )
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)


def run_clock(args: argparse.Namespace, runtime: Runtime) -> int:
    migrate(runtime)
    lock = clock_lock(runtime)
    lock.acquire()
    logger.info("this process is the clock")

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)

        async def watch_lock() -> None:
            while not stop.is_set():
                await asyncio.sleep(30)
                if not await asyncio.to_thread(lock.still_held):
                    logger.error("lost the clock lock; stopping so another clock can take over")
                    stop.set()

        watcher = asyncio.create_task(watch_lock())
        try:
            await run_jobs(runtime, stop)
        finally:
            watcher.cancel()

    try:
        asyncio.run(main())
    finally:
        lock.release()
    return 0
