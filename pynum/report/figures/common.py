"""What every figure of the report shares: the Figure record, the canvas, the PNG encoding."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

# Colours: outcome colours match the verdict badges of the page.
GOOD, BAD, NEUTRAL, GOLD = "#1b7f3b", "#c0392b", "#555555", "#b8860b"
SEED_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")
WIDTH = 10.0  # inches at DPI: about 1100 px, the page's content width
DPI = 110


@dataclass(frozen=True)
class Figure:
    """One figure of the report.

    fid: HTML id; title: the heading; alt: what it shows, in words (the img alt text and the
    caption); claims: the claim IDs it illustrates; sources: the records it is drawn from
    (empty for figures of closed forms only); png: the image.
    """

    fid: str
    title: str
    alt: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    png: bytes


def canvas(ncols: int = 1, nrows: int = 1, height: float = 4.2, width: float = WIDTH) -> tuple[Any, Any]:
    """A matplotlib figure (Agg backend, report font sizes) and its axes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": 10,
            "axes.titlesize": 11,
            "legend.fontsize": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False)


def png(fig: Any) -> bytes:
    """The figure as PNG bytes (closed afterwards)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def fmt(x: float, digits: int = 4) -> str:
    """A measured number for a caption, ``digits`` significant digits."""
    return f"{x:.{digits}g}"
