"""How an erasure finds a person in stored text, and what it leaves."""

from __future__ import annotations

import json

from commplan.erasure import ERASED, Erasure

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
