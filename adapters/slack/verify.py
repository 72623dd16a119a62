"""Slack's signature, checked on the raw request before anything parses or logs it.

Bolt verifies too, but only after parsing the body, so a malformed body or a timestamp that is
not a number ended in a 500 and a traceback; and it logs a refused request whole at INFO, with
the member's message in it. Here the two headers must have Slack's shape and the signature
must match the bytes (slack_sdk's verifier: HMAC-SHA256 of ``v0:{timestamp}:{body}``, five
minutes either way) before Bolt sees anything; a refusal is logged by its reason alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from slack_sdk.signature import SignatureVerifier

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def refusal(body: bytes, headers: Mapping[str, str], verifier: SignatureVerifier) -> str | None:
    """Why the request is not Slack's (a reason safe to log), or None when Slack signed it."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not timestamp and not signature:
        return "unsigned"
    if not _TIMESTAMP.fullmatch(timestamp):
        return "malformed timestamp"
    if not _SIGNATURE.fullmatch(signature):
        return "malformed signature"
    if not verifier.is_valid(body, timestamp, signature):
        return "wrong or stale signature"
    return None
