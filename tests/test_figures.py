"""Every figure of the chapter notebooks meets the chapter guide's standard (issue 18, "Figures").

Each notebook with a figure is run in-process (an IPython shell, as in a kernel) with ``jesc.style.show``
wrapped, so that the test sees the matplotlib figure a reader sees as a PNG, drawn at its saved size:

* ``test_figure_cells_have_caption_name_and_alt``: a cell that shows a figure carries
  ``mystnb: figure: {caption, name}`` and ``mystnb: image: {alt}`` (alt text a sentence, not a file name),
  stores exactly one image, and figure names are unique in the book;
* ``test_figures_meet_the_standard``: every figure goes through ``jesc.style.show`` (one per figure cell,
  none elsewhere), every axes has both axis labels, the figure has a source line ("Source: ..."), every
  coloured mark uses the Okabe–Ito palette (or grey), and no legend covers a bar or leaves the figure;
  every text is at least 8 pt as a reader sees it (issue 25: the PNG is shown at most as wide as the
  page's column, :data:`COLUMN_PX`, so a wider figure shrinks with its text), and an axis that counts
  ("(count)", "number of") has its ticks on whole numbers. Maps (``jesc.maps``) are figures like any other.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

from matplotlib.colors import to_hex, to_rgba  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from jesc import style  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in (REPO / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IMAGE_TYPES = ("image/png", "image/svg+xml")
PALETTE = {c.lower() for c in style.OKABE_ITO.values()}
#: The width (CSS px) of the book's content column at 1280 px, measured in the built book
#: (a figure's image in ``article.bd-article``, sphinx-book-theme): a PNG wider than this is scaled down.
COLUMN_PX = 672
#: The smallest text a reader should see, in points (1 pt = 4/3 CSS px).
MIN_POINTS = 8.0
COUNT_AXIS = ("(count)", "count)", "number of", "(number")


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def image_outputs(cell) -> int:
    return sum(1 for o in cell.get("outputs", []) if any(t in o.get("data", {}) for t in IMAGE_TYPES))


def figure_meta(cell) -> dict:
    return cell.metadata.get("mystnb", {}) or {}


def is_figure_cell(cell) -> bool:
    return cell.cell_type == "code" and (image_outputs(cell) > 0 or "figure" in figure_meta(cell))


WITH_FIGURES = [p for p in CHAPTERS if any(is_figure_cell(c) for c in nbformat.read(p, as_version=4).cells)]


def test_the_introduction_and_conclusion_have_figures():
    """The figures this standard covers exist (issue 18 asked for them in these two parts)."""
    for part, at_least in (("introduction", 2), ("conclusion", 3)):
        cells = [c for p in WITH_FIGURES if p.parent.name == part
                 for c in nbformat.read(p, as_version=4).cells if is_figure_cell(c)]
        assert len(cells) >= at_least, f"chapters/{part}: {len(cells)} figure(s), expected at least {at_least}"


@pytest.mark.parametrize("path", WITH_FIGURES, ids=rel)
def test_figure_cells_have_caption_name_and_alt(path):
    problems = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
        if not is_figure_cell(cell):
            continue
        where = f"{rel(path)}, cell {number}"
        meta = figure_meta(cell)
        fig, img = meta.get("figure", {}) or {}, meta.get("image", {}) or {}
        caption, alt = str(fig.get("caption", "")).strip(), str(img.get("alt", "")).strip()
        if not caption:
            problems.append(f"{where}: no caption (mystnb: figure: caption)")
        if not str(fig.get("name", "")).startswith("fig-"):
            problems.append(f"{where}: no figure name starting 'fig-' (mystnb: figure: name)")
        if len(alt.split()) < 8 or alt.lower().endswith((".png", ".svg")):
            problems.append(f"{where}: alt text (mystnb: image: alt) should describe the figure "
                            f"in a sentence or more, got {alt!r}")
        if image_outputs(cell) != 1:
            problems.append(f"{where}: stores {image_outputs(cell)} images, expected 1 (re-execute it)")
    assert not problems, "\n".join(problems)


def test_figure_names_are_unique():
    seen: dict[str, str] = {}
    duplicates = []
    for path in WITH_FIGURES:
        for cell in nbformat.read(path, as_version=4).cells:
            name = (figure_meta(cell).get("figure") or {}).get("name")
            if name and name in seen:
                duplicates.append(f"{name}: {seen[name]} and {rel(path)}")
            elif name:
                seen[name] = rel(path)
    assert not duplicates, "figure names used twice:\n" + "\n".join(duplicates)


# ---------------------------------------------------------------------------------------- running
def _area(a: Bbox, b: Bbox) -> float:
    inter = Bbox.intersection(a, b)
    return 0.0 if inter is None else max(inter.width, 0) * max(inter.height, 0)


def _colours(ax):
    """(what, hex) for every coloured mark of an axes: bar and patch faces, lines, scatter faces."""
    for p in ax.patches:
        yield "patch", p.get_facecolor()
    for line in ax.lines:
        yield "line", line.get_color()
    for coll in ax.collections:
        for c in coll.get_facecolors():
            yield "marker", c


def _allowed(colour) -> bool:
    r, g, b, a = to_rgba(colour)
    return a == 0 or (r == g == b) or to_hex((r, g, b)).lower() in PALETTE


def shown_points(fig, size: float) -> float:
    """The size in points as a reader sees text of ``size`` points: the PNG has the figure's dpi, and
    the page shows it at its own width or the column's, whichever is smaller."""
    dpi = fig.get_dpi()
    width_px = fig.get_figwidth() * dpi
    scale = min(1.0, COLUMN_PX / width_px)
    return size * dpi / 72 * scale * 0.75


def small_text(fig) -> list[str]:
    from matplotlib.text import Text

    seen, out = set(), []
    for t in fig.findobj(Text):
        text = t.get_text().strip()
        if not text or not t.get_visible() or (text, t.get_fontsize()) in seen:
            continue
        seen.add((text, t.get_fontsize()))
        pts = shown_points(fig, t.get_fontsize())
        if pts < MIN_POINTS - 1e-6:
            out.append((pts, text))
    if not out:
        return []
    out.sort()
    width = fig.get_figwidth()
    examples = ", ".join(repr(t[:40]) for _, t in out[:3])
    return [f"{len(out)} text(s) smaller than {MIN_POINTS:g} pt as shown (a {width:g} in wide figure is shown "
            f"{min(1, COLUMN_PX / (width * fig.get_dpi())):.0%} of its size in a {COLUMN_PX} px column), the "
            f"smallest {out[0][0]:.1f} pt: {examples}; enlarge the font or narrow the figure"]


def fractional_count_ticks(ax) -> list[str]:
    """An axis that counts (its label says "(count)" or "number of") with ticks between whole numbers."""
    out = []
    for name, label, ticks, (lo, hi) in (("x", ax.get_xlabel(), ax.get_xticks(), sorted(ax.get_xlim())),
                                          ("y", ax.get_ylabel(), ax.get_yticks(), sorted(ax.get_ylim()))):
        if not any(k in label.lower() for k in COUNT_AXIS):
            continue
        shown = [t for t in ticks if lo - 1e-9 <= t <= hi + 1e-9]
        odd = [f"{t:g}" for t in shown if abs(t - round(t)) > 1e-9]
        if odd:
            out.append(f"{name} axis {label!r} counts but has ticks at {', '.join(odd[:4])}; use whole "
                       "numbers (ax.yaxis.set_major_locator(MaxNLocator(integer=True)))")
    return out


def describe(fig) -> list[str]:
    """What is wrong with a figure by the course standard (an empty list when nothing is)."""
    fig.canvas.draw()  # the layout the PNG has
    renderer = fig.canvas.get_renderer()
    problems = small_text(fig)
    texts = [t.get_text() for t in fig.texts]
    if not any(t.startswith("Source:") and len(t) > len("Source: ") for t in texts):
        problems.append(f"no source line (style.source); the figure's texts are {texts}")
    frame = fig.bbox
    for i, ax in enumerate(a for a in fig.axes if a.get_visible()):
        # A twin axes (ax.twinx()) shares the other's x axis: one label serves both.
        x = [a.get_xlabel().strip() for a in ax.get_shared_x_axes().get_siblings(ax)]
        y = [a.get_ylabel().strip() for a in ax.get_shared_y_axes().get_siblings(ax)]
        if not any(x) or not any(y):
            problems.append(f"axes {i + 1}: axis labels x={ax.get_xlabel()!r}, y={ax.get_ylabel()!r}; "
                            "label both (style.label)")
        problems += [f"axes {i + 1}: {p}" for p in fractional_count_ticks(ax)]
        odd = sorted({f"{what} {to_hex(c, keep_alpha=False)}" for what, c in _colours(ax) if not _allowed(c)})
        if odd:
            problems.append(f"axes {i + 1}: colours outside the Okabe–Ito palette: {', '.join(odd)}")
        legend = ax.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        if _area(box, frame) < box.width * box.height - 1:
            problems.append(f"axes {i + 1}: the legend reaches outside the figure")
        bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() and p.get_height()]
        covered = [p for p in bars if _area(box, p.get_window_extent(renderer)) > 1.0]
        if covered:
            # Name each bar by the data point at its far end: (x centre, top), or (right end, y centre)
            # for the bars of barh.
            horizontal = {id(p) for c in ax.containers if isinstance(c, BarContainer)
                          and c.orientation == "horizontal" for p in c.patches}
            ends = [f"({p.get_x() + p.get_width():g}, {p.get_y() + p.get_height() / 2:g})"
                    if id(p) in horizontal else
                    f"({p.get_x() + p.get_width() / 2:g}, {p.get_y() + p.get_height():g})" for p in covered]
            problems.append(f"axes {i + 1}: the legend covers {len(covered)} bar(s), ending at "
                            f"{', '.join(ends)} in data units; move it (e.g. loc='upper left', "
                            "bbox_to_anchor=(1, 1), or above the axes)")
    return problems


def test_the_checker_finds_each_fault_and_passes_a_good_figure():
    """describe() on figures made here: one with every fault, the same figure made right."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(["a", "b", "c"], [5, 1, 5], color="#ff0000", label="counts")
    ax.legend(loc="upper left")  # over the tall first bar
    ax.text(0, 4, "tiny", fontsize=6)
    faults = "\n".join(describe(fig))
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(12, 3))  # shown at COLUMN_PX: 11 pt text becomes about 6.5 pt
    ax.plot([0, 1], [0, 2.5])
    ax.set_ylabel("Operations (count)")
    faults += "\n".join(describe(fig))
    plt.close(fig)
    for expected in ("no source line", "axis labels x=''", "colours outside the Okabe–Ito palette: patch #ff0000",
                     "the legend covers 1 bar(s), ending at (0, 5)", "smaller than 8 pt", "'tiny'",
                     "counts but has ticks at 0.5"):
        assert expected in faults, f"{expected!r} not reported in:\n{faults}"

    fig, ax = style.figure(6, 3)
    ax.bar(["a", "b", "c"], [5, 1, 5], color=style.OKABE_ITO["blue"], label="counts")
    style.label(ax, x="Letter", y="Count (events)")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    style.source(fig, "made in the test")
    assert describe(fig) == []
    plt.close(fig)


def run_notebook(path: Path, monkeypatch) -> list[tuple[int, list[list[str]]]]:
    """Run every code cell of ``path`` in an IPython shell; per cell, the problems of each figure shown."""
    from IPython.core.interactiveshell import InteractiveShell
    import matplotlib.pyplot as plt

    shown: list[list[str]] = []

    def show(fig, fmt="png", save=None):
        shown.append(describe(fig))
        plt.close(fig)

    monkeypatch.setattr(style, "show", show)
    monkeypatch.chdir(path.parent)
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    results = []
    nb = nbformat.read(path, as_version=4)
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        shown.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            outcome = shell.run_cell(cell.source, silent=True)
        if not outcome.success:
            raise AssertionError(f"{rel(path)}, cell {number} raised {outcome.error_in_exec!r}")
        results.append((number, list(shown)))
    plt.close("all")
    return results


@pytest.mark.parametrize("path", WITH_FIGURES, ids=rel)
def test_figures_meet_the_standard(path, monkeypatch):
    cells = nbformat.read(path, as_version=4).cells
    problems = []
    for number, figures in run_notebook(path, monkeypatch):
        where = f"{rel(path)}, cell {number}"
        expected = 1 if is_figure_cell(cells[number - 1]) else 0
        if len(figures) != expected:
            problems.append(f"{where}: shows {len(figures)} figure(s) through jesc.style.show, expected "
                            f"{expected} (one figure per cell with mystnb figure metadata)")
        problems += [f"{where}: {p}" for fig in figures for p in fig]
    assert not problems, "\n".join(problems)
