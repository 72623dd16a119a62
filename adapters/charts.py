"""Charts drawn server-side with matplotlib: SVG for the dashboard, PNG for chat uploads."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

# A palette that stays distinguishable for the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#7F3C8D",
)


def stacked_bars(
    periods: Sequence[tuple[str, Mapping[str, int]]],
    *,
    title: str,
    fmt: str = "svg",
    size: tuple[float, float] = (8, 3.6),
    dpi: int = 100,
) -> bytes:
    """Counts per period stacked by group (e.g. contacts per month by organisation type).

    ``size`` is in inches and ``dpi`` sets a PNG's pixels per inch.
    """
    # Imported here: matplotlib takes half a second to load, and only charts need it.
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    labels = [label for label, _ in periods]
    groups = sorted({g for _, counts in periods for g in counts}, key=lambda g: (g == "", g))
    figure = pyplot.figure(figsize=size, dpi=dpi)
    try:
        axes = figure.add_subplot()
        bottoms = [0] * len(periods)
        for index, group in enumerate(groups):
            values = [counts.get(group, 0) for _, counts in periods]
            axes.bar(
                labels,
                values,
                bottom=bottoms,
                label=group or "not known",
                color=PALETTE[index % len(PALETTE)],
            )
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        axes.set_title(title, fontsize=11)
        axes.set_ylabel("contacts")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(axis="x", labelrotation=45, labelsize=8)
        if groups:
            axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
        return buffer.getvalue()
    finally:
        pyplot.close(figure)


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
