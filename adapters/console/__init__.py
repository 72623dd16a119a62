"""The console chat: the bot in a terminal, buttons as numbered choices."""
