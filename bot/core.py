"""The bot core: who is talking, which command answers, and errors turned into replies.

It knows commands only through a :class:`Router`; which commands, dialogues and fallback
there are is wired in ``bot.commands`` (an import-linter contract keeps it that way).
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Iterable
from pathlib import Path

from bot.command import STALE_BUTTON, Command
from bot.keys import conversation_key, message_key
from bot.messages import Incoming, Intent, Reply, Text
from bot.router import Router
from bot.turn import Deps, Turn
from commplan.errors import CommplanError, InvalidInput, NotAllowed, NotFound
from commplan.services.turns import begin_turn

logger = logging.getLogger(__name__)


class BotCore:
    """Answers one incoming message with one reply, the same for every chat.

    ``commands`` is a router (``bot.commands.builtin_router()`` for the built-in ones), or
    bare commands, routed with a plain "not understood" for the rest.
    """

    def __init__(self, deps: Deps, commands: Router | Iterable[Command]) -> None:
        self.deps = deps
        self.router = commands if isinstance(commands, Router) else Router(commands)

    async def handle_async(self, incoming: Incoming) -> Reply:
        """The async edges' bridge into the synchronous core."""
        return await asyncio.to_thread(self.handle, incoming)

    def handle(self, incoming: Incoming) -> Reply:
        """Answer a message or button press; never raises for anything a user can cause.

        One unit of work starts the turn (see :func:`begin_turn`) and the command's service
        call is the other. A message whose id was answered before gets a reply with the
        intent :attr:`Intent.DUPLICATE`, which chats drop.
        """
        try:
            actor = incoming.actor
            start = begin_turn(
                self.deps.uow(),
                message_key=message_key(incoming) if incoming.message_id else "",
                platform=actor.platform,
                user_id=actor.user_id,
                email=actor.email,
                name=actor.name,
                conversation_key=conversation_key(incoming),
                at=incoming.at,
            )
            if start.duplicate:
                logger.info("a %s message arrived again; it was answered once", actor.platform)
                return Reply(text="Already answered.", intent=Intent.DUPLICATE)
            turn = Turn(incoming=incoming, person=start.person, draft=start.draft, deps=self.deps)
            return self.router.answer(turn)
        except CommplanError as error:
            return error_reply(error)
        except (ValueError, LookupError) as error:
            if incoming.action is None:
                logger.exception("failed to answer a message from %s", incoming.actor.platform)
                return _went_wrong()
            # A button's value is the caller's to forge or garble: a refusal, not a fault.
            # Where it failed, never the value, goes to the log.
            logger.warning(
                "a %s button %r carried a value that does not decode (%s at %s)",
                incoming.actor.platform,
                incoming.action.action_id[:60],
                type(error).__name__,
                _where(error),
            )
            return error_reply(InvalidInput(STALE_BUTTON))
        except Exception:
            logger.exception("failed to answer a message from %s", incoming.actor.platform)
            return _went_wrong()


def _went_wrong() -> Reply:
    return Reply(
        text="Sorry, something went wrong on my side. The team has been told in the logs.",
        intent=Intent.ERROR,
    )


def _where(error: BaseException) -> str:
    """The file and line an error was raised at (the innermost frame of its traceback)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno}"


def error_reply(error: CommplanError) -> Reply:
    """The one place that turns domain errors into what the user reads."""
    if isinstance(error, NotAllowed):
        intent = Intent.NOT_ALLOWED
    elif isinstance(error, NotFound):
        intent = Intent.NOT_FOUND
    else:
        intent = Intent.INVALID
    return Reply(blocks=(Text(text=str(error)),), intent=intent)
