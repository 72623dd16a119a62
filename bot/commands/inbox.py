"""Inbox commands for the team: open queries, take one, correct one."""

from __future__ import annotations

from bot.inbox_view import short_ref
from bot.messages import Bullets, Header, Reply, Text
from bot.router import Command
from bot.turn import Turn
from commplan.errors import InvalidInput, NotFound
from commplan.permissions import require_team
from commplan.queries import InboxQuery
from commplan.services import inbox as service


def _find(turn: Turn, ref: str) -> InboxQuery:
    """A query by its key (from a button) or the short reference people type."""
    with turn.deps.uow() as uow:
        exact = uow.queries.get(ref)
        if exact is not None:
            return exact
        matches = [q for q in uow.queries.all() if short_ref(q) == ref.lower()]
    if not matches:
        raise NotFound("inbox query", ref)
    return matches[0]


def open_queries(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person, "The inbox holds personal data: it is for the team only.")
    with turn.deps.uow() as uow:
        queries = uow.queries.open()
    lines = tuple(
        f"{short_ref(q)} · {q.received_at:%-d %b} · {q.sender_name or q.sender_email} "
        f"({q.organisation or 'unknown'}) · {q.subject or '(no subject)'} · "
        f"{q.assignee or 'not taken'}"
        for q in queries
    )
    title = f"{len(queries)} open inbox queries"
    return Reply(
        text="\n".join([title, *lines]),
        blocks=(Header(text=title), Bullets(items=lines or ("None.",))),
        intent="open_queries",
        data={"count": len(queries)},
    )


def take(turn: Turn, args: dict[str, str]) -> Reply:
    query = _find(turn, args.get("ref") or args["value"])
    taken = service.take(turn.deps.uow(), query.key, person=turn.person)
    text = f"{taken.assignee} has taken the query from {taken.sender_name or taken.sender_email}."
    return Reply(
        text=text, blocks=(Text(text=text),), intent="query_taken", data={"query": taken.key}
    )


def how_to_correct(turn: Turn, args: dict[str, str]) -> Reply:
    require_team(turn.person, "Only the harmonisation team can correct inbox queries.")
    query = _find(turn, args["value"])
    ref = short_ref(query)
    text = (
        f"Tell me what to fix, e.g. 'correct query {ref} organisation Leeds City Council', "
        f"'correct query {ref} type Local Government', 'correct query {ref} group "
        f"Sub national organisations' or 'correct query {ref} topic ethnicity'."
    )
    return Reply(text=text, blocks=(Text(text=text),), intent="query_correct_help")


def correct(turn: Turn, args: dict[str, str]) -> Reply:
    query = _find(turn, args["ref"])
    field = args["field"].lower()
    if field in ("org", "organization"):
        field = "organisation"
    if field in ("standard",):
        field = "topic"
    if field == "user group":
        field = "group"
    if field == "organisation type":
        field = "type"
    if not args["value"].strip():
        raise InvalidInput("Say what it should be.")
    fixed = service.correct(
        turn.deps.uow(),
        query.key,
        field,
        args["value"],
        person=turn.person,
        standards=turn.deps.standards(),
    )
    kind = fixed.org_type.value if fixed.org_type else "type not known"
    text = (
        f"Corrected: {fixed.organisation or 'unknown organisation'} ({kind}"
        f"{', ' + fixed.user_group.value if fixed.user_group else ''}), topic "
        f"{fixed.standard or 'none'}. I'll know that address next time."
    )
    return Reply(
        text=text,
        blocks=(Text(text=text),),
        intent="query_corrected",
        data={"query": fixed.key, "organisation": fixed.organisation, "standard": fixed.standard},
    )


COMMANDS = (
    Command(
        name="inbox",
        group="Inbox",
        handler=open_queries,
        team_only=True,
        help="Open queries from the harmonisation inbox (team members).",
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
        patterns=(r"(?:i'?ll )?take (?:inbox )?query (?P<ref>[0-9a-f]{6})",),
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
                r"correct (?:inbox )?query (?P<ref>[0-9a-f]{6}) (?P<field>organisation|"
                r"organization|org|organisation type|type|user group|group|topic|standard)"
                r"(?: to|:)? (?P<value>.+)"
            ),
        ),
    ),
    Command(
        name="Correct",
        group="",
        handler=how_to_correct,
        actions=("inbox_correct",),
        help="Explain how to correct a query.",
        examples=(),
    ),
)
