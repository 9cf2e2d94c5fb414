"""Charts of the overview: the Russia-China trade weights, project status by kind, verdict shares
across specifications, and every dated event on one timeline.

Each function draws one finished chart in the house style and returns a
:class:`~helpers.chart_output.Chart`: the figure, its description (the alt text) and the
numbers it plots, one row per point, bar or cell, with the source ids of each.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.patches import Patch

from . import indicators, paper, style, text
from .chart_output import Chart
from .claims.overview import FAILED, REALISED, ProjectsRule, russian_projects
from .data import Evidence, period_end
from .project_names import project_names
from .themes import THEMES

#: Verdicts in the order a reader scans them.
VERDICTS = ("supported", "mixed", "contradicted", "not testable with data")


def verdict_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Share of specifications giving each verdict, per claim (rows) and view and verdict (columns).

    ``table`` is :func:`helpers.claims.robustness`. Columns are (view, verdict) pairs, views
    in the order "as of the paper", "latest"; values are shares between 0 and 1.
    """
    counts = table.groupby(["claim_id", "view", "verdict"]).size()
    shares = (counts / counts.groupby(["claim_id", "view"]).transform("sum")).unstack(["view", "verdict"])
    columns = [(view, verdict) for view in ("as of the paper", "latest") for verdict in VERDICTS]
    return shares.reindex(columns=pd.MultiIndex.from_tuples(columns, names=["view", "verdict"])).fillna(0.0)


def verdict_heatmap(table: pd.DataFrame, *, evidence: Evidence, description: str) -> Chart:
    """A heatmap of verdict shares: one row per claim, one column per view and verdict.

    Each cell is the share of the claim's specifications that give that verdict in that view,
    printed as a percentage; a row whose verdict is the same under every specification has one
    cell at 100% per view.
    """
    shares = verdict_shares(table)
    n_claims = len(shares)
    fig, ax = plt.subplots(figsize=(8, 1.9 + 0.36 * n_claims))
    labels = [f"{verdict}" for _, verdict in shares.columns]
    sns.heatmap(
        100 * shares.to_numpy(),
        ax=ax,
        cmap="Blues",
        vmin=0,
        vmax=100,
        annot=True,
        fmt=".0f",
        annot_kws={"fontsize": 8},
        cbar=False,
        linewidths=1,
        linecolor="white",
        xticklabels=labels,
        yticklabels=list(shares.index),
    )
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8.5)
    ax.set_yticklabels(list(shares.index), rotation=0, fontsize=9)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    half = len(VERDICTS)
    ax.axvline(half, color="#333333", linewidth=1.5)
    for position, view in ((half / 2, "as of the paper"), (half * 1.5, "latest data")):
        ax.annotate(
            view,
            xy=(position, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            fontweight="bold",
        )
    latest = shares["latest"]
    steady = int((latest.max(axis=1) >= 1.0 - 1e-9).sum())
    n_specs = table.groupby("claim_id")["specification"].nunique()
    keeps = "keeps its" if steady == 1 else "keep their"  # "1 of 13 claims keeps", "2 of 13 claims keep"
    style.finish(
        fig,
        title=f"With the latest data, {steady} of {n_claims} tested claims {keeps} verdict under every "
        f"specification of {keeps.split()[1]} rule",
        subtitle=(
            f"Share of each claim's specifications ({n_specs.min()}-{n_specs.max()} per claim) giving each "
            "verdict, percent, as of the paper (data to 2016) and with the latest data"
        ),
        evidence=evidence,
        source_ids=[paper.SOURCE_ID],
        note="Verdicts computed from data/ by each claim's test; a specification is one defensible variant of its rule.",
    )
    box = ax.get_position()
    ax.set_position([box.x0, box.y0, box.width, box.height - 0.05])  # room for the view labels
    data = (100 * shares).stack(["view", "verdict"], future_stack=True).rename("percent_of_specifications")
    data = data.reset_index().assign(sources=paper.SOURCE_ID)
    return Chart(fig, description, data)


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
        ax.axvline(published, color="#555555", linestyle="--", linewidth=1, zorder=1)
        ax.annotate(
            f"Blank ({paper.DATE.day} {paper.DATE:%B %Y})",
            xy=(published, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
            color="#555555",
        )
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


def trade_weights(evidence: Evidence) -> pd.DataFrame:
    """China's share of Russia's trade and Russia's share of China's, per year, on every basis the data hold.

    ``line`` names the share; ``basis`` says whose figures it rests on: "own report (IMF DOTS)"
    (each country's exports plus imports, 2000-2020), "China's customs (published turnover)"
    for Russia's share of China's trade afterwards, and "mirror: China's customs / Russia's
    total" for China's share of Russia's trade afterwards: Russia no longer publishes trade by
    partner, so its trade with China is read from China's reports (:func:`indicators.mirror_trade`)
    and set against Russia's own published total. Columns: line, basis, year, share (percent), sources.
    """
    china_in_russia, russia_in_china = "China's share of Russia's trade", "Russia's share of China's trade"
    rows = []
    dots = {
        line: indicators.trade_share(evidence, reporter, partner)
        for line, reporter, partner in ((china_in_russia, "RUS", "CHN"), (russia_in_china, "CHN", "RUS"))
    }
    last_dots = int(min(frame["year"].max() for frame in dots.values()))
    for line, frame in dots.items():
        rows += [(line, "own report (IMF DOTS)", int(r.year), float(r.share), r.sources) for r in frame.itertuples()]
    published = indicators.trade_share(evidence, "CHN", "RUS", basis="any")
    rows += [
        (russia_in_china, "China's customs (published turnover)", int(r.year), float(r.share), r.sources)
        for r in published[published["year"] > last_dots].itertuples()
    ]
    mirror = indicators.mirror_trade(evidence, "RUS", "CHN")
    total = indicators.turnover(evidence, "RUS", "WLD")
    joined = mirror.merge(total, on="year", suffixes=("", "_total"))
    rows += [
        (
            china_in_russia,
            "mirror: China's customs / Russia's total",
            int(r.year),
            100 * r.value / r.value_total,
            indicators.merge_sources(r.sources, r.sources_total),
        )
        for r in joined[joined["year"] > last_dots].itertuples()
    ]
    out = pd.DataFrame(rows, columns=["line", "basis", "year", "share", "sources"])
    return out.assign(sources=out["sources"].map(indicators.sources_text))


def _widest_gap(values: pd.Series, low: float, high: float) -> float:
    """The middle of the widest empty stretch between ``low``, the values and ``high``: where a
    label beside those points overlaps none of them."""
    edges = sorted([low, high, *values])
    below, above = max(zip(edges, edges[1:]), key=lambda pair: pair[1] - pair[0])
    return (below + above) / 2


def russia_china_weights(evidence: Evidence, *, description: str | None = None) -> Chart:
    """China's weight in Russia's trade against Russia's weight in China's, to the latest year the data hold.

    Solid lines: each country's own reports to the IMF (2000-2020). Later years are points,
    never joined to the lines, since they rest on another basis: China's customs for Russia's
    share of China's trade, and a mirror (China's customs over Russia's published total) for
    China's share of Russia's trade. Without ``description``, one is written from the numbers.
    """
    data = trade_weights(evidence)
    own = data[data["basis"] == "own report (IMF DOTS)"]
    later = data[data["basis"] != "own report (IMF DOTS)"]
    fig, ax = plt.subplots()
    for line, code in (("China's share of Russia's trade", "CHN"), ("Russia's share of China's trade", "RUS")):
        points = own[own["line"] == line]
        ax.plot(points["year"], points["share"], color=style.colour(code), linewidth=2.2)
        start = points[points["year"] == 2010].iloc[0]
        style.label_line(ax, start["year"], start["share"], line, code, ha="left" if code == "RUS" else "right")
        after = later[later["line"] == line]
        ax.plot(
            after["year"],
            after["share"],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgewidth=1.8,
            color=style.colour(code),
            markersize=7,
        )
        for row in after.iloc[[0, -1]].drop_duplicates().itertuples() if len(after) else ():
            ax.annotate(
                text.pct(row.share),
                (row.year, row.share),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color=style.colour(code),
            )
    last_own = int(own["year"].max())
    ax.axvspan(last_own + 0.5, data["year"].max() + 0.7, color="#EBEBEB", zorder=0, linewidth=0)
    ax.set_ylim(0, max(data["share"]) * 1.15)
    ax.annotate(
        "open points: China's customs;\nChina's share of Russia's\ntrade as a mirror",
        xy=(last_own + 0.7, _widest_gap(later["share"], *ax.get_ylim())),
        ha="left",
        va="center",
        fontsize=7.5,
        color="#444444",
    )
    ax.set_ylabel("% of the country's merchandise trade")
    style.mark_paper(ax)
    first_year, last_year = int(own["year"].min()), int(data["year"].max())
    ax.set_xticks([y for y in range(first_year - first_year % 5, last_year + 1, 5) if y >= first_year])
    ax.set_xlim(first_year - 0.5, last_year + 0.7)
    first = own[own["year"] == own["year"].min()].set_index("line")["share"]
    last = own[own["year"] == last_own].set_index("line")["share"]
    ratio = last["China's share of Russia's trade"] / last["Russia's share of China's trade"]
    newest = later.sort_values("year").groupby("line").tail(1).set_index("line")
    mirror = (
        newest.loc["China's share of Russia's trade"] if "China's share of Russia's trade" in newest.index else None
    )
    chinese = (
        newest.loc["Russia's share of China's trade"] if "Russia's share of China's trade" in newest.index else None
    )
    title = f"China's weight in Russia's trade was {text.ratio(ratio)} Russia's weight in China's in {last_own}"
    if mirror is not None:
        title += (
            f"; mirror figures put China at {text.pct(mirror['share'], digits=0)} of Russia's trade in {mirror['year']}"
        )
    style.finish(
        fig,
        title=title,
        subtitle=(
            f"Share of each country's merchandise trade (exports + imports) with the other, percent, "
            f"{text.year_span(int(own['year'].min()), int(data['year'].max()))}; lines: each country's own "
            f"reports to the IMF, to {last_own}; points after: China's customs, and a mirror of Russia's trade"
        ),
        evidence=evidence,
        source_ids=indicators.sources_from_text(data["sources"]),
        note="A mirror reads Russia's trade with China from China's reports (imports CIF, exports FOB, "
        "China's dates and origin rules); it is not Russia's own figure.",
    )
    if description is None:
        cr, rc = "China's share of Russia's trade", "Russia's share of China's trade"
        description = (
            f"Two lines, {text.year_span(int(own['year'].min()), last_own)}, on each country's own reports: China's "
            f"share of Russia's trade went from {text.pct(first[cr])} to {text.pct(last[cr])}, Russia's share of "
            f"China's from {text.pct(first[rc])} to {text.pct(last[rc])}."
            + (
                f" China's customs put Russia at {text.pct(chinese['share'])} of China's trade in {chinese['year']}."
                if chinese is not None
                else ""
            )
            + (
                f" As a mirror (China's customs over Russia's published total), China held {text.pct(mirror['share'])} "
                f"of Russia's trade in {mirror['year']}."
                if mirror is not None
                else ""
            )
            + " The dependence runs one way."
        )
    return Chart(fig, description, data)


# -- project status by kind -----------------------------------------------------------------

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
