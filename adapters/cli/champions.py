"""``harmonibot champions ask [--quarter 2026Q3]`` and ``harmonibot champions list``."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any

from adapters.cli.output import emit_json, say

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    champions = commands.add_parser("champions", help="harmonisation champions and their updates")
    kinds = champions.add_subparsers(dest="champions_command", required=True, metavar="KIND")
    asking = kinds.add_parser(
        "ask", help="ask each champion without an update for the quarter (once per quarter)"
    )
    asking.add_argument("--quarter", help="the quarter, e.g. 2026Q3 (default: this quarter)")
    asking.add_argument("--dry-run", action="store_true", help="show who would be asked")
    asking.add_argument("--json", action="store_true", help="print a JSON array")
    asking.set_defaults(run=run_ask)
    listing = kinds.add_parser("list", help="the champions and each one's last update")
    listing.add_argument("--quarter", help="the quarter, e.g. 2026Q3 (default: this quarter)")
    listing.add_argument("--json", action="store_true", help="print one JSON document")
    listing.set_defaults(run=run_list)


def run_ask(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_job_deps, build_messenger
    from bot.jobs.champions import ask_champions
    from commplan.champions import Quarter

    now = runtime.clock.now()
    quarter = Quarter.parse(args.quarter) if args.quarter else None
    deps = build_job_deps(runtime)
    sent = asyncio.run(
        ask_champions(deps, build_messenger(runtime), now, quarter=quarter, dry_run=args.dry_run)
    )
    rows = [
        {
            "champion": s.ask.person.name,
            "organisation": s.ask.champion.organisation,
            "quarter": s.ask.quarter.key,
            "channel": s.channel or "dry-run",
        }
        for s in sent
    ]
    if args.json:
        emit_json(rows)
        return 0
    verb = "would ask" if args.dry_run else "asked"
    say(f"{verb} {len(rows)} champions for their update")
    for row in rows:
        say(f"  {row['champion']:<24} {row['organisation']} ({row['quarter']}, {row['channel']})")
    return 0


def run_list(args: argparse.Namespace, runtime: Runtime) -> int:
    from commplan.champions import Quarter
    from commplan.services.champions import champions_list, champions_section

    quarter = (
        Quarter.parse(args.quarter) if args.quarter else Quarter.of(runtime.clock.now().date())
    )
    listed = champions_list(runtime.uow())
    section = champions_section(runtime.uow(), quarter)
    if args.json:
        emit_json(
            {
                "quarter": quarter.key,
                "champions": [
                    {
                        "organisation": item.champion.organisation,
                        "champion": item.champion.person,
                        "last_update": item.last.at.isoformat() if item.last else None,
                    }
                    for item in listed
                ],
                "updates": [
                    {
                        "organisation": u.organisation,
                        "champion": u.person,
                        "harmonised": u.harmonised,
                        "blocked": u.blocked,
                    }
                    for u in section.updates
                ],
                "not_updated": [c.person for c in section.missing],
                "organisations_without_champion": len(section.without_champion),
            }
        )
        return 0
    say(f"{len(listed)} champions; {len(section.updates)} updates for {quarter.label}")
    for item in listed:
        last = (
            f"last update {item.last.quarter} ({item.last.at:%d %b %Y})"
            if item.last
            else "no update yet"
        )
        say(f"  {item.champion.organisation}: {item.champion.person}, {last}")
    return 0
