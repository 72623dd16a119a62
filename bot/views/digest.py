"""The digest as a neutral reply, in sections that fit every chat's limits.

Every heading says which days it covers: "due" looks ahead from the digest's day, the rest
looks back over the week that just ended.
"""

from __future__ import annotations

from datetime import date

from bot.messages import Block, Bullets, Context, Divider, Header, Image, Link, Reply, Text
from bot.views.impact import impact_line
from bot.views.plan import action_line, tactic_line
from commplan.digest import Digest
from commplan.inbox_figures import InboxFigures

MAX_ITEMS = 15
CHART_ALT = "Chart: contacts per week by organisation type"


def days(first: date, last: date) -> str:
    """An inclusive span of days, named so that nobody has to guess: "Mon 7 – Sun 13 Sep 2026"."""
    if first.year != last.year:
        return f"{first:%a %-d %b %Y} – {last:%a %-d %b %Y}"
    if first.month != last.month:
        return f"{first:%a %-d %b} – {last:%a %-d %b %Y}"
    return f"{first:%a %-d} – {last:%a %-d %b %Y}"


def _section(title: str, lines: list[str], empty: str) -> tuple[list[Block], list[str]]:
    shown = lines[:MAX_ITEMS]
    if len(lines) > MAX_ITEMS:
        shown.append(f"… and {len(lines) - MAX_ITEMS} more")
    blocks: list[Block] = [Text(text=f"{title} ({len(lines)})")]
    blocks.append(Bullets(items=tuple(shown)) if shown else Context(text=empty))
    return blocks, [f"{title} ({len(lines)}):", *(f"- {line}" for line in shown or [empty])]


def _hours(hours: float) -> str:
    return f"{hours:g} hour" if hours == 1 else f"{hours:g} hours"


def inbox_lines(figures: InboxFigures) -> list[str]:
    """The inbox figures as short lines: received, answered, median time, overdue."""
    median = _hours(figures.median_hours) if figures.median_hours is not None else "none answered"
    limit = figures.unanswered_after_days
    return [
        f"New queries: {figures.received}",
        f"Answered: {figures.answered}",
        f"Median time to first answer: {median}",
        (
            f"Still open after {limit} working day{'s' if limit != 1 else ''}: "
            f"{figures.overdue_count} (as of now)"
        ),
    ]


def _overdue_lines(figures: InboxFigures) -> list[str]:
    lines = []
    for query in figures.overdue:
        organisation = query.organisation or "organisation not known"
        age = "1 day" if query.age_days == 1 else f"{query.age_days} days"
        lines.append(f"{query.subject} ({organisation}, {age} old)")
    if figures.overdue_count > len(figures.overdue):
        lines.append(f"… and {figures.overdue_count - len(figures.overdue)} more")
    return lines


def chart_alt(digest: Digest) -> str:
    """The chart's alternative text: what it shows and over which weeks."""
    if not digest.weekly_history:
        return CHART_ALT
    first, last = digest.weekly_history[0][0], digest.reported_last
    weeks = len(digest.weekly_history)
    return f"{CHART_ALT}, the {weeks} weeks from {first:%-d %b %Y} to {last:%-d %b %Y}"


def digest_reply(
    digest: Digest, *, dashboard_url: str = "", chart_url: str = "", chart_png: bytes = b""
) -> Reply:
    """Render the digest; the chart (an address or PNG bytes) and dashboard link when given."""
    today = digest.week_start
    reported = days(digest.reported_first, digest.reported_last)
    short = reported.rsplit(" ", 1)[0]  # the year is in the line above
    title = f"Weekly digest for {today:%A %-d %B %Y}"
    scope = (
        f"Due: {days(digest.week_start, digest.week_end)}. "
        f"Completed, contacts, topics and the inbox: last week, {reported}."
    )
    blocks: list[Block] = [Header(text=title), Context(text=scope)]
    text: list[str] = [title, scope]
    sections = [
        (
            f"Starting or ending in the next 7 days, {days(digest.week_start, digest.week_end)}",
            [tactic_line(t, today) for t in digest.due],
            "Nothing due.",
        ),
        ("Overdue", [tactic_line(t, today) for t in digest.overdue], "Nothing overdue."),
        (
            "Needs a date",
            [tactic_line(t, today) for t in digest.undated],
            "Every tactic has a date.",
        ),
        (
            f"Completed last week, {short}",
            [tactic_line(t) for t in digest.completed],
            "None.",
        ),
        ("Open actions", [action_line(a) for a in digest.open_actions], "None."),
    ]
    for name, lines, empty in sections:
        more_blocks, more_text = _section(name, lines, empty)
        blocks += more_blocks
        text += more_text
    blocks.append(Divider())
    contact_lines = [
        f"{c.group}: {c.count} (weekly baseline {c.weekly_baseline:g})"
        for c in digest.contacts_by_type
        if c.count or c.weekly_baseline
    ]
    more_blocks, more_text = _section(
        f"Contacts last week, {short}: {digest.contacts_total}, by organisation type",
        contact_lines,
        "No contacts last week.",
    )
    blocks += more_blocks
    text += more_text
    if digest.top_topics:
        topics = [f"{name}: {count}" for name, count in digest.top_topics]
        more_blocks, more_text = _section(f"Top topics last week, {short}", topics, "")
        blocks += more_blocks
        text += more_text
    if digest.inbox is not None:
        heading = f"Inbox last week, {short}"
        lines = inbox_lines(digest.inbox)
        blocks += [Text(text=heading), Bullets(items=tuple(lines))]
        text += [f"{heading}:", *(f"- {line}" for line in lines)]
        if digest.inbox.overdue_count:
            # The count is the whole backlog; only the oldest few are listed.
            heading = f"Waiting longest for an answer ({digest.inbox.overdue_count})"
            lines = _overdue_lines(digest.inbox)
            blocks += [Text(text=heading), Bullets(items=tuple(lines))]
            text += [f"{heading}:", *(f"- {line}" for line in lines)]
    questions = [
        f"\u201c{q.text}\u201d ({q.asker or 'someone'}, {q.asked_at:%-d %b})"
        for q in digest.unanswered
    ]
    more_blocks, more_text = _section("Questions nobody could answer", questions, "None.")
    blocks += more_blocks
    text += more_text
    reviews = [
        f"{s.name} (last review {s.last_review:%b %Y})"
        if s.last_review
        else f"{s.name} (no review date)"
        for s in digest.due_for_review
    ]
    more_blocks, more_text = _section("Standards due for review", reviews, "None.")
    blocks += more_blocks
    text += more_text
    if digest.impact:
        more_blocks, more_text = _section(
            "Recent tactics against the weeks before them",
            [impact_line(i) for i in digest.impact],
            "",
        )
        blocks += more_blocks
        text += more_text
    if digest.champions:
        more_blocks, more_text = _section("Harmonisation champions", list(digest.champions), "")
        blocks += more_blocks
        text += more_text
    if digest.unreachable:
        more_blocks, more_text = _section("Owners I could not reach", list(digest.unreachable), "")
        blocks += more_blocks
        text += more_text
    if chart_url or chart_png:
        blocks.append(Image(url=chart_url, data=chart_png, alt=chart_alt(digest)))
    if dashboard_url:
        blocks.append(Link(label="Open the dashboard", url=dashboard_url))
        text.append(f"Dashboard: {dashboard_url}")
    return Reply(text="\n".join(text), blocks=tuple(blocks), intent="digest")
