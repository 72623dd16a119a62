"""The baseline comparison: contacts of a period against those of a reference period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, kw_only=True)
class Period:
    """An inclusive range of days."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the period ends ({self.last}) before it starts ({self.first})")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True, kw_only=True)
class BaselineRow:
    """One group's contacts in the period against the baseline.

    ``baseline`` is the baseline period's count scaled to the length of the period, so that a
    year can be compared with a quarter; ``change`` is ``count - baseline``.
    """

    group: str
    count: int
    baseline: float
    change: float

    @property
    def change_pct(self) -> float | None:
        """Change relative to the baseline, None when the baseline is zero."""
        return round(self.change / self.baseline * 100, 1) if self.baseline else None


@dataclass(frozen=True, kw_only=True)
class BaselineReport:
    by: str
    period: Period
    baseline_period: Period
    rows: tuple[BaselineRow, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def compare(
    counts: Mapping[str, int],
    baseline_counts: Mapping[str, int],
    *,
    period: Period,
    baseline_period: Period,
    groups: tuple[str, ...] = (),
) -> tuple[BaselineRow, ...]:
    """Rows for every group seen in either period (and every group in ``groups``).

    Rows come largest first, ties by name; a group with no value is reported as "(none)".
    """
    scale = period.days / baseline_period.days
    keys = set(counts) | set(baseline_counts) | set(groups)
    rows = []
    for key in keys:
        count = counts.get(key, 0)
        baseline = round(baseline_counts.get(key, 0) * scale, 1)
        rows.append(
            BaselineRow(
                group=key or "(none)",
                count=count,
                baseline=baseline,
                change=round(count - baseline, 1),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.count, -r.baseline, r.group.lower())))
