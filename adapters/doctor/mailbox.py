"""The mailbox: IMAP login and folder (opened read-only), or Microsoft Graph's sign-in and
inbox."""

from __future__ import annotations

import ssl

import httpx
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from adapters.doctor.findings import Finding, first_line, ok, problem, warning
from adapters.settings import GraphSettings, ImapSettings, Settings

AREA = "mailbox"
TIMEOUT = 15.0


def check_mailbox(settings: Settings) -> list[Finding]:
    if settings.imap is not None:
        return check_imap(settings.imap)
    if settings.graph is not None:
        return check_graph(settings.graph)
    return [
        warning(
            AREA,
            "mailbox",
            "no mailbox is configured: inbox queries are logged only by 'inbox import'",
            "set IMAP_HOST (and IMAP_USERNAME, IMAP_PASSWORD) or GRAPH_MAILBOX",
        )
    ]


def check_imap(settings: ImapSettings) -> list[Finding]:
    where = f"{settings.host}:{settings.port}"
    try:
        client = IMAPClient(
            settings.host,
            port=settings.port,
            ssl=settings.tls == "ssl",
            ssl_context=ssl.create_default_context() if settings.tls != "none" else None,
            timeout=TIMEOUT,
        )
        if settings.tls == "starttls":
            client.starttls(ssl.create_default_context())
    except (OSError, IMAPClientError) as error:
        reason = first_line(error) or type(error).__name__
        return [
            problem(
                AREA,
                "mailbox.connect",
                f"cannot connect to the IMAP server {where} ({reason})",
                "check IMAP_HOST, IMAP_PORT and IMAP_TLS (ssl on 993, starttls or none on 143)",
            )
        ]
    try:
        return _login_and_folder(client, settings, where)
    finally:
        try:
            client.logout()
        except (OSError, IMAPClientError):
            pass


def _login_and_folder(client: IMAPClient, settings: ImapSettings, where: str) -> list[Finding]:
    try:
        client.login(settings.username, settings.password)
    except (LoginError, IMAPClientError) as error:
        return [
            problem(
                AREA,
                "mailbox.login",
                f"{where} refused IMAP_USERNAME {settings.username!r} ({first_line(error)})",
                "check IMAP_USERNAME and IMAP_PASSWORD (an app password where the provider "
                "asks for one)",
            )
        ]
    found = [ok(AREA, "mailbox.login", f"signed in to {where} as {settings.username}")]
    try:
        selected = client.select_folder(settings.folder, readonly=True)
    except IMAPClientError as error:
        try:
            folders = ", ".join(str(f[2]) for f in client.list_folders())
        except IMAPClientError:
            folders = "not listed"
        found.append(
            problem(
                AREA,
                "mailbox.folder",
                f"there is no folder {settings.folder!r} ({first_line(error)})",
                f"set IMAP_FOLDER to one of: {folders}",
            )
        )
        return found
    count = selected.get(b"EXISTS", 0) if isinstance(selected, dict) else 0
    found.append(ok(AREA, "mailbox.folder", f"{settings.folder} holds {count} message(s)"))
    return found


def check_graph(settings: GraphSettings) -> list[Finding]:
    url = settings.token_url or (
        f"https://login.microsoftonline.com/{settings.tenant_id}/oauth2/v2.0/token"
    )
    api = httpx.URL(settings.api_url)
    form = {
        "grant_type": "client_credentials",
        "client_id": settings.client_id,
        "client_secret": settings.client_secret,
        "scope": f"{api.scheme}://{api.host}/.default",
    }
    try:
        with httpx.Client(timeout=TIMEOUT) as client:
            signed = client.post(url, data=form)
            if signed.status_code != 200:
                return [
                    problem(
                        AREA,
                        "mailbox.login",
                        f"Graph sign-in failed (HTTP {signed.status_code})",
                        "check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET",
                    )
                ]
            token = str(signed.json().get("access_token") or "")
            inbox = client.get(
                f"{settings.api_url.rstrip('/')}/users/{settings.mailbox}/mailFolders/inbox",
                headers={"Authorization": f"Bearer {token}"},
            )
    except (httpx.TransportError, ValueError) as error:
        return [
            warning(
                AREA,
                "mailbox.login",
                f"Microsoft Graph cannot be reached ({type(error).__name__}): not checked",
            )
        ]
    if inbox.status_code == 200:
        return [ok(AREA, "mailbox.folder", f"the app can read {settings.mailbox}'s inbox")]
    return [
        problem(
            AREA,
            "mailbox.folder",
            f"the app cannot read {settings.mailbox}'s inbox (HTTP {inbox.status_code})",
            "grant the app the Mail.Read application permission (with admin consent) and "
            "check GRAPH_MAILBOX",
        )
    ]
