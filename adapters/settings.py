"""Settings, read once from the environment (and a local ``.env``) into frozen values.

This is the only module that reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite:///harmonibot.db"


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used; the message names it."""


@dataclass(frozen=True, kw_only=True)
class SlackSettings:
    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str = field(default="", repr=False)
    api_url: str = "https://slack.com/api/"
    team_channels: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TeamsSettings:
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    tenant_id: str = ""
    app_type: str = "MultiTenant"
    team_channels: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ImapSettings:
    host: str
    port: int
    username: str
    password: str = field(repr=False)
    folder: str = "INBOX"
    tls: str = "ssl"


@dataclass(frozen=True, kw_only=True)
class GraphSettings:
    mailbox: str
    tenant_id: str
    client_id: str
    client_secret: str = field(repr=False)
    api_url: str = "https://graph.microsoft.com/v1.0/"
    token_url: str = ""


@dataclass(frozen=True, kw_only=True)
class OidcSettings:
    """Single sign-on for the web chat with any OpenID Connect provider (Entra ID, Slack)."""

    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    label: str = "single sign-on"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything the processes need, typed; platforms without their variables are None."""

    database_url: str = DEFAULT_DATABASE_URL
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    host: str = "127.0.0.1"
    port: int = 8080
    #: Web processes ``serve`` runs (WEB_CONCURRENCY, the name platforms and gunicorn use).
    web_concurrency: int = 1
    public_url: str = ""
    team_address: str = ""
    digest_cron: str = "0 9 * * mon"
    sweep_minutes: int = 15
    holiday_region: str = "ENG"
    secret_key: str = field(default="", repr=False)
    inbox_poll_seconds: int = 120
    retention_days: int = 730
    unanswered_after_days: int = 3
    nudge_days_before: tuple[int, ...] = (7, 1)
    nudge_hour: time = time(9, 0)
    escalate_after_weeks: int = 3
    slack: SlackSettings | None = None
    teams: TeamsSettings | None = None
    imap: ImapSettings | None = None
    graph: GraphSettings | None = None
    oidc: OidcSettings | None = None


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None


def _at_least_one(environ: Mapping[str, str], name: str) -> int:
    number = _int(environ, name, 1)
    if number < 1:
        raise SettingsError(f"{name} counts processes, so it must be 1 or more, not {number}")
    return number


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _days(environ: Mapping[str, str], name: str, default: tuple[int, ...]) -> tuple[int, ...]:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        days = tuple(sorted({int(item) for item in _list(value)}, reverse=True))
    except ValueError:
        raise SettingsError(
            f"{name} must be whole numbers of days, like '7,1', not {value!r}"
        ) from None
    if any(day < 1 for day in days):
        raise SettingsError(f"{name} counts days before a start, so each must be 1 or more")
    return days


def _hour(environ: Mapping[str, str], name: str, default: time) -> time:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return time.fromisoformat(value if ":" in value else f"{int(value):02d}:00")
    except ValueError:
        raise SettingsError(f"{name} must be a time of day like 09:00, not {value!r}") from None


def _cron(value: str) -> str:
    if len(value.split()) != 5:
        raise SettingsError(
            f"HARMONIBOT_DIGEST_CRON {value!r} is not a crontab line (minute hour day month "
            "weekday, e.g. '0 9 * * mon')"
        )
    return value


def _region(value: str) -> str:
    if value not in ("ENG", "WLS", "SCT", "NIR"):
        raise SettingsError(f"HARMONIBOT_HOLIDAYS must be ENG, WLS, SCT or NIR, not {value!r}")
    return value


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None
) -> Settings:
    """Settings from the environment, then a ``.env`` file, then defaults.

    Raises:
        SettingsError: a variable is set to something unusable; the message names it.
    """
    if environ is None:
        environ = os.environ
        env_file = env_file or Path(".env")
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(environ)

    zone_name = values.get("HARMONIBOT_TIMEZONE", "").strip() or "Europe/London"
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"HARMONIBOT_TIMEZONE {zone_name!r} is not a time zone") from None

    slack = None
    if values.get("SLACK_BOT_TOKEN") and values.get("SLACK_SIGNING_SECRET"):
        api_url = values.get("SLACK_API_URL", "").strip() or "https://slack.com/api/"
        slack = SlackSettings(
            bot_token=values["SLACK_BOT_TOKEN"],
            signing_secret=values["SLACK_SIGNING_SECRET"],
            app_token=values.get("SLACK_APP_TOKEN", ""),
            api_url=api_url if api_url.endswith("/") else api_url + "/",
            team_channels=_list(values.get("HARMONIBOT_SLACK_CHANNELS", "")),
        )

    teams = TeamsSettings(
        app_id=values.get("MICROSOFT_APP_ID", ""),
        app_password=values.get("MICROSOFT_APP_PASSWORD", ""),
        tenant_id=values.get("MICROSOFT_APP_TENANT_ID", ""),
        app_type=values.get("MICROSOFT_APP_TYPE", "") or "MultiTenant",
        team_channels=_list(values.get("HARMONIBOT_TEAMS_CHANNELS", "")),
    )

    imap = None
    if values.get("IMAP_HOST"):
        tls = values.get("IMAP_TLS", "ssl").strip().lower() or "ssl"
        if tls not in ("ssl", "starttls", "none"):
            raise SettingsError(f"IMAP_TLS must be ssl, starttls or none, not {tls!r}")
        imap = ImapSettings(
            host=values["IMAP_HOST"],
            port=_int(values, "IMAP_PORT", 993 if tls == "ssl" else 143),
            username=values.get("IMAP_USERNAME", ""),
            password=values.get("IMAP_PASSWORD", ""),
            folder=values.get("IMAP_FOLDER", "") or "INBOX",
            tls=tls,
        )

    graph = None
    if values.get("GRAPH_MAILBOX"):
        graph = GraphSettings(
            mailbox=values["GRAPH_MAILBOX"],
            tenant_id=values.get("GRAPH_TENANT_ID", ""),
            client_id=values.get("GRAPH_CLIENT_ID", ""),
            client_secret=values.get("GRAPH_CLIENT_SECRET", ""),
            api_url=values.get("GRAPH_API_URL", "") or "https://graph.microsoft.com/v1.0/",
            token_url=values.get("GRAPH_TOKEN_URL", ""),
        )

    oidc = None
    if values.get("HARMONIBOT_OIDC_ISSUER", "").strip():
        oidc = _oidc(values)

    return Settings(
        database_url=values.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
        timezone=zone,
        host=values.get("HARMONIBOT_HOST", "").strip() or "127.0.0.1",
        port=_int(values, "PORT", 8080),
        web_concurrency=_at_least_one(values, "WEB_CONCURRENCY"),
        public_url=values.get("HARMONIBOT_PUBLIC_URL", "").strip().rstrip("/"),
        team_address=values.get("HARMONIBOT_TEAM_ADDRESS", "").strip().lower(),
        digest_cron=_cron(values.get("HARMONIBOT_DIGEST_CRON", "").strip() or "0 9 * * mon"),
        sweep_minutes=_int(values, "HARMONIBOT_SWEEP_MINUTES", 15),
        holiday_region=_region(values.get("HARMONIBOT_HOLIDAYS", "").strip().upper() or "ENG"),
        secret_key=values.get("HARMONIBOT_SECRET_KEY", "").strip(),
        inbox_poll_seconds=_int(values, "HARMONIBOT_INBOX_POLL_SECONDS", 120),
        retention_days=_int(values, "HARMONIBOT_RETENTION_DAYS", 730),
        unanswered_after_days=_int(values, "HARMONIBOT_UNANSWERED_AFTER_DAYS", 3),
        nudge_days_before=_days(values, "HARMONIBOT_NUDGE_DAYS_BEFORE", (7, 1)),
        nudge_hour=_hour(values, "HARMONIBOT_NUDGE_HOUR", time(9, 0)),
        escalate_after_weeks=_int(values, "HARMONIBOT_ESCALATE_AFTER_WEEKS", 3),
        slack=slack,
        teams=teams,
        imap=imap,
        graph=graph,
        oidc=oidc,
    )


def _oidc(values: Mapping[str, str]) -> OidcSettings:
    issuer = values["HARMONIBOT_OIDC_ISSUER"].strip().rstrip("/")
    client_id = values.get("HARMONIBOT_OIDC_CLIENT_ID", "").strip()
    secret = values.get("HARMONIBOT_OIDC_CLIENT_SECRET", "").strip()
    if not issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise SettingsError(f"HARMONIBOT_OIDC_ISSUER must be an https:// URL, not {issuer!r}")
    if not (client_id and secret):
        raise SettingsError(
            "HARMONIBOT_OIDC_ISSUER is set, so HARMONIBOT_OIDC_CLIENT_ID and "
            "HARMONIBOT_OIDC_CLIENT_SECRET must be set too"
        )
    label = values.get("HARMONIBOT_OIDC_LABEL", "").strip() or "single sign-on"
    return OidcSettings(issuer=issuer, client_id=client_id, client_secret=secret, label=label)
