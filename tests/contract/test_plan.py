"""The plan and its tactics, on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from commplan.errors import NotFound
from commplan.plan import DueWindow, Phase, Plan, Status, StatusChange, Tactic
from commplan.ports import UnitOfWorkFactory

PLAN = Plan(year=2015, title="Plan 2015/16", objectives=("Voice", "Contact"), key_messages=("k",))
TACTIC = Tactic(
    plan_year=2015,
    number=12,
    name="Contact the ONS lead",
    phase=Phase.Q2,
    purpose="To raise awareness",
    audience="Devolved Administrations",
    timing="May",
    window=DueWindow(start=date(2015, 5, 1), end=date(2015, 5, 31)),
    owners=("Andy Bates", "The harmonisation team"),
    status=Status.ONGOING,
    objectives=(1, 2),
)


def test_a_tactic_round_trips_with_its_history(uow_factory: UnitOfWorkFactory) -> None:
    at = datetime(2015, 5, 2, 9, 30, tzinfo=UTC)
    with uow_factory() as uow:
        uow.plans.add(PLAN)
        uow.tactics.add(TACTIC)
        uow.tactics.record(2015, 12, StatusChange(status=Status.ONGOING, at=at, by="Becki"))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.tactics.get(2015, 12)
        assert uow.plans.latest() == PLAN
    assert stored == TACTIC
    history = (StatusChange(status=Status.ONGOING, at=at, by="Becki"),)
    assert stored is not None and stored.history == history
    with uow_factory() as uow:
        uow.plans.add(Plan(year=2016, title="Next"))
        uow.tactics.add(replace(TACTIC, plan_year=2016, number=1))
        uow.commit()
    with uow_factory() as uow:
        assert [t.history for t in uow.tactics.all(2015)] == [history]
        assert [(t.plan_year, t.history) for t in uow.tactics.all()] == [
            (2015, history),
            (2016, ()),
        ]


def test_saving_a_tactic_changes_it_and_leaving_without_commit_does_not(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.plans.add(PLAN)
        uow.tactics.add(TACTIC)
        uow.commit()
    with uow_factory() as uow:
        uow.tactics.save(replace(TACTIC, status=Status.COMPLETE, snoozed_until=date(2015, 6, 1)))
    with uow_factory() as uow:
        assert uow.tactics.get(2015, 12) == TACTIC
        uow.tactics.save(replace(TACTIC, status=Status.COMPLETE))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.tactics.get(2015, 12)
        assert stored is not None and stored.status is Status.COMPLETE
        with pytest.raises(NotFound):
            uow.tactics.save(replace(TACTIC, number=99))


def test_saving_or_recording_what_is_not_stored_is_not_found(
    uow_factory: UnitOfWorkFactory,
) -> None:
    change = StatusChange(status=Status.COMPLETE, at=datetime(2015, 6, 1, tzinfo=UTC), by="Jo")
    with uow_factory() as uow:
        with pytest.raises(NotFound, match="plan"):
            uow.plans.save(PLAN)
        with pytest.raises(NotFound, match="plan"):
            uow.tactics.add(TACTIC)  # its plan is not stored
        uow.plans.add(PLAN)
        with pytest.raises(NotFound, match="tactic"):
            uow.tactics.record(2015, 12, change)
        uow.plans.save(replace(PLAN, title="Renamed"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.plans.get(2015) == replace(PLAN, title="Renamed")
        assert uow.plans.get(2016) is None
        assert uow.tactics.get(2015, 12) is None
