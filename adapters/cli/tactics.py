"""``harmonibot tactics list``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from adapters.cli.days import day
from adapters.cli.output import emit_json, say
from commplan.errors import InvalidInput
from commplan.plan import Tactic
from commplan.services.plan import TacticFilter, list_tactics
from commplan.status import parse_status

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    tactics = commands.add_parser("tactics", help="the communication plan's tactics")
    actions = tactics.add_subparsers(dest="tactics_command", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="list tactics")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--owner", help="a person or group, as written or by membership")
    listing.add_argument("--status", help="planned, ongoing, complete or cancelled")
    listing.add_argument(
        "--due-before", type=day, help="window starts before this day (YYYY-MM-DD or '1 March')"
    )
    listing.add_argument("--plan-year", type=int, help="plan year (default the latest)")
    listing.set_defaults(run=run_list)


def tactic_json(tactic: Tactic) -> dict[str, Any]:
    """The stable JSON shape of a tactic (DESIGN.md), with a few extra keys."""
    return {
        "id": tactic.number,
        "name": tactic.name,
        "phase": tactic.phase.value,
        "timing": tactic.timing,
        "due_start": tactic.window.start if tactic.window else None,
        "due_end": tactic.window.end if tactic.window else None,
        "owners": list(tactic.owners),
        "status": tactic.status.value,
        "plan_year": tactic.plan_year,
        "purpose": tactic.purpose,
        "audience": tactic.audience,
        "objectives": list(tactic.objectives),
        "snoozed_until": tactic.snoozed_until,
    }


def run_list(args: argparse.Namespace, runtime: Runtime) -> int:
    status = parse_status(args.status) if args.status else None
    if args.status and not args.status.strip():
        raise InvalidInput("--status needs planned, ongoing or complete")
    due_before = args.due_before.first(runtime.clock.now()) if args.due_before else None
    wanted = TacticFilter(
        plan_year=args.plan_year, owner=args.owner, status=status, due_before=due_before
    )
    tactics = list_tactics(runtime.uow(), wanted)
    if args.json:
        emit_json([tactic_json(t) for t in tactics])
        return 0
    for tactic in tactics:
        window = (
            f"{tactic.window.start:%d %b}-{tactic.window.end:%d %b}" if tactic.window else "TBC"
        )
        say(
            f"{tactic.number:>3}  {tactic.phase.value}  {tactic.status.value:<8}  "
            f"{window:<14}  {tactic.name}  [{', '.join(tactic.owners)}]"
        )
    return 0
