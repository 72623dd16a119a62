"""Parsing the fixture corpus of awkward e-mail, and reading .eml files and mbox archives."""

from __future__ import annotations

import base64
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from adapters.email.archives import iter_mbox, iter_paths
from adapters.email.parse import parse_message
from adapters.email.text import MAX_TEXT_CHARS, decode_bytes, html_to_text
from commplan.inbox import InboundEmail, message_ids, normalise_message_id, thread_root

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "email"
EML_FILES = sorted(FIXTURES.glob("*.eml"))


def parse_fixture(name: str) -> InboundEmail:
    return parse_message((FIXTURES / name).read_bytes())


EXPECTED: dict[str, dict[str, Any]] = {
    "01-plain.eml": {
        "message_id": "20150113091244.4471@mail.dwp.gov.uk",
        "sender_name": "Sam Okafor",
        "sender_email": "sam.okafor@dwp.gov.uk",
        "to": ("harmonisation@ons.gov.uk",),
        "subject": "Which ethnicity question should we use in the FRS?",
        "sent_at": datetime(2015, 1, 13, 9, 12, 44, tzinfo=UTC),
        "skip_reason": "",
        "fallback_key": False,
    },
    "02-html-only.eml": {
        "sender_name": "Dr Priya Natarajan",
        "sender_email": "p.natarajan@maths.leeds.ac.uk",
        "text": (
            "Dear team,\n\nOur survey uses the harmonised long-lasting health conditions & "
            'illnesses questions. Is there guidance on the "activity restriction" item?\n\n'
            "- Question wording\n- Routing\n\nKind regards,\nPriya \u2013 School of Mathematics"
        ),
    },
    "03-alternative.eml": {
        "sender_email": "jo.bloggs1987@gmail.com",
        "text": (
            "Hi, I'm a student writing my dissertation. Is the sexual identity question\n"
            "harmonised across the social surveys?"
        ),
    },
    "04-latin1.eml": {
        "text": (
            "Bonjour, our caf\u00e9 survey costs \u00a35 per respondent.\n"
            "Which smoking questions are harmonised?"
        ),
    },
    "05-windows-1252.eml": {
        "message_id": "000001d036e0$5a2b$ons@ons.gsi.gov.uk",
        "text": (
            "The \u201charmonised\u201d income bands start at \u20ac10,000 \u2013 is that right?"
        ),
    },
    "06-wrong-charset.eml": {
        "sender_name": "Ren\u00e9e Martin",
        "text": (
            "We map tenure for our r\u00e9sum\u00e9 of housing data; na\u00efve question: is\n"
            '"owned outright" still a separate category?'
        ),
    },
    "07-rfc2047.eml": {
        "sender_name": "Siobh\u00e1n Nic Aodhag\u00e1in",
        "sender_email": "siobhan.nicaodhagain@gov.scot",
        # ISO-8859-1 labelled =96 is Windows-1252's en dash in practice
        "subject": "Gaelic language question \u2013 r\u00e9vision for 2021 \u2013 Scotland",
    },
    "08-no-message-id.eml": {"fallback_key": True, "skip_reason": ""},
    "09-no-date.eml": {"sent_at": None, "message_id": "no-date-1@rss.org.uk"},
    "10-bad-date.eml": {
        "sent_at": None,
        # no angle brackets; the domain part is lower-cased, the local part keeps its case
        "message_id": "local-part-Keeps-Case@leeds.gov.uk",
    },
    "11-no-from.eml": {
        "sender_name": "",
        "sender_email": "",
        # "-0000" says the zone is unknown: taken as UTC, never naive
        "sent_at": datetime(2015, 1, 31, 23, 59, 59, tzinfo=UTC),
    },
    "12-auto-submitted.eml": {"skip_reason": "auto-submitted: auto-replied"},
    "13-x-autoreply.eml": {"skip_reason": "x-autoreply"},
    "14-precedence-bulk.eml": {"skip_reason": "precedence: bulk"},
    "15-list-id.eml": {
        "skip_reason": "list traffic (List-Id)",
        "text": "This week\n\nNew releases\u2026",
    },
    "16-dsn-bounce.eml": {
        "sender_email": "mailer-daemon@mx.ons.gov.uk",
        "skip_reason": "bounce (multipart/report)",
    },
    "17-large-attachment.eml": {
        "text": (
            "Please could you check the attached questionnaire against the harmonised\n"
            "standards for qualifications?"
        ),
        "skip_reason": "",
    },
    "18-reply.eml": {
        "sender_email": "harmonisation@ons.gov.uk",
        "to": ("sam.okafor@dwp.gov.uk",),
        "in_reply_to": "20150113091244.4471@mail.dwp.gov.uk",
        "references": ("20150113091244.4471@mail.dwp.gov.uk", "followup-2@mail.dwp.gov.uk"),
    },
    "19-unknown-charset.eml": {
        "text": "Ol\u00e1 \u2013 how do the UK household reference person rules compare?",
        "sent_at": datetime(2015, 2, 9, 9, 0, tzinfo=timezone(timedelta(hours=1))),
    },
    "20-attachment-only.eml": {"text": ""},
    "21-malformed-headers.eml": {
        "sender_email": "",
        "to": (),
        "sent_at": None,
        "fallback_key": True,
        "text": "Headers all broken, body fine.",
    },
}


def test_every_fixture_has_expectations() -> None:
    assert len(EML_FILES) >= 15
    assert {path.name for path in EML_FILES} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    parsed = parse_fixture(name)

    assert {field: getattr(parsed, field) for field in EXPECTED[name]} == EXPECTED[name]


@pytest.mark.parametrize("path", EML_FILES, ids=lambda path: path.name)
def test_invariants_hold_for_every_fixture(path: Path) -> None:
    parsed = parse_message(path.read_bytes())

    assert parsed.message_id
    assert parsed.fallback_key == parsed.message_id.startswith("sha256:")
    assert parsed.sent_at is None or parsed.sent_at.utcoffset() is not None
    assert parsed.sender_email == parsed.sender_email.lower()
    assert "\x00" not in parsed.text
    assert len(parsed.text) <= MAX_TEXT_CHARS


def test_attachments_never_reach_the_text() -> None:
    large = parse_fixture("17-large-attachment.eml")
    only = parse_fixture("20-attachment-only.eml")

    assert "questionnaire.pdf" not in large.text
    assert len(large.text) < 200
    assert "minutes" not in only.text


def test_a_huge_attachment_is_carried_not_decoded() -> None:
    attachment = base64.encodebytes(bytes(range(256)) * 20_000).decode("ascii")  # ~7 MB
    raw = (
        "From: a@dwp.gov.uk\r\nMessage-ID: <huge@dwp.gov.uk>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        "--b\r\nContent-Type: application/octet-stream\r\n"
        "Content-Disposition: attachment; filename=data.bin\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + attachment + "\r\n--b--\r\n"
    ).encode("ascii")

    assert parse_message(raw).text == "See attached."


def test_html_text_late_in_heavy_markup_is_kept() -> None:
    markup = "<style>" + "p { margin: 0 }\n" * 10_000 + "</style><p>Late text</p>"
    raw = b"From: a@dwp.gov.uk\r\nContent-Type: text/html\r\n\r\n" + markup.encode()

    assert parse_message(raw).text == "Late text"


def test_body_text_is_capped() -> None:
    raw = b"From: a@dwp.gov.uk\r\nSubject: long\r\n\r\n" + b"word " * 50_000

    assert len(parse_message(raw).text) == MAX_TEXT_CHARS


def test_fallback_key_is_stable_and_distinct() -> None:
    raw = (FIXTURES / "08-no-message-id.eml").read_bytes()
    other = raw.replace(b"boroughs?", b"wards?")

    first, second = parse_message(raw), parse_message(raw)

    assert first.fallback_key and second.fallback_key
    assert first.message_id == second.message_id
    assert first.message_id.startswith("sha256:")
    assert parse_message(other).message_id != first.message_id


def test_fallback_key_ignores_transport_headers() -> None:
    raw = (FIXTURES / "08-no-message-id.eml").read_bytes()
    relayed = b"Received: from relay.example.net by mx.ons.gov.uk\r\n" + raw

    assert parse_message(relayed).message_id == parse_message(raw).message_id


def test_unparseable_input_still_gets_a_key() -> None:
    parsed = parse_message(b"")

    assert parsed.message_id.startswith("sha256:")
    assert parsed.fallback_key


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("18-reply.eml", "20150113091244.4471@mail.dwp.gov.uk"),
        ("01-plain.eml", "20150113091244.4471@mail.dwp.gov.uk"),
    ],
)
def test_thread_root(name: str, root: str) -> None:
    assert thread_root(parse_fixture(name)) == root


def test_thread_root_falls_back_to_in_reply_to() -> None:
    reply = InboundEmail(message_id="b@x.org", in_reply_to="a@x.org")

    assert thread_root(reply) == "a@x.org"


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("<Abc.Def@EXAMPLE.Com>", "Abc.Def@example.com"),
        ("  <abc@example.com>  (comment)", "abc@example.com"),
        ("abc@Example.com", "abc@example.com"),
        ("<abc@exam\r\n ple.com>", "abc@example.com"),
        ("<>", ""),
        ("", ""),
        ("<no-at-sign>", "no-at-sign"),
        ("<" + "x" * 2000 + "@example.com>", ""),
    ],
)
def test_normalise_message_id(text: str, normalised: str) -> None:
    assert normalise_message_id(text) == normalised


def test_message_ids_reads_references() -> None:
    assert message_ids("<a@X.org> <b@y.org>\r\n <c@Z.org>") == ("a@x.org", "b@y.org", "c@z.org")
    assert message_ids("a@x.org b@y.org") == ("a@x.org", "b@y.org")
    assert message_ids("") == ()


@pytest.mark.parametrize(
    ("data", "charset", "text"),
    [
        ("caf\u00e9".encode(), "utf-8", "caf\u00e9"),
        (b"caf\xe9", "utf-8", "caf\u00e9"),  # declared UTF-8, really Latin-1
        (b"caf\xe9", "x-no-such-charset", "caf\u00e9"),
        ("caf\u00e9".encode(), "base64", "caf\u00e9"),  # a codec, but not a text encoding
        (b"\x93quoted\x94", "us-ascii", "\u201cquoted\u201d"),
        ("caf\u00e9 \u2013".encode() + b"\xff", "", "caf\u00e9 \u2013\ufffd"),  # mostly UTF-8
        (b"\x81\x8d", "", "\x81\x8d"),  # no Windows-1252 meaning: Latin-1 cannot fail
    ],
)
def test_decode_bytes(data: bytes, charset: str, text: str) -> None:
    assert decode_bytes(data, charset) == text


def test_decode_bytes_drops_a_sequence_cut_off_by_truncation() -> None:
    cut = "cut \u2013".encode()[:-1]

    assert decode_bytes(cut, "utf-8", truncated=True) == "cut "
    assert decode_bytes(cut, "utf-8") != "cut "  # not truncated: a real error, so a fallback


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("<script>var x = '<p>no</p>';</script>Yes", "Yes"),
        ("<style>p {}</style><head><title>t</title>unclosed head<body>Body", "Body"),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("&lt;b&gt; &#8211; &nbsp;x", "<b> \u2013 x"),  # no-break space is just a space
        ("<<<>>>&&&", "<<<>>>&&&"),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


# --- mbox archives and paths ---------------------------------------------------------------


def test_iter_mbox_splits_and_unquotes() -> None:
    messages = list(iter_mbox(FIXTURES / "sample.mbox"))

    assert len(messages) == 4
    first = messages[0].decode()
    assert first.startswith("From: Sam Okafor")
    assert "\nFrom the second paragraph on, this line was quoted" in first
    assert "\n>From here, a line that was already quoted once" in first
    assert "\nFrom the top, not after a blank line, so it is body text.\n" in first
    assert not first.endswith("\n\n")  # the blank line before the next separator is not mail
    assert [parse_message(raw).message_id for raw in messages][1] == "mbox-2@ons.gov.uk"


def test_mbox_messages_parse() -> None:
    parsed = [parse_message(raw) for raw in iter_mbox(FIXTURES / "sample.mbox")]

    assert [p.subject for p in parsed] == [
        "First",
        "Second",
        "Third, without a Message-ID",
        "Fourth",
    ]
    assert parsed[1].in_reply_to == "mbox-1@dwp.gov.uk"
    assert parsed[2].fallback_key
    assert parsed[2].skip_reason == "mailer-daemon sender"
    assert parsed[3].text == "The fourth message, the last in the archive."


def test_iter_mbox_handles_crlf_and_leading_blank_lines(tmp_path: Path) -> None:
    archive = tmp_path / "crlf.mbox"
    archive.write_bytes(
        b"\r\nFrom a@x.org Mon Jan 5 00:00:00 2015\r\nSubject: one\r\n\r\nbody\r\n>From x\r\n"
        b"\r\nFrom b@x.org Mon Jan 5 00:00:00 2015\r\nSubject: two\r\n\r\nbody\r\n"
    )

    messages = list(iter_mbox(archive))

    assert messages == [
        b"Subject: one\r\n\r\nbody\r\nFrom x\r\n",
        b"Subject: two\r\n\r\nbody\r\n",
    ]


def test_iter_mbox_streams_in_constant_memory(tmp_path: Path) -> None:
    archive = tmp_path / "big.mbox"
    body = b"".join(
        b"line %d of a longish message body, padded out a bit\n" % i for i in range(150)
    )
    with archive.open("wb") as handle:
        for number in range(400):
            handle.write(b"From a@x.org Mon Jan  5 00:00:00 2015\n")
            handle.write(b"Message-ID: <m%d@x.org>\n\n" % number)
            handle.write(body + b"\n")
    size = archive.stat().st_size

    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_mbox(archive))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 400
    assert size > 3_000_000
    assert peak < 200_000  # a message or two, never the archive


def test_iter_paths_reads_files_archives_and_directories(tmp_path: Path) -> None:
    (tmp_path / "b.eml").write_bytes((FIXTURES / "01-plain.eml").read_bytes())
    (tmp_path / "a.mbox").write_bytes((FIXTURES / "sample.mbox").read_bytes())
    (tmp_path / "notes.txt").write_text("not mail")
    sniffed = tmp_path / "Inbox"  # Thunderbird keeps mbox archives without a suffix
    sniffed.write_bytes((FIXTURES / "sample.mbox").read_bytes())

    labels = [label for label, _ in iter_paths([tmp_path, str(sniffed)])]

    assert labels == [
        *(f"{tmp_path / 'a.mbox'}#{n}" for n in range(1, 5)),
        str(tmp_path / "b.eml"),
        *(f"{sniffed}#{n}" for n in range(1, 5)),
    ]


def test_iter_paths_on_the_fixture_corpus() -> None:
    found = list(iter_paths([FIXTURES]))

    assert len(found) == len(EML_FILES) + 4
    assert all(parse_message(raw).message_id for _, raw in found)
