"""``harmonibot report baseline``: contacts against the baseline."""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from typing import Any

from adapters.bootstrap import Runtime
from adapters.cli.output import emit_json, say
from commplan.baseline import BaselineReport, Period
from commplan.ports import ContactField
from commplan.services.reports import FIELDS, baseline_report, default_periods


def register(commands: Any) -> None:
    report = commands.add_parser("report", help="baseline reports")
    kinds = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    baseline = kinds.add_parser("baseline", help="contacts by group against the baseline")
    output = baseline.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
    baseline.add_argument("--by", choices=FIELDS, default="org_type")
    baseline.add_argument("--from", dest="first", type=_day)
    baseline.add_argument("--to", dest="last", type=_day)
    baseline.add_argument("--baseline-from", type=_day)
    baseline.add_argument("--baseline-to", type=_day)
    baseline.set_defaults(run=run_baseline)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _periods(args: argparse.Namespace, runtime: Runtime) -> tuple[Period, Period]:
    with runtime.uow() as uow:
        latest = uow.plans.latest()
    year = latest.year if latest else runtime.clock.now().year
    period, baseline = default_periods(year)
    try:
        period = Period(first=args.first or period.first, last=args.last or period.last)
        baseline = Period(
            first=args.baseline_from or baseline.first, last=args.baseline_to or baseline.last
        )
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return period, baseline


def report_json(report: BaselineReport) -> dict[str, Any]:
    """The stable JSON shape of a baseline report."""
    return {
        "by": report.by,
        "from": report.period.first,
        "to": report.period.last,
        "baseline_from": report.baseline_period.first,
        "baseline_to": report.baseline_period.last,
        "total": report.total,
        "rows": [
            {
                "group": row.group,
                "count": row.count,
                "baseline": row.baseline,
                "change": row.change,
                "change_pct": row.change_pct,
            }
            for row in report.rows
        ],
    }


def run_baseline(args: argparse.Namespace, runtime: Runtime) -> int:
    period, baseline_period = _periods(args, runtime)
    by: ContactField = args.by
    report = baseline_report(runtime.uow(), by=by, period=period, baseline_period=baseline_period)
    if args.json:
        emit_json(report_json(report))
    elif args.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["group", "count", "baseline", "change"])
        writer.writerows([r.group, r.count, r.baseline, r.change] for r in report.rows)
        say(buffer.getvalue().rstrip("\n"))
    else:
        say(f"Contacts by {report.by}, {period.first} to {period.last}")
        say(f"(baseline {baseline_period.first} to {baseline_period.last}, scaled)")
        for row in report.rows:
            say(f"  {row.group:<40} {row.count:>6}  baseline {row.baseline:>7}  {row.change:+}")
    return 0
