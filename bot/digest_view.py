"""The digest as a neutral reply, in sections that fit every chat's limits."""

from __future__ import annotations

from bot.messages import Block, Bullets, Context, Divider, Header, Image, Link, Reply, Text
from bot.views import action_line, tactic_line
from commplan.digest import Digest

MAX_ITEMS = 15


def _section(title: str, lines: list[str], empty: str) -> tuple[list[Block], list[str]]:
    shown = lines[:MAX_ITEMS]
    if len(lines) > MAX_ITEMS:
        shown.append(f"… and {len(lines) - MAX_ITEMS} more")
    blocks: list[Block] = [Text(text=f"{title} ({len(lines)})")]
    blocks.append(Bullets(items=tuple(shown)) if shown else Context(text=empty))
    return blocks, [f"{title} ({len(lines)}):", *(f"- {line}" for line in shown or [empty])]


def digest_reply(digest: Digest, *, dashboard_url: str = "", chart_url: str = "") -> Reply:
    """Render the digest; the chart and dashboard link appear when their addresses are known."""
    today = digest.week_start
    title = f"Weekly digest: {digest.week_start:%-d %b} – {digest.week_end:%-d %b %Y}"
    blocks: list[Block] = [Header(text=title)]
    text: list[str] = [title]
    sections = [
        ("Due in the next 7 days", [tactic_line(t, today) for t in digest.due], "Nothing due."),
        ("Overdue", [tactic_line(t, today) for t in digest.overdue], "Nothing overdue."),
        ("Completed last week", [tactic_line(t) for t in digest.completed], "None."),
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
        f"Contacts this week: {digest.contacts_total}, by organisation type",
        contact_lines,
        "No contacts this week.",
    )
    blocks += more_blocks
    text += more_text
    if digest.top_topics:
        topics = [f"{name}: {count}" for name, count in digest.top_topics]
        more_blocks, more_text = _section("Top topics", topics, "")
        blocks += more_blocks
        text += more_text
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
    if digest.unreachable:
        more_blocks, more_text = _section("Owners I could not reach", list(digest.unreachable), "")
        blocks += more_blocks
        text += more_text
    if chart_url:
        blocks.append(Image(url=chart_url, alt="Contacts per week by organisation type"))
    if dashboard_url:
        blocks.append(Link(label="Open the dashboard", url=dashboard_url))
        text.append(f"Dashboard: {dashboard_url}")
    return Reply(text="\n".join(text), blocks=tuple(blocks), intent="digest")
