"""What a check finds: one line of the doctor's report."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Status(enum.StrEnum):
    OK = "ok"
    #: Works, but not as well as it could (nothing is posted to a channel, say).
    WARNING = "warning"
    #: Will fail when the bot goes live; ``doctor`` exits non-zero while one remains.
    PROBLEM = "problem"


@dataclass(frozen=True, kw_only=True)
class Finding:
    """``check`` is a stable name for scripts (``slack.token``); ``fix`` says what to do."""

    area: str
    check: str
    status: Status
    detail: str
    fix: str = ""

    def document(self) -> dict[str, str]:
        return {
            "area": self.area,
            "check": self.check,
            "status": self.status.value,
            "detail": self.detail,
            "fix": self.fix,
        }


def ok(area: str, check: str, detail: str) -> Finding:
    return Finding(area=area, check=check, status=Status.OK, detail=detail)


def warning(area: str, check: str, detail: str, fix: str = "") -> Finding:
    return Finding(area=area, check=check, status=Status.WARNING, detail=detail, fix=fix)


def problem(area: str, check: str, detail: str, fix: str) -> Finding:
    return Finding(area=area, check=check, status=Status.PROBLEM, detail=detail, fix=fix)


def problems(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.status is Status.PROBLEM]


def first_line(text: object) -> str:
    lines = str(text).strip().splitlines()
    return lines[0][:200] if lines else ""
