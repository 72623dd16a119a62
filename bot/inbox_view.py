"""How an inbox query looks in the team channel, with "I'll take it" and "Correct"."""

from __future__ import annotations

import hashlib

from bot.messages import Button, Buttons, Context, Fields, Header, Link, Reply, Text
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex


def short_ref(query: InboxQuery) -> str:
    """A short, stable reference people can type ("take query 3f9a1c")."""
    return hashlib.sha256(query.key.encode()).hexdigest()[:6]


def new_query_reply(query: InboxQuery, standards: StandardsIndex) -> Reply:
    """The team's notice of a new query."""
    sender = query.sender_name or query.sender_email
    title = f"New query from {sender}"
    kind = query.org_type.value if query.org_type else "organisation type not known"
    pairs = (
        ("From", f"{query.sender_name} <{query.sender_email}>".strip()),
        ("Organisation", f"{query.organisation or 'not known'} ({kind})"),
        ("Subject", query.subject or "(none)"),
        ("Suggested standard", query.standard or "none found"),
    )
    ref = short_ref(query)
    blocks: list[Header | Text | Fields | Link | Context | Buttons] = [
        Header(text=title),
        Fields(pairs=pairs),
        Text(text=query.summary),
    ]
    standard = standards.get(query.standard) if query.standard else None
    if standard is not None and standard.url:
        blocks.append(Link(label=standard.name, url=standard.url))
    blocks.append(
        Context(
            text=f"Query {ref}. To fix it: 'correct query {ref} organisation "
            f"<name>' or 'correct query {ref} topic <words>'."
        )
    )
    blocks.append(
        Buttons(
            buttons=(
                Button(
                    label="I'll take it", action_id="inbox_take", value=query.key, style="primary"
                ),
                Button(label="Correct", action_id="inbox_correct", value=query.key),
            )
        )
    )
    text = "\n".join([title, *(f"{k}: {v}" for k, v in pairs), f"Query {ref}"])
    return Reply(
        text=text,
        blocks=tuple(blocks),
        intent="inbox_new_query",
        data={"query": query.key, "ref": ref},
    )
