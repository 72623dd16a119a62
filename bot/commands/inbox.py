"""Inbox commands for the team: open queries, take, close and correct one.

"Correct" is a guided dialogue that works the same in every chat: a card with the query's
organisation, type, user group and topic and a button for each; a type or user group is then
picked from buttons of the exact strings, an organisation or topic typed (the conversation's
draft remembers which query and field the next message answers).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.command import Args, Command
from bot.keys import conversation_key
from bot.messages import Bullets, Header, Reply, Text
from bot.turn import Turn
from bot.views.inbox import CHOICES, CORRECT_FIELDS, choices_reply, correction_card, short_ref
from commplan.errors import InvalidInput
from commplan.services import inbox as service
from commplan.services.turns import drop_draft

#: The draft kind of a correction waiting for typed text (an organisation or a topic).
CORRECT_QUERY = service.CORRECTION_DRAFT
_CANCEL = ("cancel", "stop", "never mind", "nevermind")
_QUESTIONS = {
    "organisation": "Which organisation is {sender} from? Type its name, e.g. 'Leeds City "
    "Council'.",
    "topic": "What is the query about? Type a standard's name or a few words, e.g. 'ethnicity'.",
}
_FIELD_NAMES = {
    "org": "organisation",
    "organization": "organisation",
    "organisation type": "type",
    "user group": "group",
    "standard": "topic",
}


def _age(received: datetime, now: datetime) -> str:
    """How long a query has waited, as people say it."""
    hours = max(0, int((now - received).total_seconds() // 3600))
    if hours < 24:
        return f"{hours}h"
    return f"{hours // 24}d"


def open_queries(turn: Turn, args: Args) -> Reply:
    queries = service.open_queries(turn.deps.uow(), person=turn.person)
    lines = tuple(
        f"{short_ref(q)} · {q.state.value} · {q.assignee or 'not taken'} · "
        f"{_age(q.received_at, turn.now)} old · {q.sender_name or q.sender_email} "
        f"({q.organisation or 'unknown'}) · {q.subject or '(no subject)'}"
        for q in queries
    )
    title = f"{len(queries)} open inbox queries"
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Bullets(items=lines or ("None.",))),
        intent="open_queries",
        data={
            "count": len(queries),
            "queries": [
                {"ref": short_ref(q), "state": q.state.value, "assignee": q.assignee}
                for q in queries
            ],
        },
    )


def take(turn: Turn, args: Args) -> Reply:
    taken = service.take(turn.deps.uow(), args.get("ref") or args["value"], person=turn.person)
    text = f"{taken.assignee} has taken the query from {taken.sender_name or taken.sender_email}."
    return Reply(
        text=text, blocks=(Text(text=text),), intent="query_taken", data={"query": taken.key}
    )


def close(turn: Turn, args: Args) -> Reply:
    closed = service.close(turn.deps.uow(), args.get("ref") or args["value"], person=turn.person)
    who = turn.person.name if turn.person else "The team"
    text = (
        f"{who} closed query {short_ref(closed)} from {closed.sender_name or closed.sender_email}"
        ": it stays in the baseline and will not be nudged."
    )
    return Reply(
        text=text, blocks=(Text(text=text),), intent="query_closed", data={"query": closed.key}
    )


def start_correct(turn: Turn, args: Args) -> Reply:
    """The "Correct" button (or "correct query <ref>"): the card with a button per field."""
    ref = args.get("ref") or args["value"]
    return correction_card(service.find_query(turn.deps.uow(), ref, person=turn.person))


def correct_field(turn: Turn, args: Args) -> Reply:
    """A field's button: the exact choices as buttons, or a question for typed text."""
    field, _, key = args["value"].partition(" ")
    if field not in dict(CORRECT_FIELDS):
        raise InvalidInput("That button no longer works; ask me again.")
    if field in CHOICES:
        return choices_reply(service.find_query(turn.deps.uow(), key, person=turn.person), field)
    query = service.ask_correction(
        turn.deps.uow(),
        key,
        field,
        conversation_key=conversation_key(turn.incoming),
        person=turn.person,
        at=turn.now,
    )
    question = (
        _QUESTIONS[field].format(sender=query.sender_name or query.sender_email)
        + " (Say 'cancel' to stop.)"
    )
    return Reply(
        text=question,
        blocks=(Text(text=question),),
        intent="query_correct_question",
        data={"query": query.key, "field": field},
    )


def correct_choice(turn: Turn, args: Args) -> Reply:
    """A choice's button: set the type or user group to that exact string."""
    field, _, rest = args["value"].partition(" ")
    member, _, key = rest.partition(" ")
    kind = CHOICES.get(field)
    if kind is None or member not in kind.__members__:
        raise InvalidInput("That button no longer works; ask me again.")
    return _apply(turn, key, field, kind[member].value)


def continue_correct(turn: Turn, draft: Args) -> Reply:
    """The typed organisation or topic a correction was waiting for.

    A value the service refuses (a topic no standard matches) keeps the draft, so the member
    can simply try again.
    """
    text = turn.incoming.text.strip()
    key = conversation_key(turn.incoming)
    if text.lower().rstrip(".!") in _CANCEL:
        drop_draft(turn.deps.uow(), key)
        return Reply(text="Cancelled: nothing corrected.", intent="query_correct_cancelled")
    if not text:
        raise InvalidInput("Say what it should be, or 'cancel'.")
    try:
        return _apply(turn, draft["query"], draft["field"], text, draft_key=key)
    except InvalidInput as error:
        again = f"{error} Try again, or say 'cancel'."
        return Reply(
            text=again,
            blocks=(Text(text=again),),
            intent="query_correct_question",
            data={"query": draft["query"], "field": draft["field"]},
        )


def correct(turn: Turn, args: Args) -> Reply:
    """The typed form: "correct query <ref> <field> <value>"."""
    field = args["field"].lower()
    field = _FIELD_NAMES.get(field, field)
    if not args["value"].strip():
        raise InvalidInput("Say what it should be.")
    return _apply(turn, args["ref"], field, args["value"])


def _apply(turn: Turn, ref: str, field: str, value: str, *, draft_key: str = "") -> Reply:
    fixed = service.correct(
        turn.deps.uow(),
        ref,
        field,
        value,
        person=turn.person,
        standards=turn.deps.standards(),
        conversation_key=draft_key,
    )
    kind = fixed.org_type.value if fixed.org_type else "type not known"
    text = (
        f"Corrected: {fixed.organisation or 'unknown organisation'} ({kind}"
        f"{', ' + fixed.user_group.value if fixed.user_group else ''}), topic "
        f"{fixed.standard or 'none'}. I'll know that address next time."
    )
    card = correction_card(fixed, title=text, intent="query_corrected")
    return replace(
        card,
        text=f"{text}\nAnything else to fix?",
        data={
            **card.data,
            "query": fixed.key,
            "organisation": fixed.organisation,
            "standard": fixed.standard,
        },
    )


_REF = r"(?P<ref>[0-9a-f]{6})"
COMMANDS = (
    Command(
        name="inbox",
        group="Inbox",
        handler=open_queries,
        team_only=True,
        help="Open queries from the harmonisation inbox, with state, who has them and age "
        "(team members).",
        examples=("inbox", "open queries"),
        patterns=(r"(?:the )?inbox|open (?:inbox )?queries|(?:show )?queries",),
    ),
    Command(
        name="take query <ref>",
        group="Inbox",
        handler=take,
        actions=("inbox_take",),
        team_only=True,
        help="Take an inbox query (it is then yours to answer).",
        examples=("take query 3f9a1c",),
        patterns=(rf"(?:i'?ll )?take (?:inbox )?query {_REF}",),
    ),
    Command(
        name="close query <ref>",
        group="Inbox",
        handler=close,
        actions=("inbox_close",),
        team_only=True,
        help="Close a query that needs no e-mail answer (spam, answered by phone).",
        examples=("close query 3f9a1c",),
        patterns=(rf"close (?:inbox )?query {_REF}",),
    ),
    Command(
        name="correct query <ref> <field> <value>",
        group="Inbox",
        handler=correct,
        team_only=True,
        help="Fix a query's organisation, type, group or topic; the directory learns it.",
        examples=("correct query 3f9a1c organisation Leeds City Council",),
        patterns=(
            (
                rf"correct (?:inbox )?query {_REF} (?P<field>organisation|"
                r"organization|org|organisation type|type|user group|group|topic|standard)"
                r"(?: to|:)? (?P<value>.+)"
            ),
        ),
    ),
    Command(
        name="correct query <ref>",
        group="Inbox",
        handler=start_correct,
        actions=("inbox_correct",),
        team_only=True,
        help="Show a query's organisation, type, group and topic, with a button to fix each.",
        examples=("correct query 3f9a1c",),
        patterns=(rf"correct (?:inbox )?query {_REF}",),
    ),
    Command(
        name="correct query (typed value)",
        handler=continue_correct,
        resumes=CORRECT_QUERY,
        team_only=True,
        help="The organisation or topic a correction asked for.",
    ),
    Command(
        name="Correct a field",
        group="",
        handler=correct_field,
        actions=("inbox_correct_field",),
        team_only=True,
        help="Pick the field of a query to correct.",
        examples=(),
    ),
    Command(
        name="Correct to a choice",
        group="",
        handler=correct_choice,
        actions=("inbox_correct_set",),
        team_only=True,
        help="Set a query's type or user group to one of the exact strings.",
        examples=(),
    ),
)
