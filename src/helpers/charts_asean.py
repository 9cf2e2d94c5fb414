"""Charts of the ASEAN notebook: a status timeline of projects in blocks."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import style
from .data import period_end

#: How each status is drawn: (group label, colour, marker).
STATUS_GROUPS = {
    "announced": ("signed", style.GREY, "o"),
    "signed": ("signed", style.GREY, "o"),
    "in force": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "implemented": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "stalled": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "suspended": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "cancelled": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
}


def decimal_year(date: str) -> float:
    """A date of data/events.csv ("2016", "2016-05" or "2016-05-20") as a year with a fraction (its end)."""
    end = period_end(date)
    return end.year + (end.day_of_year - 1) / (366 if end.is_leap_year else 365)


def status_timeline(projects: pd.DataFrame, events: pd.DataFrame, *, title: str, subtitle: str, description: str,
                    evidence, source_ids) -> plt.Figure:
    """One row per project, one mark per dated event coloured by the status it set, in blocks.

    ``projects``: name, project, status (the latest), block (rows are grouped by block, in the
    order of first appearance, with the block's name and row count printed above it).
    ``events``: project, date, status. ``description`` is the chart's alt text; it is kept as
    the figure's label (``fig.get_label()``) for the line printed under the chart.
    """
    fig, ax = plt.subplots(figsize=(8, 6.2))
    rows, labels, row = [], [], 0
    blocks = list(dict.fromkeys(projects["block"]))
    for number, block in enumerate(blocks):
        members = projects[projects["block"] == block]
        if number:
            row += 0.6
            ax.axhline(row - 0.8, color="#BBBBBB", linewidth=0.8)
        ax.annotate(f"{block} ({len(members)})", (0, row - 0.55), xycoords=("axes fraction", "data"),
                    fontsize=9, fontweight="bold", color="#333333", va="center")
        for item in members.itertuples():
            rows.append((row, item))
            labels.append(item.name)
            row += 1
    for y, item in rows:
        own = events[events["project"] == item.project].assign(x=lambda f: f["date"].map(decimal_year)).sort_values("x")
        ax.plot(own["x"], [y] * len(own), color="#BBBBBB", linewidth=1.5, zorder=2)
        for event in own.itertuples():
            _, colour, marker = STATUS_GROUPS[event.status]
            ax.scatter(event.x, y, color=colour, marker=marker, s=55, zorder=3)
        ax.annotate(item.status, (own["x"].max(), y), xytext=(8, 0), textcoords="offset points", va="center",
                    fontsize=8.5, color=STATUS_GROUPS[item.status][1], fontweight="bold")
    ax.set_yticks([y for y, _ in rows], labels)
    ax.set_ylim(row, -1.2)
    xs = events["date"].map(decimal_year)
    ax.set_xlim(xs.min() - 1.2, xs.max() + 2.5)
    ax.set_xlabel("year of the event")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#E5E5E5")
    style.mark_paper(ax)
    style.finish(fig, title=title, subtitle=subtitle, evidence=evidence, source_ids=source_ids)
    fig.subplots_adjust(left=0.27)
    fig.set_label(description)
    return fig
