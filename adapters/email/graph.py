"""Read new mail from a Microsoft 365 shared mailbox with a Microsoft Graph delta query.

The cursor is ``{"delta": "<deltaLink>"}``: Graph's own bookmark of what this app has seen in
the inbox. Every request asks for immutable ids, so a message keeps its id when someone files
it in another folder. Graph throttles with 429 (and 503) and a Retry-After; a delta link that
has expired answers 410 Gone, and the only way on is a full resync, which the caller's
Message-ID dedupe makes harmless.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import msal

from adapters.email.sources import FetchedMessage, RawFetch, parsed, redact
from adapters.settings import GraphSettings
from bot.ports import FetchResult, MailSourceError

log = logging.getLogger(__name__)

# Sent on every request: immutable ids survive moves between folders; 50 ids a delta page.
_PREFER = 'IdType="ImmutableId", odata.maxpagesize=50'
_TIMEOUT = httpx.Timeout(30.0)
_RETRY_STATUSES = frozenset({429, 503})
_MAX_RETRIES = 3
# A poll blocks a worker thread of the clock while it waits. Graph asking for longer than this
# is told "no" by giving up: the next poll comes round in a couple of minutes anyway.
_MAX_WAIT_SECONDS = 60.0
_DEFAULT_WAIT_SECONDS = 5.0
_AUTHORITY = "https://login.microsoftonline.com/"


class GraphSource:
    """The inbox of one mailbox, read with an app-only token and a delta query."""

    def __init__(
        self,
        settings: GraphSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        token_provider: Callable[[], str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._transport = transport
        self._token_provider = token_provider or self._msal_token
        self._sleep = sleep
        self._api_url = f"{settings.api_url.rstrip('/')}/"
        self._mailbox_url = f"{self._api_url}users/{quote(settings.mailbox, safe='@')}/"
        # The msal app holds the token cache, so there is one per source, made on first use.
        self._app: Any = None
        self._app_lock = threading.Lock()

    @property
    def name(self) -> str:
        """The mailbox, for logs."""
        return f"graph:{self._settings.mailbox}"

    def fetch(self, cursor: str) -> FetchResult:
        """Fetch and parse the inbox messages added since ``cursor``."""
        return parsed(self.fetch_raw(cursor))

    def fetch_raw(self, cursor: str) -> RawFetch:
        """Fetch the inbox messages added since ``cursor`` ("" for the whole inbox)."""
        start = self._read_cursor(cursor)
        with httpx.Client(
            transport=self._transport, timeout=_TIMEOUT, headers={"Prefer": _PREFER}
        ) as client:
            ids, delta_link = self._delta(client, start)
            downloads = (self._download(client, message_id) for message_id in ids)
            messages = [message for message in downloads if message is not None]
        log.log(
            logging.INFO if messages else logging.DEBUG,
            "%s: %d new message(s)",
            self.name,
            len(messages),
        )
        return RawFetch(messages=tuple(messages), cursor=json.dumps({"delta": delta_link}))

    def _initial_url(self) -> str:
        return f"{self._mailbox_url}mailFolders/inbox/messages/delta?$select=id,internetMessageId"

    def _read_cursor(self, cursor: str) -> str | None:
        """The stored delta link, or None for a full sync."""
        if not cursor:
            return None
        try:
            link = json.loads(cursor)["delta"]
        except (ValueError, TypeError, KeyError):
            link = None
        if isinstance(link, str) and self._is_ours(link):
            return link
        # Another source's cursor, a damaged one, or a link to another Graph endpoint (the token
        # must not go anywhere else): a full sync is safe, the caller dedupes by Message-ID.
        log.warning("%s: ignoring a cursor that is not a delta link here; full sync", self.name)
        return None

    def _delta(self, client: httpx.Client, start: str | None) -> tuple[list[str], str]:
        """Follow the delta pages from ``start``; returns the new message ids and the deltaLink."""
        initial = self._initial_url()
        url = start or initial
        restarted = False
        ids: dict[str, None] = {}  # an ordered set: one id can appear on two pages
        while True:
            response = self._get(client, url, "delta query")
            if response.status_code == 410 and url != initial and not restarted:
                log.warning("%s: the delta link has expired (410 Gone); full resync", self.name)
                url, restarted, ids = initial, True, {}
                continue
            page = self._json(response, "delta query")
            for item in page.get("value") or ():
                # "@removed" marks a message deleted or moved out of the inbox: nothing to log.
                if isinstance(item, dict) and "@removed" not in item:
                    message_id = item.get("id")
                    if isinstance(message_id, str) and message_id:
                        ids[message_id] = None
            delta_link = page.get("@odata.deltaLink")
            if isinstance(delta_link, str) and delta_link:
                return list(ids), delta_link
            next_link = page.get("@odata.nextLink")
            if not isinstance(next_link, str) or not next_link:
                raise self._error("delta query", "a page with neither nextLink nor deltaLink")
            if not self._is_ours(next_link):
                raise self._error("delta query", "a nextLink to another server")
            url = next_link

    def _download(self, client: httpx.Client, message_id: str) -> FetchedMessage | None:
        """The MIME of one message, or None when it went before it could be downloaded."""
        url = f"{self._mailbox_url}messages/{quote(message_id, safe='')}/$value"
        response = self._get(client, url, "message download")
        if response.status_code == 404:
            log.info("%s: message %s went before it could be downloaded", self.name, message_id)
            return None
        self._check(response, "message download")
        return FetchedMessage(source_id=f"graph:{message_id}", raw=response.content)

    def _get(self, client: httpx.Client, url: str, what: str) -> httpx.Response:
        """GET with the token, waiting out 429 and 503 as Retry-After says, a few times."""
        retries = 0
        while True:
            token = self._token()
            try:
                response = client.get(url, headers={"Authorization": f"Bearer {token}"})
            except httpx.HTTPError as error:
                raise self._error(what, type(error).__name__, token) from error
            if response.status_code not in _RETRY_STATUSES or retries == _MAX_RETRIES:
                return response
            wait = _retry_after(response)
            if wait > _MAX_WAIT_SECONDS:
                raise self._error(
                    what, f"HTTP {response.status_code}, asked to wait {wait:.0f} s", token
                )
            retries += 1
            log.warning(
                "%s: %s answered %d; retry %d in %.0f s",
                self.name,
                what,
                response.status_code,
                retries,
                wait,
            )
            self._sleep(wait)

    def _json(self, response: httpx.Response, what: str) -> dict[str, Any]:
        self._check(response, what)
        try:
            page = response.json()
        except ValueError:
            page = None
        if not isinstance(page, dict):
            raise self._error(what, "the answer is not a JSON object")
        return page

    def _check(self, response: httpx.Response, what: str) -> None:
        """Raise a :class:`MailSourceError` for any answer but success."""
        if response.is_success:
            return
        detail = f"HTTP {response.status_code}"
        if response.status_code in _RETRY_STATUSES:
            detail += f" after {_MAX_RETRIES} retries"
        code, message = _graph_error(response)
        if code:
            detail += f" {code}"
        if message:
            detail += f": {message}"
        raise self._error(what, detail)

    def _token(self) -> str:
        try:
            return self._token_provider()
        except MailSourceError:
            raise
        except Exception as error:
            raise self._error("token request", type(error).__name__) from error

    def _msal_token(self) -> str:
        """An app-only token from msal, which answers from its cache until it nearly expires."""
        app = self._msal_app()
        api = urlsplit(self._api_url)
        try:
            result = app.acquire_token_for_client(scopes=[f"{api.scheme}://{api.netloc}/.default"])
        except Exception as error:
            raise self._error("token request", _first_line(str(error))) from error
        token = result.get("access_token") if isinstance(result, dict) else None
        if isinstance(token, str) and token:
            return token
        if not isinstance(result, dict):
            raise self._error("token request", "no answer")
        code = result.get("error") or "no access token"
        description = _first_line(str(result.get("error_description") or ""))
        raise self._error("token request", f"{code}: {description}" if description else code)

    def _msal_app(self) -> Any:
        with self._app_lock:
            if self._app is None:
                settings = self._settings
                authority = settings.token_url or f"{_AUTHORITY}{settings.tenant_id}"
                # msal checks an authority it does not know with login.microsoftonline.com; one
                # the operator set on purpose (a national cloud, a test server) is taken as is.
                options = {"instance_discovery": False} if settings.token_url else {}
                try:
                    self._app = msal.ConfidentialClientApplication(
                        settings.client_id,
                        authority=authority,
                        client_credential=settings.client_secret,
                        **options,
                    )
                except Exception as error:
                    raise self._error("token set-up", _first_line(str(error))) from error
            return self._app

    def _is_ours(self, url: str) -> bool:
        """True when ``url`` is on the configured Graph server (the token goes nowhere else)."""
        ours, theirs = urlsplit(self._api_url), urlsplit(url)
        return (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)

    def _error(self, what: str, detail: str, token: str = "") -> MailSourceError:
        host = urlsplit(self._api_url).netloc
        message = f"Graph {host} ({self._settings.mailbox}): {what} failed: {detail}"
        return MailSourceError(redact(message, self._settings.client_secret, token))


def _retry_after(response: httpx.Response) -> float:
    """Seconds to wait from a Retry-After header: a number or an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return _DEFAULT_WAIT_SECONDS
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return _DEFAULT_WAIT_SECONDS
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _graph_error(response: httpx.Response) -> tuple[str, str]:
    """Graph's error code and the first line of its message, when the body has them."""
    try:
        body = response.json()
    except ValueError:
        return "", ""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return "", ""
    code, message = error.get("code"), error.get("message")
    return (
        code if isinstance(code, str) else "",
        _first_line(message) if isinstance(message, str) else "",
    )


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else f"{line[:limit]}..."
