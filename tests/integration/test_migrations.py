"""Migrations that carry rows across: what was stored before a revision stays readable."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from commplan.erasure import Erasure
from commplan.queries import InboxQuery
from storage.engine import make_engine
from storage.migrate import _config, upgrade
from storage.uow import unit_of_work_factory


def test_notices_stored_before_0006_keep_their_text_and_are_erased_and_expired(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        # A row from before 0006 has text only; it must upgrade cleanly and stay readable.
        config = _config()
        old = datetime(2026, 1, 5, 9, tzinfo=UTC)
        if engine.dialect.name == "sqlite":
            old = old.replace(tzinfo=None)  # stored as naive UTC there
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005_inbox")
            for message in ("old nudge", "old mail from jane_x@leeds.gov.uk"):
                connection.execute(
                    text("INSERT INTO notices (person, text, created_at) VALUES (:p, :t, :at)"),
                    {"p": "Pete Brodie", "t": message, "at": old},
                )
        upgrade(engine)
        uow_factory = unit_of_work_factory(engine)
        with uow_factory() as uow:
            uow.notices.add("Pete Brodie", "Overdue", datetime(2026, 3, 2, 10, tzinfo=UTC))
            uow.commit()
        with uow_factory() as uow:
            seen = uow.notices.after(["Pete Brodie"])
            assert [n.text for n in seen] == [
                "old nudge",
                "old mail from jane_x@leeds.gov.uk",
                "Overdue",
            ]
            assert seen[0].payload is None
            assert seen[0].at == datetime(2026, 1, 5, 9, tzinfo=UTC)
            # Without a stored reply, the text alone is searched.
            assert uow.notices.erase_person(Erasure.of("JANE_X@leeds.gov.uk")) == 1
            assert uow.notices.delete_before(datetime(2026, 3, 1, tzinfo=UTC)) == 1
            uow.commit()
        with uow_factory() as uow:
            assert [n.text for n in uow.notices.after(["Pete Brodie"])] == ["Overdue"]
    finally:
        engine.dispose()


def test_query_refs_are_backfilled_for_queries_stored_before_0008(database_url: str) -> None:

    from storage.engine import make_engine

    engine = make_engine(database_url)
    try:
        config = _config()
        received = datetime(2026, 9, 7, 9, tzinfo=UTC)
        stored_at = received.replace(tzinfo=None) if engine.dialect.name == "sqlite" else received
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0007_claims")
            for key in ("old-1@leeds.gov.uk", "old-2@leeds.gov.uk"):
                connection.execute(
                    text(
                        "INSERT INTO inbox_queries (key, thread, received_at, sender_name,"
                        " sender_email, organisation, org_type, user_group, subject, summary,"
                        " standard, state, assignee) VALUES (:k, :k, :at, '', '', '', '', '',"
                        " '', '', '', 'new', '')"
                    ),
                    {"k": key, "at": stored_at},
                )
        upgrade(engine)
        old = InboxQuery(
            key="old-2@leeds.gov.uk", thread="old-2@leeds.gov.uk", received_at=received
        )
        with unit_of_work_factory(engine)() as uow:
            found = uow.queries.by_ref(old.ref)
            assert found is not None and found.key == old.key
            assert uow.queries.by_ref("zzzzzz") is None
    finally:
        engine.dispose()
