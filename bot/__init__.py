"""The conversation: one platform-neutral bot core behind every chat."""
