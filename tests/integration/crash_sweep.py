"""One nudge sweep in a process of its own, every message written to a file as it is sent.

``python -m tests.integration.crash_sweep DATABASE_URL AT RECORD``: the crash test kills this
process part-way and reads the file, which stands for what people received.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from adapters.bootstrap import SystemClock
from adapters.calendar import uk_working_days
from bot.jobs import JobDeps
from bot.jobs.nudges import sweep
from bot.messages import Reply
from commplan.people import Person
from commplan.ranking import StandardsIndex
from storage.engine import make_engine
from storage.uow import unit_of_work_factory

LONDON = ZoneInfo("Europe/London")


class RecordingMessenger:
    """Delivers by appending a line per message: who got it and what it was about."""

    def __init__(self, record: TextIO) -> None:
        self._record = record

    async def send_direct(self, person: Person, reply: Reply) -> str:
        self._write(person.name, reply)
        return "slack"

    async def send_team(self, reply: Reply) -> str:
        self._write("team", reply)
        return "slack"

    def _write(self, who: str, reply: Reply) -> None:
        # Written through at once: a killed process keeps every line it wrote.
        self._record.write(f"{who}\t{reply.intent}\n")
        self._record.flush()


def main(argv: list[str]) -> int:
    url, at, record_path = argv
    engine = make_engine(url)
    deps = JobDeps(
        uow=unit_of_work_factory(engine),
        clock=SystemClock(zone=LONDON),
        standards=lambda: StandardsIndex.build([]),
        calendar=uk_working_days(),
    )
    with open(record_path, "a", encoding="utf-8") as record:
        sent = asyncio.run(sweep(deps, RecordingMessenger(record), datetime.fromisoformat(at)))
    engine.dispose()
    sys.stdout.write(f"{len(sent)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
