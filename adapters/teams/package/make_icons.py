"""Draw the Teams app icons: ``color.png`` (192x192) and ``outline.png`` (32x32).

The mark is a speech bubble holding two bars of equal length: a conversation in which
things line up, which is what harmonisation is. The colour icon is the white bubble on the
team's blue; the outline icon is the bubble alone, white on transparent, as Teams requires.
Run it from anywhere; it writes beside itself::

    .venv/bin/python adapters/teams/package/make_icons.py
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TypeAlias

from PIL import Image, ImageDraw

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ACCENT = (31, 92, 153, 255)  # the manifest's accentColor, #1F5C99
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
# Drawn this many times larger, then scaled down, for smooth edges.
SUPERSAMPLE = 8

#: A colour: a grey level for a mask, or RGBA.
Ink: TypeAlias = int | tuple[int, ...]


def _bubble(draw: ImageDraw.ImageDraw, size: int, inset: float, fill: Ink) -> None:
    """A rounded speech bubble with its tail at the lower left, within ``inset`` of the edge."""
    left, top = size * inset, size * inset
    right, bottom = size * (1 - inset), size * (1 - inset) - size * 0.12
    radius = (bottom - top) * 0.28
    draw.rounded_rectangle((left, top, right, bottom), radius=radius, fill=fill)
    tail = [
        (left + (right - left) * 0.18, bottom - 1),
        (left + (right - left) * 0.40, bottom - 1),
        (left + (right - left) * 0.12, bottom + size * 0.12),
    ]
    draw.polygon(tail, fill=fill)


def _bars(draw: ImageDraw.ImageDraw, size: int, inset: float, fill: Ink) -> None:
    """Two equal bars across the bubble's middle."""
    left, right = size * (inset + 0.14), size * (1 - inset - 0.14)
    bubble_middle = (size * inset + size * (1 - inset) - size * 0.12) / 2
    height = size * 0.075
    for offset in (-0.085, 0.085):
        centre = bubble_middle + size * offset
        draw.rounded_rectangle(
            (left, centre - height / 2, right, centre + height / 2), radius=height / 2, fill=fill
        )


def draw_color(size: int = 192) -> Image.Image:
    """The full-colour icon: a white bubble with blue bars on the accent colour."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), ACCENT)
    draw = ImageDraw.Draw(image)
    _bubble(draw, big, 0.2, WHITE)
    _bars(draw, big, 0.2, ACCENT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_outline(size: int = 32) -> Image.Image:
    """The outline icon: the bubble in white with the bars cut out, on transparent."""
    big = size * SUPERSAMPLE
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    _bubble(draw, big, 0.06, 255)
    _bars(draw, big, 0.06, 0)
    # Only white is drawn; the shape lives in the alpha channel, as Teams expects.
    image = Image.new("RGBA", (big, big), WHITE)
    image.putalpha(mask)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    # Resampling can tint edge pixels; keep every pixel pure white, only alpha varies.
    alpha = small.getchannel("A")
    white = Image.new("RGBA", (size, size), WHITE)
    white.putalpha(alpha)
    return white


def main() -> None:
    """Write both icons beside this script."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name, image in (("color.png", draw_color()), ("outline.png", draw_outline())):
        image.save(HERE / name, optimize=True)
        logger.info("wrote %s (%dx%d)", HERE / name, *image.size)


if __name__ == "__main__":
    main()
