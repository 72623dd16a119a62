"""The steering group's view of the dashboard: counts against the baseline and the plan's
progress, never a person.

The steering group decides on the baseline but has no business reading the contact log, which
is personal data. So what this module returns is made of counts, category names (user groups,
organisation types, catalogue standards, months, quarters) and the plan's tactics without their
owners: the types below have no field that could hold a name, an address or a message.

Small counts are withheld (see :data:`SMALL`): "1 contact from a media organisation about
tenure in March" can point at one person as surely as a name.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from commplan.baseline import Period
from commplan.organisations import OrgType, UserGroup
from commplan.people import Directory, Person
from commplan.plan import Phase, Status
from commplan.ports import ContactField, Repositories, UnitOfWork

#: Counts from 1 to SMALL - 1 are withheld; a reader sees "fewer than SMALL".
SMALL = 3
#: What makes a group the steering group ("Steering group members", "NSH Steering Group").
_STEERING = re.compile(r"\bsteering\s+group\b", re.I)


class Withheld(enum.Enum):
    """Why a count is not shown: it is small, or it would give a small one away."""

    SMALL = "small"
    SHIELD = "shield"


@dataclass(frozen=True, kw_only=True)
class CountRow:
    """One category's contacts in the period against the baseline scaled to the same length.

    ``count`` says why when it is withheld; ``baseline`` is None when the baseline's own count
    is withheld; ``change`` whenever either is, since it would give the other away.
    """

    group: str
    count: int | Withheld
    baseline: float | None
    change: float | None


@dataclass(frozen=True, kw_only=True)
class CountTable:
    """Contacts by one field (``by``) against the baseline, largest first or in time order."""

    by: ContactField
    rows: tuple[CountRow, ...]


@dataclass(frozen=True, kw_only=True)
class PhaseProgress:
    """How many of a phase's tactics stand at each status, in :class:`Status` order."""

    phase: Phase
    counts: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class TacticProgress:
    """One tactic as the steering group follows it: what, when and how far, not who."""

    number: int
    name: str
    phase: Phase
    status: Status
    due_by: date | None
    overdue: bool


@dataclass(frozen=True, kw_only=True)
class SteeringView:
    """Everything the steering group's page and downloads show; aggregates only."""

    period: Period
    baseline_period: Period
    total: int | Withheld
    baseline_total: int | Withheld
    by_user_group: CountTable
    by_org_type: CountTable
    by_topic: CountTable
    by_month: CountTable
    by_quarter: CountTable
    progress: tuple[PhaseProgress, ...]
    tactics: tuple[TacticProgress, ...]


def steering_member(uow: UnitOfWork, name: str) -> Person | None:
    """The person by this exact name when a steering group lists them, else None.

    Asked on every request, as ``team_member`` is, so that leaving the group ends access.
    """
    with uow as repos:
        person = repos.people.get(name)
        if person is None:
            return None
        directory = Directory(people=repos.people.all(), groups=repos.groups.all())
    return person if is_steering_member(directory, person) else None


def is_steering_member(directory: Directory, person: Person) -> bool:
    """Whether a steering group of the directory lists ``person``."""
    steering = [g.name for g in directory.groups if _is_steering(g.name, g.aliases)]
    return any(m.name == person.name for m in directory.expand(steering))


def steering_viewer(uow: UnitOfWork, name: str) -> Person | None:
    """The person when they may open the steering group's view: the team, or the group."""
    with uow as repos:
        person = repos.people.get(name)
    if person is not None and person.role.is_team:
        return person
    return steering_member(uow, name)


def _is_steering(name: str, aliases: Sequence[str]) -> bool:
    return any(_STEERING.search(n) for n in (name, *aliases))


def build_steering_view(
    uow: UnitOfWork, *, period: Period, baseline_period: Period, today: date
) -> SteeringView:
    """The aggregates for one period, in one unit of work so that they agree."""
    with uow as repos:
        tables = {
            by: _table(repos, by, period, baseline_period)
            for by in ("user_group", "org_type", "standard", "month", "quarter")
        }
        total = sum(repos.contacts.counts("month", period.first, period.last).values())
        base_total = sum(
            repos.contacts.counts("month", baseline_period.first, baseline_period.last).values()
        )
        latest = repos.plans.latest()
        tactics = repos.tactics.all(latest.year) if latest else []
    counts = Counter((t.phase, t.status) for t in tactics)
    return SteeringView(
        period=period,
        baseline_period=baseline_period,
        total=_shown(total),
        baseline_total=_shown(base_total),
        by_user_group=tables["user_group"],
        by_org_type=tables["org_type"],
        by_topic=tables["standard"],
        by_month=tables["month"],
        by_quarter=tables["quarter"],
        progress=tuple(
            PhaseProgress(phase=p, counts=tuple(counts[(p, s)] for s in Status)) for p in Phase
        ),
        tactics=tuple(
            TacticProgress(
                number=t.number,
                name=t.name,
                phase=t.phase,
                status=t.status,
                due_by=t.window.end if t.window else None,
                overdue=t.is_overdue(today),
            )
            for t in sorted(tactics, key=lambda t: t.number)
        ),
    )


def _table(
    repos: Repositories, by: ContactField, period: Period, baseline_period: Period
) -> CountTable:
    counts = repos.contacts.counts(by, period.first, period.last)
    base = repos.contacts.counts(by, baseline_period.first, baseline_period.last)
    if by in ("month", "quarter"):
        return _in_time(by, counts, base, period, baseline_period)
    every: tuple[str, ...] = ()
    if by == "org_type":
        every = tuple(OrgType)
    elif by == "user_group":
        every = tuple(UserGroup)
    keys = sorted(set(counts) | set(base) | set(every))
    scale = period.days / baseline_period.days
    rows = _rows(
        [k or "not known" for k in keys],
        [counts.get(k, 0) for k in keys],
        [base.get(k, 0) for k in keys],
        [scale] * len(keys),
    )
    # Withheld counts sort as 0 would, so that their place gives no size away either.
    ordered = sorted(rows, key=lambda r: (-_known(r.count), -(r.baseline or 0), r.group.lower()))
    return CountTable(by=by, rows=tuple(ordered))


def _in_time(
    by: ContactField,
    counts: Mapping[str, int],
    base: Mapping[str, int],
    period: Period,
    baseline_period: Period,
) -> CountTable:
    """Every month (or quarter) of the period, each set against the baseline's average one."""
    labels = _labels(period, by)
    units = len(_labels(baseline_period, by))
    baseline_total = sum(base.values())
    # One baseline figure for every row: its average month (or quarter).
    rows = _rows(
        labels,
        [counts.get(label, 0) for label in labels],
        [baseline_total] * len(labels),
        [1 / units] * len(labels),
    )
    return CountTable(by=by, rows=tuple(rows))


def _labels(period: Period, by: ContactField) -> list[str]:
    found: list[str] = []
    day = period.first.replace(day=1)
    while day <= period.last:
        label = f"{day:%Y-%m}" if by == "month" else f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        if label not in found:
            found.append(label)
        day = (day + timedelta(days=32)).replace(day=1)
    return found


def _rows(
    groups: Sequence[str], counts: Sequence[int], bases: Sequence[int], scales: Sequence[float]
) -> list[CountRow]:
    hidden = withheld(counts)
    hidden_base = withheld(bases)
    rows = []
    for i, group in enumerate(groups):
        count: int | Withheld = counts[i]
        if i in hidden:
            count = Withheld.SMALL if counts[i] < SMALL else Withheld.SHIELD
        baseline = None if i in hidden_base else round(bases[i] * scales[i], 1)
        change = (
            round(count - baseline, 1) if isinstance(count, int) and baseline is not None else None
        )
        rows.append(CountRow(group=group, count=count, baseline=baseline, change=change))
    return rows


def withheld(counts: Sequence[int]) -> frozenset[int]:
    """The positions of the counts a table must not show.

    Every count from 1 to ``SMALL - 1``; and when that is only one, the next smallest count
    too, since the period's total (shown above the tables) less the others would give it back.
    """
    small = {i for i, n in enumerate(counts) if 0 < n < SMALL}
    if len(small) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n >= SMALL]
        if others:
            small.add(min(others)[1])
    return frozenset(small)


def _shown(count: int) -> int | Withheld:
    return Withheld.SMALL if 0 < count < SMALL else count


def _known(count: int | Withheld) -> int:
    return count if isinstance(count, int) else 0


#: The chart's bars: contacts per quarter, stacked by user group, small counts left out.
QuarterlyCounts = tuple[tuple[str, dict[str, int]], ...]
_Cell = tuple[str, str]


def steering_chart(uow: UnitOfWork, *, period: Period) -> QuarterlyCounts:
    """Contacts per quarter of the period by user group, with no count a reader could use to
    pick a person out, alone or against the view's tables.

    By quarter rather than month: a month by user group is mostly cells of 1 or 2, which would
    leave little to draw. A cell is left out of the chart (drawn as nothing) when it is 1 or 2,
    or when its quarter's or its group's total is withheld in the tables; then, as the tables
    do, wherever a quarter or a group would have just one cell left out, the next smallest is
    left out too, until none has just one, since the quarter's or group's total (shown in the
    tables) less the cells drawn would give it back. When that cannot be done (a single cell
    left out with nothing else to leave out), the chart falls back to the quarter totals alone,
    withheld as the by-quarter table withholds them.
    """
    with uow as repos:
        found = repos.contacts.counts_by_month("user_group", period.first, period.last)
    quarters = _labels(period, "quarter")
    cells: Counter[_Cell] = Counter()
    for month, counts in found.items():
        quarter = f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
        for group, n in counts.items():
            cells[(quarter, group)] += n
    groups = sorted({g for _, g in cells} | {g.value for g in UserGroup})
    rows = [[(q, g) for g in groups] for q in quarters]
    columns = [[(q, g) for q in quarters] for g in groups]
    hidden = _left_out(cells, rows, columns)
    if hidden is None:
        totals = [sum(cells[c] for c in row) for row in rows]
        gone = withheld(totals)
        return tuple(
            (q, {} if i in gone or not totals[i] else {"all user groups": totals[i]})
            for i, q in enumerate(quarters)
        )
    return tuple(
        (q, {g: cells[(q, g)] for g in groups if cells[(q, g)] and (q, g) not in hidden})
        for q in quarters
    )


def _left_out(
    cells: Mapping[_Cell, int], rows: list[list[_Cell]], columns: list[list[_Cell]]
) -> set[_Cell] | None:
    """The cells a chart must leave out, or None when no choice of them keeps every one safe."""
    hidden = {c for c, n in cells.items() if 0 < n < SMALL}
    open_lines = []
    for kind in (rows, columns):
        totals = [sum(cells.get(c, 0) for c in line) for line in kind]
        closed = withheld(totals)
        for i, line in enumerate(kind):
            if i in closed:
                # Its total is withheld in the tables, so none of its cells is drawn either;
                # the tables' own rule keeps that total from being worked out.
                hidden.update(line)
            else:
                open_lines.append(line)
    while True:
        for line in open_lines:
            secret = [c for c in line if c in hidden and cells.get(c, 0) > 0]
            if len(secret) != 1:
                continue
            spare = sorted((cells.get(c, 0), c) for c in line if c not in hidden and cells.get(c))
            if not spare:
                return None
            hidden.add(spare[0][1])
            break
        else:
            return hidden
