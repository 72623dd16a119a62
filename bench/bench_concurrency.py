"""Benchmark: 50 web chat users at once, ``harmonibot serve --workers 1`` beside ``--workers 2``.

Budget (issue 17): with 2 workers, 50 concurrent web chat users get their reply with p99 under
300 ms, on PostgreSQL. Each server is the real ``serve`` process on a seeded PostgreSQL schema
of its own (the sample plan in 2026). A round is 50 users each sending one chat turn at the
same moment, each on a connection of its own, as browsers behind a platform's router do; the
kernel deals each connection to one worker's listening socket (``SO_REUSEPORT``, see
``adapters/cli/workers.py``). The users are the sample directory's people (typed names:
``serve`` listens on loopback with no sign-in configured), asking what the web chat is asked:
standards questions from the understanding dev set, and the team's plan questions. Each turn
carries a message id, as the page sends, so it is claimed once.

Both servers run at once and the rounds alternate between them (ABAB, the order swapped each
round), so that other work on the machine weighs on both alike. Each round gives a p50, p95
and p99 and a throughput (turns answered / the round's wall time); the report is the median of
those over the rounds (a warm-up round is not counted): a p99 pooled over one run moves with
any hiccup of a machine shared with other work. The serve processes' CPU time per turn is
counted too, a figure the machine's other work hardly moves. The anchor is
``/healthz`` (one database round trip, no bot) under the same 50 at once, on the same server.
The workers' share of the turns is read from the access log (``worker <pid>``), in all and
round by round: the busiest worker's share of a round is what its last reply waits on.

Run: .venv/bin/python bench/bench_concurrency.py [--rounds N] [--users N] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from seeding import postgres_schema  # noqa: E402
from slack_servers import clean_environment, free_port, process, wait_healthy  # noqa: E402

from tests.eval.understanding import dev_messages  # noqa: E402

BUDGET_P99_MS = 300.0
WORKERS = (1, 2)
#: What the team asks the web chat about the plan, beside standards questions.
PLAN_QUESTIONS = (
    "my tactics",
    "what's overdue",
    "show tactic 12",
    "my actions",
    "what's due this month",
    "help",
)
#: The sample directory's people, who type their names on a local trial.
PEOPLE = (
    "Becki Aquilina",
    "Charlie Wroth-Smith",
    "Palvi Shah",
    "Pete Brodie",
    "Jacqui Jones",
)
_SERVED_BY = re.compile(r'"POST /chat/messages" \d+ .* worker <(\d+)>$')


@dataclass(frozen=True, kw_only=True)
class Round:
    p50: float
    p95: float
    p99: float
    per_second: float


@dataclass(frozen=True, kw_only=True)
class Result:
    workers: int
    turns: list[Round]
    health: list[Round]
    split: list[int]
    #: Each measured round's busiest worker's share of its turns.
    busiest: list[float]
    cpu_ms_per_turn: float


def seed(url: str, folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", "seed", "--plan-year", "2026"],
        cwd=folder,
        env=clean_environment(DATABASE_URL=url),
        check=True,
        capture_output=True,
    )


@dataclass(frozen=True, kw_only=True)
class Server:
    workers: int
    base: str
    log: Path
    pid: int


@contextmanager
def serving(url: str, workers: int, folder: Path) -> Iterator[Server]:
    """``harmonibot serve --workers N`` on a free port."""
    port = free_port()
    log = folder / f"serve-{workers}.log"
    command = [sys.executable, "-m", "adapters.cli.main", "serve", "--port", str(port)]
    environment = clean_environment(DATABASE_URL=url)
    environment.pop("WEB_CONCURRENCY", None)
    with process([*command, "--workers", str(workers)], environment, log) as child:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, child, log)
        yield Server(workers=workers, base=base, log=log, pid=child.pid)


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of the process ``pid`` and its children, the workers."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def conversation(users: int) -> Iterator[list[tuple[str, str]]]:
    """Round after round, what each user says: (name, text)."""
    questions = [m.text for m in dev_messages()]
    texts = itertools.cycle(
        text
        for pair in itertools.zip_longest(questions, PLAN_QUESTIONS * 50)
        for text in pair
        if text
    )
    while True:
        yield [(PEOPLE[user % len(PEOPLE)], next(texts)) for user in range(users)]


async def at_once(requests: list[tuple[str, dict[str, object] | None]], base: str) -> Round:
    """Send every request at the same moment, each on a new connection; their percentiles."""
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(base, connector=connector) as session:

        async def one(path: str, body: dict[str, object] | None) -> float:
            started = time.perf_counter()
            if body is None:
                response = await session.get(path)
            else:
                response = await session.post(path, json=body)
            async with response:
                await response.read()
                if response.status != 200:
                    raise SystemExit(f"{path} answered {response.status}")
            return (time.perf_counter() - started) * 1000

        started = time.perf_counter()
        times = await asyncio.gather(*(one(path, body) for path, body in requests))
        wall = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return Round(
        p50=statistics.median(times), p95=cuts[94], p99=cuts[98], per_second=len(times) / wall
    )


def batch(said: list[tuple[str, str]], tag: str) -> list[tuple[str, dict[str, object] | None]]:
    return [
        ("/chat/messages", {"name": name, "text": text, "message_id": f"bench-{tag}-{user}"})
        for user, (name, text) in enumerate(said)
    ]


async def measure(servers: list[Server], users: int, rounds: int) -> list[Result]:
    """Rounds alternating between the servers (ABAB, the order swapped each round), so that
    what else the machine does weighs on both alike; round 0 warms up and is not counted."""
    said = conversation(users)
    run = uuid.uuid4().hex[:8]
    turns: dict[int, list[Round]] = {server.workers: [] for server in servers}
    health: dict[int, list[Round]] = {server.workers: [] for server in servers}
    cpu: dict[int, float] = dict.fromkeys(turns, 0.0)
    busiest: dict[int, list[float]] = {server.workers: [] for server in servers}
    read: dict[int, int] = dict.fromkeys(turns, 0)
    for number in range(rounds + 1):
        messages = next(said)
        order = servers if number % 2 == 0 else servers[::-1]
        for server in order:
            before = cpu_seconds(server.pid)
            turn_round = await at_once(batch(messages, f"{run}-{number}"), server.base)
            used = cpu_seconds(server.pid) - before
            health_round = await at_once([("/healthz", None)] * users, server.base)
            # The access lines of the round's turns are written by now (after their replies).
            shares, read[server.workers] = split(server.log, read[server.workers])
            if number:  # round 0 warms up every worker: its index, dateparser, its pool
                turns[server.workers].append(turn_round)
                health[server.workers].append(health_round)
                cpu[server.workers] += used
                busiest[server.workers].append(shares[0] / sum(shares) if shares else 0.0)
    return [
        Result(
            workers=server.workers,
            turns=turns[server.workers],
            health=health[server.workers],
            split=split(server.log)[0],
            busiest=busiest[server.workers],
            cpu_ms_per_turn=cpu[server.workers] * 1000 / (users * rounds),
        )
        for server in servers
    ]


def split(log: Path, start: int = 0) -> tuple[list[int], int]:
    """How many chat turns each worker answered after byte ``start`` of the log, most first;
    and where the log ends."""
    with log.open("rb") as file:
        file.seek(start)
        text = file.read()
    whole = text[: text.rfind(b"\n") + 1]  # a line still being written counts next time
    served = Counter(
        match.group(1)
        for line in whole.decode(errors="replace").splitlines()
        if (match := _SERVED_BY.search(line))
    )
    return sorted(served.values(), reverse=True), start + len(whole)


def median_round(rounds: list[Round]) -> Round:
    return Round(
        p50=statistics.median(r.p50 for r in rounds),
        p95=statistics.median(r.p95 for r in rounds),
        p99=statistics.median(r.p99 for r in rounds),
        per_second=statistics.median(r.per_second for r in rounds),
    )


def report(results: list[Result], users: int, rounds: int) -> None:
    load = os.getloadavg()
    print(
        f"{users} web chat users at once, {rounds} rounds (median of per-round figures), "
        f"PostgreSQL; {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}"
    )
    print(
        f"{'workers':>7} {'what':<12} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'per s':>7} {'CPU ms':>7}  turns per worker (busiest's share of a round: median, max)"
    )
    for result in results:
        for what, rounds_of in (("chat turn", result.turns), ("/healthz", result.health)):
            figures = median_round(rounds_of)
            turn = what == "chat turn"
            shares = " / ".join(str(n) for n in result.split) if turn else ""
            if turn and result.workers > 1 and result.busiest:
                shares += f" ({statistics.median(result.busiest):.0%}, {max(result.busiest):.0%})"
            cpu = f"{result.cpu_ms_per_turn:>7.1f}" if turn else " " * 7
            print(
                f"{result.workers:>7} {what:<12} {figures.p50:>7.0f} {figures.p95:>7.0f} "
                f"{figures.p99:>7.0f} {figures.per_second:>7.0f} {cpu}  {shares}"
            )
    two = next((r for r in results if r.workers == 2), None)
    if two is not None:
        p99 = median_round(two.turns).p99
        verdict = "within" if p99 < BUDGET_P99_MS else "OVER"
        print(f"2 workers: chat turn p99 {p99:.0f} ms, {verdict} the {BUDGET_P99_MS:.0f} ms budget")
    print(
        "CPU ms: the serve processes' CPU time (master and workers) per measured chat turn, "
        "PostgreSQL's own not counted; a burst of N turns on C free cores takes about "
        "N x CPU / C"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as stack:
        folder = Path(temporary)
        servers = []
        for workers in WORKERS:
            # A schema each: one server's questions and claims do not slow the other's.
            url = stack.enter_context(postgres_schema(args.postgres))
            seed(url, folder)
            servers.append(stack.enter_context(serving(url, workers, folder)))
        results = asyncio.run(measure(servers, args.users, args.rounds))
    report(results, args.users, args.rounds)


if __name__ == "__main__":
    main()
