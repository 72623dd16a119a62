"""Helpers for the Teams end-to-end tests: the recording connector and ``serve``."""
