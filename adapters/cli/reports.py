"""``harmonibot report baseline``: contacts against the baseline."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli import impact, pack
from adapters.cli.days import day
from adapters.cli.output import emit_json, say
from adapters.files import write_table
from commplan.baseline import BaselineReport, Period
from commplan.gaps import Gaps
from commplan.ports import ContactField
from commplan.services.exporting import latest_plan_year
from commplan.services.reports import FIELDS, baseline_report, default_periods, gaps_report

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    report = commands.add_parser("report", help="baseline reports")
    kinds = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    baseline = kinds.add_parser("baseline", help="contacts by group against the baseline")
    output = baseline.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--csv", action="store_true")
    baseline.add_argument("--by", choices=FIELDS, default="org_type")
    baseline.add_argument("--from", dest="first", type=day)
    baseline.add_argument("--to", dest="last", type=day)
    baseline.add_argument("--baseline-from", type=day)
    baseline.add_argument("--baseline-to", type=day)
    baseline.add_argument("-o", "--output", type=Path, help="write the table to a .csv or .xlsx")
    baseline.set_defaults(run=run_baseline)

    impact.register(kinds)
    pack.register(kinds)

    gaps = kinds.add_parser("gaps", help="who has not contacted the team in N days")
    gaps.add_argument("--json", action="store_true")
    gaps.add_argument("--at", type=day, help="look back from this day (default today)")
    gaps.add_argument("--days", type=int, default=90, help="quiet for this many days (90)")
    gaps.add_argument("-o", "--output", type=Path, help="write the lists to a .csv or .xlsx")
    gaps.set_defaults(run=run_gaps)


def _periods(args: argparse.Namespace, runtime: Runtime) -> tuple[Period, Period]:
    now = runtime.clock.now()
    year = latest_plan_year(runtime.uow()) or now.year
    period, baseline = default_periods(year)
    try:
        period = Period(
            first=args.first.first(now) if args.first else period.first,
            last=args.last.last(now) if args.last else period.last,
        )
        baseline = Period(
            first=args.baseline_from.first(now) if args.baseline_from else baseline.first,
            last=args.baseline_to.last(now) if args.baseline_to else baseline.last,
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


def baseline_rows(report: BaselineReport) -> list[dict[str, str]]:
    """The report as rows for CSV/XLSX files."""
    return [
        {
            "group": r.group,
            "count": str(r.count),
            "baseline": f"{r.baseline:g}",
            "change": f"{r.change:g}",
        }
        for r in report.rows
    ]


def gaps_json(gaps: Gaps) -> dict[str, Any]:
    """The stable JSON shape of a gaps report."""
    return {
        "at": gaps.at,
        "days": gaps.days,
        "organisations": [
            {"name": q.name, "last_contact": q.last_contact} for q in gaps.organisations
        ],
        "user_groups": [{"name": q.name, "last_contact": q.last_contact} for q in gaps.user_groups],
    }


def gaps_rows(gaps: Gaps) -> list[dict[str, str]]:
    return [
        {
            "kind": kind,
            "name": q.name,
            "last_contact": q.last_contact.isoformat() if q.last_contact else "never",
        }
        for kind, quiet in (("organisation", gaps.organisations), ("user group", gaps.user_groups))
        for q in quiet
    ]


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    fmt = path.suffix.lstrip(".").lower()
    path.write_bytes(write_table(rows, columns, fmt=fmt))
    say(f"wrote {len(rows)} rows to {path}")


def run_gaps(args: argparse.Namespace, runtime: Runtime) -> int:
    now = runtime.clock.now()
    at = args.at.first(now) if args.at else now.date()
    if args.days < 1:
        raise argparse.ArgumentTypeError("--days must be 1 or more")
    gaps = gaps_report(runtime.uow(), at=at, days=args.days)
    if args.output:
        _write(args.output, gaps_rows(gaps), ("kind", "name", "last_contact"))
    elif args.json:
        emit_json(gaps_json(gaps))
    else:
        say(f"Not heard from in {gaps.days} days up to {gaps.at}:")
        for quiet in (*gaps.user_groups, *gaps.organisations):
            when = quiet.last_contact.isoformat() if quiet.last_contact else "never"
            say(f"  {quiet.name:<60} {when}")
    return 0


def run_baseline(args: argparse.Namespace, runtime: Runtime) -> int:
    period, baseline_period = _periods(args, runtime)
    by: ContactField = args.by
    report = baseline_report(runtime.uow(), by=by, period=period, baseline_period=baseline_period)
    if args.output:
        _write(args.output, baseline_rows(report), ("group", "count", "baseline", "change"))
    elif args.json:
        emit_json(report_json(report))
    elif args.csv:
        # The same writer as the files (cells escaped), without the byte-order mark: the
        # table goes to a terminal or a pipe.
        rows = [
            {
                "group": r.group,
                "count": str(r.count),
                "baseline": str(r.baseline),
                "change": str(r.change),
            }
            for r in report.rows
        ]
        text = write_table(rows, ("group", "count", "baseline", "change"), fmt="csv")
        say(text.decode("utf-8-sig").replace("\r\n", "\n").rstrip("\n"))
    else:
        say(f"Contacts by {report.by}, {period.first} to {period.last}")
        say(f"(baseline {baseline_period.first} to {baseline_period.last}, scaled)")
        for row in report.rows:
            say(f"  {row.group:<40} {row.count:>6}  baseline {row.baseline:>7}  {row.change:+}")
    return 0
