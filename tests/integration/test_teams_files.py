"""A questionnaire sent as a file in a Teams personal chat, end to end: the activity (with
Teams' ``file.download.info`` attachment) is POSTed to the real ``harmonibot serve``, which
fetches the file from a small file server on loopback, checks each question and answers
through the recording Bot Connector, each check logged as a contact with its standard.

Authentication is off here (``MICROSOFT_APP_ID`` empty), so only files on this machine are
fetched; the rule for Microsoft's hosts with it on is in ``tests/unit/test_teams_files.py``.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from adapters.bootstrap import build_runtime
from adapters.settings import load_settings
from commplan.contacts import Contact
from tests.integration.teams.connector import Posted, Recorder, recording_connector
from tests.integration.teams.serving import PERSONAL, Server, message, seed, serving

FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
JANE = {"id": "29:jane", "name": "Jane Smith", "aadObjectId": "aad-jane"}
RELIGION = "Religion harmonised standard"
HEALTH = "General health harmonised standard"


@dataclass(kw_only=True)
class FileServer:
    """Serves ``files`` by path on 127.0.0.1 and records the paths asked for."""

    files: dict[str, bytes] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    url: str = ""


@pytest.fixture(scope="module")
def files() -> Iterator[FileServer]:
    served = FileServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.asked.append(self.path)
            data = served.files.get(self.path)
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True, kw_only=True)
class Setup:
    database_url: str
    recorder: Recorder
    server: Server


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    directory: Path = tmp_path_factory.mktemp("teams-files")
    url = seed(directory)
    with recording_connector() as recorder, serving(directory, url, MICROSOFT_APP_ID="") as server:
        yield Setup(database_url=url, recorder=recorder, server=server)
        output = server.output()
    assert "Traceback" not in output, output


def spreadsheet(*rows: tuple[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["question", "options"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_message(setup: Setup, activity_id: str, name: str, url: str) -> dict[str, Any]:
    """Jane sends ``name`` in her personal chat with the bot, as Teams sends a file."""
    return message(
        setup.recorder.url,
        activity_id,
        **{"from": JANE},
        text="",
        attachments=[
            {
                "contentType": FILE_INFO,
                "contentUrl": "https://contoso-my.sharepoint.com/personal/jane/Documents/x",
                "name": name,
                "content": {
                    "downloadUrl": url,
                    "uniqueId": f"unique-{activity_id}",
                    "fileType": name.rsplit(".", 1)[-1],
                },
            }
        ],
    )


def post(setup: Setup, document: dict[str, Any]) -> None:
    response = httpx.post(f"{setup.server.url}/api/messages", json=document, timeout=30)
    assert response.status_code in (200, 201), setup.server.output()


def answers(setup: Setup, activity_id: str) -> list[Posted]:
    return [
        p
        for p in setup.recorder.delivered(PERSONAL)
        if p.reply_to == activity_id and p.activity["type"] == "message"
    ]


def checks_of(setup: Setup, activity_id: str) -> list[Contact]:
    runtime = build_runtime(load_settings({"DATABASE_URL": setup.database_url}))
    try:
        with runtime.uow() as uow:
            return [
                c
                for c in uow.contacts.all()
                if c.source_ref.startswith(f"check:teams:{activity_id}:")
            ]
    finally:
        runtime.engine.dispose()


def test_a_spreadsheet_sent_in_a_personal_chat_is_checked_and_logged(
    setup: Setup, files: FileServer
) -> None:
    files.files["/drive/survey.xlsx"] = spreadsheet(
        ("What is your religion?", "No religion; Christian; Muslim; Any other religion"),
        ("How is your health in general?", "Very good; Good; Fair; Bad; Very bad"),
    )
    document = file_message(setup, "f-1", "survey.xlsx", f"{files.url}/drive/survey.xlsx")
    post(setup, document)

    [reply] = answers(setup, "f-1")
    # The card's text blocks escape Markdown characters; compared without the escapes.
    texts = "\n".join(reply.texts).replace("\\", "")
    assert "1. What is your religion?" in texts
    assert f"This should follow the *{RELIGION}* (closeness" in texts
    assert "Missing category" in texts
    assert "2. How is your health in general?" in texts
    assert HEALTH in texts
    assert files.asked.count("/drive/survey.xlsx") == 1
    contacts = checks_of(setup, "f-1")
    assert sorted((c.standard, c.name) for c in contacts) == [
        (HEALTH, "Jane Smith"),
        (RELIGION, "Jane Smith"),
    ]

    # Teams sends it again (a slow answer): nothing fetched, answered or logged twice.
    post(setup, document)
    assert len(answers(setup, "f-1")) == 1
    assert files.asked.count("/drive/survey.xlsx") == 1
    assert len(checks_of(setup, "f-1")) == 2


def test_with_authentication_off_a_file_elsewhere_is_not_fetched(setup: Setup) -> None:
    # An unauthenticated activity could name any address; only this machine is fetched from.
    url = "https://contoso-my.sharepoint.com/personal/jane/_layouts/15/download.aspx?x=1"
    post(setup, file_message(setup, "f-2", "survey.xlsx", url))
    [reply] = answers(setup, "f-2")
    assert reply.texts == [
        "I could not fetch \u201csurvey.xlsx\u201d. Please share it again in a moment."
    ]
    assert "authentication is off" in setup.server.output()
    assert checks_of(setup, "f-2") == []


def test_a_file_over_five_megabytes_is_refused(setup: Setup, files: FileServer) -> None:
    files.files["/drive/huge.csv"] = b"question,options\n" + b"x" * (5 * 1024 * 1024)
    post(setup, file_message(setup, "f-3", "huge.csv", f"{files.url}/drive/huge.csv"))
    [reply] = answers(setup, "f-3")
    assert reply.texts[0].startswith("\u201chuge.csv\u201d is larger than 5 MB")


def test_a_picture_is_not_taken_for_a_questionnaire(setup: Setup, files: FileServer) -> None:
    post(setup, file_message(setup, "f-4", "photo.jpg", f"{files.url}/drive/photo.jpg"))
    [reply] = answers(setup, "f-4")
    assert "\u201cphoto.jpg\u201d is not a questionnaire I can read" in reply.texts[0]
    assert "/drive/photo.jpg" not in files.asked


def test_a_message_without_a_file_is_answered_as_before(setup: Setup) -> None:
    post(setup, message(setup.recorder.url, "f-5", text="which standard covers religion"))
    [reply] = answers(setup, "f-5")
    assert reply.texts[0] == RELIGION
