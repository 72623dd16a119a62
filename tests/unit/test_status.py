"""Status text as people write it."""

import pytest

from commplan.errors import InvalidInput
from commplan.meetings import update_means_done
from commplan.plan import Status
from commplan.status import parse_status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Complete", Status.COMPLETE),
        ("Complete.", Status.COMPLETE),
        ("Compete", Status.COMPLETE),
        ("complete", Status.COMPLETE),
        ("Done", Status.COMPLETE),
        ("On-going", Status.ONGOING),
        ("Ongoing", Status.ONGOING),
        ("on going", Status.ONGOING),
        ("In progress", Status.ONGOING),
        ("", Status.PLANNED),
        ("  ", Status.PLANNED),
        ("Planned", Status.PLANNED),
        ("Complete – initial meeting held 16/7/2015.", Status.COMPLETE),
    ],
)
def test_written_status_maps_to_a_status(text: str, status: Status) -> None:
    assert parse_status(text) is status


def test_an_unknown_status_names_the_choices() -> None:
    with pytest.raises(InvalidInput, match="Complete, On-going"):
        parse_status("Abandoned")


@pytest.mark.parametrize(
    ("update", "done"),
    [
        ("Complete – EDC has been added to the reference table", True),
        ("Complete.", True),
        ("Palvi needs to find the right person to liaise with within EDC.", False),
        ("Will be added at next appropriate opportunity.", False),
        ("", False),
    ],
)
def test_an_action_update_says_whether_it_is_done(update: str, done: bool) -> None:
    assert update_means_done(update) is done
