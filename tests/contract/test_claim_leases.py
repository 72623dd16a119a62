"""A claim is a lease until it is recorded as sent: a sender that died mid-sweep leaves claims
that a later sweep takes over, while a sent message and a fresh claim stay put."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from commplan.ports import Claim, UnitOfWorkFactory

AT = datetime(2026, 9, 7, 9, tzinfo=UTC)
LEASE = timedelta(minutes=10)


def _claim(key: str) -> Claim:
    return Claim(key=key, kind="overdue", person="Pete Brodie", item="2026/12")


def test_an_unsent_claim_older_than_its_lease_is_taken_over(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.claims.claim_many([_claim("sent"), _claim("crashed"), _claim("busy")], AT)
        uow.claims.mark_all_sent({"sent": "slack"}, AT)
        uow.commit()
    later = AT + timedelta(minutes=30)
    with uow_factory() as uow:
        # "busy" was claimed again a minute ago by a sweep still sending it.
        uow.claims.release("busy")
        uow.claims.claim_many([_claim("busy")], later - timedelta(minutes=1))
        uow.commit()
    with uow_factory() as uow:
        keys = ["sent", "crashed", "busy", "new"]
        assert uow.claims.claimed(keys) == {"sent", "crashed", "busy"}
        assert uow.claims.claimed(keys, unsent_before=later - LEASE) == {"sent", "busy"}
    with uow_factory() as uow:
        won = uow.claims.claim_many(
            [_claim("sent"), _claim("crashed"), _claim("busy"), _claim("new")],
            later,
            retake_before=later - LEASE,
        )
        uow.commit()
    assert won == {"crashed", "new"}
    with uow_factory() as uow:
        # Taken over means claimed afresh: a second sweep right after does not take it again.
        again = uow.claims.claim_many(
            [_claim("crashed"), _claim("new")], later, retake_before=later - LEASE
        )
        assert again == set()


def test_without_a_lease_a_claim_holds_for_good(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.claims.claim_many([_claim("event")], AT)
        uow.commit()
    with uow_factory() as uow:
        assert uow.claims.claim_many([_claim("event")], AT + timedelta(days=30)) == set()


def test_claims_made_since_a_moment(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.claims.claim_many([_claim("last month")], AT - timedelta(days=9))
        uow.claims.claim_many([_claim("this morning")], AT)
        uow.commit()
    with uow_factory() as uow:
        keys = ["last month", "this morning", "never"]
        assert uow.claims.claimed(keys, since=AT - timedelta(hours=9)) == {"this morning"}
        assert uow.claims.claimed(keys) == {"last month", "this morning"}
