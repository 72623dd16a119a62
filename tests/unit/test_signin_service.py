"""Sign-in's service calls: a key used once stays used, and a session signed out stays out."""

from __future__ import annotations

from dataclasses import replace

from commplan.sample import load_sample
from commplan.services.seeding import seed
from commplan.services.signin import (
    end_session,
    person_with_email,
    session_holder,
    use_once,
)
from tests.fakes import FakeDatabase
from tests.unit.bot.sample_bot import NOW


def sample() -> FakeDatabase:
    database = FakeDatabase()
    seed(database(), load_sample(2026), at=NOW)
    return database


def test_a_sign_in_key_is_used_once() -> None:
    database = sample()
    assert use_once(database(), "dashboard-link:abc", kind="signin_nonce", at=NOW, person="Pete")
    assert not use_once(database(), "dashboard-link:abc", kind="signin_nonce", at=NOW)


def test_a_session_signed_out_is_refused_and_another_one_is_not() -> None:
    database = sample()
    ended = "web-session-ended:n1"
    assert session_holder(database(), "Pete Brodie", ended=ended) is not None
    end_session(database(), ended=ended, person="Pete Brodie", at=NOW)
    assert session_holder(database(), "Pete Brodie", ended=ended) is None
    assert session_holder(database(), "Pete Brodie", ended="web-session-ended:n2") is not None
    assert session_holder(database(), "Nobody Known", ended="web-session-ended:n3") is None


def test_single_sign_on_finds_people_by_address_whatever_its_case() -> None:
    database = sample()
    with database() as repos:
        pete = repos.people.get("Pete Brodie")
        assert pete is not None
        repos.people.save(replace(pete, email="pete.brodie@ons.gov.uk"))
        repos.commit()
    found = person_with_email(database(), "Pete.Brodie@ONS.gov.uk ")
    assert found is not None and found.name == "Pete Brodie"
    assert person_with_email(database(), "") is None
    assert person_with_email(database(), "someone@example.org") is None
