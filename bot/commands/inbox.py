"""Inbox commands for the team: open queries, take, close and correct one.

"Correct" is a guided dialogue that works the same in every chat: a card with the query's
organisation, type, user group and topic and a button for each; a type or user group is then
picked from buttons of the exact strings, an organisation or topic typed (the conversation's
draft remembers which query and field the next message answers).
"""

from __future__ import annotations

from bot.command import Args, Command
from bot.keys import conversation_key
from bot.messages import Reply
from bot.turn import Turn
from bot.views import inbox as view
from bot.views.listing import Rest
from commplan.errors import InvalidInput
from commplan.services import inbox as service
from commplan.services.domains import teach_domain
from commplan.services.turns import drop_draft

#: The draft kind of a correction waiting for typed text (an organisation or a topic).
CORRECT_QUERY = service.CORRECTION_DRAFT
_CANCEL = ("cancel", "stop", "never mind", "nevermind")
_FIELD_NAMES = {
    "org": "organisation",
    "organization": "organisation",
    "organisation type": "type",
    "user group": "group",
    "standard": "topic",
}


def open_queries(turn: Turn, args: Args) -> Reply:
    page = service.open_queries_page(turn.deps.uow(), person=turn.person)
    # The oldest first; the rest wait in the shared mailbox, each with its reference.
    rest = Rest(command="see the shared mailbox or take these first")
    return view.open_list(page.rows, turn.now, total=page.total, rest=rest)


def take(turn: Turn, args: Args) -> Reply:
    return view.taken(service.take(turn.deps.uow(), args.text("ref", "value"), person=turn.person))


def close(turn: Turn, args: Args) -> Reply:
    closed = service.close(turn.deps.uow(), args.text("ref", "value"), person=turn.person)
    return view.closed(closed, by=turn.person.name if turn.person else "The team")


def start_correct(turn: Turn, args: Args) -> Reply:
    """The "Correct" button (or "correct query <ref>"): the card with a button per field."""
    ref = args.text("ref", "value")
    return view.correction_card(service.find_query(turn.deps.uow(), ref, person=turn.person))


def correct_field(turn: Turn, args: Args) -> Reply:
    """A field's button: the exact choices as buttons, or a question for typed text."""
    pick = view.FieldPick.decode(args["value"])
    if pick.field in view.CHOICES:
        query = service.find_query(turn.deps.uow(), pick.query, person=turn.person)
        return view.choices_reply(query, pick.field)
    query = service.ask_correction(
        turn.deps.uow(),
        pick.query,
        pick.field,
        conversation_key=conversation_key(turn.incoming),
        person=turn.person,
        at=turn.now,
    )
    return view.correction_question(query, pick.field)


def correct_choice(turn: Turn, args: Args) -> Reply:
    """A choice's button: set the type or user group to that exact string."""
    pick = view.ChoicePick.decode(args["value"])
    return _apply(turn, pick.query, pick.field, pick.value)


def continue_correct(turn: Turn, draft: Args) -> Reply:
    """The typed organisation or topic a correction was waiting for.

    A value the service refuses (a topic no standard matches) keeps the draft, so the member
    can simply try again.
    """
    text = turn.incoming.text.strip()
    key = conversation_key(turn.incoming)
    if text.lower().rstrip(".!") in _CANCEL:
        drop_draft(turn.deps.uow(), key)
        return view.correction_cancelled()
    if not text:
        raise InvalidInput("Say what it should be, or 'cancel'.")
    try:
        return _apply(turn, draft["query"], draft["field"], text, draft_key=key)
    except InvalidInput as error:
        return view.correction_refused(draft["query"], draft["field"], str(error))


def correct(turn: Turn, args: Args) -> Reply:
    """The typed form: "correct query <ref> <field> <value>"."""
    field = args["field"].lower()
    field = _FIELD_NAMES.get(field, field)
    if not args.text("value"):
        raise InvalidInput("Say what it should be.")
    return _apply(turn, args["ref"], field, args["value"])


def _apply(turn: Turn, ref: str, field: str, value: str, *, draft_key: str = "") -> Reply:
    fixed = service.correct_query(
        turn.deps.uow(),
        ref,
        field,
        value,
        person=turn.person,
        standards=turn.deps.standards(),
        conversation_key=draft_key,
    )
    return view.corrected(fixed.query, teachable=fixed.teachable)


def teach(turn: Turn, args: Args) -> Reply:
    """ "teach domain example.org.uk is Example Trust": all its mail, from now on."""
    taught = teach_domain(turn.deps.uow(), args["domain"], args["organisation"], person=turn.person)
    return view.domain_taught(taught)


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
        help="Fix a query's organisation, type, group or topic ('topic none' clears it).",
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
        name="teach domain <domain> is <organisation>",
        group="Inbox",
        handler=teach,
        team_only=True,
        help=(
            "File all mail from an e-mail domain under one organisation from now on; never "
            "the team's own domain, free mail or a shared domain (team members)."
        ),
        examples=("teach domain example.org.uk is Example Trust",),
        patterns=(
            (
                r"(?:teach|learn|set|file)(?: the)?(?: directory(?: that)?)?(?: e-?mail)?"
                r" domain @?(?P<domain>[\w.-]+\.[a-z]{2,})"
                r" (?:is|belongs to|=|as|under|to)(?: the)? (?P<organisation>.+)"
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
        actions=(view.PICK_FIELD,),
        team_only=True,
        help="Pick the field of a query to correct.",
        examples=(),
    ),
    Command(
        name="Correct to a choice",
        group="",
        handler=correct_choice,
        actions=(view.PICK_CHOICE,),
        team_only=True,
        help="Set a query's type or user group to one of the exact strings.",
        examples=(),
    ),
)
