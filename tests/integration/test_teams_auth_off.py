"""Teams with authentication off (MICROSOFT_APP_ID empty, serve on loopback): an activity's
word is taken for nothing that lasts or reaches beyond this machine (issue #14, point 7).

The real ``harmonibot serve`` gets activities as an attacker on this machine would send them:
one naming a service URL elsewhere (a recording connector on this machine's network address,
so that a call would be seen), and one whose service URL's member lookup would answer with the
admin's e-mail address.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from tests.integration.teams.connector import Recorder, recording_connector
from tests.integration.teams.serving import (
    PERSONAL,
    PETE_EMAIL,
    Server,
    message,
    seed,
    serving,
)

MALLORY = {"id": "29:mallory", "name": "Mallory", "aadObjectId": "aad-mallory"}


@dataclass(frozen=True, kw_only=True)
class Setup:
    database_url: str
    server: Server
    recorder: Recorder


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    directory = tmp_path_factory.mktemp("teams-auth-off")
    url = seed(directory)
    with recording_connector() as recorder, serving(directory, url, MICROSOFT_APP_ID="") as server:
        yield Setup(database_url=url, server=server, recorder=recorder)
        output = server.output()
    assert "Traceback" not in output, output


def network_address() -> str:
    """This machine's own address on its network (not loopback), or skip."""
    address = "127.0.0.1"
    for target in ("10.255.255.255", "192.0.2.255"):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))  # no packet is sent: UDP only picks a route
                address = probe.getsockname()[0]
                break
            except OSError:
                continue
    if address.startswith("127."):
        pytest.skip("this machine has no network address besides loopback")
    return address


def post(setup: Setup, document: dict[str, object]) -> httpx.Response:
    return httpx.post(f"{setup.server.url}/api/messages", json=document, timeout=30)


def test_a_service_url_beyond_this_machine_is_refused_and_never_called(setup: Setup) -> None:
    with recording_connector(host=network_address()) as elsewhere:
        document = message(elsewhere.url, "off-1", text="which standard covers ethnicity")
        response = post(setup, document)
        assert response.status_code == 403, response.text
        assert elsewhere.posted == [] and elsewhere.looked_up == []
    for url in ("https://smba.trafficmanager.net/emea/", "http://169.254.169.254/latest/"):
        assert post(setup, message(url, "off-2", text="help")).status_code == 403


def test_nobody_is_looked_up_or_linked_from_an_unauthenticated_activity(setup: Setup) -> None:
    # Mallory's own "connector" would say she is Pete; it is never asked.
    setup.recorder.members["29:mallory"] = {**MALLORY, "email": PETE_EMAIL}
    document = message(setup.recorder.url, "off-3", text="show tactic 24", **{"from": MALLORY})
    response = post(setup, document)
    assert response.status_code in (200, 201), setup.server.output()
    assert setup.recorder.looked_up == []
    # She is answered as a stranger, in her chat on this machine ...
    assert [p.reply_to for p in setup.recorder.delivered(PERSONAL)] == ["off-3"]
    runtime = build_runtime(load_settings({"DATABASE_URL": setup.database_url}))
    try:
        with runtime.uow() as uow:
            linked = uow.people.find(teams_id="aad-mallory")
            pete = uow.people.find(email=PETE_EMAIL)
    finally:
        runtime.engine.dispose()
    # ... and nobody, Pete least of all, is tied to her Teams id.
    assert linked is None
    assert pete is not None and pete.teams_id == ""
