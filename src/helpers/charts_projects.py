"""Charts of the projects in data/events.csv: every dated event on one timeline, and the projects
with a Russian party by kind and status (as of the paper and with the latest data).

Each function draws one finished chart in the house style and returns a
:class:`~helpers.chart_output.Chart`: the figure, its description (the alt text) and the
numbers it plots, one row per point or bar, with the source ids of each.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from . import indicators, paper, style, text
from .chart_output import Chart
from .claims.overview import FAILED, REALISED, ProjectsRule, russian_projects
from .data import Evidence, period_end
from .project_names import project_names
from .themes import THEMES


def _decimal_year(date: str) -> float:
    end = period_end(date)
    return end.year + (end.day_of_year - 1) / (366 if end.is_leap_year else 365)


def events_timeline(evidence: Evidence, *, description: str, first_year: int = 2005, last_year: int = 2025) -> Chart:
    """Every dated event of every theme, one row per project (grouped by theme, named by
    :func:`helpers.project_names.project_names`), coloured by the status the event set; a grey
    line joins a project's events; the paper's date is marked.

    Events outside ``first_year``-``last_year`` are left out (the subtitle says the period).
    """
    events = evidence.events.assign(x=evidence.events["date"].map(_decimal_year))
    events = events[(events["x"] >= first_year) & (events["x"] < last_year + 1)]
    order = {key: i for i, key in enumerate(THEMES)}
    first = events.groupby("project")["x"].min()
    theme = events.groupby("project")["theme"].first()
    projects = sorted(first.index, key=lambda p: (order[theme[p]], first[p], p))
    names = project_names(evidence.events, evidence.entities)
    labels, ypos, headers = [], {}, []
    for project in projects:
        if not labels or theme[project] != theme[projects[len(ypos) - 1]]:
            headers.append(len(labels))
            labels.append(THEMES[theme[project]].title.split(":")[0].split(" (")[0])
        ypos[project] = len(labels)
        labels.append(names[project])
    fig, ax = plt.subplots(figsize=(8, 2.4 + 0.2 * len(labels)))
    for project, own in events.sort_values("x").groupby("project", sort=False):
        ax.plot(own["x"], [ypos[project]] * len(own), color="#CCCCCC", linewidth=1.2, zorder=2)
    for status, (_group, colour, marker) in style.STATUS_STYLE.items():
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
    step = 5 if last_year - first_year > 10 else 1
    ax.set_xticks(range(first_year + (-first_year) % step, last_year + 1, step))
    published = _decimal_year(paper.DATE.isoformat())
    if first_year <= published < last_year + 1:
        style.paper_line(ax, published, f"Blank ({paper.DATE.day} {paper.DATE:%B %Y})")
    groups = dict((group, (colour, marker)) for group, colour, marker in style.STATUS_STYLE.values())
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
    data = events.sort_values(["theme", "project", "x", "event_id"]).assign(name=lambda f: f["project"].map(names))[
        ["theme", "project", "name", "date", "status", "source_id"]
    ]
    return Chart(fig, description, data.rename(columns={"source_id": "sources"}).reset_index(drop=True))


# -- the headline: how much Russia and China matter to each other --------------------------


#: Status groups of the project-status chart, in stacking order, with their colours.
STATUS_GROUPS = {
    "in force or implemented": (REALISED, style.OKABE_ITO["bluish_green"]),
    "announced, signed or under construction": (("announced", "signed", "under construction"), style.GREY),
    "stalled, suspended or cancelled": (FAILED, style.OKABE_ITO["reddish_purple"]),
}
#: Kinds in the order the chart lists them (those a rule counts first).
KIND_ORDER = ("agreement", "treaty", "project", "membership", "institution", "declaration", "summit")


def project_status_by_kind(evidence: Evidence, rule: ProjectsRule | None = None) -> pd.DataFrame:
    """Projects with a Russian party by view, kind and status group (the OVR-03 population).

    One row per non-empty (view, kind, status group): the count, whether the rule counts the
    kind, and the source ids of the projects' events. Columns: view, kind, counted, status,
    projects, sources. ``rule`` defaults to the published OVR-03 rule.
    """
    rule = ProjectsRule() if rule is None else rule
    rows = []
    for view, ev in (("as of the paper", evidence.at_paper()), ("latest data", evidence)):
        projects = russian_projects(ev, rule.russian_side)
        sources = ev.events.groupby("project")["source_id"].agg(indicators.merge_sources)
        for kind in [k for k in KIND_ORDER if k in set(projects["kind"])] + sorted(
            set(projects["kind"]) - set(KIND_ORDER)
        ):
            for group, (statuses, _) in STATUS_GROUPS.items():
                chosen = projects[(projects["kind"] == kind) & projects["status"].isin(statuses)]
                if len(chosen):
                    rows.append(
                        (
                            view,
                            kind,
                            kind in rule.counted_kinds,
                            group,
                            len(chosen),
                            indicators.sources_text(sources[chosen["project"]]),
                        )
                    )
    return pd.DataFrame(rows, columns=["view", "kind", "counted", "status", "projects", "sources"])


def _legend_under_subtitle(fig: plt.Figure, handles: list) -> None:
    """A one-row legend between the subtitle and the panel titles, clear of every bar and line;
    the panels move down to make room. Call after :func:`helpers.style.finish`."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    pixels = fig.get_figheight() * fig.dpi
    gap = 4 * fig.dpi / 72  # points to pixels
    subtitle = fig.texts[1].get_window_extent(renderer)
    legend = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.01, (subtitle.y0 - gap) / pixels),
        ncol=len(handles),
        fontsize=7.5,
        frameon=False,
        borderaxespad=0,
    )
    fig.draw_without_rendering()
    above = max(ax.get_tightbbox(renderer).y1 - ax.get_window_extent(renderer).y1 for ax in fig.axes)  # titles
    fig.subplots_adjust(top=(legend.get_window_extent(renderer).y0 - gap - above) / pixels)
    fig.draw_without_rendering()  # place the legend before the checklist looks for texts outside


def project_status(evidence: Evidence, rule: ProjectsRule | None = None, *, description: str | None = None) -> Chart:
    """Two panels (as of the paper, latest data): one stacked bar per kind of project with a Russian
    party, split by status group; the kinds the OVR-03 rule counts on top, the kinds it keeps
    apart (declarations, summits and others) below a line, in lighter colours.
    Without ``description``, one is written from the numbers."""
    rule = ProjectsRule() if rule is None else rule
    data = project_status_by_kind(evidence, rule)
    kinds = list(dict.fromkeys(data.sort_values("counted", ascending=False, kind="stable")["kind"]))
    n_counted = sum(k in rule.counted_kinds for k in kinds)
    fig, axes = plt.subplots(1, 2, figsize=(8, 2.2 + 0.42 * len(kinds)), sharey=True)
    totals = {}
    for ax, view in zip(axes, ("as of the paper", "latest data")):
        own = data[data["view"] == view]
        for y, kind in enumerate(kinds):
            left = 0
            for group, (_, colour) in STATUS_GROUPS.items():
                n = int(own.loc[(own["kind"] == kind) & (own["status"] == group), "projects"].sum())
                if n:
                    ax.barh(y, n, left=left, color=colour, height=0.62, alpha=1 if kind in rule.counted_kinds else 0.45)
                    ax.text(
                        left + n / 2,
                        y,
                        str(n),
                        ha="center",
                        va="center",
                        fontsize=8,
                        color="white" if kind in rule.counted_kinds else "#222222",
                        fontweight="bold",
                    )
                left += n
        counted = own[own["counted"]]
        totals[view] = (
            int(counted.loc[counted["status"] == "in force or implemented", "projects"].sum()),
            int(counted["projects"].sum()),
            int(own.loc[~own["counted"], "projects"].sum()),
        )
        ax.set_title(f"{view}: {totals[view][0]} of {totals[view][1]} counted realised", fontsize=9.5, loc="left")
        ax.axhline(n_counted - 0.5, color="#333333", linewidth=1)
        ax.set_xlim(0, max(data.groupby(["view", "kind"])["projects"].sum()) * 1.1)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color="#E5E5E5")
        ax.set_xlabel("projects with a Russian party")
    axes[0].set_yticks(range(len(kinds)), [k + ("" if k in rule.counted_kinds else " (kept apart)") for k in kinds])
    axes[0].set_ylim(len(kinds) - 0.5, -0.5)
    realised, counted_n, apart = totals["latest data"]
    ids = list(indicators.sources_from_text(data["sources"]))
    style.finish(
        fig,
        title=(
            f"{realised} of the {counted_n} agreements, treaties and projects with a Russian party are in force or "
            f"implemented; {apart} declarations, summits and other kinds are kept apart"
        ),
        subtitle=(
            "Projects with Russia or the Eurasian Economic Union as a party, by the kind of their first event and "
            "the status set by their latest, as of 28 June 2017 and with the latest data; count"
        ),
        evidence=evidence,
        source_ids=ids,
        note="The events are the collection's documented list, not a census; lighter bars are not counted by OVR-03.",
    )
    _legend_under_subtitle(fig, [Patch(color=colour, label=group) for group, (_, colour) in STATUS_GROUPS.items()])
    if description is None:
        paper_realised, paper_counted, paper_apart = totals["as of the paper"]
        description = (
            f"Two panels of stacked bars, one bar per kind of project. As of the paper, {paper_realised} of "
            f"{paper_counted} counted agreements, treaties and projects with a Russian party were in force or "
            f"implemented ({paper_apart} declarations, summits and other kinds kept apart); with the latest data "
            f"{realised} of {counted_n} are ({apart} kept apart), and "
            f"{int(data.loc[(data['view'] == 'latest data') & data['counted'] & (data['status'] == 'stalled, suspended or cancelled'), 'projects'].sum())}"
            " have stalled, been suspended or cancelled."
        )
    return Chart(fig, description, data)
