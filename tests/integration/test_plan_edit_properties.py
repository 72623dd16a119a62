"""Random sequences of plan edits, on SQLite and PostgreSQL: no tactic or action is lost or
duplicated, and the history is complete: replaying every kept change from the state before the
sequence gives exactly the state after it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commplan.errors import InvalidInput
from commplan.meetings import MeetingAction
from commplan.people import Group, Person, Role
from commplan.plan import DueWindow, Phase, Plan, Status, Tactic
from commplan.ports import UnitOfWorkFactory
from commplan.services import action_edits, actions, tactic_edits, tactics
from commplan.services.actions import ActionRef
from commplan.timing import parse_timing
from storage.engine import make_engine
from storage.uow import unit_of_work_factory

BECKI = Person(name="Becki Aquilina", role=Role.ADMIN)
PEOPLE = (BECKI, Person(name="Pete Brodie"), Person(name="Emma Wright"))
TEAM = Group(name="Harmonisation team", members=("Becki Aquilina",))
OWNERS = ("Pete Brodie", "Emma Wright", "Harmonisation team", "Becki Aquilina")
WORDS = ("Blog", "Webinar for GSS analysts", "Census roadshow", "LARIA", "Yammer post")
TIMINGS = ("January", "March", "TBC", "17th-18th September", "July - September", "14th October")
_years = itertools.count(3000)


@pytest.fixture
def uow_factory(database_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(database_url)
    factory = unit_of_work_factory(engine)
    with factory() as uow:
        for person in PEOPLE:
            uow.people.add(person)
        uow.groups.add(TEAM)
        uow.commit()
    yield factory
    engine.dispose()


@dataclass(frozen=True)
class Op:
    """One edit: ``run`` makes it; it answers whether it said something changed."""

    name: str
    run: Callable[[UnitOfWorkFactory, int, datetime], bool]

    def __repr__(self) -> str:
        return self.name


def _tactic_op(draw: st.DrawFn) -> Op:
    number = draw(st.integers(1, 5))  # 5 may not exist yet: NotFound changes nothing
    kind = draw(st.sampled_from(("status", "reopen", "field", "timing", "assign", "add")))
    if kind == "status":
        status = draw(st.sampled_from(tuple(Status)))

        def run(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            return tactics.set_status(f(), number, status, person=BECKI, at=at).changed

        return Op(f"tactic {number} {status}", run)
    if kind == "reopen":
        return Op(
            f"reopen {number}",
            lambda f, y, at: tactics.reopen(f(), number, person=BECKI, at=at).changed,
        )
    if kind == "field":
        field = draw(st.sampled_from(tactic_edits.FIELDS))
        value = draw(
            st.sampled_from(
                {"objectives": ("1", "2", "1 and 2", "3"), "phase": ("Q1", "Q3", "Q5")}.get(
                    field, (*WORDS, "none")
                )
            )
        )

        def edit(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            return tactic_edits.edit_tactic(f(), number, field, value, person=BECKI, at=at).changed

        return Op(f"tactic {number} {field}={value}", edit)
    if kind == "timing":
        timing = draw(st.sampled_from(TIMINGS))

        def time(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            before = tactics.tactic_by_number(f(), number, today=at.date())
            after = tactics.set_timing(
                f(), number, lambda year: (timing, parse_timing(timing, year)), person=BECKI, at=at
            ).tactic
            return (before.timing, before.window) != (after.timing, after.window)

        return Op(f"tactic {number} timing {timing}", time)
    if kind == "assign":
        owners = draw(
            st.lists(st.sampled_from((*OWNERS, "Steering group")), min_size=1, max_size=3)
        )

        def give(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            result = tactics.assign(f(), number, " and ".join(owners), person=BECKI, at=at)
            return result.tactic.owners != result.before

        return Op(f"assign {number} to {owners}", give)
    name = draw(st.sampled_from(WORDS))

    def add(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
        draft = tactics.TacticDraft(name=name, timing="March", owners="Pete Brodie")
        step = tactics.add_tactic_step(f(), draft, conversation_key=f"k{y}", person=BECKI, at=at)
        return step.tactic is not None

    return Op(f"add tactic {name}", add)


def _action_op(draw: st.DrawFn) -> Op:
    number = draw(st.integers(1, 4))  # 4 may not exist yet: NotFound changes nothing

    def ref(y: int) -> ActionRef:
        # This sequence's meeting: numbers repeat in every meeting of earlier examples.
        return ActionRef(number=number, meeting_date=date(y, 1, 2))

    kind = draw(st.sampled_from(("done", "due", "field", "add")))
    if kind == "done":

        def done(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            change = actions.action_done(f(), ref(y), person=BECKI, at=at)
            return not isinstance(change, actions.Ambiguous) and change.changed

        return Op(f"action {number} done", done)
    if kind == "due":
        days = draw(st.integers(0, 60))

        def due(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            change = actions.set_action_due(
                f(), ref(y), at.date() + timedelta(days=days), person=BECKI, at=at
            )
            return not isinstance(change, actions.Ambiguous) and change.changed

        return Op(f"action {number} due +{days}", due)
    if kind == "field":
        field = draw(st.sampled_from(action_edits.FIELDS))
        value = draw(
            st.sampled_from((*OWNERS, "Nobody Known") if field == "responsible" else WORDS)
        )

        def edit(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
            result = action_edits.edit_action(f(), ref(y), field, value, person=BECKI, at=at)
            return not isinstance(result, actions.Ambiguous) and result.changed

        return Op(f"action {number} {field}={value}", edit)
    text = draw(st.sampled_from(WORDS))

    def add(f: UnitOfWorkFactory, y: int, at: datetime) -> bool:
        actions.add_action(f(), text, "Emma Wright", person=BECKI, at=at)
        return True

    return Op(f"add action {text}", add)


@st.composite
def edit_op(draw: st.DrawFn) -> Op:
    return _tactic_op(draw) if draw(st.booleans()) else _action_op(draw)


def _setup(factory: UnitOfWorkFactory, year: int) -> None:
    with factory() as uow:
        uow.plans.add(Plan(year=year, title=f"Plan {year}", objectives=("Voice", "Contact")))
        for number in range(1, 5):
            timing = ("February", "TBC", "July - September", "14th October")[number - 1]
            uow.tactics.add(
                Tactic(
                    plan_year=year,
                    number=number,
                    name=f"Tactic {number}",
                    phase=Phase.Q1,
                    timing=timing,
                    window=parse_timing(timing, year),
                    owners=("Pete Brodie",) if number % 2 else ("Harmonisation team",),
                    status=(Status.PLANNED, Status.ONGOING, Status.COMPLETE, Status.PLANNED)[
                        number - 1
                    ],
                    objectives=(1,),
                )
            )
        for number in range(1, 4):
            uow.actions.add(
                MeetingAction(
                    meeting_date=date(year, 1, 2),
                    meeting=f"NSH SG {year}",
                    number=number,
                    text=f"Action {number}",
                    responsible="Emma Wright",
                )
            )
        uow.commit()


def _tactic_state(tactic: Tactic) -> dict[str, str]:
    state = {f: tactic_edits.field_text(tactic, f) for f in tactic_edits.FIELDS}
    state |= {
        "timing": tactic.timing or "TBC",
        "owners": ", ".join(tactic.owners),
        "status": tactic.status.value,
        "snoozed until": "",
    }
    return state


def _action_state(action: MeetingAction) -> dict[str, str]:
    return {
        "text": action.text,
        "responsible": action.responsible,
        "update": action.update,
        "paragraph": action.paragraph,
        "due": f"{action.due:%-d %B %Y}" if action.due else "",
        "status": "done" if action.done else "open",
        "snoozed until": "",
    }


def _replayed(start: dict[str, str] | None, changes: list[tuple[str, str, str]]) -> dict[str, str]:
    """Apply kept changes in order; each must start from the value the one before left."""
    state = dict(start) if start is not None else None
    for field, old, new in changes:
        if field == "added":
            assert state is None, "added twice"
            state = {}
            continue
        assert state is not None, f"a change to {field} before the item existed"
        if field in state:
            assert state[field] == old, f"{field}: kept from {old!r}, was {state[field]!r}"
        state[field] = new
    assert state is not None
    return state


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(edit_op(), min_size=1, max_size=14))
def test_random_edits_lose_nothing_duplicate_nothing_and_history_replays(
    uow_factory: UnitOfWorkFactory, ops: list[Op]
) -> None:
    year = next(_years)
    _setup(uow_factory, year)
    with uow_factory() as uow:
        before_tactics = {t.number: _tactic_state(t) for t in uow.tactics.all(year)}
        before_actions = {
            a.number: _action_state(a) for a in uow.actions.all() if a.meeting_date.year == year
        }
    added_tactics = added_actions = 0
    at = datetime(year, 1, 5, 9, tzinfo=UTC)
    for step, op in enumerate(ops):
        when = at + timedelta(minutes=step)
        with uow_factory() as uow:
            edits_before = sum(len(uow.tactics.edits(year, n)) for n in range(1, 40)) + sum(
                len(uow.actions.edits(date(year, 1, 2), n)) for n in range(1, 40)
            )
        try:
            changed = op.run(uow_factory, year, when)
        except InvalidInput:
            changed = False
        except Exception as error:  # NotFound: a number not (yet) in the plan
            assert type(error).__name__ == "NotFound", repr(error)
            changed = False
        with uow_factory() as uow:
            edits_after = sum(len(uow.tactics.edits(year, n)) for n in range(1, 40)) + sum(
                len(uow.actions.edits(date(year, 1, 2), n)) for n in range(1, 40)
            )
        # A change keeps at least one entry; a refusal or a no-op keeps none.
        assert (edits_after > edits_before) == changed, (op, edits_before, edits_after)
        added_tactics += op.name.startswith("add tactic") and changed
        added_actions += op.name.startswith("add action") and changed

    with uow_factory() as uow:
        stored = uow.tactics.all(year)
        stored_actions = [a for a in uow.actions.all() if a.meeting_date.year == year]
        tactic_edits_kept = {t.number: uow.tactics.edits(year, t.number) for t in stored}
        action_edits_kept = {
            a.number: uow.actions.edits(a.meeting_date, a.number) for a in stored_actions
        }
    numbers = [t.number for t in stored]
    assert len(numbers) == len(set(numbers)) == 4 + added_tactics
    assert set(numbers) == set(range(1, 5 + added_tactics))
    action_numbers = [a.number for a in stored_actions]
    assert len(action_numbers) == len(set(action_numbers)) == 3 + added_actions

    for tactic in stored:
        kept = [(e.field, e.old, e.new) for e in tactic_edits_kept[tactic.number]]
        replayed = _replayed(before_tactics.get(tactic.number), kept)
        final = _tactic_state(tactic)
        for field, value in replayed.items():
            if field in final and field != "snoozed until":
                assert final[field] == value, (tactic.number, field, kept)
        if tactic.number in before_tactics:
            # Every field that differs from the start has a kept change.
            for field, value in before_tactics[tactic.number].items():
                if final[field] != value:
                    assert any(f == field for f, _, _ in kept), (tactic.number, field)
        assert all(e.by == "Becki Aquilina" for e in tactic_edits_kept[tactic.number])
    for action in stored_actions:
        kept = [(e.field, e.old, e.new) for e in action_edits_kept[action.number]]
        replayed = _replayed(before_actions.get(action.number), kept)
        final = _action_state(action)
        for field, value in replayed.items():
            if field in final and field != "snoozed until":
                assert final[field] == value, (action.number, field, kept)
        if action.number in before_actions:
            for field, value in before_actions[action.number].items():
                if final[field] != value:
                    assert any(f == field for f, _, _ in kept), (action.number, field)


def test_the_window_follows_the_kept_timing(uow_factory: UnitOfWorkFactory) -> None:
    """A timing set in chat is the one the window is derived from, on both databases."""
    year = next(_years)
    _setup(uow_factory, year)
    at = datetime(year, 1, 5, 9, tzinfo=UTC)
    tactics.set_timing(
        uow_factory(), 2, lambda y: ("November", parse_timing("November", y)), person=BECKI, at=at
    )
    with uow_factory() as uow:
        tactic = uow.tactics.get(year, 2)
        kept = uow.tactics.edits(year, 2)
    assert tactic is not None
    assert tactic.window == DueWindow(start=date(year, 11, 1), end=date(year, 11, 30))
    assert [(e.field, e.old, e.new) for e in kept] == [
        ("timing", "TBC", "November"),
        ("phase", "Q1", "Q4"),
    ]
