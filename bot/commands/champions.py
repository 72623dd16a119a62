"""Champion commands: the team names champions and lists them; a champion gives their
quarterly update in a guided dialogue ("champion update", or the button on the ask)."""

from __future__ import annotations

from bot.command import Args, Command
from bot.keys import conversation_key, message_key
from bot.messages import Reply
from bot.turn import Turn
from bot.views import champions as view
from commplan.champions import UPDATE_DRAFT, Quarter
from commplan.services import champions as service
from commplan.services.turns import drop_draft

_CANCEL = ("cancel", "stop", "never mind", "nevermind", "not now")


def appoint(turn: Turn, args: Args) -> Reply:
    done = service.appoint(
        turn.deps.uow(),
        by=turn.person,
        name=args.text("name"),
        organisation=args.text("organisation"),
        at=turn.now,
    )
    return view.appointed(done)


def stand_down(turn: Turn, args: Args) -> Reply:
    return view.stood_down(
        service.stand_down(turn.deps.uow(), by=turn.person, name=args.text("name"))
    )


def champions(turn: Turn, args: Args) -> Reply:
    return view.champions_list(service.champions_list(turn.deps.uow()))


def start_update(turn: Turn, args: Args) -> Reply:
    # The ask's button names the quarter it asked about; typed, it is this quarter.
    given = args.text("value")
    quarter = Quarter.parse(given) if given else Quarter.of(turn.today)
    step = service.start_update(
        turn.deps.uow(),
        person=turn.person,
        quarter=quarter,
        conversation_key=conversation_key(turn.incoming),
        at=turn.now,
    )
    return view.update_question(step)


def continue_update(turn: Turn, draft: Args) -> Reply:
    """The answer the update dialogue waits for."""
    text = turn.incoming.text.strip()
    if text.lower().rstrip(".!") in _CANCEL:
        drop_draft(turn.deps.uow(), conversation_key(turn.incoming))
        return view.update_cancelled()
    step = service.answer_update(
        turn.deps.uow(),
        person=turn.person,
        draft=draft,
        text=text,
        message_key=message_key(turn.incoming),
        conversation_key=conversation_key(turn.incoming),
        at=turn.now,
    )
    return view.update_question(step) if step.stored is None else view.update_stored(step)


_CHAMPION = r"(?:a |the )?(?:harmonisation )?champion"
COMMANDS = (
    Command(
        name="make NAME champion for ORGANISATION",
        group="Champions",
        handler=appoint,
        help="Name a harmonisation champion for an organisation (team members).",
        examples=("make Nadia Rahman champion for Office for National Statistics",),
        patterns=(
            (
                rf"(?:make|name|appoint|set) (?P<name>.+?) (?:as )?{_CHAMPION} (?:for|of|at) "
                r"(?:the )?(?P<organisation>.+)"
            ),
            (
                rf"(?!(?:who|which|what)\b)(?P<name>.+?) is (?:now )?{_CHAMPION} (?:for|of|at) "
                r"(?:the )?(?P<organisation>.+)"
            ),
        ),
    ),
    Command(
        name="NAME is no longer a champion",
        group="Champions",
        handler=stand_down,
        help="Someone stops being a champion; their updates stay (team members).",
        examples=("Nadia Rahman is no longer a champion",),
        patterns=(
            rf"(?P<name>.+?) is no longer {_CHAMPION}(?: (?:for|of|at) .+)?",
            rf"(?P<name>.+?) is not {_CHAMPION} any ?more",
            rf"(?:remove|stand down) (?P<name>.+?) as {_CHAMPION}",
        ),
    ),
    Command(
        name="champions",
        group="Champions",
        handler=champions,
        help="The harmonisation champions: organisation, champion and their last update.",
        examples=("champions", "who are the champions"),
        patterns=(
            r"(?:list |show )?(?:the |all )?(?:harmonisation )?champions(?: list)?",
            r"who (?:are|is) (?:the |our )?(?:harmonisation )?champions?",
        ),
    ),
    Command(
        name="champion update",
        group="Champions",
        handler=start_update,
        actions=(view.START_UPDATE,),
        help="Give your quarterly update as a champion: what was harmonised, what is blocked.",
        examples=("champion update",),
        patterns=(
            r"(?:give |start |send |do )?(?:my |a |the )?champion(?:'s)? update",
            r"(?:i'?d like to |i want to |can i )?(?:give|send|do) my (?:quarterly )?update",
        ),
    ),
    Command(
        name="champion update (next answer)",
        handler=continue_update,
        resumes=UPDATE_DRAFT,
        paused=view.with_paused_update,
        help="What was harmonised, then what is blocked, as the champion update asked.",
    ),
)
