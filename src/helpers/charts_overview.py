"""Charts of the overview: verdict shares across specifications, and the Russia-China trade weights
(the projects' charts are in :mod:`helpers.charts_projects`).

Each function draws one finished chart in the house style and returns a
:class:`~helpers.chart_output.Chart`: the figure, its description (the alt text) and the
numbers it plots, one row per point, bar or cell, with the source ids of each.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from . import indicators, paper, style, text
from .chart_output import Chart
from .data import Evidence

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
