"""Inbox and personal-data commands: ``inbox import``, ``inbox poll``, ``contacts erase``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say
from adapters.email.archives import iter_paths
from adapters.email.parse import arrivals
from bot.jobs.inbox import poll_once
from commplan.errors import InvalidInput
from commplan.services.intake import Outcome, ingest
from commplan.services.privacy import erase_person, strip_old

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    inbox = commands.add_parser("inbox", help="the harmonisation inbox")
    actions = inbox.add_subparsers(dest="inbox_command", required=True, metavar="ACTION")
    importer = actions.add_parser("import", help="ingest .eml files and .mbox archives")
    importer.add_argument("paths", nargs="+", type=Path)
    importer.add_argument("--json", action="store_true", help="print a JSON array of outcomes")
    importer.add_argument(
        "--open",
        action="store_true",
        help="track the imported queries as open (by default archived mail is logged closed)",
    )
    importer.set_defaults(run=run_import)
    poll = actions.add_parser("poll", help="poll the configured mailbox once")
    poll.add_argument("--json", action="store_true", help="print a JSON array of outcomes")
    poll.set_defaults(run=run_poll)

    contacts = commands.add_parser("contacts", help="personal data in the contact log")
    contact_actions = contacts.add_subparsers(
        dest="contacts_command", required=True, metavar="ACTION"
    )
    erase = contact_actions.add_parser("erase", help="remove a person's data everywhere")
    erase.add_argument("--email", required=True, help="their e-mail address")
    erase.add_argument(
        "--name",
        action="append",
        default=[],
        help="another name they may be stored under (repeatable); their directory entry's "
        "names and those their contacts were logged under are found from the address",
    )
    erase.add_argument(
        "--chat-id",
        action="append",
        default=[],
        help="a Slack or Teams user id of theirs the directory does not hold (repeatable)",
    )
    erase.set_defaults(run=run_erase)
    retention = contact_actions.add_parser(
        "retention", help="strip personal fields from contacts older than the retention period"
    )
    retention.set_defaults(run=run_retention)


def run_import(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_intake, migrate

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise InvalidInput(f"no such file or folder: {', '.join(missing)}")
    migrate(runtime)
    intake = build_intake(runtime, archived=not args.open)
    outcomes = ingest(runtime.uow, arrivals(iter_paths(args.paths)), intake)
    _print((outcome_json(o) for o in outcomes), as_json=args.json)
    return 0


def run_poll(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_job_deps, build_messenger, mail_source, migrate

    source = mail_source(runtime)
    if source is None:
        raise InvalidInput("no mailbox is configured: set IMAP_HOST or GRAPH_MAILBOX")
    migrate(runtime)
    deps = build_job_deps(runtime)
    outcomes = asyncio.run(poll_once(source, deps, build_messenger(runtime), runtime.clock.now()))
    _print([outcome_json(o) for o in outcomes], as_json=args.json)
    return 0


def outcome_json(outcome: Outcome) -> dict[str, str]:
    """The stable JSON shape of one message's outcome (DESIGN.md)."""
    return {
        "message_id": outcome.message_id,
        "sender": outcome.sender,
        "organisation": outcome.organisation,
        "org_type": outcome.org_type,
        "user_group": outcome.user_group,
        "standard": outcome.standard,
        "status": outcome.status.value,
        "reason": outcome.reason,
        "source": outcome.source,
    }


def _print(outcomes: Iterable[dict[str, str]], *, as_json: bool) -> None:
    """Print each outcome as it comes: an archive of any size never sits in memory."""
    if as_json:
        # One JSON array, written an element at a time (still one document on stdout).
        out = sys.stdout
        out.write("[")
        written = 0
        for outcome in outcomes:
            out.write(",\n  " if written else "\n  ")
            out.write(json.dumps(outcome, ensure_ascii=False))
            written += 1
        out.write("\n]\n" if written else "]\n")
        out.flush()
        return
    total = logged = 0
    for outcome in outcomes:
        total += 1
        logged += outcome["status"] == "logged"
        detail = outcome["organisation"] or outcome["reason"]
        say(f"{outcome['status']:<9} {outcome['sender'] or '(no sender)':<40} {detail}")
    say(f"{total} messages: {logged} logged")


def run_erase(args: argparse.Namespace, runtime: Runtime) -> int:
    removed = erase_person(runtime.uow(), args.email, names=args.name, chat_ids=args.chat_id)
    counts = (
        f"{removed.contacts} contacts, {removed.queries} inbox queries, "
        f"{removed.questions} questions, {removed.notices} notices, {removed.chats} chat records, "
        f"{removed.plan} plan entries, {removed.people} directory entries"
    )
    say(
        f"erased {args.email.strip().lower()}: {counts} "
        "(contacts and queries stay as anonymous counts)"
    )
    return 0


def run_retention(args: argparse.Namespace, runtime: Runtime) -> int:
    stripped = strip_old(runtime.uow(), runtime.clock.now(), runtime.settings.retention_days)
    say(
        f"stripped personal fields from {stripped.contacts} contacts and {stripped.queries} "
        f"inbox queries older than {runtime.settings.retention_days} days"
    )
    return 0
