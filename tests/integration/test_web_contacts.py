"""Contacts as the team counts and corrects them, through the web chat of the real
``harmonibot serve`` over HTTP: one contact per conversation, the steering group never a
user, a reported contact's day and direction, and editing, deleting (confirmed, undone) and
the history of a contact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from commplan.contacts import Contact
from tests.conftest import LONDON
from tests.integration.test_web import Server, running_server, say, seed_database

ETHNICITY = "Ethnicity harmonised standard"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("serve-contacts")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(directory)
        url = seed_database(directory, monkeypatch)
    with running_server(directory, url) as running:
        yield running


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client


def contacts(server: Server) -> list[Contact]:
    url = re.search(r"sqlite:///\S+", _database_url(server))
    assert url is not None
    runtime = build_runtime(load_settings({"DATABASE_URL": url.group()}))
    try:
        with runtime.uow() as uow:
            return uow.contacts.all()
    finally:
        runtime.engine.dispose()


def _database_url(server: Server) -> str:
    return f"sqlite:///{server.log.parent / 'web.db'}"


def chat(client: httpx.Client, text: str, *, name: str, message_id: str) -> dict[str, Any]:
    response = say(client, text, name=name, message_id=message_id)
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def press(client: httpx.Client, reply: dict[str, Any], label: str, *, name: str) -> dict[str, Any]:
    button = next(b for b in reply["buttons"] if b["label"] == label)
    action = {"action_id": button["action_id"], "value": button["value"]}
    response = say(
        client, label, name=name, message_id=f"press-{label}-{button['value']}", action=action
    )
    assert response.status_code == 200, response.text
    pressed: dict[str, Any] = response.json()
    return pressed


def test_a_conversation_is_one_contact_and_the_steering_group_is_not_a_user(
    client: httpx.Client, server: Server
) -> None:
    morag = "Morag Fintry"
    first = chat(client, "Which standard covers ethnicity?", name=morag, message_id="w-m1")
    assert ETHNICITY in first["text"]
    chat(client, "what about in Scotland?", name=morag, message_id="w-m2")
    chat(client, "and is there one for national identity too?", name=morag, message_id="w-m3")
    chat(client, "which standard covers religion?", name="Jacqui Jones", message_id="w-j1")
    logged = contacts(server)
    assert [(c.name, c.standard) for c in logged] == [(morag, ETHNICITY)]


def test_the_team_logs_edits_deletes_and_undoes_a_contact_with_its_history(
    client: httpx.Client, server: Server
) -> None:
    becki = "Becki Aquilina"
    yesterday = datetime.now(LONDON).date() - timedelta(days=1)
    reported = chat(
        client,
        "log contact: Sam Patel, Leeds City Council, we presented at their event on ethnicity "
        "yesterday",
        name=becki,
        message_id="w-log-1",
    )
    assert f"on {yesterday:%-d %B %Y}" in reported["text"]
    assert "Direction: outbound" in reported["text"] and "Channel: event" in reported["text"]
    sam = next(c for c in contacts(server) if c.name == "Sam Patel")
    number = sam.id

    edited = chat(client, f"edit contact {number} topic none", name=becki, message_id="w-e1")
    assert f"Changed contact {number}" in edited["text"]
    assert next(c for c in contacts(server) if c.id == number).standard == ""

    asked = chat(client, f"delete contact {number}", name=becki, message_id="w-d1")
    assert f"Delete contact {number}: Sam Patel" in asked["text"]
    assert any(c.id == number for c in contacts(server))  # not before it is confirmed
    deleted = press(client, asked, "Delete it", name=becki)
    assert f"Deleted contact {number}" in deleted["text"]
    assert all(c.id != number for c in contacts(server))
    restored = press(client, deleted, "Undo", name=becki)
    assert f"Restored contact {number}" in restored["text"]
    assert any(c.id == number for c in contacts(server))

    history = chat(client, f"history of contact {number}", name=becki, message_id="w-h1")
    lines = history["text"]
    topic = sam.standard
    assert "ethnicity" in topic.lower()
    assert f"Becki Aquilina changed topic from \u201c{topic}\u201d to none" in lines
    assert lines.index("deleted it") < lines.index("undid its deletion")

    refused = chat(client, f"delete contact {number}", name="Pete Brodie", message_id="w-p1")
    assert "harmonisation team" in refused["text"]
