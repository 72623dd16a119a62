"""``harmonibot dashboard-link --user NAME``: a team member's sign-in link, from the shell."""

from __future__ import annotations

import argparse
from typing import Any

from adapters.bootstrap import Runtime, build_bot
from adapters.cli.output import say
from commplan.errors import NotAllowed, NotFound
from commplan.people import Directory


def register(commands: Any) -> None:
    link = commands.add_parser("dashboard-link", help="a personal sign-in link to the dashboard")
    link.add_argument("--user", required=True, help="a team member's name")
    link.set_defaults(run=run_link)


def run_link(args: argparse.Namespace, runtime: Runtime) -> int:
    with runtime.uow() as uow:
        person = Directory(people=uow.people.all(), groups=()).person(args.user)
    if person is None:
        raise NotFound("person", args.user)
    if not person.role.is_team:
        raise NotAllowed(f"{person.name} is not on the team roster; the dashboard is team-only.")
    make_link = build_bot(runtime).deps.dashboard_link
    assert make_link is not None
    say(make_link(person))
    return 0
