"""Every check in turn, and who among the owners no configured chat can reach."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from adapters.doctor.basics import check_calendar, check_database
from adapters.doctor.findings import Finding, Status, ok, problem, warning
from adapters.doctor.mailbox import check_mailbox
from adapters.doctor.slack import check_slack
from adapters.doctor.teams import INSTALL, check_teams, microsoft_service
from commplan.services import conversations
from commplan.services.catalogue import catalogue
from commplan.services.roster import Owners, owners_to_reach
from commplan.services.seeding import has_admin

if TYPE_CHECKING:
    from adapters.bootstrap import Runtime

_FIX_SLACK = (
    "give them the e-mail address their Slack account uses ('harmonibot import people FILE', "
    "or say 'add person NAME, EMAIL' to the bot)"
)


@dataclass(frozen=True, kw_only=True)
class Reach:
    """One chat's answer: why each owner it cannot reach is unreachable, and what to do.
    ``checked`` False: the chat itself failed (its finding says why), so owners were not."""

    chat: str
    unreachable: dict[str, str]
    fix: str
    checked: bool = True


def diagnose(
    runtime: Runtime,
    *,
    teams_sign_in: str = "",
    trusted: Callable[[str], bool] = microsoft_service,
) -> list[Finding]:
    """Every finding, in the order a person fixes them: database, data, calendar, chats,
    mailbox, owners. ``teams_sign_in`` and ``trusted`` point Teams elsewhere, for tests."""
    settings = runtime.settings
    findings = check_database(runtime.engine)
    database_ok = not any(f.status is Status.PROBLEM for f in findings)
    owners = Owners(people=())
    channels = []
    teams_on = bool(settings.teams and settings.teams.app_id)
    if database_ok:
        findings += _data(runtime)
        owners = owners_to_reach(runtime.uow())
        channels = conversations.channels(runtime.uow(), platform="teams")
        teams_on = teams_on or conversations.anyone_reachable(runtime.uow(), platform="teams")
    findings += check_calendar(settings, runtime.clock.now())

    async def chats() -> list[Reach]:
        reached: list[Reach] = []
        if settings.slack is not None:
            slack = await check_slack(settings.slack, owners.people)
            findings.extend(slack.findings)
            reached.append(
                Reach(
                    chat="Slack",
                    unreachable=slack.unreachable,
                    fix=_FIX_SLACK,
                    checked=slack.signed_in,
                )
            )
        if teams_on and settings.teams is not None:
            teams = await check_teams(
                settings.teams, owners.people, channels, sign_in_url=teams_sign_in, trusted=trusted
            )
            findings.extend(teams.findings)
            reached.append(Reach(chat="Teams", unreachable=teams.unreachable, fix=INSTALL))
        return reached

    reached = asyncio.run(chats())
    findings += check_mailbox(settings)
    if database_ok:
        findings += _owners(owners, reached)
    return findings


def _data(runtime: Runtime) -> list[Finding]:
    found = []
    if not has_admin(runtime.uow()):
        found.append(
            problem(
                "data",
                "data.admin",
                "nobody is an admin, so nobody can change roles in chat",
                "run 'harmonibot init --admin-name NAME --admin-email EMAIL'",
            )
        )
    if not catalogue(runtime.uow()):
        found.append(
            problem(
                "data",
                "data.catalogue",
                "the standards catalogue is empty, so no question gets an answer",
                "run 'harmonibot init' (or 'harmonibot import standards FILE')",
            )
        )
    if not found:
        found.append(ok("data", "data.roster", "an admin and the standards catalogue are there"))
    return found


def _owners(owners: Owners, chats: Sequence[Reach]) -> list[Finding]:
    found = [
        problem(
            "owners",
            f"owners.nobody.{name}",
            f"'{name}' owns open work but is nobody the bot knows (a group without members?)",
            f"add people to it ('add NAME to {name}') or give the work to someone",
        )
        for name in owners.nobody
    ]
    if not owners.people:
        return found or [ok("owners", "owners", "nobody owns open tactics or actions yet")]
    reached = [chat for chat in chats if chat.checked]
    if chats and not reached:
        # The chat's own problem is reported; owners can be checked once it works.
        names = " and ".join(chat.chat for chat in chats)
        return [
            *found,
            warning("owners", "owners", f"owners were not checked: {names} did not answer"),
        ]
    if not reached:
        return [
            *found,
            warning(
                "owners",
                "owners",
                f"no chat is configured: the {len(owners.people)} owners' reminders wait in the "
                "web chat until they open it",
                "configure Slack (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET) or Teams",
            ),
        ]
    stuck = 0
    for owner in owners.people:
        name = owner.person.name
        failing = [chat for chat in reached if name in chat.unreachable]
        reasons = [f"{chat.chat}: {chat.unreachable[name]}" for chat in failing]
        if len(failing) == len(reached):
            stuck += 1
            items = "1 open item" if owner.items == 1 else f"{owner.items} open items"
            found.append(
                problem(
                    "owners",
                    f"owners.{name}",
                    f"{name} ({items}) cannot be reached. " + "; ".join(reasons),
                    "; or ".join(chat.fix for chat in failing),
                )
            )
    if not stuck:
        found.append(
            ok("owners", "owners", f"all {len(owners.people)} owners of open work can be reached")
        )
    return found
