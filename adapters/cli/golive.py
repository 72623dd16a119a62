"""Going live: ``init`` starts a clean database for a real team (the catalogue, the
directory and the first admin, none of the sample plan or people)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from adapters.cli.output import say
from commplan.errors import InvalidInput
from commplan.people import Person, Role
from commplan.sample import load_sample
from commplan.services.seeding import has_admin, start_clean

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime


def register(commands: Any) -> None:
    init = commands.add_parser(
        "init", help="start clean: the standards catalogue, the directory and the first admin"
    )
    init.add_argument("--admin-name", default="", help="the first admin's full name")
    init.add_argument("--admin-email", default="", help="the first admin's e-mail address")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace, runtime: Runtime, ask: Callable[[str], str] = input) -> int:
    from adapters.bootstrap import migrate

    migrate(runtime)
    admin = first_admin(args, has_admin(runtime.uow()), ask, interactive=sys.stdin.isatty())
    for summary in start_clean(runtime.uow(), load_sample(), admin=admin):
        say(str(summary))
    if admin is None:
        say("an admin exists already; the roster is unchanged")
    else:
        say(f"{admin.name} is an admin; next: harmonibot import people FILE")
    return 0


def first_admin(
    args: argparse.Namespace, admin_exists: bool, ask: Callable[[str], str], *, interactive: bool
) -> Person | None:
    """The admin the flags name, or one asked for on a terminal; None when one exists and
    no flags name another."""
    name, email = args.admin_name.strip(), args.admin_email.strip()
    if not (name or email) and admin_exists:
        return None
    if not name and interactive:
        name = ask("The first admin's full name: ").strip()
    if not email and interactive:
        email = ask(f"{name or 'Their'} e-mail address: ").strip()
    if not name:
        raise InvalidInput("say who the first admin is: --admin-name NAME --admin-email EMAIL")
    return Person(name=name, email=email, role=Role.ADMIN)
