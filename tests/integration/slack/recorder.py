"""A small stand-in for Slack's Web API on loopback that records every call it gets.

It answers the methods harmonibot uses with plausible fields, takes ``response_url`` posts
and file uploads, serves the files a test shares (``files.info`` and ``url_private_download``,
see :meth:`Recorder.share_file`), and can answer a method with HTTP 429 (Retry-After: 1) a
number of times.
Run it in a thread of a test (``thread.RecorderThread``) or as its own process
(``python -m tests.integration.slack.recorder``, which prints its base URL), for the benchmark.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0TEST"
#: A channel the workspace does not have: posts to it fail with channel_not_found.
MISSING_CHANNEL = "C0MISSING"
WAIT_TIMEOUT = 15.0


@dataclass(frozen=True, kw_only=True)
class Call:
    """One request the server got: the Web API method (or path) and its parameters."""

    method: str
    path: str
    body: dict[str, Any]
    authorization: str = ""

    def text(self) -> str:
        """Everything the call carried, as one string to search in."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass(kw_only=True)
class SlackUser:
    """A user of the pretend workspace."""

    id: str
    name: str
    email: str = ""

    def document(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team_id": TEAM_ID,
            "name": self.name.lower().replace(" ", "."),
            "real_name": self.name,
            "is_bot": False,
            "profile": {"real_name": self.name, "display_name": self.name, "email": self.email},
        }


@dataclass(frozen=True, kw_only=True)
class SharedFile:
    """A file someone shared in the pretend workspace: ``files.info`` describes it and
    ``url_private_download`` serves its bytes; ``size`` is what ``files.info`` says (its real
    size unless a test says otherwise)."""

    id: str
    name: str
    data: bytes
    size: int | None = None

    def document(self, base_url: str) -> dict[str, Any]:
        download = f"{base_url}files-pri/{TEAM_ID}-{self.id}/download/{self.name}"
        return {
            "id": self.id,
            "name": self.name,
            "title": self.name,
            "size": len(self.data) if self.size is None else self.size,
            "url_private": download.replace("/download/", "/"),
            "url_private_download": download,
        }


@dataclass(kw_only=True)
class Recorder:
    """The recording server's state and handlers (one aiohttp application)."""

    users: list[SlackUser] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    base_url: str = ""
    files: dict[str, SharedFile] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _throttled: dict[str, int] = field(default_factory=dict)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)

    def application(self) -> web.Application:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/hooks/{tail:.*}", self._hook)
        app.router.add_get("/files-pri/{team_file}/{tail:.*}", self._file)
        app.router.add_get("/_calls", self._dump)
        app.router.add_get("/socket", self._socket)
        return app

    # -- what tests use --------------------------------------------------------------------

    def recorded(self, method: str | None = None) -> list[Call]:
        """The calls so far, in order; only those of ``method`` when given."""
        with self._lock:
            return [c for c in self.calls if method is None or c.method == method]

    def throttle(self, method: str, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with 429 and Retry-After: 1."""
        with self._lock:
            self._throttled[method] = times

    def share_file(self, shared: SharedFile) -> dict[str, Any]:
        """Make a file known; its ``files.info`` document, for a test's event."""
        with self._lock:
            self.files[shared.id] = shared
        return shared.document(self.base_url)

    def add_user(self, user: SlackUser) -> None:
        with self._lock:
            self.users.append(user)

    def wait_call(self, method: str, *, where: str = "", has: str = "") -> Call:
        """The first call of ``method`` whose path contains ``where`` and body ``has``."""

        def matching(calls: list[Call]) -> list[Call]:
            return [c for c in calls if c.method == method and where in c.path and has in c.text()]

        return matching(self.wait_for(lambda calls: bool(matching(calls))))[0]

    def wait_for(
        self, predicate: Callable[[list[Call]], bool], within: float = WAIT_TIMEOUT
    ) -> list[Call]:
        """Block until ``predicate(calls)`` holds (for tests driving another process)."""
        deadline = time.monotonic() + within
        while True:
            calls = self.recorded()
            if predicate(calls):
                return calls
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the Slack API stand-in did not see that within {within:.0f} s; it saw:\n"
                    + "\n".join(f"{c.method} {c.text()[:300]}" for c in calls)
                )
            time.sleep(0.05)

    # -- handlers ------------------------------------------------------------------------------

    async def _read(self, request: web.Request) -> dict[str, Any]:
        body: dict[str, Any] = dict(parse_qsl(request.query_string))
        raw = await request.read()
        if not raw:
            return body
        if request.content_type == "application/json":
            body.update(json.loads(raw))
        elif request.content_type == "application/x-www-form-urlencoded":
            body.update(parse_qsl(raw.decode()))
        else:
            body["_bytes"] = len(raw)
        return body

    def _record(self, method: str, request: web.Request, body: dict[str, Any]) -> int:
        """Record a call; returns how many more 429s this method owes (before this one)."""
        call = Call(
            method=method,
            path=request.path,
            body=body,
            authorization=request.headers.get("Authorization", ""),
        )
        with self._lock:
            self.calls.append(call)
            owed = self._throttled.get(method, 0)
            if owed:
                self._throttled[method] = owed - 1
            return owed

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._read(request)
        if self._record(method, request, body):
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}
            )
        return web.json_response(self._answer(method, body))

    async def _upload(self, request: web.Request) -> web.Response:
        body = await self._read(request)
        self._record("upload", request, body)
        return web.Response(text=f"OK - {body.get('_bytes', 0)}")

    async def _hook(self, request: web.Request) -> web.Response:
        body = await self._read(request)
        self._record("response_url", request, body)
        return web.Response(text="ok")

    async def _file(self, request: web.Request) -> web.Response:
        """``url_private_download``: the file's bytes, recorded as ``file.download``."""
        self._record("file.download", request, {})
        file_id = request.match_info["team_file"].removeprefix(f"{TEAM_ID}-")
        with self._lock:
            shared = self.files.get(file_id)
        if shared is None:
            return web.Response(status=404, text="file not found")
        return web.Response(body=shared.data, content_type="application/octet-stream")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Socket Mode: the app connects here; envelopes are pushed, acknowledgements recorded."""
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._record("socket.connect", request, {})
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1})
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    self._record("socket.ack", request, json.loads(message.data))
        finally:
            self._sockets.remove(socket)
        return socket

    async def close_sockets(self) -> None:
        for socket in list(self._sockets):
            await socket.close()

    async def push(self, kind: str, payload: Mapping[str, Any], retry: int = 0) -> str:
        """Send an envelope to every connected app, as Slack does; returns its id."""
        envelope_id = f"envelope-{next(self._numbers)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": dict(payload),
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry,
            "retry_reason": "timeout" if retry else "",
        }
        for socket in list(self._sockets):
            await socket.send_json(envelope)
        return envelope_id

    async def _dump(self, request: web.Request) -> web.Response:
        calls = self.recorded()
        return web.json_response([{"method": c.method, "path": c.path} for c in calls])

    def _user(self, *, user_id: str = "", email: str = "") -> SlackUser | None:
        with self._lock:
            for user in self.users:
                if (user_id and user.id == user_id) or (
                    email and user.email.lower() == email.lower()
                ):
                    return user
        return None

    def _answer(self, method: str, body: Mapping[str, Any]) -> dict[str, Any]:
        number = next(self._numbers)
        ts = f"{1_790_000_000 + number}.{number:06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://harmonibot-test.slack.com/",
                "team": "Harmonibot test",
                "user": "harmonibot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": False,
            }
        if method == "chat.postMessage" and body.get("channel") == MISSING_CHANNEL:
            return {"ok": False, "error": "channel_not_found"}
        if method == "chat.postMessage":
            return {
                "ok": True,
                "channel": body.get("channel", ""),
                "ts": ts,
                "message": {"type": "message", "bot_id": BOT_ID, "text": body.get("text", "")},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.open":
            users = str(body.get("users", ""))
            return {"ok": True, "channel": {"id": "D" + users.split(",")[0].lstrip("U")}}
        if method in ("users.lookupByEmail", "users.info"):
            user = self._user(user_id=str(body.get("user", "")), email=str(body.get("email", "")))
            if user is None:
                error = "users_not_found" if method == "users.lookupByEmail" else "user_not_found"
                return {"ok": False, "error": error}
            return {"ok": True, "user": user.document()}
        if method in ("views.publish", "views.open"):
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view or {}
            return {"ok": True, "view": {**view, "id": f"V{number:06d}"}}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.base_url.replace("http://", "ws://") + "socket"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{number:06d}"
            return {
                "ok": True,
                "upload_url": f"{self.base_url}upload/{file_id}",
                "file_id": file_id,
            }
        if method == "files.info":
            with self._lock:
                shared = self.files.get(str(body.get("file", "")))
            if shared is None:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "file": shared.document(self.base_url)}
        if method == "files.completeUploadExternal":
            files = body.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return {"ok": True}


def main() -> None:
    """Run on its own (the benchmark): print the base URL, serve until killed."""
    recorder = Recorder()

    async def serve() -> None:
        runner = web.AppRunner(recorder.application(), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        recorder.base_url = f"http://127.0.0.1:{runner.addresses[0][1]}/"
        sys.stdout.write(recorder.base_url + "\n")
        sys.stdout.flush()
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
