"""Contact commands for the team: log a contact, who contacted us, the baseline."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.commands.keys import message_key
from bot.messages import Bullets, Fields, Header, Link, Reply, Text
from bot.router import Command
from bot.turn import Turn
from commplan.baseline import Period
from commplan.contacts import Channel, Contact, Direction
from commplan.errors import InvalidInput
from commplan.permissions import require_team
from commplan.ports import ContactField
from commplan.services.importing import log_contacts
from commplan.services.reports import baseline_report, default_periods
from commplan.services.tactics import current_year

_CHANNEL_WORDS = (
    (r"\be-?mail|\binbox", Channel.INBOX),
    (r"\bphone|\bcall(?:ed)?\b|\btelephone", Channel.PHONE),
    (r"\bwebinar", Channel.WEBINAR),
    (r"\bevent|\bconference|\bworkshop", Channel.EVENT),
    (r"\bmeeting|\bmet\b", Channel.MEETING),
    (r"\bchat|\bslack|\bteams\b", Channel.CHAT),
)


def _channel(text: str) -> Channel:
    for pattern, channel in _CHANNEL_WORDS:
        if re.search(pattern, text, re.I):
            return channel
    return Channel.OTHER


def log_contact(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person)
    parts = [p.strip() for p in args["details"].split(",")]
    if len(parts) < 2 or not parts[0]:
        raise InvalidInput(
            "Write it as: log contact: <name>, <organisation>, <what they asked> by <channel>, "
            "e.g. 'log contact: Jane Smith, Leeds City Council, asked about ethnicity by email'."
        )
    name, organisation = parts[0], parts[1]
    about = ", ".join(parts[2:])
    topic = re.sub(
        r"\b(?:asked|asking|enquired|wanted to know|query|question)(?: about)?\b",
        "",
        about,
        flags=re.I,
    )
    topic = re.sub(r"\b(?:by|via|over|on|at) (?:the )?[a-z-]+$", "", topic.strip(), flags=re.I)
    lookup = turn.deps.standards().lookup(topic) if topic.strip() else None
    standard = lookup.matches[0].standard.name if lookup and lookup.answered else ""
    with turn.deps.uow() as uow:
        known = uow.organisations.get(organisation)
        if known is None:
            known = next(
                (o for o in uow.organisations.all() if o.name.lower() == organisation.lower()), None
            )
        contact = Contact(
            on=turn.today,
            channel=_channel(about),
            direction=Direction.OUTBOUND
            if re.search(r"\bwe (?:called|emailed|met|wrote)", about, re.I)
            else Direction.INBOUND,
            name=name,
            organisation=known.name if known else organisation,
            org_type=known.org_type if known else None,
            user_group=known.user_group if known else None,
            standard=standard,
            summary=about,
            source_ref=message_key(turn.incoming),
        )
        log_contacts(uow, [contact])
        uow.commit()
    pairs = (
        ("Who", name),
        ("Organisation", contact.organisation),
        ("Type", contact.org_type.value if contact.org_type else "not known yet"),
        ("Channel", contact.channel.value),
        ("Topic", standard or "none found"),
    )
    text = f"Logged a contact with {name} ({contact.organisation}) on {turn.today:%-d %B %Y}."
    return Reply(
        text=text + "\n" + "\n".join(f"{k}: {v}" for k, v in pairs),
        blocks=(Text(text=text), Fields(pairs=pairs)),
        intent="contact_logged",
        data={
            "organisation": contact.organisation,
            "standard": standard,
            "channel": contact.channel.value,
        },
    )


def _month_start(today: date) -> date:
    return today.replace(day=1)


def who_contacted(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person)
    span = (args.get("span") or ("last month" if args.get("span2") else "month")).lower()
    today = turn.today
    if span == "week":
        first = today - timedelta(days=today.weekday())
        last = today
    elif span == "last month":
        last = _month_start(today) - timedelta(days=1)
        first = _month_start(last)
    else:
        first, last = _month_start(today), today
    with turn.deps.uow() as uow:
        contacts = uow.contacts.all(first, last)
    lines = tuple(
        f"{c.on:%-d %b}: {c.name or c.email or 'someone'} ({c.organisation or 'unknown'}"
        f"{', ' + c.org_type.value if c.org_type else ''}) by {c.channel.value}"
        f"{' about ' + c.standard if c.standard else ''}"
        for c in contacts
    )
    title = f"{len(contacts)} contacts from {first:%-d %b} to {last:%-d %b %Y}"
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Bullets(items=lines or ("Nobody yet.",))),
        intent="who_contacted",
        data={"count": len(contacts), "from": first.isoformat(), "to": last.isoformat()},
    )


def baseline(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person)
    with turn.deps.uow() as uow:
        year = current_year(uow, turn.today)
    period, base = default_periods(year)
    by: ContactField = "user_group" if "group" in args.get("by", "") else "org_type"
    report = baseline_report(
        turn.deps.uow(),
        by=by,
        period=Period(first=period.first, last=period.last),
        baseline_period=base,
    )
    lines = tuple(
        f"{r.group}: {r.count} (baseline {r.baseline:g}, {r.change:+g})" for r in report.rows
    )
    title = (
        f"Contacts by {'user group' if by == 'user_group' else 'organisation type'}, "
        f"{period.first:%Y} against Q1"
    )
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Bullets(items=lines)),
        intent="baseline",
        data={
            "by": by,
            "rows": [
                {"group": r.group, "count": r.count, "baseline": r.baseline} for r in report.rows
            ],
        },
    )


def dashboard(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person, "The dashboard shows personal data: it is for the team only.")
    if turn.deps.dashboard_link is None or turn.person is None:
        return Reply(text="The dashboard is not available here.", intent="dashboard")
    url = turn.deps.dashboard_link(turn.person)
    text = (
        "Your personal dashboard link works once, for the next 15 minutes. Please don't share it."
    )
    return Reply(
        text=f"{text}\n{url}",
        blocks=(Text(text=text), Link(label="Open the dashboard", url=url)),
        intent="dashboard",
        data={"url": url},
    )


COMMANDS = (
    Command(
        name="log contact: <name>, <organisation>, <what> by <channel>",
        group="Contacts",
        handler=log_contact,
        team_only=True,
        help="Log a contact with a user in the baseline (team members).",
        examples=("log contact: Jane Smith, Leeds City Council, asked about ethnicity by email",),
        patterns=(r"log (?:a )?contact[:,]? (?P<details>.+)",),
    ),
    Command(
        name="who contacted us this month",
        group="Contacts",
        handler=who_contacted,
        team_only=True,
        help="Contacts this month, last month or this week (team members).",
        examples=("who contacted us this month", "who contacted us this week"),
        patterns=(
            (
                r"who (?:has )?contacted us(?: (?:this|in the) (?P<span>month|week)|"
                r" (?P<span2>last month))?"
            ),
            r"contacts this (?P<span>month|week)",
        ),
    ),
    Command(
        name="baseline",
        group="Contacts",
        handler=baseline,
        team_only=True,
        help="Contacts by organisation type (or 'baseline by user group') against Q1.",
        examples=("baseline", "baseline by user group"),
        patterns=(r"(?:show )?(?:the )?baseline(?: (?P<by>by .+))?",),
    ),
)
