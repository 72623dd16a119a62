"""Data commands: ``db upgrade``, ``seed``, ``import`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli.import_report import import_lines, undo_lines
from adapters.cli.output import say
from adapters.files import read_table, write_table
from commplan.errors import InvalidInput
from commplan.sample import load_sample
from commplan.sample.demo_data import DEFAULT_SEED
from commplan.services.demo import demo_sample, remove_demo, seed_demo
from commplan.services.exporting import export_records
from commplan.services.import_kinds import IMPORT_KINDS
from commplan.services.importing import import_records
from commplan.services.roster_files import ROSTER_KINDS, export_roster, import_roster
from commplan.services.seeding import seed
from commplan.services.undo import undo_last_import

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime
OPERATOR = "operator (command line)"
KINDS = ("plan", "actions", "contacts", "standards", "organisations", *ROSTER_KINDS)


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="manage the database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="create or migrate the database")
    upgrade.set_defaults(run=run_upgrade)

    seeder = commands.add_parser("seed", help="load the sample plan, people and catalogue")
    seeder.add_argument("--plan-year", type=int, help="move the sample plan's dates to this year")
    seeder.add_argument(
        "--demo",
        action="store_true",
        help="for demos only: this year's plan and a year of invented contacts and queries",
    )
    seeder.add_argument("--seed", type=int, default=None, help="the demo's random seed")
    seeder.add_argument("--remove", action="store_true", help="with --demo: take the demo out")
    seeder.set_defaults(run=run_seed)

    importer = commands.add_parser(
        "import",
        help="import a CSV or XLSX file (plan also DOCX), or undo the last import",
        description=(
            "Every import says what it adds, changes and leaves; --dry-run shows it and writes "
            "nothing. 'harmonibot import undo' takes back the last import."
        ),
    )
    # Every kind the import machinery knows (a new kind registers there) and "undo".
    importer.add_argument("kind", choices=(*IMPORT_KINDS, *ROSTER_KINDS, "undo"))
    importer.add_argument("file", type=Path, nargs="?", help="the file (not for undo)")
    importer.add_argument("--plan-year", type=int, help="plan year for rows that give none")
    importer.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )
    importer.set_defaults(run=run_import)

    exporter = commands.add_parser("export", help="export as CSV or XLSX")
    exporter.add_argument("kind", choices=KINDS)
    exporter.add_argument("--format", choices=("csv", "xlsx"), default=None)
    exporter.add_argument("-o", "--output", type=Path, help="file to write (default stdout)")
    exporter.add_argument("--plan-year", type=int, help="plan year (default the latest)")
    exporter.set_defaults(run=run_export)


def run_upgrade(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import migrate

    migrate(runtime)
    say("database is up to date")
    return 0


def run_seed(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import migrate

    migrate(runtime)
    if args.demo:
        return _seed_demo(args, runtime)
    if args.remove or args.seed is not None:
        raise InvalidInput("--remove and --seed go with --demo")
    summaries = seed(runtime.uow(), load_sample(args.plan_year), at=runtime.clock.now())
    for summary in summaries:
        say(str(summary))
    return 0


def _seed_demo(args: argparse.Namespace, runtime: Runtime) -> int:
    if args.plan_year is not None:
        raise InvalidInput("--demo moves the plan to this year itself; leave out --plan-year")
    if args.remove:
        say(str(remove_demo(runtime.uow())))
        return 0
    now = runtime.clock.now()
    sample = demo_sample(now)
    for summary in seed(runtime.uow(), sample, at=now):
        say(str(summary))
    chosen = DEFAULT_SEED if args.seed is None else args.seed
    say(str(seed_demo(runtime.uow(), sample, at=now, seed=chosen)))
    return 0


def run_import(args: argparse.Namespace, runtime: Runtime) -> int:
    if args.kind == "undo":
        if args.file is not None:
            raise InvalidInput("'import undo' takes no file: it undoes the last import")
        report = undo_last_import(
            runtime.uow(), by=OPERATOR, at=runtime.clock.now(), dry_run=args.dry_run
        )
        for line in undo_lines(report):
            say(line)
        return 0
    if args.file is None:
        raise InvalidInput(f"name the file to import: harmonibot import {args.kind} FILE")
    table = read_table(args.file)
    if table.source.lower().endswith(".docx") and args.kind != "plan":
        raise InvalidInput("only the plan can be imported from a Word document")
    if args.kind in ROSTER_KINDS:
        # People and groups are checked against the whole roster and written at once; they
        # have no preview or undo yet.
        if args.dry_run:
            raise InvalidInput(f"--dry-run is not available for {args.kind} yet")
        say(str(import_roster(runtime.uow(), args.kind, table)))
        return 0
    result = import_records(
        runtime.uow(),
        args.kind,
        table,
        by=OPERATOR,
        at=runtime.clock.now(),
        dry_run=args.dry_run,
        plan_year=args.plan_year,
    )
    for line in import_lines(result):
        say(line)
    return 0


def run_export(args: argparse.Namespace, runtime: Runtime) -> int:
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput(f"cannot tell the format from {args.output}; pass --format csv|xlsx")
    export = (
        export_roster(runtime.uow(), args.kind)
        if args.kind in ROSTER_KINDS
        else export_records(runtime.uow(), args.kind, plan_year=args.plan_year)
    )
    rows = export.rows
    content = write_table(rows, export.columns, fmt=fmt)
    if args.output:
        args.output.write_bytes(content)
        say(f"wrote {len(rows)} rows to {args.output}")
    else:
        sys.stdout.buffer.write(content)
    return 0
