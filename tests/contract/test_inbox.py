"""Inbox queries and mailbox cursors, on every implementation of the repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.inbox_figures import QueryTimes
from commplan.organisations import OrgType
from commplan.ports import UnitOfWorkFactory
from commplan.queries import InboxQuery, QueryState


def test_inbox_queries_and_cursors(uow_factory: UnitOfWorkFactory) -> None:
    received = datetime(2015, 5, 1, 9, tzinfo=UTC)
    query = InboxQuery(
        key="m1@leeds.gov.uk",
        thread="m1@leeds.gov.uk",
        received_at=received,
        sender_email="jane@leeds.gov.uk",
        organisation="Leeds",
        org_type=OrgType.LOCAL_GOVERNMENT,
        subject="Ethnicity",
    )
    with uow_factory() as uow:
        uow.queries.add(query)
        uow.queries.add(
            replace(query, key="m2@leeds.gov.uk", received_at=received.replace(hour=11))
        )
        uow.mailboxes.set_cursor("imap:inbox", '{"uid": 4}', received)
        uow.commit()
    with uow_factory() as uow:
        assert uow.queries.get("m1@leeds.gov.uk") == query
        first = uow.queries.by_thread("m1@leeds.gov.uk")
        assert first is not None and first.key == "m1@leeds.gov.uk"
        answered = replace(query, state=QueryState.ANSWERED, answered_at=received.replace(hour=12))
        uow.queries.save(answered)
        assert [q.key for q in uow.queries.open()] == ["m2@leeds.gov.uk"]
        assert uow.mailboxes.cursor("imap:inbox") == '{"uid": 4}'
        assert uow.mailboxes.cursor("graph:other") == ""
        assert uow.queries.strip_before(received.replace(hour=10)) == 1
        assert uow.queries.erase_person(Erasure.of("jane@leeds.gov.uk")) == 1
        uow.commit()
    with uow_factory() as uow:
        stripped = uow.queries.get("m1@leeds.gov.uk")
        assert stripped is not None and (stripped.sender_email, stripped.subject) == ("", "")
        assert stripped.hours_to_answer == 3.0
        # Erased, her query stays for the inbox figures, without her.
        erased = uow.queries.get("m2@leeds.gov.uk")
        assert erased is not None and (erased.sender_email, erased.summary) == ("", "")
        assert erased.received_at == received.replace(hour=11)


def test_inbox_queries_answered_in_a_range(uow_factory: UnitOfWorkFactory) -> None:
    london = ZoneInfo("Europe/London")
    week, next_week = datetime(2026, 9, 7, tzinfo=london), datetime(2026, 9, 14, tzinfo=london)

    def query(key: str, received: datetime, answered: datetime | None) -> InboxQuery:
        state = QueryState.ANSWERED if answered else QueryState.NEW
        return InboxQuery(
            key=key, thread=key, received_at=received, answered_at=answered, state=state
        )

    with uow_factory() as uow:
        # Received long before, answered on the week's first moment (in London, 23:00 UTC).
        uow.queries.add(query("old", datetime(2026, 6, 1, tzinfo=UTC), week))
        uow.queries.add(
            query("in", datetime(2026, 9, 8, 9, tzinfo=UTC), datetime(2026, 9, 9, tzinfo=UTC))
        )
        uow.queries.add(query("next", datetime(2026, 9, 10, tzinfo=UTC), next_week))
        uow.queries.add(query("open", datetime(2026, 9, 8, tzinfo=UTC), None))
        uow.commit()
    with uow_factory() as uow:
        found = uow.queries.answered_between(week, next_week)
        assert [q.key for q in found] == ["old", "in"]
        assert found[0].answered_at == week


def _query(
    key: str, received: datetime, answered: datetime | None = None, **fields: object
) -> InboxQuery:
    state = QueryState.ANSWERED if answered else QueryState.NEW
    values: dict[str, object] = {"state": state, **fields}
    return InboxQuery(key=key, thread=key, received_at=received, answered_at=answered, **values)  # type: ignore[arg-type]


def test_a_query_is_found_by_the_ref_people_type(uow_factory: UnitOfWorkFactory) -> None:
    received = datetime(2026, 9, 7, 9, tzinfo=UTC)
    first = _query("m1@leeds.gov.uk", received, subject="Ethnicity")
    second = _query("m2@leeds.gov.uk", received.replace(hour=10))
    with uow_factory() as uow:
        uow.queries.add(first)
        uow.queries.add(second)
        uow.commit()
    assert first.ref != second.ref
    with uow_factory() as uow:
        assert uow.queries.by_ref(first.ref) == first
        assert uow.queries.by_ref(second.ref.upper()) == second
        assert uow.queries.by_ref("") is None
        # A ref is derived from the key: saving a changed query keeps it findable.
        uow.queries.save(replace(first, state=QueryState.TAKEN, assignee="Palvi Shah"))
        uow.commit()
    with uow_factory() as uow:
        taken = uow.queries.by_ref(first.ref)
        assert taken is not None and taken.assignee == "Palvi Shah"


def test_queries_touched_in_a_range(uow_factory: UnitOfWorkFactory) -> None:
    week, next_week = datetime(2026, 9, 7, tzinfo=UTC), datetime(2026, 9, 14, tzinfo=UTC)
    day = timedelta(days=1)
    closed = {"state": QueryState.CLOSED}
    with uow_factory() as uow:
        for query in (
            _query("answered-in-week", week - 30 * day, week + day),
            _query("open-from-before", week - 60 * day),
            _query(
                "arrived-b",
                week + 2 * day,
                next_week + day,
                subject="Ethnicity",
                organisation="Leeds",
            ),
            _query("arrived-a", week + 2 * day, **closed),
            _query("arrived-at-start", week, **closed),
            # Left out: closed or answered outside the range, arriving outside it.
            _query("answered-before", week - 3 * day, week - day),
            _query("arrived-at-end", next_week, next_week + day),
            _query("closed-before", week - 3 * day, **closed),
            _query("answered-after", week - 3 * day, next_week),
        ):
            uow.queries.add(query)
        uow.commit()
    with uow_factory() as uow:
        assert [q.key for q in uow.queries.touched(week, next_week)] == [
            "open-from-before",
            "answered-in-week",
            "arrived-at-start",
            "arrived-a",
            "arrived-b",
        ]
        assert uow.queries.touched(next_week + 7 * day, next_week + 14 * day) == [
            _query("open-from-before", week - 60 * day)
        ]
        # The same queries, only as the inbox figures read them.
        assert uow.queries.touched_times(week, next_week) == [
            QueryTimes.of(q) for q in uow.queries.touched(week, next_week)
        ]
        assert [q.open for q in uow.queries.touched_times(week, next_week)] == [
            True,
            False,
            False,
            False,
            False,
        ]


def test_saving_a_query_that_is_not_stored_is_not_found(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow, pytest.raises(NotFound, match="inbox query"):
        uow.queries.save(_query("never@stored", datetime(2026, 9, 7, tzinfo=UTC)))
