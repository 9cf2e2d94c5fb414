"""Notebook set-up and the house chart style.

Every notebook starts with :func:`setup`. Every chart is finished with :func:`finish`:
a title that states the finding, a subtitle with measure, unit and period, and a source
line built from source ids in ``data/sources.csv``; time series get the paper's mark
(:func:`mark_paper`).

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms
of colour blindness. Russia and China keep the same colour in every chart of the collection.
"""

from __future__ import annotations

import textwrap
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from . import paper

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#8C8C8C"

#: One colour per entity, the same in every chart.
COLOURS = {
    "RUS": OKABE_ITO["blue"],
    "CHN": OKABE_ITO["vermillion"],
    "KAZ": OKABE_ITO["bluish_green"],
    "KGZ": OKABE_ITO["orange"],
    "TJK": OKABE_ITO["reddish_purple"],
    "TKM": OKABE_ITO["sky_blue"],
    "UZB": OKABE_ITO["black"],
    "PRK": OKABE_ITO["reddish_purple"],
    # two more EAEU members, from Paul Tol's colour-blind-safe "muted" scheme
    "ARM": "#882255",
    "BLR": "#999933",
    "ASEAN": OKABE_ITO["orange"],
    "EAEU": OKABE_ITO["bluish_green"],
    "WLD": GREY,
}

#: Verdict -> colour, for scorecards.
VERDICT_COLOURS = {
    "supported": OKABE_ITO["bluish_green"],
    "mixed": OKABE_ITO["orange"],
    "contradicted": OKABE_ITO["vermillion"],
    "not testable with data": GREY,
    "no test yet": "#D9D9D9",
}

#: How each project status is drawn on every timeline: (legend group, colour, marker).
STATUS_STYLE = {
    "announced": ("announced or signed", GREY, "o"),
    "signed": ("announced or signed", GREY, "o"),
    "in force": ("in force or implemented", OKABE_ITO["bluish_green"], "s"),
    "implemented": ("in force or implemented", OKABE_ITO["bluish_green"], "s"),
    "stalled": ("stalled, suspended or cancelled", OKABE_ITO["reddish_purple"], "X"),
    "suspended": ("stalled, suspended or cancelled", OKABE_ITO["reddish_purple"], "X"),
    "cancelled": ("stalled, suspended or cancelled", OKABE_ITO["reddish_purple"], "X"),
    "under construction": ("under construction", OKABE_ITO["sky_blue"], "^"),
}

FIGSIZE = (8.0, 4.8)
#: A source line names at most this many publishers; beyond, it points to the notebook's list.
MAX_SOURCES_NAMED = 4
DPI = 100


def png_bytes(fig: plt.Figure) -> bytes:
    """A figure as a compact PNG: a 256-colour palette image with no metadata.

    The figure is drawn once, at its own size, and its pixels go straight to the palette
    image (no PNG round trip). :func:`finish` has already laid the chart out inside the
    figure; if something still sticks out (a legend placed outside the axes, say), the
    figure is saved cropped to its contents instead, so nothing is ever cut off.
    Charts use a handful of colours, so a palette loses nothing visible and keeps notebooks
    small. No timestamp or software version is written: the bytes depend only on the figure.
    """
    import io

    from PIL import Image

    canvas = fig.canvas
    if hasattr(canvas, "buffer_rgba"):
        canvas.draw()
        image = (
            None
            if _sticks_out(fig, canvas.get_renderer())
            else Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        )
    else:  # pragma: no cover - every backend used here draws with Agg
        image = None
    if image is None:
        raw = io.BytesIO()
        fig.savefig(raw, format="png", dpi=fig.dpi, bbox_inches="tight", facecolor="white", metadata={"Software": None})
        image = Image.open(raw)
    palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG")
    return out.getvalue()


def _sticks_out(fig: plt.Figure, renderer) -> bool:
    """Whether any visible artist reaches beyond the figure's edges (by more than a pixel)."""
    bounds = fig.get_tightbbox(renderer)
    slack = 1 / fig.dpi
    return (
        bounds.x0 < -slack
        or bounds.y0 < -slack
        or bounds.x1 > fig.get_figwidth() + slack
        or bounds.y1 > fig.get_figheight() + slack
    )


def colour(code: str) -> str:
    """The house colour of an entity code; grey for entities without their own."""
    return COLOURS.get(code, GREY)


def setup() -> None:
    """Set pandas display options, matplotlib style and the warning policy.

    Call once at the top of every notebook. Everything set here is fixed, so a re-run
    gives byte-identical outputs.
    """
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", None)  # a cell is never cut short
    pd.set_option("display.precision", 2)

    mpl.rcdefaults()
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs everywhere
            "font.size": 10,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "axes.axisbelow": True,
            "grid.color": "#E5E5E5",
            "grid.linewidth": 0.8,
            "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO.values())[1:] + ["#000000"]),
            "legend.frameon": False,
            "svg.hashsalt": "pivot-check",  # SVG ids stay the same from run to run
            "path.simplify": True,
        }
    )
    try:  # in a notebook: compact, deterministic PNG output at a fixed size
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("png")
            shell.display_formatter.formatters["image/png"].for_type(mpl.figure.Figure, png_bytes)
            shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        pass

    # Warnings: deprecations from our own stack are bugs to fix, not noise to hide.
    warnings.resetwarnings()
    warnings.simplefilter("default")
    warnings.filterwarnings("error", category=FutureWarning)
    warnings.filterwarnings("error", category=DeprecationWarning, module=r"(helpers|pandas|seaborn|matplotlib)\b")
    from pandas import errors as pandas_errors

    for name in ("Pandas4Warning", "PandasDeprecationWarning", "PandasFutureWarning"):
        if hasattr(pandas_errors, name):  # pandas' own deprecation classes (pandas 3)
            warnings.filterwarnings("error", category=getattr(pandas_errors, name))


#: What a table shows where a figure is missing (never pandas' ``NaN`` or ``<NA>``).
NO_DATA = "no data"


def table_html(frame: pd.DataFrame) -> str:
    """A DataFrame as the notebook shows it: every row and cell whole, a missing value as "no data".

    >>> table_html(pd.DataFrame({"year": [2021], "value": [pd.NA]})).count("no data")
    1
    """
    shown = frame.copy()
    for column in shown.columns:  # na_rep covers float columns; others (integers, booleans, text) here
        values = shown[column]
        if not pd.api.types.is_float_dtype(values) and values.isna().any():
            shown[column] = values.astype(object).where(values.notna(), NO_DATA)
    return shown.to_html(na_rep=NO_DATA, notebook=True, border=0)


def source_line(evidence, source_ids: list[str] | tuple[str, ...]) -> str:
    """'Source: publisher, title; ...' for the given ids, in the order given.

    Raises KeyError for an id that is not in ``data/sources.csv``.
    """
    if not source_ids:
        raise ValueError("a chart needs at least one source id")
    seen: list[str] = []
    for source_id in dict.fromkeys(source_ids):
        row = evidence.source(source_id)
        label = f"{row['publisher']}, {short_title(str(row['title']))}"
        if label not in seen:
            seen.append(label)
    if len(seen) > MAX_SOURCES_NAMED:
        return (
            f"Sources: {len(seen)} publishers, listed under Sources at the end of this notebook "
            "(data/sources.csv). Chart: Pivot Check."
        )
    joined = "; ".join(seen)
    return "Source: " + joined + ("" if joined.endswith("…") else ".") + " Chart: Pivot Check."


def short_title(title: str, limit: int = 70) -> str:
    """A title short enough for a source line: up to its first comma if it is long.

    >>> short_title('Direction of Trade Statistics (DOTS), country tables, annual, US$ millions')
    'Direction of Trade Statistics (DOTS)'
    """
    if len(title) > limit and ", " in title[:limit]:
        title = title.split(", ", 1)[0]
    return textwrap.shorten(title, width=limit, placeholder="…").rstrip(".")


def year_ticks(ax: plt.Axes) -> None:
    """Whole years on the x axis (never 2002.5)."""
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(nbins=8, integer=True, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda value, _pos: f"{value:.0f}"))


def label_line(ax: plt.Axes, x, y, label: str, code: str, *, above: bool = True, ha: str = "left") -> None:
    """Name a line directly at its point (x, y), in the entity's colour (no legend needed).

    ``above`` puts the label above the point, else below; ``ha`` is "left" (text runs right
    from x) or "right" (text ends at x): choose the side where the line leaves room.
    """
    ax.annotate(
        label,
        (x, y),
        xytext=(0, 10 if above else -8),
        textcoords="offset points",
        ha=ha,
        va="bottom" if above else "top",
        color=colour(code),
        fontsize=9,
        fontweight="bold",
    )


def mark_paper(ax: plt.Axes, *, label: str = "Blank (2017)") -> None:
    """A dashed vertical line at the paper's year on a time-series axis (with whole-year ticks)."""
    year_ticks(ax)
    paper_line(ax, paper.YEAR, label)


def paper_line(ax: plt.Axes, at: float, label: str) -> None:
    """The dashed vertical line at ``at`` (the paper's date on the axis' scale), labelled at its top."""
    ax.axvline(at, color="#555555", linestyle="--", linewidth=1, zorder=1)
    ax.annotate(
        label,
        xy=(at, 1),
        xycoords=("data", "axes fraction"),
        xytext=(3, -2),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8,
        color="#555555",
    )


def _fit_axes(fig: plt.Figure, foot_pts: float) -> None:
    """Move the axes so their tick labels and axis labels clear the left edge and the source line.

    Text positions need a layout pass, but not pixels: ``draw_without_rendering`` is enough.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    dpi_scale = fig.dpi / 72
    width_px, height_px = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    lefts, bottoms = [], []
    for ax in fig.axes:
        for item in [ax.yaxis.label, *ax.get_yticklabels()]:
            if item.get_visible() and item.get_text():
                lefts.append(item.get_window_extent(renderer).x0)
        for item in [ax.xaxis.label, *ax.get_xticklabels()]:
            if item.get_visible() and item.get_text():
                bottoms.append(item.get_window_extent(renderer).y0)
    params = fig.subplotpars
    left, bottom = params.left, params.bottom
    if lefts and min(lefts) < 6 * dpi_scale:
        left += (6 * dpi_scale - min(lefts)) / width_px
    floor = (foot_pts + 6) * dpi_scale
    if bottoms and min(bottoms) < floor:
        bottom += (floor - min(bottoms)) / height_px
    fig.subplots_adjust(left=min(left, 0.45), bottom=min(bottom, 0.45))


def finish(fig: plt.Figure, *, title: str, subtitle: str, evidence, source_ids, note: str | None = None) -> plt.Figure:
    """Add the house title, subtitle and source line to a figure, and lay it out.

    ``title`` states the finding; ``subtitle`` gives the measure, unit and period.
    """
    if not title.strip() or not subtitle.strip():
        raise ValueError("a chart needs a title that states the finding and a subtitle with measure, unit and period")
    width_chars = int(fig.get_figwidth() * 11)
    title_lines = textwrap.wrap(title, width=int(width_chars * 0.8))
    sub_lines = textwrap.wrap(subtitle, width=width_chars)
    foot = source_line(evidence, source_ids) + (f" Note: {note}" if note else "")
    foot_lines = textwrap.wrap(foot, width=int(fig.get_figwidth() * 72 / (7.5 * 0.55)))
    height = fig.get_figheight() * 72  # points
    top_pts = 10 + 16 * len(title_lines) + 13 * len(sub_lines) + 8
    foot_pts = 8 + 9.5 * len(foot_lines)
    fig.subplots_adjust(top=1 - top_pts / height, bottom=(foot_pts + 30) / height, left=0.09, right=0.97)
    fig.text(0.01, 1 - 8 / height, "\n".join(title_lines), ha="left", va="top", fontsize=13, fontweight="bold")
    fig.text(
        0.01,
        1 - (10 + 16 * len(title_lines)) / height,
        "\n".join(sub_lines),
        ha="left",
        va="top",
        fontsize=10,
        color="#444444",
    )
    fig.text(0.01, 6 / height, "\n".join(foot_lines), ha="left", va="bottom", fontsize=7.5, color="#555555")
    _fit_axes(fig, foot_pts)
    return fig
