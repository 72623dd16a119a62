"""The closed set of blocks a reply is drawn from; every renderer draws each of them.

They are plain values: no platform markup, no escaping (renderers escape).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Header:
    text: str


@dataclass(frozen=True, kw_only=True)
class Text:
    """A paragraph. ``text`` is plain; renderers escape it and add no markup of their own."""

    text: str


@dataclass(frozen=True, kw_only=True)
class Fields:
    """Label and value pairs."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True, kw_only=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Divider:
    pass


@dataclass(frozen=True, kw_only=True)
class Context:
    """Small print: sources, counts, hints."""

    text: str


@dataclass(frozen=True, kw_only=True)
class Link:
    """A labelled link to a web address."""

    label: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Button:
    """A button; pressing it sends ``Action(action_id, value)`` back through the router."""

    label: str
    action_id: str
    value: str = ""
    style: str = ""  # "primary", "danger" or "" (renderers may ignore it)


@dataclass(frozen=True, kw_only=True)
class Buttons:
    buttons: tuple[Button, ...]


@dataclass(frozen=True, kw_only=True)
class Image:
    """An image (a chart), by address or as PNG bytes, with text for those who cannot see it.

    ``data`` carries the PNG itself when no address every chat can fetch exists; each
    renderer shows it its own way (a Slack upload, a data URI) or falls back to ``alt``.
    """

    alt: str
    url: str = ""
    data: bytes = field(default=b"", repr=False)


Block = Header | Text | Fields | Bullets | Divider | Context | Link | Buttons | Image
