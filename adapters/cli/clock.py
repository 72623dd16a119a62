"""Scheduled work from the command line: ``nudges`` and ``digest`` once, ``clock`` for good."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from adapters.cli.output import emit_json, say
from adapters.cli.tactics import tactic_json
from adapters.console.render import render
from bot.jobs.digest import build_digest_reply, post_digest
from bot.jobs.nudges import SentNudge, sweep
from commplan.digest import Digest
from commplan.inbox_figures import InboxFigures
from commplan.services.digest import digest_for

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime, SystemClock
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


def swept_clock(zone: ZoneInfo, at: datetime) -> SystemClock:
    """The wall clock moved to the moment a sweep is run ``--at``."""
    from adapters.bootstrap import SystemClock

    @dataclass(frozen=True, kw_only=True)
    class SweptClock(SystemClock):
        at: datetime

        def now(self) -> datetime:
            return self.at

    return SweptClock(zone=zone, at=at)


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
    from adapters.bootstrap import build_job_deps, build_messenger

    zone = runtime.settings.timezone
    at = parse_at(args.at, zone, runtime.clock.now()).astimezone(zone)
    deps = build_job_deps(runtime)
    # A sweep ``--at`` a moment leaves its web chat notices stamped with that moment.
    swept = replace(runtime, clock=swept_clock(zone, at)) if args.at else runtime
    messenger = build_messenger(swept)
    results = asyncio.run(sweep(deps, messenger, at, dry_run=args.dry_run))
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
        "needs_a_date": [tactic_json(t) for t in digest.undated],
        "ongoing": [tactic_json(t) for t in digest.ongoing],
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
        "reported_first": digest.reported_first,
        "reported_last": digest.reported_last,
        "weekly_history": [
            {"week_start": week, "by_org_type": dict(sorted(counts.items()))}
            for week, counts in digest.weekly_history
        ],
        "inbox": inbox_json(digest.inbox) if digest.inbox else None,
        "impact": [
            {
                "number": i.number,
                "name": i.name,
                "start": i.start,
                "change": str(i.change),
                "after": i.ratio.after,
                "before": i.ratio.before,
                "low": round(i.ratio.low, 3),
                "high": None if i.ratio.high is None else round(i.ratio.high, 3),
            }
            for i in digest.impact
        ],
    }


def inbox_json(figures: InboxFigures) -> dict[str, object]:
    """The inbox figures as data; ``median_hours`` is hours to the first answer."""
    return {
        "first": figures.first,
        "last": figures.last,
        "received": figures.received,
        "answered": figures.answered,
        "median_hours": figures.median_hours,
        "unanswered_after_days": figures.unanswered_after_days,
        "overdue_count": figures.overdue_count,
        "overdue": [
            {
                "subject": q.subject,
                "organisation": q.organisation,
                "received_at": q.received_at.isoformat(),
                "age_days": q.age_days,
            }
            for q in figures.overdue
        ],
    }


def run_digest(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_job_deps, build_messenger

    settings = runtime.settings
    zone = settings.timezone
    moment = parse_at(args.at, zone, runtime.clock.now()).astimezone(zone)
    at = moment.date()
    deps = build_job_deps(runtime)
    if args.json:
        digest = digest_for(
            runtime.uow(),
            at,
            now=moment,
            zone=zone,
            calendar=deps.calendar,
            unanswered_after_days=settings.unanswered_after_days,
        )
        emit_json(digest_json(digest))
        if not args.post:
            return 0
    reply = build_digest_reply(deps, at, moment)
    if args.post:
        messenger = build_messenger(runtime)
        posted = asyncio.run(post_digest(deps, messenger, reply, at, runtime.clock.now()))
        if not args.json:
            say("posted the digest" if posted else "the digest for this week was already posted")
    elif not args.json:
        say(render(reply)[0])
    return 0


async def run_jobs(runtime: Runtime, stop: asyncio.Event) -> None:
    """Run the clock's jobs on their schedule until ``stop`` is set."""
    # Whether Teams is in use may take a query: asked off the event loop, like every other.
    from adapters.bootstrap import build_job_deps, build_messenger, mail_source, wants_teams
    from adapters.scheduler import run_scheduled

    teams = await asyncio.to_thread(wants_teams, runtime)
    await run_scheduled(
        build_job_deps(runtime),
        build_messenger(runtime, teams=teams),
        runtime.settings,
        stop,
        source=mail_source(runtime),
    )


#: How often the clock checks that it still holds its lock (and so its database).
LOCK_CHECK_SECONDS = 30.0

#: The clock's exit status when it stopped because it lost its database: a supervisor (or a
#: platform's restart policy) must see a failure, not a clean stop.
LOST_DATABASE = 3


def run_clock(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import clock_lock, migrate

    migrate(runtime)
    lock = clock_lock(runtime)
    lock.acquire()
    logger.info("this process is the clock")
    lost = asyncio.Event()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)

        async def watch_lock() -> None:
            while not stop.is_set():
                await asyncio.sleep(LOCK_CHECK_SECONDS)
                if not await asyncio.to_thread(lock.still_held):
                    logger.error("lost the clock lock; stopping so another clock can take over")
                    lost.set()
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
    return LOST_DATABASE if lost.is_set() else 0
