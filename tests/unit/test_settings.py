"""Settings from the environment: defaults, the nudge policy's knobs, and clear refusals."""

from __future__ import annotations

from datetime import time

import pytest

from adapters.settings import SettingsError, load_settings


def test_defaults_need_nothing_set() -> None:
    settings = load_settings({})
    assert settings.database_url == "sqlite:///harmonibot.db"
    assert (settings.nudge_days_before, settings.nudge_hour) == ((7, 1), time(9, 0))
    assert settings.slack is None and settings.imap is None and settings.graph is None
    assert settings.web_concurrency == 1
    assert load_settings({"WEB_CONCURRENCY": "3"}).web_concurrency == 3


def test_the_nudge_policy_is_configurable() -> None:
    settings = load_settings(
        {
            "HARMONIBOT_NUDGE_DAYS_BEFORE": "1, 14,7",
            "HARMONIBOT_NUDGE_HOUR": "10:30",
            "HARMONIBOT_ESCALATE_AFTER_WEEKS": "2",
        }
    )
    assert settings.nudge_days_before == (14, 7, 1)
    assert settings.nudge_hour == time(10, 30)
    assert settings.escalate_after_weeks == 2
    assert load_settings({"HARMONIBOT_NUDGE_HOUR": "8"}).nudge_hour == time(8, 0)


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("HARMONIBOT_NUDGE_DAYS_BEFORE", "a week", "HARMONIBOT_NUDGE_DAYS_BEFORE"),
        ("HARMONIBOT_NUDGE_DAYS_BEFORE", "0", "1 or more"),
        ("HARMONIBOT_NUDGE_HOUR", "nine", "time of day"),
        ("HARMONIBOT_TIMEZONE", "Mars/Olympus", "not a time zone"),
        ("IMAP_TLS", "maybe", "ssl, starttls or none"),
        ("PORT", "eighty", "whole number"),
        ("WEB_CONCURRENCY", "two", "WEB_CONCURRENCY must be a whole number"),
        ("WEB_CONCURRENCY", "0", "1 or more"),
    ],
)
def test_a_bad_value_is_refused_by_name(name: str, value: str, says: str) -> None:
    environ = {name: value, "IMAP_HOST": "mail.example.org"}
    with pytest.raises(SettingsError, match=says):
        load_settings(environ)


def test_secrets_stay_out_of_the_repr() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-secret-1", "SLACK_SIGNING_SECRET": "sign-secret-2"}
    )
    assert "secret-1" not in repr(settings) and "secret-2" not in repr(settings)
