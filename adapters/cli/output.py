"""How the command line prints: one JSON document, or human-readable lines."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def emit_json(document: Any) -> None:
    """Write exactly one JSON document to stdout."""
    sys.stdout.write(json.dumps(document, default=_default, ensure_ascii=False, indent=2) + "\n")


def emit_json_line(document: Any) -> None:
    """Write one JSON line and flush, so that a pipe sees it at once."""
    sys.stdout.write(json.dumps(document, default=_default, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def say(text: str = "") -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)
