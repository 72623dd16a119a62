"""The Slack Web API client, built from settings with the retries every caller should get."""

from __future__ import annotations

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.settings import SlackSettings

#: How often a rate-limited call (HTTP 429) is tried again, each after its Retry-After.
RATE_LIMIT_RETRIES = 2


def make_client(settings: SlackSettings) -> AsyncWebClient:
    """An async Web API client on ``SLACK_API_URL`` with the bot token.

    slack_sdk retries only dropped connections by default; a 429 is retried here too, after
    the Retry-After that Slack sends, rather than failing the post.
    """
    return AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )
