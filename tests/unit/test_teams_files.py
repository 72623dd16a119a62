"""Which addresses the Teams bot fetches a shared file from, and how a file message is read."""

from __future__ import annotations

import pytest
from microsoft_agents.activity import Activity

from adapters.teams.files import FILE_DOWNLOAD_INFO, may_download_from, shared_files

SHAREPOINT = "https://contoso-my.sharepoint.com/personal/jane/_layouts/15/download.aspx?x=1"


@pytest.mark.parametrize(
    ("url", "authenticated", "allowed"),
    [
        (SHAREPOINT, True, True),
        ("https://onedrive.live.com/download?cid=1", True, True),
        ("https://contoso.sharepoint.us/sites/x/file.xlsx", True, True),
        ("http://contoso-my.sharepoint.com/personal/jane/file.xlsx", True, False),
        ("https://sharepoint.com.evil.example/file.xlsx", True, False),
        ("https://evilsharepoint.com/file.xlsx", True, False),
        ("https://user:pw@contoso.sharepoint.com/file.xlsx", True, False),
        ("http://127.0.0.1:8080/file.xlsx", True, False),
        ("https://169.254.169.254/latest/meta-data", True, False),
        # With authentication off the activity is anybody's say-so: this machine only.
        (SHAREPOINT, False, False),
        ("http://127.0.0.1:8080/file.xlsx", False, True),
        ("http://localhost:8080/file.xlsx", False, True),
        ("http://10.0.0.5/file.xlsx", False, False),
        ("file:///etc/passwd", False, False),
    ],
)
def test_files_are_fetched_only_from_trusted_addresses(
    url: str, authenticated: bool, allowed: bool
) -> None:
    assert may_download_from(url, authenticated=authenticated) is allowed


def test_a_test_host_is_trusted_only_when_named_and_over_https() -> None:
    url = "https://files.test.example/q.xlsx"
    assert not may_download_from(url, authenticated=True)
    assert may_download_from(url, authenticated=True, test_hosts={"files.test.example"})
    assert not may_download_from(
        "http://files.test.example/q.xlsx", authenticated=True, test_hosts={"files.test.example"}
    )


def test_only_download_info_attachments_are_files() -> None:
    activity = Activity.model_validate(
        {
            "type": "message",
            "attachments": [
                {"contentType": "text/html", "content": "<p>see attached</p>"},
                {
                    "contentType": FILE_DOWNLOAD_INFO,
                    "name": "survey.xlsx",
                    "content": {"downloadUrl": SHAREPOINT, "uniqueId": "u-1", "fileType": "xlsx"},
                },
            ],
        }
    )
    [shared] = shared_files(activity)
    assert (shared.name, shared.url, shared.unique_id) == ("survey.xlsx", SHAREPOINT, "u-1")
