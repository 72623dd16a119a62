"""The app manifests an admin uploads agree with the code: Slack's YAML and Teams' package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from adapters.slack.app import EVENTS_PATH
from adapters.slack.surfaces import COMMAND, SHORTCUT

ROOT = Path(__file__).resolve().parents[2]
SLACK_MANIFEST = ROOT / "adapters" / "slack" / "manifest.yaml"
TEAMS_PACKAGE = ROOT / "adapters" / "teams" / "package"

#: The bot scopes the Slack code calls for: answers and nudges (chat:write, im:write),
#: matching people by e-mail (users:read.email), the digest's chart (files:write), shared
#: questionnaires (files:read), the slash command and shortcut (commands), mentions
#: (app_mentions:read) and direct messages (im:history).
SLACK_SCOPES = {
    "chat:write",
    "im:write",
    "users:read.email",
    "files:write",
    "files:read",
    "commands",
    "app_mentions:read",
    "im:history",
}
#: The events the Bolt app listens to (adapters/slack/surfaces.py), as the manifest names them.
SLACK_EVENTS = {"app_mention", "message.im", "app_home_opened"}
#: What Teams requires of the two icons: the colour one 192x192, the outline one 32x32.
TEAMS_ICONS = {"color": (192, 192), "outline": (32, 32)}


@pytest.fixture(scope="module")
def slack() -> dict[str, Any]:
    document = yaml.safe_load(SLACK_MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.fixture(scope="module")
def teams() -> dict[str, Any]:
    document = json.loads((TEAMS_PACKAGE / "manifest.json").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def _request_urls(document: dict[str, Any]) -> list[str]:
    """Every URL the manifest tells Slack to send requests to."""
    features, settings = document["features"], document["settings"]
    return [
        *(command["url"] for command in features["slash_commands"]),
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
    ]


def test_the_slack_manifest_has_the_slash_command_the_code_answers(slack: dict[str, Any]) -> None:
    [command] = slack["features"]["slash_commands"]
    assert command["command"] == COMMAND == "/harmonise"


def test_the_slack_manifest_has_the_message_shortcut_the_code_listens_for(
    slack: dict[str, Any],
) -> None:
    [shortcut] = slack["features"]["shortcuts"]
    assert shortcut["callback_id"] == SHORTCUT
    assert shortcut["type"] == "message"


def test_the_slack_manifest_subscribes_to_the_three_bot_events(slack: dict[str, Any]) -> None:
    assert set(slack["settings"]["event_subscriptions"]["bot_events"]) == SLACK_EVENTS


def test_every_slack_request_url_goes_to_the_events_endpoint(slack: dict[str, Any]) -> None:
    urls = _request_urls(slack)
    assert len(urls) == 3
    for url in urls:
        assert url.startswith("https://"), url
        assert url.endswith(EVENTS_PATH), url
    assert slack["settings"]["interactivity"]["is_enabled"] is True


def test_the_slack_manifest_asks_for_every_scope_the_code_needs(slack: dict[str, Any]) -> None:
    scopes = set(slack["oauth_config"]["scopes"]["bot"])
    assert not SLACK_SCOPES - scopes, SLACK_SCOPES - scopes


def test_the_slack_manifest_has_the_home_tab_and_messages_tab(slack: dict[str, Any]) -> None:
    app_home = slack["features"]["app_home"]
    assert app_home["home_tab_enabled"] is True
    assert app_home["messages_tab_enabled"] is True
    assert app_home["messages_tab_read_only_enabled"] is False


def test_the_teams_manifest_names_the_bot_by_the_app_id_placeholder(teams: dict[str, Any]) -> None:
    assert teams["id"] == "{{MICROSOFT_APP_ID}}"
    [bot] = teams["bots"]
    assert bot["botId"] == "{{MICROSOFT_APP_ID}}"
    assert set(bot["scopes"]) == {"personal", "team"}
    for commands in bot["commandLists"]:
        assert set(commands["scopes"]) <= {"personal", "team"}
        assert commands["commands"]


def test_the_teams_manifest_has_what_the_schema_requires(teams: dict[str, Any]) -> None:
    for required in ("manifestVersion", "version", "developer", "name", "description", "icons"):
        assert teams[required], required
    assert len(teams["name"]["short"]) <= 30
    assert len(teams["description"]["short"]) <= 80
    assert len(teams["description"]["full"]) <= 4000
    assert teams["manifestVersion"] in teams["$schema"]
    # 1.17 or later: the schema the Agents SDK's Teams samples and the Developer Portal use.
    major, minor = (int(part) for part in teams["manifestVersion"].split("."))
    assert (major, minor) >= (1, 17)


@pytest.mark.parametrize("icon", sorted(TEAMS_ICONS))
def test_the_teams_icons_exist_with_the_sizes_teams_requires(
    teams: dict[str, Any], icon: str
) -> None:
    path = TEAMS_PACKAGE / teams["icons"][icon]
    assert path.is_file(), path
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == TEAMS_ICONS[icon]


def test_the_teams_outline_icon_is_white_on_transparent(teams: dict[str, Any]) -> None:
    with Image.open(TEAMS_PACKAGE / teams["icons"]["outline"]) as image:
        rgba = image.convert("RGBA")
        pixels = [rgba.getpixel((x, y)) for x in range(rgba.width) for y in range(rgba.height)]
    drawn = [pixel[:3] for pixel in pixels if isinstance(pixel, tuple) and pixel[3]]
    assert drawn, "the outline icon is empty"
    assert len(drawn) < len(pixels), "the outline icon has no transparent background"
    assert set(drawn) == {(255, 255, 255)}
