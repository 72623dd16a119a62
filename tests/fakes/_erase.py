"""What every fake's ``erase_person`` shares: a frozen value with one person replaced."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from commplan.erasure import Erasure

Value = TypeVar("Value")


def redacted(value: Value, fields: tuple[str, ...], who: Erasure) -> Value:
    """``value`` with ``who`` replaced in ``fields`` (itself when nothing names them)."""
    changes: dict[str, Any] = {}
    for name in fields:
        old = getattr(value, name)
        new = who.redact(old)
        if new != old:
            changes[name] = new
    return replace(value, **changes) if changes else value  # type: ignore[type-var]
