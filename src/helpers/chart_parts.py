"""Building blocks the theme charts share: point labels, year runs and ticks, hollow points, whiskers, the finish."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator

from . import text
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


def label(ax: plt.Axes, x, y, words: str, colour: str, *, dx: float = 4, dy: float = 0, ha="left", va="center") -> None:
    """A line's or a point's direct label in its colour, in bold (no legend needed)."""
    note(ax, x, y, words, dx=dx, dy=dy, ha=ha, va=va, size=9, colour=colour, bold=True)


def runs(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """``frame`` (sorted by year) split into runs of consecutive years, so a line never bridges a gap.

    >>> [list(r["year"]) for r in runs(pd.DataFrame({"year": [2019, 2020, 2023]}))]
    [[2019, 2020], [2023]]
    """
    if frame.empty:
        return []
    years = frame["year"].astype("int64").reset_index(drop=True)
    return [part for _, part in frame.reset_index(drop=True).groupby((years.diff() != 1).cumsum().to_numpy())]


def year_runs(years) -> list[tuple[int, int]]:
    """Runs of consecutive years (first, last) in ``years``, in order.

    >>> year_runs([2016, 2017, 2019, 2005])
    [(2005, 2005), (2016, 2017), (2019, 2019)]
    """
    found: list[tuple[int, int]] = []
    for year in sorted({int(y) for y in years}):
        if found and found[-1][1] == year - 1:
            found[-1] = (found[-1][0], year)
        else:
            found.append((year, year))
    return found


def runs_text(spans: list[tuple[int, int]]) -> list[str]:
    """Each run of :func:`year_runs` as words: "2019" or "2016–2017"."""
    return [text.year_span(first, last) if first != last else str(first) for first, last in spans]


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


def before_after(
    ax: plt.Axes, rows: pd.DataFrame, *, colours: list[str], labels: list[str], positions: list[float]
) -> None:
    """One row per item: a grey bar from ``before`` (hollow dot) to ``after`` (filled dot), labelled at its right."""
    for pos, row, colour, words in zip(positions, rows.itertuples(), colours, labels):
        ax.plot([row.before, row.after], [pos, pos], color="#BBBBBB", linewidth=3, zorder=1)
        ax.scatter(row.before, pos, s=70, facecolor="white", edgecolor="#555555", linewidth=1.5, zorder=3)
        ax.scatter(row.after, pos, s=70, color=colour, zorder=3)
        note(ax, max(row.before, row.after), pos, words, dx=8, ha="left", va="center")
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)


def before_after_key(ax: plt.Axes, before: str, after: str, *, colour: str, right: bool) -> None:
    """The key of :func:`before_after` in a top corner: hollow dot ``before``, filled dot ``after``."""
    x, ha = (0.98, "right") if right else (0.02, "left")
    ax.text(x, 0.97, f"○ {before}", transform=ax.transAxes, fontsize=8.5, color="#555555", va="top", ha=ha)
    ax.text(
        x, 0.91, f"● {after}", transform=ax.transAxes, fontsize=8.5, color=colour, fontweight="bold", va="top", ha=ha
    )


def status_rows(ax: plt.Axes, rows: list[pd.DataFrame], labels: list[str], styles: dict, *, x_range) -> None:
    """A status timeline: one row per frame of ``rows`` (top first; columns x, status, date; in date order).

    A grey line joins a row's events; each event is a marker in its status's colour and shape
    (``styles``: status -> (legend group, colour, marker)); the row ends with its last status and
    date (left of its first marker when that is in the later half of ``x_range``, where there is
    room). The legend lists the groups drawn; the y axis shows only ``labels``.
    """
    mid = sum(x_range) / 2
    for index, frame in enumerate(rows):
        y = len(rows) - index
        ax.plot(frame["x"], [y] * len(frame), color="#CCCCCC", linewidth=1.2, zorder=2)
        for event in frame.itertuples():
            _group, colour, marker = styles[event.status]
            ax.plot(event.x, y, marker=marker, markersize=8, linestyle="none", color=colour, zorder=3)
        first, last = frame.iloc[0], frame.iloc[-1]
        at, dx, ha = (first["x"], -9, "right") if first["x"] > mid else (last["x"], 9, "left")
        note(ax, at, y, f"{last['status']}, {last['date']}", dx=dx, ha=ha, va="center", size=8, colour="#333333")
    drawn = {status for frame in rows for status in frame["status"]}
    groups = {styles[s][0]: styles[s][1:] for s in styles if s in drawn}
    for group, (colour, marker) in groups.items():  # legend entries only (no data)
        ax.plot([], [], marker=marker, markersize=8, linestyle="none", color=colour, label=group)
    ax.legend(loc="lower left", fontsize=8, frameon=False, title="status set by the event", title_fontsize=8)
    ax.set_yticks(range(len(rows), 0, -1), labels, fontsize=9)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(0.4, len(rows) + 0.6)
    ax.set_xlim(*x_range)
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    ax.grid(axis="x", color="#EEEEEE")


def finished(fig: plt.Figure, description: str, plotted: pd.DataFrame) -> Chart:
    """The finished figure laid out once more (labels placed for the final axes), as a :class:`Chart`."""
    fig.draw_without_rendering()
    return Chart(fig, description, plotted)
