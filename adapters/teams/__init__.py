"""Microsoft Teams: ``/api/messages`` on the Microsoft 365 Agents SDK's CloudAdapter, cards,
proactive nudges.

The SDK is imported only inside this package (and only by the modules that need it: the
renderer and the store stay free of it); import-linter keeps it there.
"""
