"""Contacts as the team counts and corrects them, through the web chat of the real
``harmonibot serve`` over HTTP: one contact per conversation, the steering group never a
user, a reported contact's day and direction, and editing, deleting (confirmed, undone) and
the history of a contact."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from adapters.bootstrap import Runtime, build_runtime
from adapters.settings import load_settings
from commplan.contacts import Contact
from commplan.inbox import InboundEmail
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex
from commplan.services.intake import Arrival, Intake, ingest
from tests.conftest import LONDON
from tests.integration.web_server import Server, running_server, say, seed_database

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
    runtime = _runtime(server)
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


def _runtime(server: Server) -> Runtime:
    return build_runtime(load_settings({"DATABASE_URL": _database_url(server)}))


def _mail_in(server: Server, sender: str, subject: str, words: str) -> InboxQuery:
    """A message logged by the inbox, as a poll would, into the server's database."""
    runtime = _runtime(server)
    try:
        with runtime.uow() as uow:
            index = StandardsIndex.build(uow.standards.all())
        now = datetime.now(LONDON)
        arrival = Arrival(
            source="test",
            email=InboundEmail(
                message_id=f"<{sender}.{subject}@mail.example>",
                sender_name=sender.split("@")[0].title(),
                sender_email=sender,
                subject=subject,
                text=words,
                sent_at=now,
            ),
        )
        intake = Intake(standards=index, team_addresses=frozenset(), now=lambda: now)
        (outcome,) = ingest(runtime.uow, [arrival], intake)
    finally:
        runtime.engine.dispose()
    assert outcome.query is not None, outcome
    return outcome.query


def test_a_query_forwarded_from_the_teams_domain_is_corrected_without_teaching_the_domain(
    client: httpx.Client, server: Server
) -> None:
    runtime = _runtime(server)
    try:
        with runtime.uow() as uow:
            becki = uow.people.get("Becki Aquilina")
            assert becki is not None
            uow.people.save(replace(becki, email="becki.aquilina@ons.gov.uk"))
            uow.commit()
    finally:
        runtime.engine.dispose()
    forwarded = _mail_in(
        server,
        "sam.jones@ons.gov.uk",
        "Fw: ethnicity question from Leeds",
        "Could the team pick up the attached query about ethnicity categories?",
    )
    becki_says = "Becki Aquilina"
    corrected = chat(
        client,
        f"correct query {forwarded.ref} organisation Leeds City Council",
        name=becki_says,
        message_id="w-c1",
    )["text"]
    assert "Corrected: Leeds City Council" in corrected and "teach domain" not in corrected
    refused = chat(
        client, "teach domain ons.gov.uk is Leeds City Council", name=becki_says, message_id="w-t1"
    )["text"]
    assert "ons.gov.uk is the team's own domain" in refused
    refused = chat(
        client, "teach domain gmail.com is Leeds City Council", name=becki_says, message_id="w-t2"
    )["text"]
    assert "free-mail provider" in refused
    later = _mail_in(server, "survey.desk@ons.gov.uk", "Papers", "Attached for Thursday.")
    assert later.organisation == "Office for National Statistics"

    cleared = chat(
        client, f"correct query {forwarded.ref} topic none", name=becki_says, message_id="w-t3"
    )["text"]
    assert "topic none" in cleared
