"""Helpers for the Slack tests: a recording Web API, signed requests, a seeded workspace."""
