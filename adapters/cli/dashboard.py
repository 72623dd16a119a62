"""``harmonibot dashboard-link --user NAME [--to chat]``: a sign-in link, from the shell.

The dashboard's link is for team members (and steering group members, whose link opens their
view of counts only); ``--to chat`` gives anyone in the directory a link
that signs them in to the web chat. Both work once, within 15 minutes.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say
from commplan.services.signin import person_named, team_member_named

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    link = commands.add_parser("dashboard-link", help="a personal sign-in link to the dashboard")
    link.add_argument("--user", required=True, help="a person's name")
    link.add_argument(
        "--to",
        choices=("dashboard", "chat"),
        default="dashboard",
        help="where the link signs in: the dashboard (team and steering group, the default) "
        "or the web chat",
    )
    link.set_defaults(run=run_link)


def run_link(args: argparse.Namespace, runtime: Runtime) -> int:
    from adapters.bootstrap import build_bot

    deps = build_bot(runtime).deps
    if args.to == "chat":
        person = person_named(runtime.uow(), args.user)
        make_link = deps.chat_link
    else:
        person = team_member_named(runtime.uow(), args.user)
        make_link = deps.dashboard_link
    assert make_link is not None
    say(make_link(person))
    return 0
