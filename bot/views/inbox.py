"""How an inbox query looks in the team channel, with "I'll take it", "Correct" and "Close",
and the guided correction's cards, with the payloads their buttons carry."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.command import STALE_BUTTON
from bot.messages import (
    Bullets,
    Button,
    Buttons,
    Context,
    Fields,
    Header,
    Intent,
    Link,
    Reply,
    Text,
)
from bot.views.listing import Rest, more_blocks
from commplan.errors import InvalidInput
from commplan.organisations import OrgType, UserGroup
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex
from commplan.services.domains import Taught

#: The fields the guided correction offers, with their labels, in the order shown.
CORRECT_FIELDS = (
    ("organisation", "Organisation"),
    ("type", "Type"),
    ("group", "User group"),
    ("topic", "Topic"),
)
#: The fields whose value is one of a fixed list, offered as a button each.
CHOICES: dict[str, type[enum.StrEnum]] = {"type": OrgType, "group": UserGroup}

#: The action ids of the correction card's field buttons and of the choice buttons.
PICK_FIELD = "inbox_correct_field"
PICK_CHOICE = "inbox_correct_set"


def _payload(value: str, names: tuple[str, ...]) -> dict[str, str]:
    """A button value as named strings: a JSON object, or the space-separated words buttons
    carried before (still in old messages), the last name taking the rest."""
    if value.startswith("{"):
        try:
            loaded = json.loads(value)
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict) or not all(isinstance(loaded.get(n), str) for n in names):
            raise InvalidInput(STALE_BUTTON)
        return {n: loaded[n] for n in names}
    words = value.split(" ", len(names) - 1)
    if len(words) != len(names) or not all(words):
        raise InvalidInput(STALE_BUTTON)
    return dict(zip(names, words, strict=True))


@dataclass(frozen=True, kw_only=True)
class FieldPick:
    """What a field's button on the correction card carries (:data:`PICK_FIELD`)."""

    field: str
    query: str

    def encode(self) -> str:
        return json.dumps({"field": self.field, "query": self.query}, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> FieldPick:
        """The pick a button value names; a field no longer offered is a stale button."""
        found = _payload(value, ("field", "query"))
        if found["field"] not in dict(CORRECT_FIELDS):
            raise InvalidInput(STALE_BUTTON)
        return cls(field=found["field"], query=found["query"])


@dataclass(frozen=True, kw_only=True)
class ChoicePick:
    """What a choice's button carries (:data:`PICK_CHOICE`): a field of :data:`CHOICES`, the
    name of one of its members, and the query."""

    field: str
    member: str
    query: str

    @property
    def value(self) -> str:
        """The exact string the member stands for."""
        return CHOICES[self.field][self.member].value

    def encode(self) -> str:
        fields = {"field": self.field, "member": self.member, "query": self.query}
        return json.dumps(fields, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> ChoicePick:
        """The pick a button value names; a field or member no longer offered is stale."""
        found = _payload(value, ("field", "member", "query"))
        kind = CHOICES.get(found["field"])
        if kind is None or found["member"] not in kind.__members__:
            raise InvalidInput(STALE_BUTTON)
        return cls(field=found["field"], member=found["member"], query=found["query"])


def short_ref(query: InboxQuery) -> str:
    """A short, stable reference people can type ("take query 3f9a1c"): ``InboxQuery.ref``."""
    return query.ref


def new_query_reply(
    query: InboxQuery, standards: StandardsIndex, *, new_organisation: bool = False
) -> Reply:
    """The team's notice of a new query; ``new_organisation`` when the sender's organisation
    was not in the directory before it (filed by the patterns: worth checking)."""
    sender = query.sender_name or query.sender_email
    title = f"New query from {sender}"
    kind = query.org_type.value if query.org_type else "organisation type not known"
    new = ", new to the directory" if new_organisation and query.organisation else ""
    pairs = (
        ("From", f"{query.sender_name} <{query.sender_email}>".strip()),
        ("Organisation", f"{query.organisation or 'not known'} ({kind}{new})"),
        ("Subject", query.subject or "(none)"),
        ("Suggested standard", query.standard or "none found"),
    )
    ref = short_ref(query)
    blocks: list[Header | Text | Fields | Link | Context | Buttons] = [
        Header(text=title),
        Fields(pairs=pairs),
        Text(text=query.summary),
    ]
    if new:
        blocks.append(
            Context(text=f"{query.organisation} is new to the directory: I've filed it as {kind}.")
        )
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
    # The channel's notification reads the query's facts, not the e-mail's words.
    return Reply(
        text="\n".join([title, *(f"{k}: {v}" for k, v in pairs), f"Query {ref}"]),
        blocks=tuple(blocks),
        intent=Intent.INBOX_NEW_QUERY,
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


def correction_card(
    query: InboxQuery,
    *,
    title: str = "",
    ask: str = "Which is wrong? A correction changes this query only.",
    intent: Intent = Intent.QUERY_CORRECT,
) -> Reply:
    """The query's organisation, type, user group and topic, with a button to fix each."""
    ref = short_ref(query)
    title = title or f"Correct query {ref} from {query.sender_name or query.sender_email}"
    pairs = tuple(
        (label, field_value(query, field) or "not known") for field, label in CORRECT_FIELDS
    )
    buttons = tuple(
        Button(
            label=label,
            action_id=PICK_FIELD,
            value=FieldPick(field=field, query=query.key).encode(),
        )
        for field, label in CORRECT_FIELDS
    )
    return Reply(
        blocks=(
            Header(text=title),
            Fields(pairs=pairs),
            Context(text=ask),
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
            action_id=PICK_CHOICE,
            value=ChoicePick(field=field, member=member.name, query=query.key).encode(),
        )
        for member in kind
    )
    return Reply(
        blocks=(Text(text=question), Buttons(buttons=buttons)),
        intent=Intent.QUERY_CORRECT_CHOICES,
        data={"query": query.key, "field": field, "choices": [b.label for b in buttons]},
    )


def _age(received: datetime, now: datetime) -> str:
    """How long a query has waited, as people say it."""
    hours = max(0, int((now - received).total_seconds() // 3600))
    if hours < 24:
        return f"{hours}h"
    return f"{hours // 24}d"


def open_list(
    queries: Sequence[InboxQuery],
    now: datetime,
    *,
    total: int | None = None,
    rest: Rest | None = None,
) -> Reply:
    """The open queries: reference, state, who has it, age, sender and subject; ``total``
    counts them all when ``queries`` are the longest waiting few."""
    total = len(queries) if total is None else total
    lines = tuple(
        f"{short_ref(q)} · {q.state.value} · {q.assignee or 'not taken'} · "
        f"{_age(q.received_at, now)} old · {q.sender_name or q.sender_email} "
        f"({q.organisation or 'unknown'}) · {q.subject or '(no subject)'}"
        for q in queries
    )
    return Reply(
        blocks=(
            Header(text=f"{total} open inbox queries"),
            Bullets(items=lines or ("None.",)),
            *more_blocks(total - len(queries), rest or Rest()),
        ),
        intent=Intent.OPEN_QUERIES,
        data={
            "count": total,
            "queries": [
                {"ref": short_ref(q), "state": q.state.value, "assignee": q.assignee}
                for q in queries
            ],
        },
    )


def taken(query: InboxQuery) -> Reply:
    text = f"{query.assignee} has taken the query from {query.sender_name or query.sender_email}."
    return Reply(blocks=(Text(text=text),), intent=Intent.QUERY_TAKEN, data={"query": query.key})


def closed(query: InboxQuery, *, by: str) -> Reply:
    text = (
        f"{by} closed query {short_ref(query)} from {query.sender_name or query.sender_email}"
        ": it stays in the baseline and will not be nudged."
    )
    return Reply(blocks=(Text(text=text),), intent=Intent.QUERY_CLOSED, data={"query": query.key})


_QUESTIONS = {
    "organisation": "Which organisation is {sender} from? Type its name, e.g. 'Leeds City "
    "Council'.",
    "topic": "What is the query about? Type a standard's name or a few words, e.g. 'ethnicity'.",
}


def correction_question(query: InboxQuery, field: str) -> Reply:
    """Ask for a field's typed value (an organisation or a topic)."""
    sender = query.sender_name or query.sender_email
    question = _QUESTIONS[field].format(sender=sender) + " (Say 'cancel' to stop.)"
    return _asking(question, query.key, field)


def correction_refused(query_key: str, field: str, problem: str) -> Reply:
    """A typed value the service refused: why, and the same question again."""
    return _asking(f"{problem} Try again, or say 'cancel'.", query_key, field)


def _asking(question: str, query_key: str, field: str) -> Reply:
    return Reply(
        blocks=(Text(text=question),),
        intent=Intent.QUERY_CORRECT_QUESTION,
        data={"query": query_key, "field": field},
    )


def correction_cancelled() -> Reply:
    return Reply(text="Cancelled: nothing corrected.", intent=Intent.QUERY_CORRECT_CANCELLED)


def corrected(query: InboxQuery, *, teachable: str = "") -> Reply:
    """What the query now says, with the card to fix anything else; ``teachable`` is the
    sender's domain when the directory may be taught it, as a separate step."""
    kind = query.org_type.value if query.org_type else "type not known"
    title = (
        f"Corrected: {query.organisation or 'unknown organisation'} ({kind}"
        f"{', ' + query.user_group.value if query.user_group else ''}), topic "
        f"{query.standard or 'none'}. This query only."
    )
    ask = "Anything else to fix?"
    if teachable and query.organisation:
        ask = (
            f"To file all mail from {teachable} under {query.organisation}, say "
            f"'teach domain {teachable} is {query.organisation}'. Anything else to fix?"
        )
    card = correction_card(query, title=title, ask=ask, intent=Intent.QUERY_CORRECTED)
    data = {
        "organisation": query.organisation,
        "standard": query.standard,
        "teachable": teachable,
    }
    return Reply(blocks=card.blocks, intent=card.intent, data={**card.data, **data})


def domain_taught(taught: Taught) -> Reply:
    """The directory now files a domain's mail under one organisation."""
    organisation = taught.organisation
    kind = organisation.org_type.value if organisation.org_type else "type not known"
    lines = [
        f"From now on, mail from {taught.domain} is filed under {organisation.name} ({kind}).",
    ]
    if taught.previous:
        lines.append(f"{taught.domain} no longer belongs to {taught.previous}.")
    if taught.refiled:
        lines.append(
            f"{taught.refiled} contact{'s' if taught.refiled != 1 else ''} filed under "
            f"{taught.domain} moved to {organisation.name}."
        )
    text = " ".join(lines)
    return Reply(
        text=text,
        blocks=(Text(text=text),),
        intent="domain_taught",
        data={
            "domain": taught.domain,
            "organisation": organisation.name,
            "previous": taught.previous,
            "refiled": taught.refiled,
        },
    )
