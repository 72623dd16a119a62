"""Replies as HTML fragments for the web chat: semantic, accessible, and escaped throughout.

Every string from a reply may come from a user or an e-mail (``<script>``, ``<!channel>``), so
each one goes through :func:`html.escape` here and nowhere is markup taken from a reply.
"""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import urlsplit

from bot.messages import (
    Block,
    Bullets,
    Button,
    Buttons,
    Context,
    Divider,
    Fields,
    Header,
    Image,
    Link,
    Reply,
    Text,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_data_uri(data: bytes) -> str:
    """A ``data:image/png;base64,...`` address for PNG bytes; empty when they are not a PNG.

    Only for bytes this server drew (a chart): the address is never taken from a reply's text.
    """
    if not data.startswith(PNG_SIGNATURE):
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def render_html(reply: Reply) -> str:
    """The reply as an HTML fragment, blocks in the order the console shows them.

    A reply without blocks is its plain text, one paragraph per blank-line-separated part.
    """
    if not reply.blocks:
        return "".join(_paragraph(part) for part in reply.text.split("\n\n") if part.strip())
    return "".join(_block(block) for block in reply.blocks)


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address, safe to put in ``href`` or ``src``.

    Anything with spaces or control characters is refused outright: browsers drop tabs and
    newlines inside a scheme, which would turn ``java\\tscript:`` into a live one.
    """
    if not url or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _is_image_source(url: str) -> bool:
    # Charts may be served by this same web process, so a path on this site is fine too.
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return not any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url)
    return is_web_address(url)


def _text(text: str) -> str:
    # Line breaks inside a paragraph are the author's; keep them visible.
    return "<br>".join(escape(line) for line in text.split("\n"))


def _paragraph(text: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{_text(text)}</p>"


def _block(block: Block) -> str:
    if isinstance(block, Header):
        return f'<h3 class="hb-header">{escape(block.text)}</h3>'
    if isinstance(block, Text):
        return _paragraph(block.text, "hb-text")
    if isinstance(block, Fields):
        rows = "".join(
            f"<div><dt>{escape(label)}</dt><dd>{_text(value)}</dd></div>"
            for label, value in block.pairs
        )
        return f'<dl class="hb-fields">{rows}</dl>'
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
        return f'<ul class="hb-bullets">{items}</ul>'
    if isinstance(block, Divider):
        return '<hr class="hb-divider">'
    if isinstance(block, Context):
        return f'<p class="hb-context"><small>{_text(block.text)}</small></p>'
    if isinstance(block, Link):
        return _link(block)
    if isinstance(block, Image):
        return _image(block)
    return _buttons(block)


def _link(link: Link) -> str:
    label = escape(link.label or link.url)
    if not is_web_address(link.url):
        # Shown, never linked: the address may be javascript: or data: from an e-mail.
        shown = f"{label}: {escape(link.url)}" if link.label else label
        return f'<p class="hb-link">{shown}</p>'
    return (
        f'<p class="hb-link"><a href="{escape(link.url)}" target="_blank" '
        f'rel="noopener noreferrer">{label}<span class="hb-sr-only"> (opens in a new tab)'
        "</span></a></p>"
    )


def _image(image: Image) -> str:
    if _is_image_source(image.url):
        source = escape(image.url)
    elif image.data and (inline := png_data_uri(image.data)):
        source = inline  # base64 has no character that needs escaping in an attribute
    else:
        return f'<p class="hb-image-alt">[{escape(image.alt)}]</p>'
    return (
        f'<figure class="hb-image"><img src="{source}" alt="{escape(image.alt)}" '
        'loading="lazy"></figure>'
    )


def _buttons(block: Buttons) -> str:
    buttons = "".join(_button(button) for button in block.buttons)
    return f'<div class="hb-buttons" role="group" aria-label="Actions">{buttons}</div>'


def _button(button: Button) -> str:
    css = "hb-button"
    if button.style in ("primary", "danger"):
        css += f" hb-{button.style}"
    return (
        f'<button type="button" class="{css}" data-action-id="{escape(button.action_id)}" '
        f'data-value="{escape(button.value)}">{escape(button.label)}</button>'
    )
