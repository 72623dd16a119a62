"""Contact commands for the team: log a contact, who contacted us, the baseline."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from bot.command import Args, Command
from bot.commands.contact_words import channel_of, direction_of, find_day, topic_of
from bot.commands.periods import FIELD_LABEL, contact_field, month_start, period_name, period_of
from bot.keys import message_key
from bot.messages import Bullets, Context, Header, Link, Reply, Text
from bot.turn import Turn
from bot.views.contacts import contact_line, contact_logged
from bot.views.listing import (
    FULL_LIST,
    Rest,
    capped,
    dashboard_rest,
    more_blocks,
    more_line,
)
from commplan.baseline import Period
from commplan.errors import InvalidInput
from commplan.gaps import Quiet
from commplan.permissions import require_team
from commplan.services.contacts import (
    ReportedContact,
    contacts_page,
    log_reported_contact,
    plan_baseline,
)
from commplan.services.reports import gaps_report, topics_on_the_rise
from commplan.services.steering import steering_member

_FORMAT = (
    "Write it as: log contact: <name>, <organisation>, <what happened>, e.g. 'log contact: "
    "Jane Smith, Leeds City Council, asked about ethnicity by email yesterday'."
)


def log_contact(turn: Turn, args: Args) -> Reply:
    """Log a contact as a team member reports it: the day, direction, channel and topic are
    read wherever they sit ("... about ethnicity at a meeting on 12 November")."""
    details = args["details"]
    lead, colon, rest = details.partition(":")
    opening = find_day(lead, now=turn.now) if colon and "," not in lead else None
    if opening is not None and opening.on is not None and not opening.text:
        details = rest  # "log contact yesterday: Jane Smith, ..."
    parts = [p.strip() for p in details.split(",")]
    if len(parts) < 2 or not parts[0]:
        raise InvalidInput(_FORMAT)
    name, organisation = parts[0], parts[1]
    dated = find_day(", ".join(parts[2:]), now=turn.now)
    on = dated.on or (opening.on if opening is not None and not opening.text else None)
    about = dated.text
    reported = ReportedContact(
        on=on or turn.today,
        name=name,
        organisation=organisation,
        summary=about,
        channel=channel_of(about),
        direction=direction_of(about),
        topic=topic_of(about, turn.deps.standards()),
        source_ref=message_key(turn.incoming),
    )
    logged = log_reported_contact(
        turn.deps.uow(), reported, person=turn.person, standards=turn.deps.standards()
    )
    return contact_logged(logged.contact, new_organisation=logged.new_organisation)


def who_contacted(turn: Turn, args: Args) -> Reply:
    """The contacts of a span, each with its number for "edit contact N" and "delete contact
    N": today, yesterday, this or last week (Monday to today, or the whole of last week),
    this month (the default) or last month."""
    span = (args.get("span") or ("last month" if args.get("span2") else "month")).lower()
    today = turn.today
    monday = today - timedelta(days=today.weekday())
    if span == "today":
        first = last = today
    elif span == "yesterday":
        first = last = today - timedelta(days=1)
    elif span == "week":
        first, last = monday, today
    elif span == "last week":
        first, last = monday - timedelta(days=7), monday - timedelta(days=1)
    elif span == "last month":
        last = month_start(today) - timedelta(days=1)
        first = month_start(last)
    else:
        first, last = month_start(today), today
    page = contacts_page(turn.deps.uow(), first, last, person=turn.person)
    lines = tuple(contact_line(c) for c in page.rows)
    title = f"{page.total} contacts from {first:%-d %b} to {last:%-d %b %Y}"
    # The newest first; the rest on the dashboard's list of the same days, or exported.
    rest = dashboard_rest(
        turn.deps.dashboard_url,
        f"contacts?{urlencode({'from': first.isoformat(), 'to': last.isoformat()})}",
        command="run `harmonibot export contacts`",
    )
    more = [more_line(page.more, rest), rest.url] if page.more else []
    return Reply(
        text="\n".join([title, *lines, *filter(None, more)]),
        blocks=(
            Header(text=title),
            Bullets(items=lines or ("Nobody yet.",)),
            *more_blocks(page.more, rest),
        ),
        intent="who_contacted",
        data={
            "count": page.total,
            "shown": [c.id for c in page.rows],
            "from": first.isoformat(),
            "to": last.isoformat(),
        },
    )


def baseline(turn: Turn, args: Args) -> Reply:
    by = contact_field(args.get("by", ""))
    words = args.get("period", "")
    found = plan_baseline(
        turn.deps.uow(),
        by=by,
        period=lambda year: period_of(words, turn.today, year),
        today=turn.today,
        person=turn.person,
    )
    year, period, report = found.year, found.period, found.report
    named = period_name(words, period)
    lines = tuple(
        f"{r.group or 'not known'}: {r.count} (baseline {r.baseline:g}, {r.change:+g})"
        for r in report.rows
    )
    title = f"Contacts by {FIELD_LABEL[by]}, {named} against Q1 {year}"
    # By organisation a report can run to hundreds of rows: the biggest first, as reported.
    rest = Rest(command=f"run `harmonibot report baseline --by {by}`")
    shown, more = capped(lines, rest)
    left = [more_line(len(lines) - len(shown), rest)] if more else []
    return Reply(
        text="\n".join([title, *shown, *left]),
        blocks=(Header(text=title), Bullets(items=shown or ("No contacts.",)), *more),
        intent="baseline",
        data={
            "by": by,
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
            "rows": [
                {"group": r.group, "count": r.count, "baseline": r.baseline, "change": r.change}
                for r in report.rows
            ],
        },
    )


# A chat message is no place for hundreds of rows; the dashboard and the CLI have them all.
MAX_LISTED = 10
DEFAULT_QUIET_DAYS = 90


def _quiet_lines(quiet: tuple[Quiet, ...], rest: Rest) -> tuple[str, ...]:
    lines = [
        f"{q.name} — {'never' if q.last_contact is None else f'last {q.last_contact:%-d %b %Y}'}"
        for q in quiet[:MAX_LISTED]
    ]
    if len(quiet) > MAX_LISTED:
        lines.append(more_line(len(quiet) - MAX_LISTED, rest))
    return tuple(lines) or ("None: everyone has been in touch.",)


def gaps(turn: Turn, args: Args) -> Reply:
    require_team(turn.person)
    days = int(args.get("days") or DEFAULT_QUIET_DAYS)
    if days < 1:
        raise InvalidInput("Say how many days: 'gaps 90 days'.")
    found = gaps_report(turn.deps.uow(), at=turn.today, days=days)
    since = turn.today - timedelta(days=days)
    title = f"Not heard from in {days} days (since {since:%-d %B %Y})"
    rest = dashboard_rest(
        turn.deps.dashboard_url,
        "#table-quiet-organisations",
        command=f"run `harmonibot report gaps --days {days}`",
    )
    organisations = _quiet_lines(found.organisations, rest)
    groups = _quiet_lines(found.user_groups, rest)
    heads = (
        f"User groups ({len(found.user_groups)})",
        f"Organisations in the directory ({len(found.organisations)})",
    )
    text = "\n".join(
        [
            title,
            f"{heads[0]}:",
            *(f"- {line}" for line in groups),
            f"{heads[1]}:",
            *(f"- {line}" for line in organisations),
        ]
    )
    return Reply(
        text=text,
        blocks=(
            Header(text=title),
            Context(text=heads[0]),
            Bullets(items=groups),
            Context(text=heads[1]),
            Bullets(items=organisations),
            *(
                (Link(label=FULL_LIST, url=rest.url),)
                if rest.url and len(found.organisations) > MAX_LISTED
                else ()
            ),
        ),
        intent="gaps",
        data={
            "days": days,
            "user_groups": [q.name for q in found.user_groups],
            "organisations": [q.name for q in found.organisations],
            "never_heard": list(found.never_heard),
        },
    )


def rising(turn: Turn, args: Args) -> Reply:
    require_team(turn.person)
    days = int(args.get("days") or DEFAULT_QUIET_DAYS)
    if days < 1:
        raise InvalidInput("Say how many days: 'topics on the rise in the last 30 days'.")
    period = Period(first=turn.today - timedelta(days=days - 1), last=turn.today)
    trends = topics_on_the_rise(turn.deps.uow(), period=period)
    title = f"Topics on the rise: the last {days} days against the {days} before"
    lines = tuple(f"{t.topic}: {t.recent} (was {t.before}, {t.rise:+d})" for t in trends)
    return Reply(
        text="\n".join([title, *lines] if lines else [title, "Nothing is rising."]),
        blocks=(Header(text=title), Bullets(items=lines or ("Nothing is rising.",))),
        intent="topics_on_the_rise",
        data={
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
            "topics": [{"topic": t.topic, "recent": t.recent, "before": t.before} for t in trends],
        },
    )


def dashboard(turn: Turn, args: Args) -> Reply:
    # The steering group gets the same link to its own view: counts only, no personal data.
    steering = (
        not turn.is_team
        and turn.person is not None
        and steering_member(turn.deps.uow(), turn.person.name) is not None
    )
    if not steering:
        require_team(
            turn.person,
            "The dashboard shows personal data: it is for the harmonisation team (and, as "
            "counts only, for the steering group).",
        )
    if turn.deps.dashboard_link is None or turn.person is None:
        return Reply(text="The dashboard is not available here.", intent="dashboard")
    if not turn.incoming.direct:
        # The link signs its holder in: said in a channel, anyone reading could use it.
        text = (
            "I'll only send that in a direct message: the link signs you in. "
            "Message me directly and say 'dashboard'."
        )
        return Reply(text=text, blocks=(Text(text=text),), intent="dashboard_direct_only")
    url = turn.deps.dashboard_link(turn.person)
    text = (
        "Your personal dashboard link works once, for the next 15 minutes. Please don't share it."
    )
    label = "Open the dashboard"
    if steering:
        text = (
            "Your personal link to the steering group view (counts against the baseline and "
            "the plan's progress, no personal data) works once, for the next 15 minutes. "
            "Please don't share it."
        )
        label = "Open the steering group view"
    return Reply(
        text=f"{text}\n{url}",
        blocks=(Text(text=text), Link(label=label, url=url)),
        intent="dashboard",
        data={"url": url, "view": "steering" if steering else "team"},
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
            r"(?:list |show )?(?:the )?contacts (?:logged )?this (?P<span>month|week)",
            (
                r"(?:list |show )?(?:the )?contacts (?:logged )?"
                r"(?:(?P<span2>last month)|(?P<span>today|yesterday|last week))"
            ),
            r"(?:list |show )?(?:the |all )?contacts",
        ),
    ),
    Command(
        name="baseline",
        group="Contacts",
        handler=baseline,
        team_only=True,
        help=(
            "Contacts against the Q1 baseline, by organisation type, user group, channel, "
            "direction, topic, organisation, month or quarter; for the plan year, this or last "
            "quarter/month/year, or Q1-Q4 (team members)."
        ),
        examples=("baseline", "baseline by user group", "baseline by channel this quarter"),
        patterns=(
            (
                r"(?:show )?(?:the )?baseline(?: by (?P<by>.+?))?"
                r"(?:,? (?:for |in )?(?P<period>(?:this|last) (?:quarter|month|year)|q[1-4]))?"
            ),
        ),
    ),
    Command(
        name="who has gone quiet",
        group="Contacts",
        handler=gaps,
        team_only=True,
        help="Organisations and user groups not heard from in 90 days, or 'gaps 30 days'.",
        examples=("who has gone quiet", "gaps 30 days"),
        patterns=(
            (
                r"who(?:'s| has| is|'s been| has been)? (?:gone |been |went )?quiet"
                r"(?: (?:for|in|over)(?: the last)? (?P<days>\d+) days)?"
            ),
            (
                r"(?:show )?(?:the )?gaps"
                r"(?: (?:for |in |over )?(?:the last )?(?P<days>\d+)(?: days)?)?"
            ),
        ),
    ),
    Command(
        name="topics on the rise",
        group="Contacts",
        handler=rising,
        team_only=True,
        help="Topics asked about more in the last 90 days than the 90 before (team members).",
        examples=("topics on the rise", "topics on the rise in the last 30 days"),
        patterns=(
            (
                r"(?:which |what )?(?:topics|standards) (?:are )?(?:on the rise|rising|trending)"
                r"(?: (?:in|over) the last (?P<days>\d+) days)?"
            ),
            r"rising topics",
        ),
    ),
    Command(
        name="dashboard",
        group="Contacts",
        handler=dashboard,
        help=(
            "A personal sign-in link to the dashboard, sent only in a direct message (team; "
            "the steering group gets its view of counts)."
        ),
        examples=("dashboard",),
        patterns=(
            r"(?:open |show )?(?:the |my )?dashboard(?: link)?",
            r"(?:send|give) me (?:a |the )?dashboard(?: link)?",
        ),
    ),
)
