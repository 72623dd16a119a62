"""The web process: health check and the web chat, on one aiohttp application.

Slack's and Teams' aiohttp adapters mount on the same application, so ``make_app`` only builds
it and adds its own routes; other modules add theirs.
"""
