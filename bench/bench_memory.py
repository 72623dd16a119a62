"""Benchmark: resident memory of an idle ``harmonibot serve``.

Budget (DESIGN.md): < 200 MB idle. The process runs as it would in production, with Slack
(over HTTP) and Teams both mounted on a seeded SQLite database: once right after it answers
its health check, and again after it has answered a few hundred web chat turns and gone quiet,
since caches and the standards index fill on first use. Read from /proc (Linux).

Run: .venv/bin/python bench/bench_memory.py [--turns N]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 200.0
HARMONIBOT = str(Path(sys.executable).with_name("harmonibot"))
QUESTIONS = (
    "which standard covers ethnicity",
    "what's overdue",
    "my tactics",
    "plan summary",
    "is there a standard for unpaid care?",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MB, from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def wait_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("serve exited before it was healthy")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("serve did not become healthy within a minute")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300, help="web chat turns before the 2nd read")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="harmonibot-bench-memory-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": "bench-secret",
            # Nothing listens here: an idle process never calls the Web API.
            "SLACK_API_URL": f"http://127.0.0.1:{free_port()}/api/",
            "HARMONIBOT_SECRET_KEY": "bench-key",
        }
        for step in (["db", "upgrade"], ["seed", "--plan-year", "2026"]):
            subprocess.run(
                [HARMONIBOT, *step], env=env, cwd=folder, check=True, capture_output=True
            )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [HARMONIBOT, "serve", "--port", str(port)],
            env=env,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_healthy(base, process)
            time.sleep(2)
            started = rss_mb(process.pid)
            with httpx.Client(base_url=base, timeout=30) as client:
                for turn in range(args.turns):
                    # The name field the endpoint reads: a turn as a member, not a visitor
                    # (a visitor's turn skips the plan and the contact log).
                    response = client.post(
                        "/chat/messages",
                        json={
                            "name": "Pete Brodie",
                            "text": QUESTIONS[turn % len(QUESTIONS)],
                            "message_id": f"bench-{turn}",
                        },
                    )
                    response.raise_for_status()
                    if response.json()["intent"] == "sign_in_needed":
                        raise RuntimeError("the turn was answered as a visitor's")
            time.sleep(2)
            used = rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=20)

    print("| state | resident MB | budget |")
    print("| --- | --- | --- |")
    print(f"| idle after start (Slack and Teams mounted) | {started:.0f} | < {BUDGET_MB:.0f} |")
    print(f"| idle after {args.turns} web chat turns | {used:.0f} | < {BUDGET_MB:.0f} |")
    within = max(started, used) < BUDGET_MB
    print("within budget" if within else "OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
