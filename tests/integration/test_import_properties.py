"""#15.3 as properties: random sequences of imports (of new, edited and exported files), undos
and exports never lose or duplicate a contact, a tactic or an action, on SQLite and PostgreSQL.

A model holds what each kind should contain, keyed as the import keys it; every step is
checked against the export. Each example starts by undoing every import left by the one
before, which must leave the database empty: undo takes back exactly what imports wrote.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.files import read_table, write_table
from commplan.contacts import Channel, Contact, Direction
from commplan.errors import InvalidInput
from commplan.meetings import MeetingAction
from commplan.organisations import OrgType, UserGroup
from commplan.plan import Phase, Status, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.records import actions, contacts, plan
from commplan.services.exporting import export_records
from commplan.services.importing import import_records
from commplan.services.undo import undo_last_import
from commplan.timing import parse_timing
from storage.engine import make_engine
from storage.uow import unit_of_work_factory

AT = datetime(2015, 11, 12, 9, 30, tzinfo=UTC)
BY = "operator (command line)"

# Text as people and mail put it in cells: words, pounds and dashes, and formula triggers.
_WORDS = (
    st.lists(st.sampled_from([*"abcXYZ £–'=+-@\"|,;\t\n", "Leeds", "ethnicity"]), max_size=8)
    .map(lambda parts: "".join(parts).strip())
    .filter(bool)
)

_TIMINGS = ["January 7th", "March", "TBC", "September 17th-18th"]


@st.composite
def tactics(draw: st.DrawFn) -> Tactic:
    timing = draw(st.sampled_from(_TIMINGS))
    window = parse_timing(timing, 2015)
    return Tactic(
        plan_year=2015,
        number=draw(st.integers(1, 6)),
        name=draw(_WORDS),
        phase=Phase.of_month(window.start.month) if window else draw(st.sampled_from(Phase)),
        purpose=draw(st.sampled_from(["", "Awareness"])),
        timing=timing,
        window=window,
        owners=draw(st.sampled_from([("Becki Aquilina",), ("Jacqui Jones", "harmonisation team")])),
        status=draw(st.sampled_from([Status.PLANNED, Status.ONGOING, Status.COMPLETE])),
        objectives=draw(st.sampled_from([(), (1, 2)])),
    )


@st.composite
def meeting_actions(draw: st.DrawFn) -> MeetingAction:
    day = draw(st.sampled_from([date(2015, 7, 10), date(2015, 9, 1)]))
    update = draw(st.sampled_from(["", "In progress"]))
    return MeetingAction(
        meeting_date=day,
        meeting=f"NSH SG meeting {day:%B}",
        number=draw(st.integers(1, 4)),
        text=draw(_WORDS),
        responsible=draw(st.sampled_from(["Palvi Shah", "Becki Aquilina"])),
        update=update,
        done=draw(st.booleans()),
        due=draw(st.sampled_from([None, date(2015, 12, 18)])),
    )


@st.composite
def logged_contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        on=draw(st.sampled_from([date(2015, 3, 2), date(2015, 3, 3)])),
        channel=draw(st.sampled_from([Channel.CHAT, Channel.INBOX, Channel.PHONE])),
        direction=draw(st.sampled_from(Direction)),
        name=draw(st.sampled_from(["", "Jane Smith", "=HYPERLINK(1)"])),
        email=draw(st.sampled_from(["", "jane@leeds.gov.uk"])),
        organisation=draw(st.sampled_from(["", "Leeds City Council", "@Evil Ltd"])),
        org_type=draw(st.sampled_from([None, OrgType.LOCAL_GOVERNMENT])),
        user_group=draw(st.sampled_from([None, UserGroup.SUB_NATIONAL])),
        summary=draw(_WORDS),
        # Contacts logged from chat carry the message's key; a file row has none.
        source_ref=draw(st.sampled_from(["", "slack:Ev01", "slack:Ev02", "web:Becki:7"])),
    )


_KINDS: dict[str, tuple[str, Any, Any, tuple[str, ...]]] = {
    # import kind: (export kind, strategy, records to rows, columns)
    "plan": ("plan", tactics(), plan.tactics_to_rows, plan.COLUMNS),
    "actions": ("actions", meeting_actions(), actions.actions_to_rows, actions.COLUMNS),
    "contacts": ("contacts", logged_contacts(), contacts.contacts_to_rows, contacts.COLUMNS),
}


def _key(kind: str, row: dict[str, str]) -> str:
    if kind == "plan":
        return f"{row['plan_year']}/{row['number']}"
    if kind == "actions":
        return f"{row['meeting_date']}/{row['number']}"
    return row["ref"]


@st.composite
def steps(draw: st.DrawFn) -> tuple[str, ...] | tuple[str, str, list[Any], str, bool]:
    action = draw(st.sampled_from(["import", "import", "import", "round trip", "undo"]))
    if action != "import":
        return (action, draw(st.sampled_from(list(_KINDS))))
    kind = draw(st.sampled_from(list(_KINDS)))
    strategy = _KINDS[kind][1]
    unique = None if kind == "contacts" else (lambda r: (getattr(r, "plan_year", 0), r.number))
    if kind == "actions":
        unique = lambda r: (r.meeting_date, r.number)  # noqa: E731
    records = draw(st.lists(strategy, min_size=1, max_size=5, unique_by=unique))
    return ("import", kind, records, draw(st.sampled_from(["csv", "xlsx"])), draw(st.booleans()))


@pytest.fixture
def uow_factory(database_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(database_url)
    yield unit_of_work_factory(engine)
    engine.dispose()


def _exported(uow_factory: UnitOfWorkFactory, kind: str) -> dict[str, dict[str, str]]:
    rows = export_records(uow_factory(), _KINDS[kind][0], plan_year=2015).rows  # type: ignore[arg-type]
    keys = [_key(kind, r) for r in rows]
    assert len(keys) == len(set(keys)), f"{kind} duplicated: {keys}"
    return dict(zip(keys, rows, strict=True))


def _import_file(
    uow_factory: UnitOfWorkFactory, kind: str, rows: list[dict[str, str]], fmt: str, ref: bool
) -> Any:
    columns = _KINDS[kind][3]
    if kind == "contacts" and not ref:
        # An older file, or one typed by hand: no identity column.
        columns = tuple(c for c in columns if c != "ref")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.{fmt}"
        path.write_bytes(write_table(rows, columns, fmt=fmt))
        return import_records(uow_factory(), kind, read_table(path), by=BY, at=AT)


def _expected_rows(kind: str, records: list[Any], ref: bool) -> list[dict[str, str]]:
    if kind == "contacts" and not ref:
        # Without the column a contact is known by its hash, whatever chat key it had.
        records = [replace(c, source_ref="") for c in records]
    rows: list[dict[str, str]] = _KINDS[kind][2](records)
    return rows


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(steps(), min_size=1, max_size=7))
def test_imports_exports_and_undos_never_lose_or_duplicate_a_record(
    uow_factory: UnitOfWorkFactory, sequence: list[tuple[Any, ...]]
) -> None:
    while True:
        try:
            undo_last_import(uow_factory(), by=BY, at=AT)
        except InvalidInput:
            break
    for kind in _KINDS:
        assert _exported(uow_factory, kind) == {}, f"undo left {kind} behind"
    organisations = export_records(uow_factory(), "organisations").rows
    assert organisations == [], "undo left learned organisations behind"

    model: dict[str, dict[str, dict[str, str]]] = {kind: {} for kind in _KINDS}
    undo_stack: list[tuple[str, dict[str, dict[str, str]]]] = []
    for step in sequence:
        if step[0] == "import":
            _, kind, records, fmt, ref = step
            rows = _expected_rows(kind, records, ref)
            report = _import_file(uow_factory, kind, rows, fmt, ref)
            before = dict(model[kind])
            for row in rows:
                key = _key(kind, row)
                if kind == "actions" and not row["due"] and key in model[kind]:
                    # A file without a due date keeps the stored one.
                    row = {**row, "due": model[kind][key]["due"]}
                model[kind][key] = row
            if report.changes:
                undo_stack.append((kind, before))
            else:
                assert model[kind] == before
        elif step[0] == "round trip":
            kind = step[1]
            rows = list(_exported(uow_factory, kind).values())
            if rows:
                report = _import_file(uow_factory, kind, rows, "csv", True)
                assert (report.summary.added, report.summary.updated) == (0, 0), kind
        else:
            try:
                undone = undo_last_import(uow_factory(), by=BY, at=AT)
            except InvalidInput:
                assert undo_stack == []
                continue
            kind, before = undo_stack.pop()
            assert undone.batch.kind == kind
            model[kind] = before
        for kind in _KINDS:
            assert _exported(uow_factory, kind) == model[kind], kind
