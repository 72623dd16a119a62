"""Signed, short-lived sign-in links and sessions for the web chat and dashboard (stdlib HMAC).

A link carries the person, an expiry and a random nonce; it can be used once, because the
nonce is claimed in the database on first use. The session cookie carries the person, its
own expiry and its own nonce, signed with the same key; signing out claims that nonce, so the
cookie is refused from then on (``adapters.web.sessions``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from commplan.people import Person
from commplan.ports import Clock

LINK_LIFETIME = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)


class BadToken(ValueError):
    """A token that is forged, damaged or expired; the message says which, for the log."""


@dataclass(frozen=True, kw_only=True)
class Token:
    person: str
    expires: datetime
    nonce: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(
    key: bytes,
    *,
    person: str,
    now: datetime,
    lifetime: timedelta,
    purpose: str,
    nonce: str = "",
) -> str:
    """A token for ``person`` valid until ``now + lifetime``, for one purpose ("link", ...).

    ``nonce`` is a fresh random one unless given (single sign-on sends its own to the provider).
    """
    body = {
        "p": person,
        "e": int((now + lifetime).timestamp()),
        "n": nonce or secrets.token_urlsafe(16),
        "u": purpose,
    }
    payload = _b64(json.dumps(body, separators=(",", ":")).encode())
    mac = hmac.new(key, f"{purpose}.{payload}".encode(), hashlib.sha256).digest()
    return f"{payload}.{_b64(mac)}"


def verify(key: bytes, token: str, *, now: datetime, purpose: str) -> Token:
    """The token's content if its signature, purpose and expiry hold.

    Raises:
        BadToken: anything is wrong with it.
    """
    try:
        payload, mac = token.split(".", 1)
        expected = hmac.new(key, f"{purpose}.{payload}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac)):
            raise BadToken("signature does not match")
        body = json.loads(_unb64(payload))
    except (ValueError, TypeError) as error:
        raise BadToken(f"unreadable token ({type(error).__name__})") from None
    if body.get("u") != purpose:
        raise BadToken("token made for another purpose")
    expires = datetime.fromtimestamp(int(body["e"]), tz=now.tzinfo)
    if expires <= now:
        raise BadToken("token expired")
    return Token(person=str(body["p"]), expires=expires, nonce=str(body["n"]))


KEY_FILE = Path("harmonibot.secret")


def signing_key(configured: str, key_file: Path = KEY_FILE) -> bytes:
    """The key that signs links and sessions: HARMONIBOT_SECRET_KEY, else a local key file.

    The file serves the embedded default, where ``serve`` and ``harmonibot dashboard-link``
    run in the same folder; a deployment sets the variable instead.
    """
    if configured:
        return configured.encode()
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(48))
    return key_file.read_text().strip().encode()


def sign_in_link(
    key: bytes, person: Person, clock: Clock, base_url: str, *, to: str = "dashboard"
) -> str:
    """A personal, single-use link, usable for a few minutes, that signs its holder in.

    ``to`` is where it leads: ``"dashboard"`` (team members only) or ``"chat"``.
    """
    token = sign(key, person=person.name, now=clock.now(), lifetime=LINK_LIFETIME, purpose="link")
    return f"{base_url.rstrip('/')}/{to}/signin?{urlencode({'token': token})}"


def links_base(public_url: str, host: str, port: int) -> str:
    """Where links should point: the public address, else this machine's on the bound port.

    A wildcard bind (0.0.0.0, ::) is no address to open; this machine's loopback is, for
    whoever runs it without a public URL.
    """
    if public_url:
        return public_url
    if host in ("0.0.0.0", "::", "[::]", ""):
        host = "127.0.0.1"
    return (
        f"http://[{host}]:{port}"
        if ":" in host and not host.startswith("[")
        else (f"http://{host}:{port}")
    )
