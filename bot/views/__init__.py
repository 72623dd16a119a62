"""Presenters: domain values in, neutral replies out; no storage, no platform."""
