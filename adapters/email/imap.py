"""Read new mail from an IMAP folder with IMAPClient, without marking anything as read.

The cursor is ``{"uidvalidity": N, "last_uid": M}``. A poll asks for ``UID M+1:*`` and fetches
``BODY.PEEK[]`` in a folder selected read-only, so the team's mail client still shows the
messages as unread. When the server's UIDVALIDITY changes, the old UIDs mean nothing any more
and the poll starts again from the top of the folder; the caller dedupes by Message-ID.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from imapclient import IMAPClient

from adapters.email.sources import FetchedMessage, RawFetch, parsed, redact
from adapters.settings import ImapSettings
from bot.ports import FetchResult, MailSourceError

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# A poll runs in the clock process; a server that stops answering must not hold it forever.
_TIMEOUT_SECONDS = 60.0
_BODY = b"BODY[]"


class ImapSource:
    """One IMAP folder, polled with a UID and UIDVALIDITY cursor."""

    def __init__(self, settings: ImapSettings, *, batch: int = 200) -> None:
        if batch < 1:
            raise ValueError("batch must be at least 1")
        self._settings = settings
        self._batch = batch

    @property
    def name(self) -> str:
        """The account, server and folder, for logs."""
        settings = self._settings
        return f"imap:{settings.username}@{settings.host}:{settings.port}/{settings.folder}"

    def fetch(self, cursor: str) -> FetchResult:
        """Fetch and parse the messages after ``cursor``, oldest first."""
        return parsed(self.fetch_raw(cursor))

    def fetch_raw(self, cursor: str) -> RawFetch:
        """Fetch the messages after ``cursor`` ("" for the whole folder), oldest first."""
        start = _read_cursor(cursor)
        client = self._connect()
        try:
            uidvalidity = self._open_folder(client)
            last_uid = self._resume_after(start, uidvalidity)
            found = self._step("search", client.search, f"UID {last_uid + 1}:*")
            # "n:*" always matches the newest message, even when its UID is below n.
            uids = sorted(uid for uid in found if isinstance(uid, int) and uid > last_uid)
            messages = [
                message
                for chunk in _chunks(uids, self._batch)
                for message in self._fetch_chunk(client, uidvalidity, chunk)
            ]
        finally:
            self._logout(client)
        log.log(
            logging.INFO if messages else logging.DEBUG,
            "%s: %d new message(s)",
            self.name,
            len(messages),
        )
        return RawFetch(
            messages=tuple(messages),
            cursor=json.dumps({"uidvalidity": uidvalidity, "last_uid": max([last_uid, *uids])}),
        )

    def _open_folder(self, client: IMAPClient) -> int:
        """Log in and select the folder read-only; returns its UIDVALIDITY."""
        settings = self._settings
        what = f"select folder {settings.folder!r}"
        self._step("login", client.login, settings.username, settings.password)
        # Read-only as well as BODY.PEEK: belt and braces against marking the team's mail read.
        selected = self._step(what, client.select_folder, settings.folder, readonly=True)
        uidvalidity = selected.get(b"UIDVALIDITY") if isinstance(selected, dict) else None
        if not isinstance(uidvalidity, int):
            raise self._error(what, "the server gave no UIDVALIDITY")
        return uidvalidity

    def _resume_after(self, start: tuple[int, int] | None, uidvalidity: int) -> int:
        """The last UID already fetched: the cursor's, unless the folder's UIDs were reset."""
        if start is None:
            return 0
        if start[0] != uidvalidity:
            log.warning(
                "%s: UIDVALIDITY changed from %d to %d, reading the folder again",
                self.name,
                start[0],
                uidvalidity,
            )
            return 0
        return start[1]

    def _connect(self) -> IMAPClient:
        """Open the connection, with TLS as the settings say."""
        settings = self._settings
        if settings.tls not in {"ssl", "starttls", "none"}:
            raise self._error("connect", f"unknown TLS mode {settings.tls!r}")
        context = ssl.create_default_context() if settings.tls != "none" else None
        client = self._step(
            "connect",
            IMAPClient,
            settings.host,
            port=settings.port,
            ssl=settings.tls == "ssl",
            ssl_context=context,
            timeout=_TIMEOUT_SECONDS,
        )
        if settings.tls == "starttls":
            try:
                self._step("STARTTLS", client.starttls, context)
            except MailSourceError:
                self._logout(client)
                raise
        return client

    def _fetch_chunk(
        self, client: IMAPClient, uidvalidity: int, uids: Sequence[int]
    ) -> list[FetchedMessage]:
        """One ``UID FETCH ... BODY.PEEK[]`` for a batch of UIDs."""
        response = self._step("fetch", client.fetch, list(uids), ["BODY.PEEK[]"])
        messages = []
        for uid in uids:
            body = response.get(uid, {}).get(_BODY)
            if body is None:
                # Expunged between the search and the fetch: UIDs are never reused, so moving
                # the cursor past it loses nothing.
                log.info("%s: message %d went before it could be fetched", self.name, uid)
                continue
            messages.append(FetchedMessage(source_id=f"imap:{uidvalidity}:{uid}", raw=bytes(body)))
        return messages

    def _step(self, what: str, call: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """Run one IMAP step, turning any failure into a :class:`MailSourceError`."""
        try:
            return call(*args, **kwargs)
        except MailSourceError:
            raise
        except Exception as error:
            raise self._error(what, _describe(error)) from error

    def _error(self, what: str, detail: str) -> MailSourceError:
        settings = self._settings
        message = f"IMAP {settings.host}:{settings.port}: {what} failed: {detail}"
        return MailSourceError(redact(message, settings.password))

    def _logout(self, client: IMAPClient) -> None:
        """Log out, quietly: the poll's result (or its real error) matters more."""
        try:
            client.logout()
        except Exception as error:
            log.debug("%s: logout failed: %s", self.name, type(error).__name__)
            try:
                client.shutdown()
            except Exception:
                log.debug("%s: closing the socket failed", self.name)


def _read_cursor(cursor: str) -> tuple[int, int] | None:
    """(uidvalidity, last_uid) from a cursor, or None to start from the top of the folder."""
    if not cursor:
        return None
    try:
        data = json.loads(cursor)
        pair = (data["uidvalidity"], data["last_uid"])
    except (ValueError, TypeError, KeyError):
        pair = None
    if pair is not None and all(type(value) is int and value >= 0 for value in pair):
        return pair
    # Another source's cursor (the mailbox moved from Graph to IMAP) or a damaged one: reading
    # the folder again is safe because the caller dedupes by Message-ID.
    log.warning("ignoring a cursor that is not an IMAP cursor; reading the folder again")
    return None


def _chunks(items: Sequence[int], size: int) -> list[Sequence[int]]:
    return [items[index : index + size] for index in range(0, len(items), size)]


def _describe(error: BaseException) -> str:
    """An exception as text for an error message: its own words, or at least its kind."""
    # imaplib raises with the server's reply as bytes, and IMAPClient's LoginError wraps the
    # str() of that; either way it would read "b'...'".
    if len(error.args) == 1 and isinstance(error.args[0], bytes):
        text = error.args[0].decode("utf-8", "replace").strip()
    else:
        text = str(error).strip()
    if len(text) >= 3 and text[0] == "b" and text[1] in "'\"" and text[-1] == text[1]:
        text = text[2:-1]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
