"""Building blocks the theme charts share: point labels, year runs and ticks, hollow points, whiskers, the finish."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator

from .chart_output import Chart


def note(
    ax: plt.Axes,
    x,
    y,
    words: str,
    *,
    dx: float = 0,
    dy: float = 0,
    ha: str = "center",
    va: str = "bottom",
    size: float = 8.5,
    colour: str | None = None,
    bold: bool = False,
    **options,
) -> None:
    """Words at the data point (x, y), moved by (``dx``, ``dy``) points; ``options`` go to ``annotate``."""
    if colour is not None:
        options["color"] = colour
    if bold:
        options["fontweight"] = "bold"
    ax.annotate(words, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=size, **options)


def runs(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """``frame`` (sorted by year) split into runs of consecutive years, so a line never bridges a gap.

    >>> [list(r["year"]) for r in runs(pd.DataFrame({"year": [2019, 2020, 2023]}))]
    [[2019, 2020], [2023]]
    """
    if frame.empty:
        return []
    years = frame["year"].astype("int64").reset_index(drop=True)
    return [part for _, part in frame.reset_index(drop=True).groupby((years.diff() != 1).cumsum().to_numpy())]


def year_steps(ax: plt.Axes, first: int, last: int, step: int = 5) -> None:
    """Year ticks every ``step`` years, from the first multiple of ``step`` at or after ``first`` to ``last``."""
    ax.xaxis.set_major_locator(FixedLocator(range(first + (-first) % step, last + 1, step)))


def clip_ticks(fig: plt.Figure) -> None:
    """Fix each axis's ticks to those inside its limits (a tick beyond them keeps a label that is
    never drawn, which the chart checklist would read as text outside the figure)."""
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = min(lo, hi), max(lo, hi)
            axis.set_ticks([t for t in axis.get_ticklocs() if low - 1e-9 <= t <= high + 1e-9])


def hollow_points(ax: plt.Axes, years, values, colour: str, *, size: float = 5, edge: float | None = None) -> None:
    """Open markers, never joined: figures from another source or basis than the line they follow."""
    options = {} if edge is None else {"markeredgewidth": edge}
    ax.plot(
        years,
        values,
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor="white",
        markeredgecolor=colour,
        **options,
    )


def hollow_key(colour: str, label: str) -> Line2D:
    """A legend entry for :func:`hollow_points`."""
    return Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=colour, label=label)


def whiskers(ax: plt.Axes, frame: pd.DataFrame, *, width: float = 1.5) -> None:
    """The range across sources (``low`` to ``high``) of each year that more than one source gives."""
    spread = frame[frame["n_sources"] > 1]
    ax.errorbar(
        spread["year"],
        spread["low"],
        yerr=[[0] * len(spread), spread["high"] - spread["low"]],
        fmt="none",
        ecolor="#555555",
        elinewidth=width,
        capsize=3,
        zorder=3,
    )


def finished(fig: plt.Figure, description: str, plotted: pd.DataFrame) -> Chart:
    """The finished figure laid out once more (labels placed for the final axes), as a :class:`Chart`."""
    fig.draw_without_rendering()
    return Chart(fig, description, plotted)
