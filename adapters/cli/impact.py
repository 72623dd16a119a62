"""``harmonibot report tactics``: each tactic's audience contacts after it against before."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from adapters.cli.days import day
from adapters.cli.output import emit_json, say
from commplan.impact import RateRatio
from commplan.services.impact import WEEKS, impact_json, tactics_impact

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(kinds: Any) -> None:
    tactics = kinds.add_parser(
        "tactics", help="contacts from each tactic's audience after it against before"
    )
    tactics.add_argument("--json", action="store_true")
    tactics.add_argument("--plan-year", type=int, help="plan year (default the latest)")
    tactics.add_argument(
        "--weeks", type=int, default=WEEKS, help=f"weeks measured (default {WEEKS})"
    )
    tactics.add_argument("--at", type=day, help="measure up to this day (default today)")
    tactics.set_defaults(run=run_tactics)


def run_tactics(args: argparse.Namespace, runtime: Runtime) -> int:
    if args.weeks < 1:
        raise argparse.ArgumentTypeError("--weeks must be 1 or more")
    now = runtime.clock.now()
    today = args.at.first(now) if args.at else now.date()
    report = tactics_impact(runtime.uow(), today=today, plan_year=args.plan_year, weeks=args.weeks)
    if args.json:
        emit_json(impact_json(report))
        return 0
    say(
        f"Plan {report.plan_year}: contacts in the {report.weeks} weeks after each tactic "
        "against as many days before"
    )
    for t in report.tactics:
        say(f"#{t.number} {t.name} ({t.start:%-d %b %Y}): {describe(t.ratio)} \u2014 {t.change}")
    for u in report.unmeasured:
        say(f"#{u.number} {u.name}: not measured ({u.why})")
    for o in report.objectives:
        say(
            f"Objective {o.number}: {o.complete} of {o.tactics} tactics complete; "
            f"{describe(o.ratio)} \u2014 {o.ratio.change}"
        )
    return 0


def describe(ratio: RateRatio) -> str:
    """ "12 after, 5 before (ratio 2.4, 95% CI 1.0 to 6.6)"."""
    counts = f"{ratio.after} after, {ratio.before} before"
    if ratio.after + ratio.before == 0:
        return counts
    high = "no upper bound" if ratio.high is None else f"{ratio.high:.1f}"
    shown = "\u221e" if ratio.ratio is None else f"{ratio.ratio:.1f}"
    return f"{counts} (ratio {shown}, 95% CI {ratio.low:.1f} to {high})"
