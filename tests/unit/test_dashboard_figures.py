"""A download reads only its own figures, and a chart of any period draws a readable number
of bars with every contact in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from adapters.web.config import DashboardConfig
from adapters.web.loading import LazyFigures
from adapters.web.tables import TABLES
from commplan.baseline import Period
from commplan.contacts import Channel, Contact
from commplan.organisations import OrgType
from commplan.plan import Plan
from commplan.services.dashboard import MAX_BARS, chart_counts
from tests.fakes import FakeDatabase
from tests.fakes.database import FakeUnitOfWork


@dataclass
class Counting:
    """A unit-of-work factory that counts the units a request opens."""

    inner: FakeDatabase
    opened: int = 0

    def __call__(self) -> FakeUnitOfWork:
        self.opened += 1
        return self.inner()


@dataclass(frozen=True)
class Fixed:
    at: datetime

    def now(self) -> datetime:
        return self.at


def _logged(*days: date) -> FakeDatabase:
    database = FakeDatabase()
    with database() as uow:
        uow.plans.add(Plan(year=2026, title="Plan", objectives=()))
        for n, day in enumerate(days):
            uow.contacts.add(
                Contact(on=day, channel=Channel.CHAT, org_type=OrgType.NHS, source_ref=f"c{n}")
            )
        uow.commit()
    return database


def test_a_download_of_one_table_reads_only_that_tables_figures() -> None:
    database = _logged(date(2026, 1, 5), date(2026, 2, 9), date(2026, 2, 10))
    uow = Counting(database)
    config = DashboardConfig(
        uow=uow, clock=Fixed(datetime(2026, 3, 1, 12, tzinfo=UTC)), key=b"k", secure_cookies=False
    )
    year = Period(first=date(2026, 1, 1), last=date(2026, 12, 31))
    quarter = Period(first=date(2026, 1, 1), last=date(2026, 3, 31))

    table = TABLES["by-type"](LazyFigures(config, year, quarter))

    assert [row[:2] for row in table.rows if row[0] == "NHS"] == [("NHS", "3")]
    assert uow.opened == 1  # the baseline report, not the page's eleven figures
    progress = TABLES["progress"](LazyFigures(config, year, quarter))
    assert progress.columns[0] == "phase"
    assert uow.opened == 2


@pytest.mark.parametrize(
    ("last", "first_bar", "bars"),
    [
        (date(2027, 12, 31), "2025-01", 36),  # three years: by month
        (date(2030, 6, 30), "2025-Q1", 22),  # five and a half years: by quarter
        (date(2060, 12, 31), "2025", 36),  # thirty-six years: by year
        (date(2199, 12, 31), "2020s", 18),  # 175 years: by decade
    ],
)
def test_a_chart_of_a_long_period_groups_its_bars_and_keeps_every_contact(
    last: date, first_bar: str, bars: int
) -> None:
    database = _logged(date(2025, 1, 31), date(2025, 2, 1), date(2026, 7, 4), date(2027, 12, 31))

    counts = chart_counts(database(), "org_type", Period(first=date(2025, 1, 1), last=last))

    assert len(counts) == bars <= MAX_BARS
    assert counts[0][0] == first_bar
    assert sum(n for _, by_type in counts for n in by_type.values()) == 4
