"""How an erasure finds a person in stored text, and what it leaves."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from commplan.contacts import Channel, Contact
from commplan.conversations import ConversationKind, ConversationRef
from commplan.erasure import ERASED, Erasure
from commplan.services.privacy import erase_person
from tests.fakes import FakeDatabase

JANE = Erasure.of(
    " Jane@Leeds.gov.uk ",
    names=["Jane Smith", "Jane", "", "jane smith"],
    chat_ids=["U07JANE", ""],
    placeholder="Erased person 7",
)


def test_spellings_are_tidied() -> None:
    assert JANE.email == "jane@leeds.gov.uk"
    assert JANE.names == ("Jane Smith", "Jane")
    assert JANE.chat_ids == ("U07JANE",)


def test_a_whole_field_becomes_the_placeholder_and_text_says_erased() -> None:
    assert JANE.redact("JANE SMITH") == "Erased person 7"
    assert JANE.redact("Jane") == "Erased person 7"
    assert JANE.redact("u07jane") == "Erased person 7"
    assert JANE.redact("Spoke to Jane Smith (JANE@leeds.gov.uk) on Monday.") == (
        f"Spoke to {ERASED} ({ERASED}) on Monday."
    )
    assert JANE.redact("slack:D1:U07JANE") == f"slack:D1:{ERASED}"


def test_other_people_and_other_addresses_stay() -> None:
    for text in (
        "Jane from Bradford asked too",  # a first name alone may be anyone
        "mary.jane@leeds.gov.uk",
        "jane@leeds.gov.uk.example.org",
        "Jane Smithson wrote",
        "U07JANEX",
    ):
        assert JANE.redact(text) == text
        assert not JANE.mentions(text)


def test_json_values_and_json_text() -> None:
    payload = {"user": {"id": "U07JANE", "name": "Jane Smith"}, "text": "hi Jane Smith"}
    assert JANE.redact(payload) == {
        "user": {"id": "Erased person 7", "name": "Erased person 7"},
        "text": f"hi {ERASED}",
    }
    assert JANE.redact(["Pete Brodie", "Jane Smith"]) == ["Pete Brodie", "Erased person 7"]
    escaped = json.dumps({"name": "Zoë Jane Smith"})
    assert "Jane Smith" not in JANE.redact_json_text(escaped)
    assert JANE.redact_json_text("not json, Jane Smith") == f"not json, {ERASED}"
    # Escaped spellings are among what a database narrows its rows by.
    zoe = Erasure.of("zoe@example.org", names=["Zoë Brontë"])
    assert "zo\\u00eb bront\\u00eb" in zoe.needles


def test_a_stranger_who_asked_in_chat_is_found_by_the_claim_of_their_message() -> None:
    at = datetime(2026, 9, 8, 9, tzinfo=UTC)
    database = FakeDatabase()
    with database() as uow:
        # Not in the directory: only the chat's claim ties her address to her Slack id.
        uow.claims.claim("chat:slack:Ev07", kind="chat_message", person="U07ANN", item="", at=at)
        uow.contacts.add(
            Contact(
                on=at.date(),
                channel=Channel.CHAT,
                name="Ann Lee",
                email="ann.lee@bbc.co.uk",
                organisation="BBC",
                source_ref="chat:slack:Ev07",
            )
        )
        uow.drafts.put("slack:D07ANN:U07ANN", {"kind": "tactic"}, at)
        uow.conversations.save(
            ConversationRef(
                platform="slack",
                conversation_id="D07ANN",
                kind=ConversationKind.PERSONAL,
                updated_at=at,
                user_id="U07ANN",
            )
        )
        uow.commit()

    removed = erase_person(database(), "Ann.Lee@BBC.co.uk")

    assert (removed.contacts, removed.chats, removed.people) == (1, 3, 0)
    with database() as uow:
        (contact,) = uow.contacts.all()
        assert (contact.name, contact.email, contact.organisation) == ("", "", "BBC")
        assert uow.drafts.get("slack:D07ANN:U07ANN") is None
        assert uow.conversations.for_user("slack", "U07ANN") is None
        assert uow.claims.claimed(["chat:slack:Ev07"]) == {"chat:slack:Ev07"}
