"""The course's plotting style, shared by every chapter.

Every figure of the course follows the same rules (see ``../shared/CHAPTER-GUIDE.md``): colours that
survive colour blindness (the Okabe–Ito palette), a second visual channel besides colour (marker shapes),
axes labelled with their units, a source line under the plot, and output that is the same on every run
(so that nbval can compare notebooks). In a notebook::

    from jesc import style
    fig, ax = style.figure()
    ax.bar(...)
    style.label(ax, x="Decade", y="Events (count)")
    style.source(fig, "Course data, table events (jesc.load('events'))")
    style.show(fig)                       # compressed PNG; style.show(fig, fmt="svg") for SVG

Captions and alt text belong to the notebook cell (``mystnb: figure: {caption, name}`` and
``mystnb: image: {alt}``), not to the figure, so that the book can number and link them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

import matplotlib.pyplot as plt
from cycler import cycler

from jesc import i18n
from jesc.errors import CourseError

__all__ = [
    "OKABE_ITO", "FRAMEWORK_COLOURS", "FRAMEWORK_MARKERS", "StyleError", "use", "figure", "label",
    "source", "show", "colour_for", "marker_for", "period_bar", "period_legend_handles",
    "UNKNOWN_STUB_DAYS",
]


class StyleError(CourseError):
    """A figure request the course style cannot honour (unknown format, unknown category)."""


#: Okabe & Ito's colour-blind-safe palette (Color Universal Design), in their order.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: One colour per institutional framework of the ``events`` table, the same in every chapter.
FRAMEWORK_COLOURS: dict[str, str] = {
    "NATO": OKABE_ITO["blue"],
    "EU": OKABE_ITO["orange"],
    "bilateral": OKABE_ITO["bluish green"],
    "G7": OKABE_ITO["vermillion"],
    "UN": OKABE_ITO["sky blue"],
    "other": OKABE_ITO["reddish purple"],
}

#: A marker shape per framework, so that colour is never the only signal.
FRAMEWORK_MARKERS: dict[str, str] = {
    "NATO": "s", "EU": "o", "bilateral": "^", "G7": "D", "UN": "v", "other": "P",
}

#: Hatches for bars, the same order as the palette (for stacked bars read without colour).
HATCHES = ["", "//", "..", "xx", "\\\\", "--", "++", "oo"]

_RC = {
    "axes.prop_cycle": cycler(color=[c for k, c in OKABE_ITO.items() if k not in ("black", "yellow")]),
    "figure.figsize": (8.0, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    # Deterministic SVG: fixed hash salt for element ids, text kept as text (smaller, searchable).
    "svg.hashsalt": "jesc-course",
    "svg.fonttype": "none",
}


def use() -> None:
    """Apply the course style to matplotlib (called on import of this module)."""
    plt.rcParams.update(_RC)
    if i18n.language() != "en":  # English figures keep matplotlib's default family, unchanged
        plt.rcParams["font.family"] = i18n.figure_fonts()


def colour_for(framework: str) -> str:
    try:
        return FRAMEWORK_COLOURS[framework]
    except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
        raise StyleError(f"style: no colour for framework {framework!r}; expected one of "
                         f"{', '.join(FRAMEWORK_COLOURS)}") from None


def marker_for(framework: str) -> str:
    try:
        return FRAMEWORK_MARKERS[framework]
    except (KeyError, TypeError):
        raise StyleError(f"style: no marker for framework {framework!r}; expected one of "
                         f"{', '.join(FRAMEWORK_MARKERS)}") from None


def figure(width: float = 8.0, height: float = 4.2):
    """A new figure and axes in the course style, with room at the bottom for the source line."""
    use()
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def label(ax, x: str, y: str, title: str | None = None) -> None:
    """Label both axes (say the unit: "Events (count)", "Time (years)") and optionally the title."""
    if not x or not y:
        raise StyleError("style.label: both axes need a label with its unit, e.g. y='Events (count)'")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title:
        ax.set_title(title, loc="left")


def source(fig, text: str) -> None:
    """Write the source line under the plot, e.g. ``source(fig, "Course data, table events")``."""
    if not text:
        raise StyleError("style.source: a figure needs a source line")
    line = text if text.lower().startswith("source") else f"Source: {text}"
    # 9.5 pt: still 8 pt when an 8 in figure is shown in the book's 672 px column (tests/test_figures.py)
    fig.text(0.01, 0.01, line, ha="left", va="bottom", fontsize=9.5, color="#333333")
    fig.tight_layout(rect=(0, 0.05, 1, 1))


def _png(fig) -> bytes:
    buf = io.BytesIO()
    # No timestamp or software version in the file: the bytes are the same on every run.
    fig.savefig(buf, format="png", metadata={"Software": None}, pil_kwargs={"optimize": True})
    return buf.getvalue()


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()


def show(fig, fmt: str = "png", save: str | Path | None = None) -> None:
    """Display ``fig`` in the notebook as a compressed PNG (default) or SVG, optionally also save it.

    The figure is closed afterwards and nothing is returned, so that the notebook shows it once.
    """
    from IPython.display import SVG, Image, display

    if fmt not in ("png", "svg"):
        raise StyleError(f"style.show: fmt must be 'png' or 'svg', got {fmt!r}")
    i18n.translate_figure(fig)  # the edition's language (jesc.i18n); nothing changes in English
    if fmt == "png":
        data = _png(fig)
        obj = Image(data=data, format="png")
    else:
        data = _svg(fig)
        obj = SVG(data=data)
    if save is not None:
        path = Path(save)
        if path.suffix.lstrip(".") != fmt:
            raise StyleError(f"style.show: save path {path} should end in .{fmt}")
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    plt.close(fig)
    display(obj)


def legend_handles(frameworks: Iterable[str]):
    """Legend entries (colour + marker) for the given frameworks."""
    from matplotlib.lines import Line2D

    return [Line2D([0], [0], marker=marker_for(f), color="none", markerfacecolor=colour_for(f),
                   markeredgecolor="black", markersize=8, label=f) for f in frameworks]


#: Length of the fading stub that marks an unknown end (days after the last known day).
UNKNOWN_STUB_DAYS = 540


def period_bar(ax, y: float, start, last, status: str, until=None, color: str = "#0072B2",
               hatch: str = "", height: float = 0.75, min_days: int = 30) -> None:
    """Draw one period on a date axis as a horizontal bar, showing how its end is known.

    ``last`` is the last day the row counts as running (:func:`jesc.data.known_until`). ``status`` is the
    row's end status (:func:`jesc.data.end_status`):

    * ``"ended"``: a solid bar from ``start`` to ``last``;
    * ``"ongoing"``: a solid bar from ``start`` to ``until`` (the chart's right edge, required) ending in an
      arrow head: a dated record says it was still running (say "ongoing as of" in the caption or list);
    * ``"unknown"``: a solid bar over the start's period, then a dashed stub that fades out over
      :data:`UNKNOWN_STUB_DAYS` days and ends in "?"; never drawn to ``until`` or today.

    Add :func:`period_legend_handles` to the legend and say in the caption what the stub means.
    """
    import pandas as pd

    start = pd.Timestamp(start)
    if status not in ("ended", "ongoing", "unknown"):
        raise StyleError(f"style.period_bar: status must be 'ended', 'ongoing' or 'unknown', got {status!r}")
    day = pd.Timedelta(days=1)
    kw = dict(height=height, color=color, hatch=hatch, edgecolor="black", linewidth=0.5)
    if status == "ongoing":
        if until is None:
            raise StyleError("style.period_bar: an ongoing row needs until (the chart's last day)")
        stop = max(pd.Timestamp(until), start + min_days * day)
        ax.barh(y, stop - start, left=start, **kw)
        ax.plot([stop], [y], marker=">", color="black", markersize=4, linestyle="none")
        return
    stop = max(pd.Timestamp(last), start + min_days * day)
    ax.barh(y, stop - start, left=start, **kw)
    if status == "ended":
        return
    steps = 4
    piece = UNKNOWN_STUB_DAYS / steps * day
    for i in range(steps):
        ax.barh(y, piece, left=stop + i * piece, height=height * 0.6, color=color,
                alpha=0.55 * (1 - i / steps), edgecolor="black", linewidth=0.5, linestyle="--")
    ax.text(stop + steps * piece + 20 * day, y, "?", va="center", ha="left", fontsize=10,
            fontweight="bold")


def period_legend_handles(unknown: bool = True, ongoing: bool = True) -> list:
    """Legend entries for :func:`period_bar`'s two special endings."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    out = []
    if ongoing:
        out.append(Line2D([0], [0], marker=">", color="black", linestyle="none", markersize=5,
                          label="ongoing as of a dated record"))
    if unknown:
        out.append(Patch(facecolor="#bbbbbb", alpha=0.5, edgecolor="black", linestyle="--",
                         label="end not known (fading stub, ?)"))
    return out


use()
