"""The steering group's view: counts against the baseline, small ones withheld, no person.

Monday 6 July 2026, the sample plan moved to 2026, baseline Q1 2026 (90 days). The log:

- Feb: 9 e-mails from Cabinet Office (central government, major policy) on ethnicity;
- Mar: 4 calls from Leeds City Council (local government, sub national) on tenure;
- Jul: 1 e-mail from the Quietly Identifiable Trust (charity, voluntary sector) on unpaid care.

Every contact carries a name, an address and a summary that must never reach the view.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date, datetime
from html import escape
from pathlib import Path

import pytest

from adapters.files import read_table, write_table
from adapters.web.steering import NOTE, TABLES, render_steering
from commplan.baseline import Period
from commplan.contacts import Channel, Contact
from commplan.organisations import Organisation, OrgType, UserGroup
from commplan.people import Group, Person
from commplan.plan import Phase, Status, Tactic
from commplan.sample import load_sample
from commplan.services.seeding import seed
from commplan.services.steering import (
    SteeringView,
    Withheld,
    build_steering_view,
    steering_chart,
    steering_member,
    steering_viewer,
    withheld,
)
from tests.conftest import LONDON
from tests.fakes import FakeDatabase

SMALL, SHIELD = Withheld.SMALL, Withheld.SHIELD
NOW = datetime(2026, 7, 6, 10, 0, tzinfo=LONDON)
YEAR = Period(first=date(2026, 1, 1), last=date(2026, 12, 31))
Q1 = Period(first=date(2026, 1, 1), last=date(2026, 3, 31))
ETHNICITY = "Ethnicity harmonised standard"
TENURE = "Tenure harmonised standard"
CARE = "Unpaid care harmonised standard"
CABINET = Organisation(
    name="Cabinet Office", org_type=OrgType.CENTRAL_GOVERNMENT, user_group=UserGroup.MAJOR_POLICY
)
LEEDS = Organisation(
    name="Leeds City Council", org_type=OrgType.LOCAL_GOVERNMENT, user_group=UserGroup.SUB_NATIONAL
)
TRUST = Organisation(
    name="Quietly Identifiable Trust", org_type=OrgType.CHARITY, user_group=UserGroup.VOLUNTARY
)
#: What a contact says about a person; none of it may appear in the view.
PERSONAL = (
    "Zebedee Quagmire",
    "zebedee.quagmire@example.org",
    "Ottoline Farthingale",
    "o.farthingale@leeds.gov.uk",
    "Mirabel Tristram-Oakes",
    "mirabel@quietly-identifiable.org.uk",
    "my daughter's school census answer",
    "Quietly Identifiable Trust",
)


def _contact(n: int, org: Organisation, on: date, standard: str, who: int) -> Contact:
    name, email = PERSONAL[2 * who], PERSONAL[2 * who + 1]
    return Contact(
        on=on,
        channel=Channel.INBOX,
        name=name,
        email=email,
        organisation=org.name,
        org_type=org.org_type,
        user_group=org.user_group,
        standard=standard,
        summary=f"{PERSONAL[6]} ({name}, {n})",
        source_ref=f"test:{n}",
    )


@pytest.fixture
def database() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    contacts = [
        *(_contact(n, CABINET, date(2026, 2, n), ETHNICITY, 0) for n in range(1, 10)),
        *(_contact(10 + n, LEEDS, date(2026, 3, n), TENURE, 1) for n in range(1, 5)),
        _contact(20, TRUST, date(2026, 7, 1), CARE, 2),
    ]
    with database() as uow:
        for org in (CABINET, LEEDS, TRUST):
            uow.organisations.add(org)
        for contact in contacts:
            uow.contacts.add(contact)
        uow.commit()
    return database


@pytest.fixture
def view(database: FakeDatabase) -> SteeringView:
    return build_steering_view(database(), period=YEAR, baseline_period=Q1, today=NOW.date())


def _owners(database: FakeDatabase) -> set[str]:
    """The people the plan names as owners (the groups are not people)."""
    with database() as uow:
        people = {p.name for p in uow.people.all()}
        return {o for t in uow.tactics.all(2026) for o in t.owners if o in people}


def test_counts_under_three_are_withheld_and_one_alone_takes_the_next_with_it() -> None:
    assert withheld([0, 4, 9]) == frozenset()
    assert withheld([1, 2, 9]) == {0, 1}
    # 1 alone beside a total would be 13 - 9 - 3: the 3 goes too.
    assert withheld([1, 3, 9, 0]) == {0, 1}
    assert withheld([2]) == {0}


def test_the_view_counts_by_group_type_topic_and_period(view: SteeringView) -> None:
    by_type = {r.group: (r.count, r.baseline, r.change) for r in view.by_org_type.rows}
    # 365 days against 90: the baseline's 9 scale to 36.5, its 4 to 16.2.
    assert by_type[OrgType.CENTRAL_GOVERNMENT.value] == (9, 36.5, -27.5)
    assert by_type[OrgType.LOCAL_GOVERNMENT.value] == (SHIELD, 16.2, None)
    assert by_type[OrgType.NHS.value] == (0, 0, 0)
    # The trust's one contact is withheld, and the smallest other count (Leeds's 4) with it.
    assert by_type[OrgType.CHARITY.value] == (SMALL, 0, None)
    by_topic = {r.group: r.count for r in view.by_topic.rows}
    assert by_topic == {ETHNICITY: 9, TENURE: SHIELD, CARE: SMALL}
    by_group = {r.group: r.count for r in view.by_user_group.rows}
    assert by_group[UserGroup.MAJOR_POLICY.value] == 9
    assert by_group[UserGroup.VOLUNTARY.value] is SMALL
    months = {r.group: r.count for r in view.by_month.rows}
    assert list(months)[:3] == ["2026-01", "2026-02", "2026-03"] and len(months) == 12
    assert months["2026-02"] == 9 and months["2026-03"] is SHIELD and months["2026-07"] is SMALL
    # March's 4 go with July's 1. Q1's 13 contacts make an average month of 4.3 and an
    # average quarter of 13.
    assert view.by_month.rows[0].baseline == 4.3
    # Q3's one contact alone would be the total less Q1's 13: Q1 is withheld with it.
    quarters = {r.group: (r.count, r.baseline) for r in view.by_quarter.rows}
    assert quarters == {
        "2026-Q1": (SHIELD, 13),
        "2026-Q2": (0, 13),
        "2026-Q3": (SMALL, 13),
        "2026-Q4": (0, 13),
    }
    assert view.total == 14 and view.baseline_total == 13


def test_the_plan_by_phase_and_status_and_tactics_without_owners(view: SteeringView) -> None:
    assert sum(sum(p.counts) for p in view.progress) == 34
    assert [p.phase for p in view.progress] == list(Phase)
    blog = view.tactics[0]
    assert (blog.number, blog.name, blog.status) == (1, "Harmonisation blog", Status.COMPLETE)
    assert any(t.overdue for t in view.tactics)


def test_the_view_type_has_no_field_that_could_hold_a_person() -> None:
    hints = typing.get_type_hints(SteeringView)
    assert hints  # resolvable: the check below sees real types, not strings
    fields = set()
    stack: list[object] = [SteeringView]
    while stack:
        kind = stack.pop()
        if dataclasses.is_dataclass(kind) and isinstance(kind, type):
            for name, hint in typing.get_type_hints(kind).items():
                fields.add(f"{kind.__name__}.{name}")
                stack.extend((hint, *typing.get_args(hint)))
        else:
            stack.extend(typing.get_args(kind))
    named = {f for f in fields if re.search(r"name|email|owner|summary|text|who|person", f)}
    # A tactic's name is the plan's, not a person's; nothing else may carry words.
    assert named == {"TacticProgress.name"}


def test_the_page_and_every_download_hold_no_person(
    database: FakeDatabase, view: SteeringView, tmp_path: Path
) -> None:
    html = render_steering(view, "Pete Brodie", "", team=False)
    owners = _owners(database) - {"Pete Brodie"}
    assert owners  # the sample plan names people as owners
    for secret in (*PERSONAL, *owners):
        assert secret not in html, secret
    assert "&lt;3" in html and "Counts of 1 to 2" in html and escape(NOTE) in html
    # Leeds's 4 shields the trust's 1: it reads "withheld", never "<3", which would be untrue.
    assert "<th scope='row'>Local Government</th><td class='num'>withheld</td>" in html
    assert "<th scope='row'>Charity</th><td class='num'>&lt;3</td>" in html
    for name, make in TABLES.items():
        table = make(view)
        rows = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
        for fmt in ("csv", "xlsx"):
            path = tmp_path / f"{name}.{fmt}"
            path.write_bytes(write_table(rows, table.columns, fmt=fmt))
            cells = {c for row in read_table(path).rows for c in row.values.values()}
            text = " ".join(cells)
            for secret in (*PERSONAL, *owners):
                assert secret not in text, (name, fmt, secret)
    assert "Harmonisation blog" in html


def test_tactic_names_are_escaped(database: FakeDatabase) -> None:
    with database() as uow:
        uow.tactics.add(
            Tactic(plan_year=2026, number=99, name="<script>alert(1)</script>", phase=Phase.Q4)
        )
        uow.commit()
    view = build_steering_view(database(), period=YEAR, baseline_period=Q1, today=NOW.date())
    # Tactic 99 is on the tactics table's last page; a page past the last shows the last.
    html = render_steering(view, "Pete <b>", "", team=True, links={"tactics_page": "99"})
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert "Pete &lt;b&gt;" in html and "The team's dashboard" in html


def test_the_steering_group_and_the_team_may_see_it_and_nobody_else(
    database: FakeDatabase,
) -> None:
    assert steering_member(database(), "Pete Brodie") is not None
    assert steering_member(database(), "Andy Bates") is None
    assert steering_member(database(), "Becki Aquilina") is not None  # on both
    assert steering_viewer(database(), "Charlie Wroth-Smith") is not None  # the team
    assert steering_viewer(database(), "Andy Bates") is None
    assert steering_viewer(database(), "a stranger") is None
    with database() as uow:
        uow.people.add(Person(name="Nadia Ng"))
        uow.groups.add(Group(name="NSH Steering Group", members=("Nadia Ng",)))
        uow.commit()
    assert steering_member(database(), "Nadia Ng") is not None
    with database() as uow:
        uow.groups.save(Group(name="NSH Steering Group", members=()))
        uow.commit()
    assert steering_member(database(), "Nadia Ng") is None


def _grid(grid: dict[int, tuple[int, int, int]]) -> FakeDatabase:
    """Contacts per quarter from Major policy, Sub-national and Voluntary organisations."""
    database = FakeDatabase()
    orgs = (CABINET, LEEDS, TRUST)
    n = 0
    with database() as uow:
        for quarter, counts in grid.items():
            for org, count in zip(orgs, counts, strict=True):
                for _ in range(count):
                    n += 1
                    on = date(2026, 3 * quarter - 1, 1 + n % 28)
                    uow.contacts.add(_contact(n, org, on, ETHNICITY, 0))
        uow.commit()
    return database


def test_the_chart_draws_no_count_a_reader_could_work_back() -> None:
    # The trust's single contact is in Q2.
    database = _grid({1: (9, 4, 0), 2: (5, 6, 1), 3: (7, 3, 0), 4: (4, 5, 0)})
    chart = dict(steering_chart(database(), period=YEAR))
    assert list(chart) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    # The trust's 1 is withheld, and Sub-national's 18 with it in the by-group table, so no
    # Sub-national or Voluntary bar shows; then each quarter with Sub-national's cell left
    # out leaves out its Major policy cell too, else the quarter's total would give it back.
    assert chart == {
        "2026-Q1": {},
        "2026-Q2": {UserGroup.MAJOR_POLICY.value: 5},
        "2026-Q3": {},
        "2026-Q4": {},
    }
    view = build_steering_view(database(), period=YEAR, baseline_period=Q1, today=NOW.date())
    assert [r.count for r in view.by_quarter.rows] == [13, 12, 10, 9]  # shown in the table


def test_when_no_cell_can_shield_another_the_chart_shows_quarter_totals_only() -> None:
    # Q1's 1 needs Sub-national's 5 left out with it, but that 5 is Sub-national's only
    # contact, so the by-group table's 5 would give it back: no split by group is safe.
    database = _grid({1: (1, 5, 0), 2: (10, 0, 10), 3: (0, 0, 10), 4: (0, 0, 0)})
    assert steering_chart(database(), period=YEAR) == (
        ("2026-Q1", {"all user groups": 6}),
        ("2026-Q2", {"all user groups": 20}),
        ("2026-Q3", {"all user groups": 10}),
        ("2026-Q4", {}),
    )
