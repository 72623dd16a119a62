"""Scheduled work, run once from the command line: ``nudges``."""

from __future__ import annotations

import argparse
import asyncio
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from adapters.bootstrap import Runtime, build_bot
from adapters.calendar import uk_working_days
from adapters.cli.output import emit_json, say
from adapters.outbox import RoutingMessenger
from bot.nudging import SentNudge, sweep


def register(commands: Any) -> None:
    nudges = commands.add_parser("nudges", help="run the nudge sweep once")
    nudges.add_argument("--at", type=str, help="the moment to sweep at (ISO date or date-time)")
    nudges.add_argument("--dry-run", action="store_true", help="show what would be sent")
    nudges.add_argument("--json", action="store_true", help="print a JSON array")
    nudges.set_defaults(run=run_nudges)


def parse_at(text: str | None, zone: ZoneInfo, default: datetime) -> datetime:
    """``--at``: a date (09:00 local that day... at the start of the working day) or a date-time.

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
    messenger = RoutingMessenger(runtime.uow, runtime.clock)
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
