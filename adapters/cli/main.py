"""Entry point: ``harmonibot <command> ...``.

The command modules import the composition root, Slack, Teams, aiohttp and the scheduler
inside the functions that run them, so that ``harmonibot --help`` and the quick commands load
no platform library.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from adapters.cli import (
    champions,
    chat,
    checks,
    clock,
    dashboard,
    data,
    doctor,
    golive,
    inbox,
    reports,
    serve,
    tactics,
)
from adapters.cli.output import warn
from adapters.settings import SettingsError, load_settings
from bot.ports import MailSourceError
from commplan.errors import CommplanError, ImportRejected

logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="harmonibot",
        description="Chat bot and tracker for a statistics harmonisation team.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (
        data,
        tactics,
        reports,
        checks,
        chat,
        clock,
        serve,
        dashboard,
        inbox,
        golive,
        doctor,
        champions,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    from sqlalchemy.exc import SQLAlchemyError

    from adapters.bootstrap import build_runtime
    from storage.engine import DatabaseUrlError, describe_failure

    args = build_parser().parse_args(argv)
    # The long-running processes say what they do; one-shot commands only what went wrong.
    quiet = logging.INFO if args.command in ("serve", "clock") else logging.WARNING
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else quiet,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        runtime = build_runtime(load_settings())
    except (SettingsError, DatabaseUrlError) as error:
        warn(f"configuration: {error}")
        return 2
    try:
        code: int = args.run(args, runtime)
        return code
    except (SettingsError, DatabaseUrlError) as error:
        warn(f"configuration: {error}")
        return 2
    except ImportRejected as error:
        warn(str(error))
        return 1
    except (CommplanError, MailSourceError) as error:
        warn(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``); say nothing more.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except argparse.ArgumentTypeError as error:
        # A value argparse could not check alone (a period that ends before it starts).
        warn(f"error: {error}")
        return 2
    except OSError as error:
        # A file or folder named on the command line: which one, and what is wrong with it.
        where = f": {error.filename}" if error.filename else ""
        warn(f"error: {error.strerror or type(error).__name__}{where}")
        return 1
    except SQLAlchemyError as error:
        logger.debug("the database failed", exc_info=True)
        warn(f"database: {describe_failure(error, runtime.settings.database_url)}")
        return 1
    except Exception as error:
        # A person reads one line; the traceback is for whoever runs it again with -v.
        logger.debug("the command failed", exc_info=True)
        warn(f"error: {type(error).__name__}: {_first_line(error)} (--verbose shows where)")
        return 1
    finally:
        runtime.engine.dispose()


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else "no detail"


if __name__ == "__main__":
    sys.exit(main())
