"""Data commands: ``db upgrade``, ``seed``, ``import`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say
from adapters.files import read_table, write_table
from commplan.errors import InvalidInput
from commplan.sample import load_sample
from commplan.services import importing
from commplan.services.exporting import export_records, latest_plan_year
from commplan.services.roster_files import ROSTER_KINDS, export_roster, import_roster
from commplan.services.seeding import seed

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
    seeder.set_defaults(run=run_seed)

    importer = commands.add_parser("import", help="import a CSV or XLSX file (plan also DOCX)")
    importer.add_argument("kind", choices=KINDS)
    importer.add_argument("file", type=Path)
    importer.add_argument("--plan-year", type=int, help="plan year for rows that give none")
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
    summaries = seed(runtime.uow(), load_sample(args.plan_year), at=runtime.clock.now())
    for summary in summaries:
        say(str(summary))
    return 0


def run_import(args: argparse.Namespace, runtime: Runtime) -> int:
    table = read_table(args.file)
    if table.source.lower().endswith(".docx") and args.kind != "plan":
        raise InvalidInput("only the plan can be imported from a Word document")
    if args.kind == "plan":
        year = args.plan_year or latest_plan_year(runtime.uow()) or runtime.clock.now().year
        summary = importing.import_plan(
            runtime.uow(), table, default_year=year, by=OPERATOR, at=runtime.clock.now()
        )
    elif args.kind == "actions":
        summary = importing.import_actions(runtime.uow(), table)
    elif args.kind == "contacts":
        summary = importing.import_contacts(runtime.uow(), table)
    elif args.kind == "standards":
        summary = importing.import_standards(runtime.uow(), table)
    elif args.kind in ROSTER_KINDS:
        summary = import_roster(runtime.uow(), args.kind, table)
    else:
        summary = importing.import_organisations(runtime.uow(), table)
    say(str(summary))
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
