"""ImapSource against a real Dovecot on loopback: cursor, UIDVALIDITY, nothing marked as read."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from imapclient import IMAPClient

from adapters.email.imap import ImapSource
from adapters.email.parse import parse_message
from adapters.settings import ImapSettings
from bot.ports import MailSourceError
from tests.integration.dovecot import DovecotServer, require_dovecot, run_dovecot

pytestmark = pytest.mark.imap


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    """A fresh Dovecot with an empty mailbox, for one test."""
    require_dovecot()
    with run_dovecot() as server:
        yield server


@pytest.fixture
def settings(dovecot: DovecotServer) -> ImapSettings:
    return ImapSettings(
        host=dovecot.host,
        port=dovecot.port,
        username=dovecot.username,
        password=dovecot.password,
        folder="INBOX",
        tls="none",
    )


@pytest.fixture
def mailbox(dovecot: DovecotServer) -> Iterator[IMAPClient]:
    """A second client, as another mail program would be: it delivers and looks at flags."""
    client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
    client.login(dovecot.username, dovecot.password)
    yield client
    client.logout()


def _message(number: int, subject: str, sender: str) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = "harmonisation@statistics.gov.uk"
    message["Subject"] = subject
    message["Date"] = f"Tue, 0{number} Mar 2016 10:00:00 +0000"
    message["Message-ID"] = f"<query-{number}@example.org>"
    message.set_content(f"Query number {number}: which standard covers ethnicity?\n")
    return message.as_bytes()


MESSAGES = (
    _message(1, "Ethnicity harmonised standard", "Ann Lee <ann.lee@ed.ac.uk>"),
    _message(2, "Cwestiwn am safon – Ŵyr a wyresau, café", "Huw <huw@llyw.cymru>"),
    _message(3, "Housing tenure question", "Press Office <desk@bbc.co.uk>"),
)


def _deliver(mailbox: IMAPClient, *messages: bytes) -> None:
    for raw in messages:
        mailbox.append("INBOX", raw)


def _uidvalidity(mailbox: IMAPClient) -> int:
    uidvalidity: int = mailbox.folder_status("INBOX", ["UIDVALIDITY"])[b"UIDVALIDITY"]
    return uidvalidity


def test_first_poll_returns_everything_unread_then_only_what_is_new(
    settings: ImapSettings, mailbox: IMAPClient
) -> None:
    _deliver(mailbox, *MESSAGES)
    uidvalidity = _uidvalidity(mailbox)
    source = ImapSource(settings)

    first = source.fetch_raw("")

    assert [message.source_id for message in first.messages] == [
        f"imap:{uidvalidity}:{uid}" for uid in (1, 2, 3)
    ]
    assert [message.raw for message in first.messages] == list(MESSAGES)
    parsed = [parse_message(message.raw) for message in first.messages]
    assert [email.message_id for email in parsed] == [f"query-{n}@example.org" for n in (1, 2, 3)]
    assert parsed[1].subject == "Cwestiwn am safon – Ŵyr a wyresau, café"
    assert json.loads(first.cursor) == {"uidvalidity": uidvalidity, "last_uid": 3}

    mailbox.select_folder("INBOX", readonly=True)
    flags = mailbox.get_flags([1, 2, 3])
    assert all(b"\\Seen" not in flags[uid] for uid in (1, 2, 3))

    second = source.fetch_raw(first.cursor)
    assert second.messages == ()
    assert json.loads(second.cursor) == {"uidvalidity": uidvalidity, "last_uid": 3}

    fourth = _message(4, "Follow-up on ethnicity", "Ann Lee <ann.lee@ed.ac.uk>")
    _deliver(mailbox, fourth)
    third = source.fetch_raw(second.cursor)
    assert [(message.source_id, message.raw) for message in third.messages] == [
        (f"imap:{uidvalidity}:4", fourth)
    ]
    assert json.loads(third.cursor) == {"uidvalidity": uidvalidity, "last_uid": 4}


def test_the_port_hands_over_the_messages_parsed(
    settings: ImapSettings, mailbox: IMAPClient
) -> None:
    _deliver(mailbox, *MESSAGES)
    uidvalidity = _uidvalidity(mailbox)

    result = ImapSource(settings).fetch("")

    assert [(m.source, m.email.message_id) for m in result.messages] == [
        (f"imap:{uidvalidity}:{n}", f"query-{n}@example.org") for n in (1, 2, 3)
    ]
    assert result.messages[1].email.subject == "Cwestiwn am safon – Ŵyr a wyresau, café"
    assert json.loads(result.cursor) == {"uidvalidity": uidvalidity, "last_uid": 3}


def test_small_batches_fetch_every_message_in_order(
    settings: ImapSettings, mailbox: IMAPClient
) -> None:
    _deliver(mailbox, *MESSAGES)

    result = ImapSource(settings, batch=2).fetch_raw("")

    assert [message.raw for message in result.messages] == list(MESSAGES)


def test_a_changed_uidvalidity_reads_the_folder_again(
    settings: ImapSettings, mailbox: IMAPClient, caplog: pytest.LogCaptureFixture
) -> None:
    _deliver(mailbox, *MESSAGES)
    uidvalidity = _uidvalidity(mailbox)
    stale = json.dumps({"uidvalidity": uidvalidity + 1, "last_uid": 3})

    result = ImapSource(settings).fetch_raw(stale)

    assert [message.raw for message in result.messages] == list(MESSAGES)
    assert json.loads(result.cursor) == {"uidvalidity": uidvalidity, "last_uid": 3}
    assert "UIDVALIDITY changed" in caplog.text


def test_a_cursor_from_elsewhere_reads_the_folder_again(
    settings: ImapSettings, mailbox: IMAPClient
) -> None:
    _deliver(mailbox, *MESSAGES)

    result = ImapSource(settings).fetch_raw(json.dumps({"delta": "https://graph.example/delta"}))

    assert len(result.messages) == 3


def test_an_empty_folder_gives_nothing_and_a_cursor(settings: ImapSettings) -> None:
    result = ImapSource(settings).fetch_raw("")

    assert result.messages == ()
    assert json.loads(result.cursor)["last_uid"] == 0


def test_a_wrong_password_is_an_error_that_does_not_repeat_it(
    settings: ImapSettings, dovecot: DovecotServer
) -> None:
    wrong = "not-the-Password-42"
    source = ImapSource(
        ImapSettings(
            host=settings.host,
            port=settings.port,
            username=settings.username,
            password=wrong,
            tls="none",
        )
    )

    with pytest.raises(MailSourceError) as raised:
        source.fetch("")

    message = str(raised.value)
    assert dovecot.host in message
    assert "login" in message
    assert wrong not in message
    assert wrong not in source.name


def test_a_missing_folder_is_an_error_naming_it(settings: ImapSettings) -> None:
    source = ImapSource(
        ImapSettings(
            host=settings.host,
            port=settings.port,
            username=settings.username,
            password=settings.password,
            folder="Queries",
            tls="none",
        )
    )

    with pytest.raises(MailSourceError, match="select folder 'Queries'"):
        source.fetch("")


def test_an_unreachable_server_is_an_error_naming_it() -> None:
    # A port that was free a moment ago: nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = ImapSource(
        ImapSettings(host="127.0.0.1", port=port, username="shared", password="pw", tls="none")
    )

    with pytest.raises(MailSourceError, match=f"IMAP 127.0.0.1:{port}: connect failed"):
        source.fetch("")
