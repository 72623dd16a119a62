"""How an inbox query looks in the team channel, with "I'll take it", "Correct" and "Close"."""

from __future__ import annotations

import enum

from bot.messages import Button, Buttons, Context, Fields, Header, Link, Reply, Text
from commplan.organisations import OrgType, UserGroup
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex

#: The fields the guided correction offers, with their labels, in the order shown.
CORRECT_FIELDS = (
    ("organisation", "Organisation"),
    ("type", "Type"),
    ("group", "User group"),
    ("topic", "Topic"),
)
#: The fields whose value is one of a fixed list, offered as a button each.
CHOICES: dict[str, type[enum.StrEnum]] = {"type": OrgType, "group": UserGroup}


def short_ref(query: InboxQuery) -> str:
    """A short, stable reference people can type ("take query 3f9a1c"): ``InboxQuery.ref``."""
    return query.ref


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
                Button(label="Close", action_id="inbox_close", value=query.key),
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


def field_value(query: InboxQuery, field: str) -> str:
    """A correctable field's current value as people read it ("" when not known)."""
    values = {
        "organisation": query.organisation,
        "type": query.org_type.value if query.org_type else "",
        "group": query.user_group.value if query.user_group else "",
        "topic": query.standard,
    }
    return values[field]


def correction_card(query: InboxQuery, *, title: str = "", intent: str = "query_correct") -> Reply:
    """The query's organisation, type, user group and topic, with a button to fix each."""
    ref = short_ref(query)
    title = title or f"Correct query {ref} from {query.sender_name or query.sender_email}"
    pairs = tuple(
        (label, field_value(query, field) or "not known") for field, label in CORRECT_FIELDS
    )
    buttons = tuple(
        Button(label=label, action_id="inbox_correct_field", value=f"{field} {query.key}")
        for field, label in CORRECT_FIELDS
    )
    text = "\n".join([title, *(f"{k}: {v}" for k, v in pairs), "Which is wrong?"])
    return Reply(
        text=text,
        blocks=(
            Header(text=title),
            Fields(pairs=pairs),
            Context(text="Which is wrong? The directory learns what you fix."),
            Buttons(buttons=buttons),
        ),
        intent=intent,
        data={
            "query": query.key,
            "ref": ref,
            **{f: field_value(query, f) for f, _ in CORRECT_FIELDS},
        },
    )


def choices_reply(query: InboxQuery, field: str) -> Reply:
    """The exact strings a type or user group may take, a button each."""
    kind = CHOICES[field]
    label = dict(CORRECT_FIELDS)[field]
    current = field_value(query, field) or "not known"
    question = f"{label} of query {short_ref(query)} (now {current}): pick the right one."
    buttons = tuple(
        Button(
            label=member.value,
            action_id="inbox_correct_set",
            value=f"{field} {member.name} {query.key}",
        )
        for member in kind
    )
    return Reply(
        text="\n".join([question, *(f"- {b.label}" for b in buttons)]),
        blocks=(Text(text=question), Buttons(buttons=buttons)),
        intent="query_correct_choices",
        data={"query": query.key, "field": field, "choices": [b.label for b in buttons]},
    )
