"""``harmonibot check questionnaire FILE``: each draft question against its standard."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli.output import emit_json, say
from commplan.contacts import Channel

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    check = commands.add_parser("check", help="check survey questions against the standards")
    kinds = check.add_subparsers(dest="check_command", required=True, metavar="WHAT")
    questionnaire = kinds.add_parser(
        "questionnaire", help="check every question in a .csv, .xlsx or .docx questionnaire"
    )
    questionnaire.add_argument("file", type=Path)
    questionnaire.add_argument("--json", action="store_true", help="print one JSON document")
    questionnaire.add_argument(
        "--for",
        dest="organisation",
        default="",
        help="log each check as a contact from this organisation (uptake of the standards)",
    )
    questionnaire.set_defaults(run=run_questionnaire)


def run_questionnaire(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_bot
    from adapters.files.questionnaires import read_questionnaire
    from commplan.services.compliance import CheckedFor, check_questions

    drafts = read_questionnaire(args.file)
    bot = build_bot(runtime)
    checked_for = (
        CheckedFor(
            key=f"{args.file.name}:{runtime.clock.now():%Y-%m-%d}",
            at=runtime.clock.now(),
            person=None,
            name=args.organisation,
            channel=Channel.OTHER,
            organisation=args.organisation,
        )
        if args.organisation
        else None
    )
    checks = check_questions(
        runtime.uow(), drafts, index=bot.deps.standards(), checked_for=checked_for
    )
    if args.json:
        emit_json([check.as_json() for check in checks])
        return 0
    for number, check in enumerate(checks, start=1):
        standard = check.standard.name if check.standard else "no standard with a question fits"
        say(f"{number}. {check.draft.question}")
        say(f"   {standard} (closeness {check.closeness:.0%})")
        for difference in check.differences:
            say(f"   - {difference.kind}: {difference.detail}")
        if check.compliant:
            say("   follows the standard")
    return 0
