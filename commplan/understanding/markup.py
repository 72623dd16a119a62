"""Chat markup removed from a message: Slack and Teams formatting, quotes and forwarded mail.

Slack sends mentions, links and channels as ``<...>`` tokens and escapes ``&``, ``<`` and
``>``; Teams sends a little HTML (``<at>``, ``<p>``, ``<br>``) or Markdown. What a person
wrote survives as plain text, one line per line they typed; what they quoted or forwarded
is kept apart, because it is somebody else's words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_SLACK_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<!(?:subteam\^[A-Z0-9]+|[a-z]+)(?:\|([^>]*))?>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>]+)(?:\|([^>]*))?>")
_TEAMS_AT = re.compile(r"<at>[^<]*</at>", re.I)
_BREAK_TAG = re.compile(r"<\s*(?:br|/p|/div|/li|p|div|li)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>", re.I)
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((?:https?|mailto):[^)\s]+\)")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]+", re.I)
_CODE_FENCE = re.compile(r"```+")
_INLINE_CODE = re.compile(r"`([^`\n]*)`")
# Emphasis markers hugging words: *bold*, _italic_, ~strike~, **bold**.
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~]{1,2})(?=\S)([^\n]*?\S)\1(?![\w*_~])")
_EMOJI_CODE = re.compile(r":(?:[+-]1|[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*):(?::skin-tone-\d:)?", re.I)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u2013]|\d{1,2}[.)])\s+")
_QUOTED = re.compile(r"^\s*(?:>|&gt;)")
# Where a pasted or forwarded message begins: everything below is somebody else's.
_FORWARD_MARK = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded|original)\s+message\s*-{2,}|begin\s+forwarded\s+message:?"
    r"|_{8,}|on\s.{0,120}\swrote:)\s*$",
    re.I,
)
_HEADER_LINE = re.compile(r"^\s*(?:from|sent|date|to|cc|subject)\s*:\s", re.I)


@dataclass(frozen=True, kw_only=True)
class Plain:
    """A chat message as plain text.

    ``text`` is what the writer typed, line by line; ``quoted`` the quoted or forwarded part
    (headers dropped); ``mentions`` the platform user ids and names mentioned, as written
    (``@U123`` when Slack gave no name); ``links`` every URL.
    """

    text: str
    quoted: str = ""
    mentions: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


def _strip_symbols(text: str) -> str:
    # Emoji and pictographs carry tone, not topic; zero-width joiners and variation selectors
    # would otherwise glue words together.
    if text.isascii():
        return text
    return "".join(
        " " if unicodedata.category(ch) in ("So", "Cs", "Co") else ch
        for ch in text
        if ch not in "\u200d\ufe0f\ufe0e\u200b"
    )


def plain(text: str) -> Plain:
    """Strip chat markup from ``text`` (pure, linear in its length)."""
    mentions: list[str] = []
    links: list[str] = []

    def mention(match: re.Match[str]) -> str:
        label = (match.group(2) or "").strip().lstrip("@")
        mentions.append(f"@{label}" if label else f"@{match.group(1)}")
        return f"@{label}" if label else " "

    def link(match: re.Match[str]) -> str:
        links.append(match.group(1))
        label = (match.group(2) or "").strip()
        return "" if not label or label == match.group(1) else label

    def bare(match: re.Match[str]) -> str:
        links.append(match.group(0).rstrip(".,;:!?)"))
        return " "

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SLACK_MENTION.sub(mention, text)
    text = _SLACK_CHANNEL.sub(lambda m: f"#{m.group(1)}" if m.group(1) else " ", text)
    text = _SLACK_SPECIAL.sub(" ", text)
    text = _SLACK_LINK.sub(link, text)
    text = _TEAMS_AT.sub(" ", text)
    text = _BREAK_TAG.sub("\n", text)
    text = _ANY_TAG.sub(" ", text)
    own, quoted = _split_quoted(text)
    return Plain(
        text=_tidy(own, bare),
        quoted=_tidy(quoted, bare),
        mentions=tuple(mentions),
        links=tuple(links),
    )


def _split_quoted(text: str) -> tuple[str, str]:
    """The writer's lines and the quoted or forwarded ones (mail headers dropped)."""
    own: list[str] = []
    quoted: list[str] = []
    forwarded = False
    for line in text.split("\n"):
        if forwarded or _FORWARD_MARK.match(line):
            forwarded = True
            if not _FORWARD_MARK.match(line) and not _HEADER_LINE.match(line):
                quoted.append(line)
        elif _QUOTED.match(line):
            quoted.append(_QUOTED.sub("", line, count=1))
        else:
            own.append(line)
    return "\n".join(own), "\n".join(quoted)


def _tidy(text: str, bare: Callable[[re.Match[str]], str]) -> str:
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = html.unescape(text)
    text = _BARE_URL.sub(bare, text)
    text = _CODE_FENCE.sub("\n", text)
    text = _INLINE_CODE.sub(r"\1", text)
    for _ in range(2):  # nested emphasis: *_word_*
        text = _EMPHASIS.sub(r"\2", text)
    text = _EMOJI_CODE.sub(" ", text)
    text = _strip_symbols(text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u00a0", " ")
    lines = (_BULLET.sub("", line) for line in text.split("\n"))
    return "\n".join(" ".join(line.split()) for line in lines).strip("\n ")
