"""Once-only claims, web chat notices, questions and drafts, on every implementation of the
repositories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from commplan.erasure import Erasure
from commplan.errors import NotFound
from commplan.ports import Claim, UnitOfWorkFactory
from commplan.questions import Feedback, Question

AT = datetime(2026, 9, 7, 9, tzinfo=UTC)


def _claim(key: str, person: str = "Pete Brodie") -> Claim:
    return Claim(key=key, kind="nudge", person=person, item="tactic 12")


def test_a_key_is_claimed_once_and_released_for_a_retry(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.claims.claim("a", kind="nudge", person="Pete Brodie", item="t", at=AT) is True
        assert uow.claims.claim("a", kind="nudge", person="Pete Brodie", item="t", at=AT) is False
        assert uow.claims.claim_many([_claim("a"), _claim("b"), _claim("c")], AT) == {"b", "c"}
        uow.claims.release("c")
        uow.claims.release("never-claimed")
        uow.commit()
    with uow_factory() as uow:
        assert uow.claims.claimed(["a", "b", "c", "d"]) == {"a", "b"}
        assert uow.claims.claim_many([_claim("c")], AT) == {"c"}
        # Leaving without commit gives nothing back.
    with uow_factory() as uow:
        assert uow.claims.claimed(["c"]) == set()


def test_old_claims_of_one_kind_are_forgotten(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        old = AT - timedelta(days=3)
        uow.claims.claim("m1", kind="chat_message", person="U1", item="c", at=old)
        uow.claims.claim("m2", kind="chat_message", person="U1", item="c", at=AT)
        uow.claims.claim("n1", kind="due", person="Pete", item="t", at=old)
        assert uow.claims.forget("chat_message", AT - timedelta(days=2)) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.claims.claimed(["m1", "m2", "n1"]) == {"m2", "n1"}


def test_sends_are_recorded_and_the_unreachable_listed(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.claims.claim_many([_claim("a"), _claim("b", "Jo Bloggs"), _claim("c", "Ann")], AT)
        uow.claims.claim("old", kind="nudge", person="Sam", item="t", at=AT - timedelta(days=9))
        uow.claims.mark_sent("a", channel="unreachable", at=AT)
        # A bulk record passes over keys nobody claimed.
        uow.claims.mark_all_sent({"b": "unreachable", "c": "slack", "nobody": "slack"}, AT)
        uow.claims.mark_sent("old", channel="unreachable", at=AT)
        with pytest.raises(NotFound, match="claim"):
            uow.claims.mark_sent("nobody", channel="slack", at=AT)
        uow.commit()
    with uow_factory() as uow:
        assert uow.claims.unreachable_since(AT - timedelta(days=7)) == ["Jo Bloggs", "Pete Brodie"]
        assert uow.claims.claimed(["nobody"]) == set()


def test_notices_whole_replies_erasure_and_retention(uow_factory: UnitOfWorkFactory) -> None:
    payload: dict[str, object] = {"v": 1, "text": "From: Jane <JANE_X@leeds.gov.uk>"}
    with uow_factory() as uow:
        uow.notices.add("Pete Brodie", "old nudge", datetime(2026, 1, 5, 9, tzinfo=UTC))
        uow.notices.add("#team", "New query", datetime(2026, 3, 2, 9, tzinfo=UTC), payload)
        uow.notices.add("Pete Brodie", "Overdue", datetime(2026, 3, 2, 10, tzinfo=UTC))
        uow.notices.add("Becki Aquilina", "Due", datetime(2026, 3, 2, 11, tzinfo=UTC))
        uow.notices.add("#team", "janex@leeds.gov.uk", datetime(2026, 3, 2, 12, tzinfo=UTC))
        uow.commit()
    with uow_factory() as uow:
        seen = uow.notices.after(["Pete Brodie", "#team"])
        assert [(n.person, n.text) for n in seen] == [
            ("Pete Brodie", "old nudge"),
            ("#team", "New query"),
            ("Pete Brodie", "Overdue"),
            ("#team", "janex@leeds.gov.uk"),
        ]
        assert seen[0].payload is None and seen[1].payload == payload
        assert seen[0].at == datetime(2026, 1, 5, 9, tzinfo=UTC)
        assert [n.text for n in uow.notices.after(["Pete Brodie"], seen[1].id)] == ["Overdue"]
        assert len(uow.notices.after(["Pete Brodie", "#team"], 0, limit=2)) == 2
        assert uow.notices.for_person("Pete Brodie", since=datetime(2026, 2, 1, tzinfo=UTC)) == [
            (datetime(2026, 3, 2, 10, tzinfo=UTC), "Overdue")
        ]
        # The address in the stored reply counts, in any case; "_" is not a wildcard.
        assert uow.notices.erase_person(Erasure.of("jane_x@leeds.gov.uk")) == 1
        assert uow.notices.delete_before(datetime(2026, 3, 1, tzinfo=UTC)) == 1
        uow.commit()
    with uow_factory() as uow:
        left = uow.notices.after(["Pete Brodie", "Becki Aquilina", "#team"])
        assert [n.text for n in left] == ["Overdue", "Due", "janex@leeds.gov.uk"]


def test_questions_needing_the_team_and_drafts(uow_factory: UnitOfWorkFactory) -> None:
    asked = Question(key="slack:1", text="Which ethnicity question?", asked_at=AT, asker="Jo")
    answered = replace(asked, key="slack:2", answered=True, asked_at=AT + timedelta(hours=1))
    unhelpful = replace(answered, key="slack:3", feedback=Feedback.NOT_NEEDED)
    with uow_factory() as uow:
        assert uow.questions.add(asked) is True
        assert uow.questions.add(replace(asked, text="again")) is False
        uow.questions.add(answered)
        uow.questions.add(replace(unhelpful, asked_at=AT + timedelta(hours=2)))
        with pytest.raises(NotFound, match="question"):
            uow.questions.save(replace(asked, key="slack:never"))
        uow.drafts.put("web:jo", {"step": "name"}, AT)
        uow.drafts.put("web:jo", {"step": "owner", "name": "Launch"}, AT)
        uow.drafts.put("web:ann", {"step": "name"}, AT)
        uow.drafts.clear("web:ann")
        uow.drafts.clear("web:nobody")
        uow.commit()
    with uow_factory() as uow:
        assert [q.key for q in uow.questions.needing_team()] == ["slack:3", "slack:1"]
        uow.questions.save(replace(asked, resolved=True))
        assert uow.questions.get("slack:1") == replace(asked, resolved=True)
        assert uow.drafts.get("web:jo") == {"step": "owner", "name": "Launch"}
        assert uow.drafts.get("web:ann") is None
