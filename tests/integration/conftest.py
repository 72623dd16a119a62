"""Fixtures shared by the integration tests."""

from tests.integration.browser import chromium

__all__ = ["chromium"]
