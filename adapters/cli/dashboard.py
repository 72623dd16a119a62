"""``harmonibot dashboard-link --user NAME``: a team member's sign-in link, from the shell."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say
from commplan.services.signin import team_member_named

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    link = commands.add_parser("dashboard-link", help="a personal sign-in link to the dashboard")
    link.add_argument("--user", required=True, help="a team member's name")
    link.set_defaults(run=run_link)


def run_link(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_bot

    person = team_member_named(runtime.uow(), args.user)
    make_link = build_bot(runtime).deps.dashboard_link
    assert make_link is not None
    say(make_link(person))
    return 0
