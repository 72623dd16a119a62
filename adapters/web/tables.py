"""The dashboard's tables and charts by name: one definition feeds the page, the downloads
and the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from commplan.baseline import BaselineReport
from commplan.gaps import Gaps, Trend
from commplan.inbox_figures import InboxFigures, MonthResponse
from commplan.plan import Phase, Status, Tactic
from commplan.questions import Question
from commplan.services.dashboard import MonthlyCounts, Progress


class Figures(Protocol):
    """What the tables read: a whole :class:`Dashboard` for the page, or, for one download,
    figures loaded only when a table reads them (``loading.LazyFigures``)."""

    @property
    def by_type(self) -> BaselineReport: ...
    @property
    def by_group(self) -> BaselineReport: ...
    @property
    def monthly_by_type(self) -> MonthlyCounts: ...
    @property
    def monthly_by_group(self) -> MonthlyCounts: ...
    @property
    def gaps(self) -> Gaps: ...
    @property
    def rising(self) -> tuple[Trend, ...]: ...
    @property
    def progress(self) -> Progress: ...
    @property
    def overdue(self) -> tuple[Tactic, ...]: ...
    @property
    def unanswered(self) -> tuple[Question, ...]: ...
    @property
    def inbox(self) -> InboxFigures: ...
    @property
    def inbox_by_month(self) -> tuple[MonthResponse, ...]: ...


@dataclass(frozen=True, kw_only=True)
class TableData:
    """One table as text: its caption, column names and rows, ready for HTML, CSV or XLSX."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _baseline_table(title: str, report: BaselineReport) -> TableData:
    return TableData(
        title=title,
        columns=("group", "count", "baseline", "change"),
        rows=tuple(
            (r.group, str(r.count), f"{r.baseline:g}", f"{r.change:+g}") for r in report.rows
        ),
    )


def _monthly_table(title: str, months: Sequence[tuple[str, dict[str, int]]]) -> TableData:
    groups = sorted({g for _, counts in months for g in counts})
    return TableData(
        title=title,
        columns=("month", *(g or "not known" for g in groups), "total"),
        rows=tuple(
            (label, *(str(counts.get(g, 0)) for g in groups), str(sum(counts.values())))
            for label, counts in months
        ),
    )


def _overdue_title(dashboard: Figures) -> str:
    inbox = dashboard.inbox
    title = f"Open queries unanswered after {inbox.unanswered_after_days} working days"
    if inbox.overdue_count > len(inbox.overdue):
        title += f" (the oldest {len(inbox.overdue)} of {inbox.overdue_count})"
    return title


TABLES: dict[str, Callable[[Figures], TableData]] = {
    "by-type": lambda d: _baseline_table(
        "Contacts by organisation type against the baseline", d.by_type
    ),
    "by-group": lambda d: _baseline_table(
        "Contacts by user group against the baseline", d.by_group
    ),
    "monthly-type": lambda d: _monthly_table(
        "Contacts per month by organisation type", d.monthly_by_type
    ),
    "monthly-group": lambda d: _monthly_table(
        "Contacts per month by user group", d.monthly_by_group
    ),
    "quiet-groups": lambda d: TableData(
        title=f"User groups not heard from in {d.gaps.days} days",
        columns=("user group", "last contact"),
        rows=tuple(
            (q.name, q.last_contact.isoformat() if q.last_contact else "never")
            for q in d.gaps.user_groups
        ),
    ),
    "quiet-organisations": lambda d: TableData(
        title=f"Organisations not heard from in {d.gaps.days} days",
        columns=("organisation", "last contact"),
        rows=tuple(
            (q.name, q.last_contact.isoformat() if q.last_contact else "never")
            for q in d.gaps.organisations
        ),
    ),
    "rising": lambda d: TableData(
        title="Topics on the rise",
        columns=("standard", "this period", "before"),
        rows=tuple((t.topic, str(t.recent), str(t.before)) for t in d.rising),
    ),
    "progress": lambda d: TableData(
        title="The plan by phase and status",
        columns=("phase", *(s.value for s in Status)),
        rows=tuple((p.label, *(str(d.progress[p][s]) for s in Status)) for p in Phase),
    ),
    "overdue": lambda d: TableData(
        title="Overdue tactics",
        columns=("tactic", "name", "due by", "owners"),
        rows=tuple(
            (
                str(t.number),
                t.name,
                t.window.end.isoformat() if t.window else "",
                ", ".join(t.owners),
            )
            for t in d.overdue
        ),
    ),
    "unanswered": lambda d: TableData(
        title="Questions nobody could answer",
        columns=("asked", "question", "by"),
        rows=tuple((f"{q.asked_at:%Y-%m-%d}", q.text, q.asker) for q in d.unanswered),
    ),
    "inbox-months": lambda d: TableData(
        title="Inbox response times by month",
        columns=("month", "received", "answered", "median hours to first answer"),
        rows=tuple(
            (
                f"{m.month:%Y-%m}",
                str(m.received),
                str(m.answered),
                "" if m.median_hours is None else f"{m.median_hours:g}",
            )
            for m in d.inbox_by_month
        ),
    ),
    "inbox-overdue": lambda d: TableData(
        title=_overdue_title(d),
        columns=("received", "subject", "organisation", "days waiting"),
        rows=tuple(
            (f"{q.received_at:%Y-%m-%d}", q.subject, q.organisation, str(q.age_days))
            for q in d.inbox.overdue
        ),
    ),
}

#: The charts by name: the title and the contacts field their bars stack by.
CHARTS: dict[str, tuple[str, Literal["org_type", "user_group"]]] = {
    "monthly-type": ("Contacts per month by organisation type", "org_type"),
    "monthly-group": ("Contacts per month by user group", "user_group"),
}
