"""Issue 8.7 through the real ingest path: no input crashes the intake or leaves half a contact.

Arbitrary bytes and mutated fixtures are parsed and go through
``commplan.services.intake.ingest`` into a SQLite database: every message gets exactly one
outcome, in order, and every inbox contact has its query and every query its contact. A
message that fails at write time costs only itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from adapters.email.parse import arrivals
from commplan.contacts import Channel
from commplan.ports import UnitOfWork, UnitOfWorkFactory
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex
from commplan.records.standards import standards_from_table
from commplan.sample import standards_table
from commplan.services.intake import Intake, Status, ingest
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.uow import unit_of_work_factory
from tests.conftest import LONDON
from tests.unit.test_email_parse_properties import mutated_fixture

NOW = datetime(2026, 9, 10, 10, 0, tzinfo=LONDON)
TEAM = "harmonisation@ons.gov.uk"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("ingest") / "ingest.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def intake() -> Intake:
    index = StandardsIndex.build(standards_from_table(standards_table()))
    return Intake(standards=index, team_addresses=frozenset({TEAM}), now=lambda: NOW)


def assert_every_contact_has_its_query(uow: UnitOfWorkFactory) -> int:
    """Inbox contacts and queries match one to one; the number of each."""
    with uow() as unit:
        contacts = {c.source_ref for c in unit.contacts.all() if c.channel is Channel.INBOX}
        queries = {f"mail:{q.key}" for q in unit.queries.all()}
    assert contacts == queries
    return len(contacts)


_message = st.one_of(mutated_fixture(), st.binary(max_size=2048))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(_message, min_size=1, max_size=6))
def test_any_batch_gives_one_outcome_a_message_and_whole_contacts(
    engine: Engine, intake: Intake, batch: list[bytes]
) -> None:
    uow = unit_of_work_factory(engine)
    before = assert_every_contact_has_its_query(uow)
    sources = [f"m{n}" for n in range(len(batch))]
    outcomes = list(ingest(uow, arrivals(zip(sources, batch, strict=True)), intake))
    assert [o.source for o in outcomes] == sources
    assert all(o.status in Status for o in outcomes)
    after = assert_every_contact_has_its_query(uow)
    assert after - before == sum(o.status is Status.LOGGED for o in outcomes)


class _PoisonedQueries:
    """The real query repository, failing on one message as a broken row would."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def add(self, query: InboxQuery) -> None:
        if query.key.startswith("poison"):
            raise RuntimeError("the database refused the row")
        self._real.add(query)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _Poisoned:
    """A unit of work whose query repository fails on the poisoned message."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __enter__(self) -> UnitOfWork:
        unit = self._real.__enter__()
        unit.queries = _PoisonedQueries(unit.queries)
        return unit  # type: ignore[no-any-return]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._real.__exit__(exc_type, exc, tb)


def raw(key: str) -> bytes:
    return (
        f"From: Jo <{key.split('@')[0]}@leeds.gov.uk>\r\nSubject: Tenure\r\n"
        f"Message-ID: <{key}>\r\n\r\nOwned outright?\r\n"
    ).encode()


def test_a_message_failing_at_write_time_costs_only_itself(
    engine: Engine, intake: Intake, caplog: pytest.LogCaptureFixture
) -> None:
    real = unit_of_work_factory(engine)

    def poisoned() -> _Poisoned:
        return _Poisoned(real())

    keys = ["a1@leeds.gov.uk", "poison@leeds.gov.uk", "a2@leeds.gov.uk", "a3@leeds.gov.uk"]
    messages = arrivals([(key, raw(key)) for key in keys])
    outcomes = list(ingest(poisoned, messages, intake))  # type: ignore[arg-type]
    assert [(o.message_id, o.status) for o in outcomes] == [
        ("a1@leeds.gov.uk", Status.LOGGED),
        ("poison@leeds.gov.uk", Status.SKIPPED),
        ("a2@leeds.gov.uk", Status.LOGGED),
        ("a3@leeds.gov.uk", Status.LOGGED),
    ]
    assert outcomes[1].reason == "could not be logged (see the log)"
    assert "retrying one by one" in caplog.text
    assert_every_contact_has_its_query(real)
    with real() as unit:
        # The failed message left no contact behind (its contact was written before its query).
        assert unit.contacts.get("mail:poison@leeds.gov.uk") is None
        assert unit.queries.get("a2@leeds.gov.uk") is not None
