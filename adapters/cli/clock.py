"""Scheduled work from the command line: ``nudges`` and ``digest`` once, ``clock`` for good."""

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
from adapters.cli.output import emit_json, say
from adapters.cli.tactics import tactic_json
from adapters.console.render import render
from adapters.jobs import nudge_policy, run_jobs, working_days
from bot.digest_view import digest_reply
from bot.nudging import SentNudge, post_digest, sweep
from commplan.digest import Digest
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


def run_nudges(args: argparse.Namespace, runtime: Runtime) -> int:
    zone = runtime.settings.timezone
    at = parse_at(args.at, zone, runtime.clock.now()).astimezone(zone)
    bot = build_bot(runtime)
    messenger = build_messenger(runtime)
    results = asyncio.run(
        sweep(
            bot.deps,
            messenger,
            at,
            working_days(runtime),
            policy=nudge_policy(runtime),
            dry_run=args.dry_run,
        )
    )
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
