"""Questionnaires shared with the bot in Slack, end to end: a signed ``file_share`` direct
message or a mention with a file reaches the real ``harmonibot serve`` through Bolt; the bot
asks the recording Web API for ``files.info``, fetches ``url_private_download`` with its token,
checks each question and answers in the thread, each check logged as a contact."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from docx import Document
from openpyxl import Workbook

from commplan.contacts import Channel, Contact
from tests.integration.slack.recorder import Call, SharedFile
from tests.integration.slack.requests import direct_message, event_body, mention, unique
from tests.integration.slack.workspace import JSON, Workspace, running_workspace

ETHNICITY = "Ethnicity harmonised standard"
RELIGION = "Religion harmonised standard"
HEALTH = "General health harmonised standard"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with running_workspace(tmp_path_factory.mktemp("slack-files")) as workspace:
        yield workspace


def spreadsheet(*rows: tuple[str, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["question", "options", "response"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def share(workspace: Workspace, name: str, data: bytes, **more: Any) -> dict[str, Any]:
    """The file as Slack lists it in the event (``files.info`` tells the rest)."""
    file_id = unique("F")
    document = workspace.slack.recorder.share_file(
        SharedFile(id=file_id, name=name, data=data, **more)
    )
    return {"id": document["id"], "name": name, "size": document["size"]}


def blocks_text(call: Call) -> str:
    return json.dumps(call.body.get("blocks"), ensure_ascii=False)


def checks_of(workspace: Workspace, event_id: str) -> list[Contact]:
    prefix = f"check:slack:{event_id}:"
    return workspace.read(
        lambda uow: [c for c in uow.contacts.all() if c.source_ref.startswith(prefix)]
    )


def test_a_spreadsheet_shared_in_a_direct_message_is_checked_in_its_thread(
    workspace: Workspace,
) -> None:
    data = spreadsheet(
        ("What is your religion?", "No religion; Christian; Muslim; Any other religion", ""),
        ("How is your health in general?", "Very good; Good; Fair; Bad; Very bad", "single"),
    )
    shared = share(workspace, "staff-survey-2027.xlsx", data)
    event = direct_message(
        "can you check our survey?",
        user="UJANE",
        channel="D0JANEF",
        subtype="file_share",
        files=[shared],
    )
    event_id = unique("Ev")
    body = event_body(event, event_id=event_id)
    assert workspace.post(body, JSON).status_code == 200

    answer = workspace.wait("chat.postMessage", has='"channel": "D0JANEF"')
    assert answer.body["thread_ts"] == event["ts"]
    text = blocks_text(answer)
    assert "1. What is your religion?" in text
    assert f"This should follow the *{RELIGION}*" in text
    assert "Missing category" in text
    assert "2. How is your health in general?" in text
    assert f"This follows the *{HEALTH}*" in text
    # Looked up, then fetched from url_private_download with the bot token.
    [info] = workspace.calls("files.info", has=shared["id"])
    assert info.authorization == "Bearer xoxb-test"
    [fetched] = workspace.calls("file.download", where=shared["id"])
    assert fetched.authorization == "Bearer xoxb-test"
    # Each question checked is a contact from Jane, with its standard.
    contacts = checks_of(workspace, event_id)
    assert sorted((c.standard, c.name, c.channel) for c in contacts) == [
        (HEALTH, "Jane Smith", Channel.CHAT),
        (RELIGION, "Jane Smith", Channel.CHAT),
    ]
    assert {c.email for c in contacts} == {"jane.smith@leeds.gov.uk"}

    # Slack delivers the event again: nothing is fetched, answered or logged twice.
    assert workspace.post(body, JSON, **{"X-Slack-Retry-Num": "1"}).status_code == 200
    workspace.wait("chat.postMessage", has='"channel": "D0JANEF"')
    workspace.server.wait_for_output("checked once")
    assert len(workspace.calls("chat.postMessage", has='"channel": "D0JANEF"')) == 1
    assert len(workspace.calls("file.download", where=shared["id"])) == 1
    assert len(checks_of(workspace, event_id)) == 2


def test_a_word_questionnaire_shared_with_a_mention_is_answered_under_the_mention(
    workspace: Workspace,
) -> None:
    document = Document()
    document.add_paragraph("1. What is your ethnic group?")
    for option in ("White", "Black", "Asian", "Mixed", "Other"):
        document.add_paragraph(option, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    shared = share(workspace, "equality-questions.docx", buffer.getvalue())
    event = {
        **mention("does this follow the standards?", user="UJANE", channel="C0FILES"),
        "files": [shared],
    }
    event_id = unique("Ev")
    assert workspace.post(event_body(event, event_id=event_id), JSON).status_code == 200

    answer = workspace.wait("chat.postMessage", has='"channel": "C0FILES"')
    assert answer.body["thread_ts"] == event["ts"]
    assert f"This should follow the *{ETHNICITY}*" in blocks_text(answer)
    assert "The standard asks" in blocks_text(answer)
    [contact] = checks_of(workspace, event_id)
    assert contact.standard == ETHNICITY
    assert contact.summary == "Question check: What is your ethnic group?"


def test_a_file_too_large_is_refused_without_being_fetched(workspace: Workspace) -> None:
    shared = share(workspace, "everything.xlsx", b"PK", size=40 * 1024 * 1024)
    event = direct_message(
        "", user="UJANE", channel="D0JANEBIG", subtype="file_share", files=[shared]
    )
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0JANEBIG"')
    assert "\u201ceverything.xlsx\u201d is larger than 5 MB" in answer.body["text"]
    assert workspace.calls("file.download", where=shared["id"]) == []


def test_a_picture_in_a_direct_message_is_not_taken_for_a_questionnaire(
    workspace: Workspace,
) -> None:
    shared = share(workspace, "screenshot.png", b"\x89PNG\r\n")
    event = direct_message(
        "what about this one",
        user="UJANE",
        channel="D0JANEPNG",
        subtype="file_share",
        files=[shared],
    )
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0JANEPNG"')
    assert "\u201cscreenshot.png\u201d is not a questionnaire I can read" in answer.body["text"]
    assert workspace.calls("files.info", has=shared["id"]) == []


def test_a_spreadsheet_without_a_question_column_says_what_is_missing(
    workspace: Workspace,
) -> None:
    shared = share(workspace, "notes.csv", b"wording,choices\nWhat is your sex?,Male/Female\n")
    event = direct_message(
        "", user="UJANE", channel="D0JANECSV", subtype="file_share", files=[shared]
    )
    event_id = unique("Ev")
    assert workspace.post(event_body(event, event_id=event_id), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0JANECSV"')
    assert "question" in answer.body["text"] and "notes.csv" in answer.body["text"]
    assert checks_of(workspace, event_id) == []


def test_a_mention_with_a_picture_is_answered_as_any_mention(workspace: Workspace) -> None:
    shared = share(workspace, "slide.png", b"\x89PNG\r\n")
    event = {
        **mention("which standard covers ethnicity?", user="UJANE", channel="C0PICTURE"),
        "files": [shared],
    }
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "C0PICTURE"')
    assert ETHNICITY in blocks_text(answer)
    assert workspace.calls("files.info", has=shared["id"]) == []


def test_a_file_slack_lists_by_id_alone_is_looked_up_and_checked(workspace: Workspace) -> None:
    data = b"question,options\nWhat is your religion?,No religion; Christian; Muslim\n"
    shared = share(workspace, "connect-survey.csv", data)
    # In Slack Connect channels the event names the file by id only.
    listed = {"id": shared["id"], "mode": "hidden_by_limit", "file_access": "check_file_info"}
    event = direct_message(
        "", user="UJANE", channel="D0JANECONNECT", subtype="file_share", files=[listed]
    )
    assert workspace.post(event_body(event), JSON).status_code == 200
    answer = workspace.wait("chat.postMessage", has='"channel": "D0JANECONNECT"')
    assert f"This should follow the *{RELIGION}*" in blocks_text(answer)
    assert len(workspace.calls("files.info", has=shared["id"])) == 1
