"""Contacts as the team counts and corrects them, in Slack end to end: signed events and
button presses to the real ``harmonibot serve``, answered through the recording Web API and
checked against the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from adapters.bootstrap import Runtime, build_runtime
from adapters.settings import load_settings
from commplan.contacts import Channel, Contact, Direction
from commplan.inbox import InboundEmail
from commplan.queries import InboxQuery
from commplan.ranking import StandardsIndex
from commplan.services.intake import Arrival, Intake, ingest
from tests.conftest import LONDON
from tests.integration.slack.recorder import Call
from tests.integration.slack.requests import button_press, unique
from tests.integration.slack.workspace import Workspace, running_workspace

ETHNICITY = "ethnicity"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack-contacts")) as workspace:
        yield workspace


def all_contacts(workspace: Workspace) -> list[Contact]:
    return workspace.read(lambda uow: uow.contacts.all())


def said(workspace: Workspace, text: str, *, user: str) -> Call:
    """A direct message in a channel of its own (so that its answer is told apart)."""
    _, answer = workspace.say(text, user=user, channel=unique("D0C"))
    return answer


def press(workspace: Workspace, answer: Call, action_id: str, *, user: str) -> Call:
    blocks: list[dict[str, Any]] = answer.body.get("blocks") or []
    button = next(
        element
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].rpartition("#")[0] == action_id
    )
    hook = unique(f"{action_id}-")
    workspace.press(
        button_press(
            user=user,
            action_id=button["action_id"],
            value=button["value"],
            response_url=workspace.slack.hook(hook),
            channel=answer.body.get("channel", "D0CONTACTS"),
            message_ts=unique("1790000000."),
        )
    )
    return workspace.wait("response_url", where=hook)


def text_of(call: Call) -> str:
    return f"{call.body.get('text', '')}\n{json.dumps(call.body.get('blocks'), ensure_ascii=False)}"


def test_a_strangers_conversation_is_one_contact_and_the_steering_group_none(
    workspace: Workspace,
) -> None:
    said(workspace, "Which standard covers ethnicity?", user="UJANE")
    said(workspace, "what about in Scotland?", user="UJANE")
    said(workspace, "and is there one for national identity too?", user="UJANE")
    said(workspace, "which standard covers religion?", user="UPETE")  # steering group
    chats = [c for c in all_contacts(workspace) if c.channel is Channel.CHAT]
    assert [(c.name, c.email) for c in chats] == [("Jane Smith", "jane.smith@leeds.gov.uk")]
    assert ETHNICITY in chats[0].standard.lower()


def test_the_team_logs_a_contact_then_edits_deletes_undoes_and_reads_its_history(
    workspace: Workspace,
) -> None:
    yesterday = datetime.now(LONDON).date() - timedelta(days=1)
    logged = said(
        workspace,
        "log contact: Sam Patel, Leeds City Council, we presented at their event on ethnicity "
        "yesterday",
        user="UBECKI",
    )
    assert f"on {yesterday:%-d %B %Y}" in text_of(logged)
    (sam,) = [c for c in all_contacts(workspace) if c.name == "Sam Patel"]
    assert (sam.on, sam.direction, sam.channel) == (yesterday, Direction.OUTBOUND, Channel.EVENT)

    edited = said(workspace, f"edit contact {sam.id} channel webinar", user="UBECKI")
    assert f"Changed contact {sam.id}" in text_of(edited)

    asked = said(workspace, f"delete contact {sam.id}", user="UBECKI")
    assert f"Delete contact {sam.id}: Sam Patel" in text_of(asked)
    assert any(c.id == sam.id for c in all_contacts(workspace))
    deleted = press(workspace, asked, "contact_delete", user="UBECKI")
    assert f"Deleted contact {sam.id}" in text_of(deleted)
    assert all(c.id != sam.id for c in all_contacts(workspace))
    restored = press(workspace, deleted, "contact_undo", user="UBECKI")
    assert f"Restored contact {sam.id}" in text_of(restored)
    (back,) = [c for c in all_contacts(workspace) if c.id == sam.id]
    assert back.channel is Channel.WEBINAR

    history = text_of(said(workspace, f"history of contact {sam.id}", user="UBECKI"))
    assert "Becki Aquilina changed channel from \u201cevent\u201d to \u201cwebinar\u201d" in history
    assert history.index("deleted it") < history.index("undid its deletion")

    refused = said(workspace, f"history of contact {sam.id}", user="UPETE")
    assert "harmonisation team" in text_of(refused)


def _mail_in(workspace: Workspace, sender: str, subject: str, words: str) -> InboxQuery:
    """A message logged by the inbox, as a poll would, into the workspace's database."""
    runtime = build_runtime(load_settings({"DATABASE_URL": workspace.database_url}))
    try:
        index = runtime_index(runtime)
        now = datetime.now(LONDON)
        arrival = Arrival(
            source="test",
            email=InboundEmail(
                message_id=f"<{unique('m')}@mail.example>",
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


def runtime_index(runtime: Runtime) -> StandardsIndex:
    with runtime.uow() as uow:
        return StandardsIndex.build(uow.standards.all())


def test_correcting_a_query_forwarded_from_the_teams_domain_never_teaches_that_domain(
    workspace: Workspace,
) -> None:
    # Issue 15: a colleague forwarded a query as an attachment, so it came from ons.gov.uk,
    # the team's own domain (Becki's address is on the roster).
    forwarded = _mail_in(
        workspace,
        "sam.jones@ons.gov.uk",
        "Fw: ethnicity question from Leeds",
        "Could the team pick up the attached query about ethnicity categories?",
    )
    assert forwarded.organisation == "Office for National Statistics"
    corrected = text_of(
        said(
            workspace,
            f"correct query {forwarded.ref} organisation Leeds City Council",
            user="UBECKI",
        )
    )
    assert "Corrected: Leeds City Council" in corrected and "This query only" in corrected
    assert "teach domain" not in corrected
    refused = text_of(
        said(workspace, "teach domain ons.gov.uk is Leeds City Council", user="UBECKI")
    )
    assert "ons.gov.uk is the team's own domain" in refused
    later = _mail_in(workspace, "survey.desk@ons.gov.uk", "Papers", "Attached for Thursday.")
    assert later.organisation == "Office for National Statistics"

    # An outside domain is taught when asked, and its placeholder is replaced.
    first = _mail_in(workspace, "sam@parish.example.org", "Renting", "Own or rent?")
    fixed = text_of(
        said(
            workspace,
            f"correct query {first.ref} organisation Little Snoring Parish Council",
            user="UBECKI",
        )
    )
    assert "teach domain parish.example.org is Little Snoring Parish Council" in fixed
    taught = text_of(
        said(
            workspace,
            "teach domain parish.example.org is Little Snoring Parish Council",
            user="UBECKI",
        )
    )
    assert "From now on, mail from parish.example.org is filed under Little Snoring" in taught
    again = _mail_in(workspace, "clerk@parish.example.org", "Census", "Thanks for the help.")
    assert again.organisation == "Little Snoring Parish Council"
