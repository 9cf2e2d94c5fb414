"""Charts of the overview: verdict shares across specifications, and every dated event on one timeline.

Each function draws one finished chart in the house style and returns the figure, closed in
pyplot (so a notebook shows it once, as the cell's result) and labelled with its description
(``fig.get_label()``), the sentence printed under it for readers who cannot see it.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import paper, style, text
from .data import Evidence, period_end
from .themes import THEMES

#: Verdicts in the order a reader scans them.
VERDICTS = ("supported", "mixed", "contradicted", "not testable with data")
#: How each status is drawn on the timeline: (legend group, colour, marker).
STATUS_STYLE = {
    "announced": ("announced or signed", style.GREY, "o"),
    "signed": ("announced or signed", style.GREY, "o"),
    "in force": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "implemented": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "stalled": ("stalled, suspended or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "suspended": ("stalled, suspended or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "cancelled": ("stalled, suspended or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
}


def _done(fig: plt.Figure, description: str) -> plt.Figure:
    if not isinstance(description, str) or not description.strip():
        raise ValueError("a chart needs a description that says what it shows and its takeaway")
    fig.set_label(description.strip())
    plt.close(fig)
    return fig


def verdict_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Share of specifications giving each verdict, per claim (rows) and view and verdict (columns).

    ``table`` is :func:`helpers.claims.robustness`. Columns are (view, verdict) pairs, views
    in the order "as of the paper", "latest"; values are shares between 0 and 1.
    """
    counts = table.groupby(["claim_id", "view", "verdict"]).size()
    shares = (counts / counts.groupby(["claim_id", "view"]).transform("sum")).unstack(["view", "verdict"])
    columns = [(view, verdict) for view in ("as of the paper", "latest") for verdict in VERDICTS]
    return shares.reindex(columns=pd.MultiIndex.from_tuples(columns, names=["view", "verdict"])).fillna(0.0)


def verdict_heatmap(table: pd.DataFrame, *, evidence: Evidence, description: str) -> plt.Figure:
    """A heatmap of verdict shares: one row per claim, one column per view and verdict.

    Each cell is the share of the claim's specifications that give that verdict in that view,
    printed as a percentage; a row whose verdict is the same under every specification has one
    cell at 100% per view.
    """
    shares = verdict_shares(table)
    n_claims = len(shares)
    fig, ax = plt.subplots(figsize=(8, 1.9 + 0.36 * n_claims))
    labels = [f"{verdict}" for _, verdict in shares.columns]
    sns.heatmap(100 * shares.to_numpy(), ax=ax, cmap="Blues", vmin=0, vmax=100, annot=True, fmt=".0f",
                annot_kws={"fontsize": 8}, cbar=False, linewidths=1, linecolor="white",
                xticklabels=labels, yticklabels=list(shares.index))
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8.5)
    ax.set_yticklabels(list(shares.index), rotation=0, fontsize=9)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    half = len(VERDICTS)
    ax.axvline(half, color="#333333", linewidth=1.5)
    for position, view in ((half / 2, "as of the paper"), (half * 1.5, "latest data")):
        ax.annotate(view, xy=(position, 1), xycoords=("data", "axes fraction"), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize=9, fontweight="bold")
    latest = shares["latest"]
    steady = int((latest.max(axis=1) >= 1.0 - 1e-9).sum())
    n_specs = table.groupby("claim_id")["specification"].nunique()
    style.finish(
        fig,
        title=f"With the latest data, {steady} of {n_claims} tested claims keep their verdict under every "
              "specification of their rule",
        subtitle=(f"Share of each claim's specifications ({n_specs.min()}-{n_specs.max()} per claim) giving each "
                  "verdict, percent, as of the paper (data to 2016) and with the latest data"),
        evidence=evidence,
        source_ids=[paper.SOURCE_ID],
        note="Verdicts computed from data/ by each claim's test; a specification is one defensible variant of its rule.",
    )
    box = ax.get_position()
    ax.set_position([box.x0, box.y0, box.width, box.height - 0.05])  # room for the view labels
    return _done(fig, description)


def _decimal_year(date: str) -> float:
    end = period_end(date)
    return end.year + (end.day_of_year - 1) / (366 if end.is_leap_year else 365)


def events_timeline(evidence: Evidence, *, description: str, first_year: int = 2005,
                    last_year: int = 2025) -> plt.Figure:
    """Every dated event of every theme, one row per project (grouped by theme), coloured by the
    status the event set; a grey line joins a project's events; the paper's date is marked.

    Events outside ``first_year``-``last_year`` are left out (the subtitle says the period).
    """
    events = evidence.events.assign(x=evidence.events["date"].map(_decimal_year))
    events = events[(events["x"] >= first_year) & (events["x"] < last_year + 1)]
    order = {key: i for i, key in enumerate(THEMES)}
    first = events.groupby("project")["x"].min()
    theme = events.groupby("project")["theme"].first()
    projects = sorted(first.index, key=lambda p: (order[theme[p]], first[p], p))
    labels, ypos, headers = [], {}, []
    for project in projects:
        if not labels or theme[project] != theme[projects[len(ypos) - 1]]:
            headers.append(len(labels))
            labels.append(THEMES[theme[project]].title.split(":")[0].split(" (")[0])
        ypos[project] = len(labels)
        labels.append(project)
    fig, ax = plt.subplots(figsize=(8, 2.4 + 0.2 * len(labels)))
    for project, own in events.sort_values("x").groupby("project", sort=False):
        ax.plot(own["x"], [ypos[project]] * len(own), color="#CCCCCC", linewidth=1.2, zorder=2)
    for status, (group, colour, marker) in STATUS_STYLE.items():
        rows = events[events["status"] == status]
        ax.scatter(rows["x"], rows["project"].map(ypos), color=colour, marker=marker, s=30, zorder=3)
    for row in headers[1:]:
        ax.axhline(row - 0.5, color="#BBBBBB", linewidth=0.7)
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
    for row in headers:
        ax.get_yticklabels()[row].set_fontweight("bold")
        ax.get_yticklabels()[row].set_fontsize(8)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(first_year - 0.3, last_year + 1.3)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#E5E5E5")
    ax.set_xlabel("date of the event")
    style.year_ticks(ax)
    published = _decimal_year(paper.DATE.isoformat())
    ax.axvline(published, color="#555555", linestyle="--", linewidth=1, zorder=1)
    ax.annotate(f"Blank ({paper.DATE.day} {paper.DATE:%B %Y})", xy=(published, 1), xycoords=("data", "axes fraction"),
                xytext=(3, -2), textcoords="offset points", ha="left", va="top", fontsize=8, color="#555555")
    groups = dict((group, (colour, marker)) for group, colour, marker in STATUS_STYLE.values())
    for group, (colour, marker) in groups.items():
        ax.scatter([], [], color=colour, marker=marker, s=30, label=group)
    ax.legend(loc="lower left", fontsize=7.5, frameon=True, framealpha=0.9)
    latest = evidence.project_status()
    latest = latest[latest["project"].isin(projects)]
    realised = int(latest["status"].isin(("in force", "implemented")).sum())
    span = text.year_span(int(events["x"].min()), int(events["x"].max()))
    style.finish(
        fig,
        title=f"{len(events)} dated events of {len(projects)} projects across the themes; {realised} projects stand "
              "in force or implemented",
        subtitle=f"Every dated agreement, summit, membership and project event in the data, {span}, one row per "
                 "project, grouped by theme, coloured by the status the event set",
        evidence=evidence,
        source_ids=sorted(events["source_id"].unique()),
    )
    box = ax.get_position()
    ax.set_position([max(box.x0, 0.3), box.y0, 0.97 - max(box.x0, 0.3), box.height])
    return _done(fig, description)
