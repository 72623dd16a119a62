"""Slack: the Bolt app on ``/slack/events`` (and Socket Mode), Block Kit, and nudges by DM.

slack_bolt and slack_sdk are imported only inside this package.
"""
