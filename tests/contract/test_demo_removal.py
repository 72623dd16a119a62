"""Removing inbox queries and chat questions by key (how the demo is taken out), on every
implementation of the repositories."""

from __future__ import annotations

from datetime import UTC, datetime

from commplan.ports import UnitOfWorkFactory
from commplan.queries import InboxQuery
from commplan.questions import Question

AT = datetime(2026, 5, 1, 9, tzinfo=UTC)


def test_a_removed_query_or_question_is_gone_and_the_others_stay(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        for key in ("demo-mail-1@harmonibot.example", "m1@leeds.gov.uk"):
            uow.queries.add(InboxQuery(key=key, thread=key, received_at=AT))
        for key in ("demo-chat-00001", "slack:T1:1.2"):
            uow.questions.add(
                Question(key=key, text="which standard covers ethnicity?", asked_at=AT)
            )
        uow.commit()
    with uow_factory() as uow:
        assert uow.queries.remove("demo-mail-1@harmonibot.example")
        assert not uow.queries.remove("demo-mail-1@harmonibot.example")
        assert uow.questions.remove("demo-chat-00001")
        assert not uow.questions.remove("demo-chat-00002")
        uow.commit()
    with uow_factory() as uow:
        assert [q.key for q in uow.queries.all()] == ["m1@leeds.gov.uk"]
        assert uow.questions.get("demo-chat-00001") is None
        assert uow.questions.get("slack:T1:1.2") is not None
