"""One line a request, as aiohttp writes it, without the query string, and which process served.

A sign-in link's token and single sign-on's code travel in the query string; neither belongs
in a log. The process id tells the workers of ``serve --workers N`` apart.
"""

from __future__ import annotations

import logging
import os

from aiohttp.abc import AbstractAccessLogger
from aiohttp.web import BaseRequest, StreamResponse


class AccessLog(AbstractAccessLogger):
    """``127.0.0.1 "GET /chat" 200 1234 0.004s "agent" worker <pid>``."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %d %d %.3fs "%s" worker <%d>',
            request.remote or "-",
            request.method,
            request.rel_url.raw_path,
            response.status,
            response.body_length,
            time,
            request.headers.get("User-Agent", "-"),
            os.getpid(),
        )

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
