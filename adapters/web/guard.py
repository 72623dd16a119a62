"""Host and Origin checks for the web chat, the dashboard and sign-in, on any bind.

A page on another site can reach a server on loopback through DNS rebinding (its own name
pointing at 127.0.0.1) and then acts with whatever the browser may send; a request whose
``Host`` is not a name this server answers to, or whose ``Origin`` is another site, is
refused before any handler reads it. Slack's and Teams' routes have their own proof (a
signature, a token) and are left alone, as is the health check that platforms probe by
internal address.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from adapters.http import json_error

logger = logging.getLogger(__name__)

#: The routes that act or show someone's data: the chat, the dashboard and signing in.
GUARDED_PREFIXES = ("/chat", "/dashboard", "/auth")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, kw_only=True)
class Address:
    """A host name and port, as a Host header or an origin names them."""

    host: str
    port: int | None


def parse_address(text: str, *, scheme: str = "http") -> Address | None:
    """``example.org:8443`` or ``[::1]:8080`` as an :class:`Address`; None when unreadable."""
    try:
        parts = urlsplit(f"//{text}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.path:
        return None
    return Address(host=parts.hostname.lower(), port=port or _DEFAULT_PORTS.get(scheme))


def is_loopback_name(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: names only this machine can mean."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, kw_only=True)
class HostPolicy:
    """The names this server answers to: loopback ones (any port) and the public address."""

    public: Address | None

    @classmethod
    def from_public_url(cls, public_url: str) -> HostPolicy:
        if not public_url:
            return cls(public=None)
        parts = urlsplit(public_url)
        return cls(public=parse_address(parts.netloc, scheme=parts.scheme or "https"))

    def allows(self, address: Address | None) -> bool:
        if address is None:
            return False
        if is_loopback_name(address.host):
            return True
        if self.public is None or address.host != self.public.host:
            return False
        # Behind a proxy the port may be left out of Host; a different one is another server.
        return address.port in (self.public.port, None, 80, 443)

    def origin_allowed(self, origin: str, host: str) -> bool:
        """A browser's ``Origin`` must be this site: an allowed name, the same as ``Host``."""
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https"):
            return False  # "null" (a sandboxed frame, a file) and anything odd
        address = parse_address(parts.netloc, scheme=parts.scheme)
        if not self.allows(address) or address is None:
            return False
        if self.public is not None and address.host == self.public.host:
            return True
        return parts.netloc.lower() == host.lower()


def host_guard(policy: HostPolicy) -> Middleware:
    """A middleware that refuses foreign ``Host`` (400) or ``Origin`` (403) on guarded routes."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path
        if path == "/" or path.startswith(GUARDED_PREFIXES):
            host = request.headers.get("Host", "")
            if not policy.allows(parse_address(host)):
                # The name only: a Host header is the caller's text, kept short.
                logger.info("refused a request for host %r", host[:100])
                return json_error(
                    400,
                    "this server does not answer to that host name; open it at its own "
                    "address (the operator sets HARMONIBOT_PUBLIC_URL)",
                )
            origin = request.headers.get("Origin")
            if origin is not None and not policy.origin_allowed(origin, host):
                logger.info("refused a request from another site's page")
                return json_error(403, "requests are accepted only from this site's own pages")
        return await handler(request)

    return guard
