"""Properties of e-mail parsing: no input makes it raise, and mbox archives round-trip."""

from __future__ import annotations

import re
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.email.archives import iter_mbox
from adapters.email.parse import parse_message
from adapters.email.text import MAX_TEXT_CHARS
from commplan.inbox import InboundEmail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "email"
# The large-attachment fixture is left out: mutations rarely land anywhere interesting in it.
SMALL_FIXTURES = sorted(
    path.read_bytes() for path in FIXTURES.glob("*.eml") if path.stat().st_size < 10_000
)

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Bytes that matter to a MIME parser, so that mutations break structure, not just text.
_INTERESTING = st.sampled_from(
    [b"\r\n", b"\n", b":", b"<", b">", b"=?", b"?=", b"--", b";", b'"', b"\x00", b"\xff", b" "]
)


def assert_well_formed(parsed: InboundEmail) -> None:
    assert parsed.message_id
    assert parsed.fallback_key == parsed.message_id.startswith("sha256:")
    assert parsed.sent_at is None or parsed.sent_at.utcoffset() is not None
    assert len(parsed.text) <= MAX_TEXT_CHARS
    strings = [
        parsed.message_id,
        parsed.sender_name,
        parsed.sender_email,
        parsed.subject,
        parsed.text,
        parsed.in_reply_to,
        parsed.skip_reason,
        *parsed.to,
        *parsed.references,
    ]
    for value in strings:
        # What comes out must go into any database: valid UTF-8 and no NUL.
        value.encode("utf-8")
        assert "\x00" not in value


@PROPERTY_SETTINGS
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert_well_formed(parse_message(raw))


@st.composite
def mutated_fixture(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SMALL_FIXTURES)))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        operation = draw(st.sampled_from(["flip", "delete", "insert", "splice", "truncate"]))
        if operation == "flip" and at < len(data):
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif operation == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        elif operation == "splice":
            data[at:at] = draw(_INTERESTING)
        elif operation == "truncate":
            del data[at:]
    return bytes(data)


@PROPERTY_SETTINGS
@given(mutated_fixture())
def test_mutated_fixtures_never_raise(raw: bytes) -> None:
    assert_well_formed(parse_message(raw))


@PROPERTY_SETTINGS
@given(mutated_fixture())
def test_parsing_is_deterministic(raw: bytes) -> None:
    # The same bytes must give the same message, fallback key included, or re-imports duplicate.
    assert parse_message(raw) == parse_message(raw)


_line = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(["", "From ", ">From ", ">>From ", "From: "]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20),
)
_message = st.lists(_line, min_size=1, max_size=8).filter(
    lambda lines: any(line.strip() for line in lines)
)
_QUOTABLE = re.compile(r"^>*From ")


@PROPERTY_SETTINGS
@given(st.lists(_message, min_size=1, max_size=5))
def test_mbox_round_trips(messages: list[list[str]]) -> None:
    # Write an mboxrd archive (every ^>*From line gains a ">") and read it back.
    archive_lines = []
    for lines in messages:
        archive_lines.append("From sender@example.org Mon Jan  5 09:00:00 2015")
        archive_lines.extend(">" + line if _QUOTABLE.match(line) else line for line in lines)
        archive_lines.append("")
    with TemporaryDirectory() as folder:
        archive = Path(folder) / "archive.mbox"
        archive.write_text("\n".join(archive_lines) + "\n", encoding="ascii")

        read = [raw.decode("ascii") for raw in iter_mbox(archive)]

    assert read == ["\n".join(lines) + "\n" for lines in messages]
