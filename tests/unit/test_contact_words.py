"""A reported contact's day, direction and channel, read wherever the sentence says them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.commands.contact_words import channel_of, direction_of, find_day
from commplan.contacts import Channel, Direction
from commplan.errors import InvalidInput
from tests.conftest import LONDON

# Monday 6 July 2026.
NOW = datetime(2026, 7, 6, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("said", "day", "rest"),
    [
        (
            "asked about ethnicity at a meeting yesterday",
            date(2026, 7, 5),
            "asked about ethnicity at a meeting",
        ),
        (
            "they emailed us on 2 July about tenure",
            date(2026, 7, 2),
            "they emailed us about tenure",
        ),
        (
            "on 12 November we presented at their event",
            date(2025, 11, 12),
            "we presented at their event",
        ),
        (
            "last Friday they phoned about unpaid care",
            date(2026, 7, 3),
            "they phoned about unpaid care",
        ),
        ("we met on Wednesday about religion", date(2026, 7, 1), "we met about religion"),
        ("asked about 3 surveys", None, "asked about 3 surveys"),
        ("asked about the 2021 census", None, "asked about the 2021 census"),
        ("asked about tenure on the phone", None, "asked about tenure on the phone"),
        ("asked about the march release", None, "asked about the march release"),
    ],
)
def test_the_day_is_found_anywhere_and_is_one_that_has_happened(
    said: str, day: date | None, rest: str
) -> None:
    found = find_day(said, now=NOW)
    assert (found.on, found.text) == (day, rest)


def test_a_day_still_to_come_is_refused() -> None:
    with pytest.raises(InvalidInput, match="hasn't happened yet"):
        find_day("asked about religion on 12 December 2026", now=NOW)


@pytest.mark.parametrize(
    ("said", "direction", "channel"),
    [
        ("we presented at their event", Direction.OUTBOUND, Channel.EVENT),
        ("they emailed us about tenure", Direction.INBOUND, Channel.INBOX),
        ("outbound phone call about unpaid care", Direction.OUTBOUND, Channel.PHONE),
        ("asked about ethnicity at a meeting", Direction.INBOUND, Channel.MEETING),
        (
            "they asked us to present, so we presented at a webinar",
            Direction.INBOUND,
            Channel.WEBINAR,
        ),
        ("inbound: we called back after their webinar", Direction.INBOUND, Channel.PHONE),
        ("general catch-up", Direction.INBOUND, Channel.OTHER),
    ],
)
def test_direction_and_channel_are_read_from_the_words(
    said: str, direction: Direction, channel: Channel
) -> None:
    assert (direction_of(said), channel_of(said)) == (direction, channel)
