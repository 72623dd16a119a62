"""Benchmark: one whole chat turn through the bot core, on a real SQLite database.

``BotCore.handle`` as every chat calls it: the turn claimed and the asker identified
(``begin_turn``), the message read, routed or decided, the question and the contact stored.
Short messages are the understanding dev set's; long ones are the ~1,500-character posts
``bench_understanding`` builds from them. The catalogue is the shipped one (38 entries) or
grown to 5,000 with synthetic entries. Targets (issue 13): p95 under 50 ms at 40 entries and
under 100 ms at 5,000, long messages included.

    .venv/bin/python bench/bench_chat_turn.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_standards import synthesise  # noqa: E402
from bench_understanding import long_messages  # noqa: E402

from adapters.bootstrap import build_bot, build_runtime, migrate  # noqa: E402
from adapters.settings import load_settings  # noqa: E402
from bot.core import BotCore  # noqa: E402
from bot.messages import Actor, Incoming  # noqa: E402
from commplan.sample import load_sample  # noqa: E402
from commplan.services.seeding import seed  # noqa: E402
from tests.eval.catalogue import load_sample_standards  # noqa: E402
from tests.eval.understanding import dev_messages  # noqa: E402


def bot_on(folder: Path, entries: int) -> BotCore:
    settings = {"DATABASE_URL": f"sqlite:///{folder / f'chat-{entries}.db'}"}
    runtime = build_runtime(load_settings(environ=settings))
    migrate(runtime)
    seed(runtime.uow(), load_sample(None), at=runtime.clock.now())
    extra = synthesise(load_sample_standards(), entries)[len(load_sample_standards()) :]
    with runtime.uow() as repos:
        for standard in extra:
            repos.standards.add(standard)
        repos.commit()
    return build_bot(runtime)


def turn_ms(bot: BotCore, messages: Sequence[str], tag: str) -> list[float]:
    times = []
    for number, text in enumerate(messages):
        incoming = Incoming(
            actor=Actor(platform="cli", user_id="bench", name="Pete Brodie"),
            text=text,
            at=bot.deps.clock.now(),
            conversation=f"{tag}-{number}",
            message_id=f"{tag}-{number}",
        )
        started = time.perf_counter()
        bot.handle(incoming)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    short = [m.text for m in dev_messages()]
    long = long_messages(short, 150)
    print(f"{len(short)} short messages, {len(long)} long (~1,500 characters), as Pete Brodie")
    print(f"{'entries':>8} {'messages':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for entries in (38, 5000):
            bot = bot_on(Path(folder), entries)
            turn_ms(bot, short[:20], f"warm{entries}")  # the index and dateparser, once
            for label, messages in (("short", short), ("long", long)):
                times = turn_ms(bot, messages, f"{label}{entries}")
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"{entries:>8} {label:>9} {statistics.median(times):>7.1f} {p95:>7.1f}"
                    f" {max(times):>7.1f}"
                )


if __name__ == "__main__":
    main()
