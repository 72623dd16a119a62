"""A small OpenID provider on loopback, for the sign-in tests (test code only).

It publishes a discovery document and its keys, "signs in" whoever the test says at the
authorisation endpoint (no login page: the browser is sent straight back with a code), and at
the token endpoint checks the client's secret, the code and the redirect address, then signs
an ID token with RS256. ``spoil`` makes the next ID token wrong in one way, to see it refused.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "harmonibot-web"
CLIENT_SECRET = "a-client-secret-for-tests"


@dataclass(kw_only=True)
class Provider:
    """The provider's state: who signs in next, the codes given, what to spoil."""

    url: str = ""
    email: str = ""
    spoil: str = ""  # "", "audience", "nonce", "signature", "issuer", "expired"
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, private=True))
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    token_requests: int = 0

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }

    def jwks(self) -> dict[str, Any]:
        public = self.key.as_dict(private=False)
        return {"keys": [{**public, "kid": "test-key", "use": "sig", "alg": "RS256"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "sub": f"user-{self.email}",
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "email": self.email,
            "email_verified": True,
        }
        key = self.key
        if self.spoil == "audience":
            claims["aud"] = "another-app"
        elif self.spoil == "nonce":
            claims["nonce"] = "a-nonce-from-another-sign-in"
        elif self.spoil == "issuer":
            claims["iss"] = "https://impostor.example"
        elif self.spoil == "expired":
            claims["iat"], claims["exp"] = now - 3600, now - 1800
        elif self.spoil == "signature":
            key = RSAKey.generate_key(2048, private=True)
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: pytest shows what matters

    def _json(self, status: int, document: dict[str, Any]) -> None:
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        provider = self.server.provider
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/.well-known/openid-configuration":
            self._json(200, provider.discovery())
        elif parts.path == "/jwks":
            self._json(200, provider.jwks())
        elif parts.path == "/authorize":
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                self._json(400, {"error": "invalid_request"})
                return
            code = secrets.token_urlsafe(12)
            provider.codes[code] = {
                "nonce": query.get("nonce", ""),
                "redirect_uri": query.get("redirect_uri", ""),
            }
            back = urlencode({"code": code, "state": query.get("state", "")})
            self.send_response(302)
            self.send_header("Location", f"{query.get('redirect_uri', '')}?{back}")
            self.end_headers()
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        provider = self.server.provider
        if urlsplit(self.path).path != "/token":
            self._json(404, {"error": "not_found"})
            return
        provider.token_requests += 1
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.headers.get("Authorization") != f"Basic {expected}":
            self._json(401, {"error": "invalid_client"})
            return
        given = provider.codes.pop(form.get("code", ""), None)
        if (
            given is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != given["redirect_uri"]
        ):
            self._json(400, {"error": "invalid_grant"})
            return
        self._json(
            200,
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": provider.id_token(given["nonce"]),
            },
        )


class _Server(ThreadingHTTPServer):
    provider: Provider


@contextmanager
def running_provider() -> Iterator[Provider]:
    """A provider on a free loopback port, serving until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    provider = Provider(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.provider = provider
    thread = threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
