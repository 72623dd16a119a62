"""Benchmark: how fast ``harmonibot serve`` acknowledges Slack, beside a bare Bolt app.

Budget (DESIGN.md): for 50 concurrent signed slash commands, and 50 concurrent events, on
SQLite, the acknowledgement's p99 < 300 ms and within 1.5x of a bare Bolt app on aiohttp that
answers a constant, measured in the same run on the same machine. Both servers are processes
of their own, as is the recording stand-in for Slack's Web API that ``serve`` answers through.
The batches alternate between the two servers (ABAB, the order swapped each round), a warm-up
round is not counted, and each batch of ``serve`` waits until its answers have all reached the
stand-in, so that no batch inherits another's work. Each batch gives a p50 and a p99; the
report is the median of those over the rounds, per server, and serve's ratio to the bare app:
a p99 pooled over one run moves with any hiccup of a loaded machine.

Run: .venv/bin/python bench/bench_slack.py [--rounds N] [--concurrency N]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from slack_servers import (
    SECRET,
    TOKEN,
    bare_command,
    clean_environment,
    free_port,
    process,
    recorder,
    seed,
    wait_healthy,
)

BUDGET_P99_MS = 300.0
BUDGET_RATIO = 1.5
QUESTION = "which standard covers ethnicity"


# -- load ----------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Signed:
    body: bytes
    headers: dict[str, str]


def signed(body: str, content_type: str) -> Signed:
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return Signed(
        body=body.encode(),
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": "v0=" + digest.hexdigest(),
        },
    )


def commands(count: int, tag: str, hooks: str) -> list[Signed]:
    return [
        signed(
            urlencode(
                {
                    "team_id": "T0TEST",
                    "channel_id": "C0BENCH",
                    "user_id": "UPETE",
                    "command": "/harmonise",
                    "text": QUESTION,
                    "response_url": f"{hooks}bench-{tag}-{n}",
                    "trigger_id": f"trigger-{tag}-{n}",
                }
            ),
            "application/x-www-form-urlencoded",
        )
        for n in range(count)
    ]


def events(count: int, tag: str) -> list[Signed]:
    return [
        signed(
            json.dumps(
                {
                    "team_id": "T0TEST",
                    "type": "event_callback",
                    "event_id": f"Ev-{tag}-{n}",
                    "event_time": int(time.time()),
                    "event": {
                        "type": "app_mention",
                        "user": "UPETE",
                        "text": f"<@UBOT> {QUESTION}",
                        "ts": f"{int(time.time())}.{n:06d}",
                        "channel": "C0BENCH",
                    },
                }
            ),
            "application/json",
        )
        for n in range(count)
    ]


async def fire(session: aiohttp.ClientSession, url: str, requests: list[Signed]) -> list[float]:
    """Send all at once; each request's time to a complete acknowledgement, in ms."""

    async def one(request: Signed) -> float:
        started = time.perf_counter()
        async with session.post(url, data=request.body, headers=request.headers) as response:
            await response.read()
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
        return (time.perf_counter() - started) * 1000

    return list(await asyncio.gather(*(one(r) for r in requests)))


async def recorded(session: aiohttp.ClientSession, api_root: str) -> int:
    async with session.get(f"{api_root}_calls") as response:
        calls = await response.json()
    return sum(1 for c in calls if c["method"] in ("chat.postMessage", "response_url"))


async def settle(session: aiohttp.ClientSession, api_root: str, expected: int) -> None:
    """Wait until serve's answers have all reached the stand-in (its background is idle)."""
    deadline = time.monotonic() + 120
    while await recorded(session, api_root) < expected:
        if time.monotonic() > deadline:
            raise SystemExit("serve did not answer everything it acknowledged")
        await asyncio.sleep(0.05)


SERVERS = ("bare Bolt app", "harmonibot serve")
KINDS = ("slash commands", "events")


@dataclass(frozen=True, kw_only=True)
class Round:
    """One measured batch: its server, its kind of request and the percentiles of its times."""

    server: str
    kind: str
    p50: float
    p99: float


async def measure(
    serve_url: str, bare_url: str, api_root: str, rounds: int, concurrency: int
) -> list[Round]:
    """Batches of each kind, the two servers interleaved (ABAB, the order swapped each round).

    Round 0 warms both up (Bolt's ``auth.test``, the database, the interpreter's caches) and
    is not counted. Each batch of ``serve`` waits until its answers have all reached the
    stand-in, so that no batch of either server shares the machine with that work.
    """
    measured: list[Round] = []
    answered = 0
    urls = dict(zip(SERVERS, (bare_url, serve_url), strict=True))
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        for number in range(rounds + 1):
            order = SERVERS if number % 2 == 0 else SERVERS[::-1]
            for kind in KINDS:
                for name in order:
                    tag = f"{name.split()[0]}-{number}"
                    batch = (
                        commands(concurrency, tag, api_root + "hooks/")
                        if kind == "slash commands"
                        else events(concurrency, tag)
                    )
                    times = await fire(session, f"{urls[name]}/slack/events", batch)
                    if name == "harmonibot serve":
                        answered += len(batch)
                        await settle(session, api_root, answered)
                    if number:
                        measured.append(
                            Round(
                                server=name,
                                kind=kind,
                                p50=statistics.median(times),
                                p99=percentile(times, 99),
                            )
                        )
    return measured


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(measured: list[Round], concurrency: int) -> bool:
    """The median over rounds of each server's p50 and p99, and serve's ratio to the bare app.

    A round's p99 is one batch's worst few requests, which one hiccup of the machine moves;
    the median over rounds is what a run of the benchmark can be compared on.
    """
    rounds = len(measured) // (len(SERVERS) * len(KINDS))
    print(
        f"\nSlack acknowledgement latency: {concurrency} concurrent signed requests a batch, "
        f"{rounds} rounds per server and kind, interleaved; the median over rounds\n"
    )
    print("| server | requests | p50 ms | p99 ms | p99 range over rounds ms |")
    print("| --- | --- | --- | --- | --- |")
    medians: dict[tuple[str, str], tuple[float, float]] = {}
    for kind in KINDS:
        for name in SERVERS:
            mine = [r for r in measured if r.server == name and r.kind == kind]
            p50 = statistics.median(r.p50 for r in mine)
            p99 = statistics.median(r.p99 for r in mine)
            medians[(name, kind)] = (p50, p99)
            low, high = min(r.p99 for r in mine), max(r.p99 for r in mine)
            print(f"| {name} | {kind} | {p50:.1f} | {p99:.1f} | {low:.1f}-{high:.1f} |")
    ok = True
    print()
    for kind in KINDS:
        (ours_p50, ours), (bare_p50, bare) = (
            medians[(SERVERS[1], kind)],
            medians[(SERVERS[0], kind)],
        )
        ratio = ours / bare
        within = ours < BUDGET_P99_MS and ratio <= BUDGET_RATIO
        ok = ok and within
        print(
            f"{kind}: serve p99 {ours:.1f} ms, {ratio:.2f}x the bare app's "
            f"(p50 {ours_p50 / bare_p50:.2f}x; budget p99 < {BUDGET_P99_MS:.0f} ms and "
            f"<= {BUDGET_RATIO}x): {'within' if within else 'OVER'}"
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=15, help="measured rounds per server and kind"
    )
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary, recorder(Path(temporary)) as api_root:
        directory = Path(temporary)
        api_url = api_root + "api/"
        database = seed(directory)
        serve_port, bare_port = free_port(), free_port()
        serve_env = clean_environment(
            DATABASE_URL=database,
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=api_url,
        )
        serve_log, bare_log = directory / "serve.log", directory / "bare.log"
        serve_command = [
            sys.executable,
            "-m",
            "adapters.cli.main",
            "serve",
            "--port",
            str(serve_port),
        ]
        with (
            process(serve_command, serve_env, serve_log) as serve,
            process(bare_command(bare_port, api_url), clean_environment(), bare_log) as bare,
        ):
            serve_url, bare_url = f"http://127.0.0.1:{serve_port}", f"http://127.0.0.1:{bare_port}"
            wait_healthy(serve_url, serve, serve_log)
            wait_healthy(bare_url, bare, bare_log)
            measured = asyncio.run(
                measure(serve_url, bare_url, api_root, args.rounds, args.concurrency)
            )
        within = report(measured, args.concurrency)
    raise SystemExit(0 if within else 1)


if __name__ == "__main__":
    main()
