"""The shared HTTP helpers: how long a throttled server asks us to wait, and error bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from adapters.http import json_error, retry_after

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        (" 2.5 ", 2.5),
        ("-3", 0.0),
        ("Mon, 02 Mar 2026 10:00:30 GMT", 30.0),
        ("Mon, 02 Mar 2026 09:59:00 GMT", 0.0),  # a date already past: go now
        ("", None),
        (None, None),
        ("soon", None),
        ("inf", None),
        ("nan", None),
    ],
)
def test_retry_after_reads_seconds_or_a_date(value: str | None, seconds: float | None) -> None:
    assert retry_after(value, now=NOW) == seconds


def test_an_error_is_json_that_no_cache_keeps() -> None:
    response = json_error(413, "the message is larger than 16 KB")
    assert response.status == 413
    assert response.headers["Cache-Control"] == "no-store"
    assert response.content_type == "application/json"
    assert isinstance(response.body, bytes)
    assert json.loads(response.body) == {"error": "the message is larger than 16 KB"}
