"""Charts drawn server-side with matplotlib: SVG for the dashboard, PNG for chat uploads."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

# A palette that stays distinguishable for the common colour-vision deficiencies (Okabe and
# Ito's, with more hues after it) and visible on a light page and a dark one alike: no black,
# which vanished in dark mode, and no pale yellow, which vanished on white.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#8C6BB1",
    "#A6761D",
    "#999999",
    "#C9B800",
    "#5C8A3A",
)

# Text and axes of an SVG are drawn in this colour, then given the SVG's ``currentColor``:
# a chart shown as an image follows the reader's light or dark scheme through its own style.
_INK = "#010203"
_SCHEMES = (
    "<style>svg{color:#0b0c0c}@media (prefers-color-scheme: dark){svg{color:#f3f2f1}}</style>"
)


#: A chart's size in inches: wide for a desktop, narrow (and as tall as its rows) for a phone.
WIDE = (10.0, 4.2)
#: A PNG's size (the Word document's and chat's): printed six inches wide, it stays legible.
PRINTED = (8.0, 3.6)
NARROW_WIDTH = 4.0


def narrow_height(periods: int, groups: int) -> float:
    """The height in inches of a narrow chart of so many periods and groups."""
    return 2.2 + 0.32 * max(periods, 1) + 0.24 * groups


def stacked_bars(
    periods: Sequence[tuple[str, Mapping[str, int]]],
    *,
    title: str,
    fmt: str = "svg",
    size: tuple[float, float] | None = None,
    dpi: int = 100,
    narrow: bool = False,
) -> bytes:
    """Counts per period stacked by group (e.g. contacts per month by organisation type).

    ``size`` is in inches (by default :data:`WIDE` for an SVG, :data:`PRINTED` for a PNG,
    or :data:`NARROW_WIDTH` wide when ``narrow``); ``dpi`` sets a PNG's pixels per inch.
    ``narrow`` lays the bars across with the legend under them, for a phone: shrunk to fit
    one, the wide chart's labels were too small to read. An SVG has a transparent
    background and its text in the reader's colour scheme; a PNG (for chat and the Word
    document) is black on white.
    """
    # Imported here: matplotlib takes half a second to load, and only charts need it.
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    svg = fmt == "svg"
    ink = _INK if svg else "#0b0c0c"
    labels = [label for label, _ in periods]
    groups = sorted({g for _, counts in periods for g in counts}, key=lambda g: (g == "", g))
    style: dict[Any, Any] = {
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": ink,
        "xtick.color": ink,
        "ytick.color": ink,
        "font.size": 11,
    }
    with matplotlib.rc_context(style):
        figure = pyplot.figure(
            figsize=size
            or (
                (NARROW_WIDTH, narrow_height(len(periods), len(groups)))
                if narrow
                else WIDE
                if svg
                else PRINTED
            ),
            dpi=dpi,
            layout="constrained",
        )
    try:
        with matplotlib.rc_context(style):
            axes = figure.add_subplot()
            _draw(axes, periods, labels, groups, across=narrow)
            # The title is the figure's, so that it starts at the left edge as a heading does.
            shown = textwrap.fill(title, 36) if narrow else title
            figure.suptitle(shown, fontsize=13, x=0.0, ha="left", fontweight="bold")
            counted, listed = (axes.xaxis, axes.yaxis) if narrow else (axes.yaxis, axes.xaxis)
            counted.set_major_locator(MaxNLocator(integer=True))
            counted.set_label_text("contacts", fontsize=11)
            axes.spines[["top", "right"]].set_visible(False)
            axes.tick_params(labelsize=10)
            if not narrow:
                axes.tick_params(axis="x", labelrotation=45)
            else:
                axes.invert_yaxis()  # the first month at the top, read downwards
            axes.grid(axis="x" if narrow else "y", color=ink, alpha=0.15, linewidth=0.8)
            axes.set_axisbelow(True)
            del listed
            if groups:
                figure.legend(
                    fontsize=10,
                    frameon=False,
                    loc="outside lower left" if narrow else "outside right upper",
                )
            buffer = io.BytesIO()
            figure.savefig(
                buffer, format=fmt, metadata={"Date": None} if svg else None, transparent=svg
            )
    finally:
        pyplot.close(figure)
    drawn = buffer.getvalue()
    return _follow_scheme(drawn) if svg else drawn


def _draw(
    axes: Any,
    periods: Sequence[tuple[str, Mapping[str, int]]],
    labels: list[str],
    groups: list[str],
    *,
    across: bool,
) -> None:
    """The stacked bars: upright, or lying across (``across``) for a narrow chart."""
    bottoms = [0] * len(periods)
    for index, group in enumerate(groups):
        values = [counts.get(group, 0) for _, counts in periods]
        colour = PALETTE[index % len(PALETTE)]
        name = group or "not known"
        if across:
            axes.barh(labels, values, left=bottoms, label=name, color=colour)
        else:
            axes.bar(labels, values, bottom=bottoms, label=name, color=colour)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]


def _follow_scheme(svg: bytes) -> bytes:
    """The SVG with its ink as ``currentColor`` and the style that sets it per scheme."""
    text = svg.decode("utf-8").replace(_INK, "currentColor")
    opening = text.index(">", text.index("<svg")) + 1
    return (text[:opening] + _SCHEMES + text[opening:]).encode("utf-8")


def weekly_contacts_png(history: Sequence[tuple[date, Mapping[str, int]]]) -> bytes:
    """The digest's chart: contacts per week by organisation type, as a small PNG.

    Small enough (about 600 by 270 pixels) to upload to Slack and to fit, as a data URI, in a
    Teams card next to the digest's text.
    """
    periods = [(f"{week:%-d %b}", counts) for week, counts in history]
    drawn = stacked_bars(
        periods,
        title="Contacts per week by organisation type",
        fmt="png",
        size=(7.5, 3.4),
        dpi=80,
    )
    return _palette_png(drawn)


def _palette_png(png: bytes, colours: int = 64) -> bytes:
    """The PNG reduced to a palette: a chart of flat fills loses nothing visible and its
    bytes fall about threefold (23 KB to 7 KB), which is what lets it ride in a Teams card."""
    # Pillow is matplotlib's own dependency; imported here for the same reason as matplotlib.
    from PIL import Image as PillowImage

    with PillowImage.open(io.BytesIO(png)) as image:
        reduced = image.convert("RGB").quantize(colors=colours)
    buffer = io.BytesIO()
    reduced.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
