"""Shared by the understanding evaluation: fresh databases, the command line, shares, tables."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def harmonibot(args: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """One ``harmonibot`` command in a subprocess (run in ``cwd``, so no local .env); stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli.main", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"harmonibot {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def fresh_database(folder: Path, name: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """A new SQLite database made by ``db upgrade`` and ``seed``; the settings that reach it."""
    settings = {"DATABASE_URL": f"sqlite:///{folder / name}.db", **(env or {})}
    harmonibot(["db", "upgrade"], settings, folder)
    harmonibot(["seed"], settings, folder)
    return settings


def rate(flags: Sequence[bool]) -> float | None:
    """The share of true flags, or None when there are none to count."""
    return round(sum(flags) / len(flags), 3) if flags else None


def columns_for(splits: Sequence[str]) -> tuple[str, ...]:
    """The splits a table shows: the one asked for, or both and their union."""
    return (*splits, "all") if len(splits) > 1 else tuple(splits)


def cell(column: str, value: Any) -> str:
    if value is None:
        return "-"
    if column == "mean_score":
        return f"{value:.2f}"
    return f"{value:.0%}" if isinstance(value, float) else str(value)


def print_table(
    title: str, rows: Sequence[tuple[str, dict[str, Any]]], columns: Sequence[str]
) -> None:
    widths = [max(8, len(c) + 2) for c in columns]
    print(f"\n{title}")
    print("  " + f"{'':<10}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for label, row in rows:
        cells = [cell(c, row.get(c)) for c in columns]
        line = "".join(f"{v:>{w}}" for v, w in zip(cells, widths, strict=True))
        print("  " + f"{label:<10}" + line)
