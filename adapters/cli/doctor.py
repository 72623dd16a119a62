"""``harmonibot doctor [--json]``: is this configuration ready to go live? Changes nothing;
exits 1 while any problem remains."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from adapters.cli.output import emit_json, say

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime

_MARK = {"ok": "ok", "warning": "WARN", "problem": "PROBLEM"}


def register(commands: Any) -> None:
    doctor = commands.add_parser(
        "doctor", help="check the database, chats, mailbox and owners before going live"
    )
    doctor.add_argument("--json", action="store_true", help="one JSON document")
    doctor.set_defaults(run=run_doctor)


def run_doctor(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.doctor.findings import Status
    from adapters.doctor.run import diagnose

    findings = diagnose(runtime)
    problems = sum(1 for f in findings if f.status is Status.PROBLEM)
    warnings = sum(1 for f in findings if f.status is Status.WARNING)
    if args.json:
        emit_json(
            {
                "ok": problems == 0,
                "problems": problems,
                "warnings": warnings,
                "checks": [f.document() for f in findings],
            }
        )
    else:
        for finding in findings:
            say(f"{_MARK[finding.status.value]:<8} {finding.area:<9} {finding.detail}")
            if finding.fix and finding.status is not Status.OK:
                say(f"{'':<18} -> {finding.fix}")
        say(
            f"\n{problems} problem(s), {warnings} warning(s)"
            + ("" if problems else ": ready to go live")
        )
    return 1 if problems else 0
