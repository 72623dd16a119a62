"""Authentication on: every bad token is a 401 (never a 500), checked before any outbound call.

The endpoint runs in process over real HTTP with its token validator pointed at a JWKS served
on loopback, so signatures, key ids and audiences are checked for real without the internet.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

import adapters.teams.app as teams_app
from adapters.bootstrap import build_runtime
from adapters.settings import TeamsSettings, load_settings
from adapters.teams.auth import RequestGuard, TokenValidator, token_rules
from adapters.teams.bot import HarmonibotTeamsBot
from adapters.teams.connector import make_adapter
from adapters.teams.store import TeamsStore
from tests.integration.teams.connector import Recorder, recording_connector
from tests.integration.teams.serving import message, seed

APP_ID = "8c1d4b6e-harmonibot"
ISSUER = "https://api.botframework.com"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


TRUSTED, STRANGER = _key(), _key()


@pytest.fixture(scope="module")
def jwks() -> Iterator[str]:
    """The Bot Framework's keys, as published, on a loopback port: only the trusted key."""
    public = json.loads(RSAAlgorithm.to_jwk(TRUSTED.public_key()))
    document = json.dumps({"keys": [{**public, "kid": "trusted", "use": "sig"}]}).encode()

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/keys"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


def token(key: rsa.RSAPrivateKey = TRUSTED, kid: str = "trusted", **claims: Any) -> str:
    body = {"iss": ISSUER, "aud": APP_ID, "exp": int(time.time()) + 3600, **claims}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


def unsigned(**claims: Any) -> str:
    body = {"iss": ISSUER, "aud": APP_ID, "exp": int(time.time()) + 3600, **claims}
    return jwt.encode(body, None, algorithm="none")


@pytest.fixture
async def endpoint(tmp_path: Path, jwks: str) -> Any:
    runtime = build_runtime(load_settings({"DATABASE_URL": seed(tmp_path)}))
    adapter = make_adapter(TeamsSettings(app_id=APP_ID, app_password="not-a-secret"))
    handler = teams_app.TeamsEndpoint(
        adapter=adapter,
        bot=HarmonibotTeamsBot(
            _NeverAsked(), TeamsStore(runtime.uow), runtime.clock, link_by_email=True
        ),
        guard=RequestGuard(TokenValidator(token_rules(APP_ID, jwks_url=jwks))),
    )
    app = web.Application()
    app.router.add_post(teams_app.PATH, handler.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}{teams_app.PATH}"
    await handler.drain(app)
    await runner.cleanup()
    runtime.engine.dispose()


class _NeverAsked:
    async def handle_async(self, incoming: Any) -> Any:
        raise AssertionError("an unauthenticated activity reached the bot core")


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    with recording_connector() as recording:
        yield recording


BAD = {
    "missing": None,
    "garbage": "Bearer not.a.token",
    "alg=none": "Bearer " + unsigned(),
    "expired": "Bearer " + token(exp=int(time.time()) - 3600),
    "wrong audience": "Bearer " + token(aud="someone-elses-bot"),
    "signed by another key": "Bearer " + token(key=STRANGER),
    "unknown key id": "Bearer " + token(key=STRANGER, kid="not-published"),
    "untrusted issuer": "Bearer " + token(iss="https://evil.example"),
    "another service URL": "Bearer " + token(serviceurl="https://smba.trafficmanager.net/emea/"),
}


@pytest.mark.parametrize("authorization", BAD.values(), ids=BAD.keys())
async def test_every_bad_token_is_a_401_and_nothing_is_called(
    endpoint: str, recorder: Recorder, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    document = message(recorder.url, "auth-1", text="which standard covers ethnicity")
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(endpoint, json=document, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json() == {"error": "unauthorized"}
    assert recorder.posted == [] and recorder.looked_up == []


async def test_a_valid_token_is_accepted_but_only_for_microsofts_service_urls(
    endpoint: str, recorder: Recorder
) -> None:
    # Validly signed, right audience: authenticated. Its activity names a service URL on
    # loopback, which with authentication on is never Microsoft's: refused, nothing called.
    document = message(recorder.url, "auth-2", text="which standard covers ethnicity")
    headers = {"Authorization": "Bearer " + token(serviceurl=recorder.url)}
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(endpoint, json=document, headers=headers)
    assert response.status_code == 403, response.text
    assert recorder.posted == [] and recorder.looked_up == []


async def test_the_guard_returns_the_tokens_claims(jwks: str) -> None:
    guard = RequestGuard(TokenValidator(token_rules(APP_ID, jwks_url=jwks)))
    service = "https://smba.trafficmanager.net/emea/"
    try:
        identity = await guard.authenticate("Bearer " + token(serviceurl=service), service)
    finally:
        guard.close()
    assert identity.claims["aud"] == APP_ID
    assert identity.claims["iss"] == ISSUER
    assert not identity.allow_anonymous
