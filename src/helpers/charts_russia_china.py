"""Charts of the Russia-China notebook, the trade side: the two countries' shares of each other's trade and
their ratio, and the plotting pieces both Russia-China chart modules use (the economy's charts are in
:mod:`helpers.charts_economy`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import indicators, style, text
from .chart_output import Chart
from .claims import russia_china as rc
from .data import Evidence

CHN, RUS = style.colour("CHN"), style.colour("RUS")
NOTE_GREY = "#555555"


def rows(frame: pd.DataFrame, column: str, measure: str, basis: str, sources=None) -> pd.DataFrame:
    """Plotted points of one series, in the long form every Chart's data takes."""
    return pd.DataFrame(
        {
            "measure": measure,
            "basis": basis,
            "year": frame["year"].astype(int).to_numpy(),
            "value": frame[column].to_numpy(),
            "sources": [
                indicators.sources_text(s) for s in (frame["sources"] if sources is None else [sources] * len(frame))
            ],
        }
    )


def mark_paper(ax: plt.Axes) -> None:
    """:func:`helpers.style.mark_paper`, keeping only the year ticks inside the axis (a tick label
    beyond the limits would sit outside the figure)."""
    style.mark_paper(ax)
    low, high = ax.get_xlim()
    ax.set_xticks([tick for tick in ax.get_xticks() if low <= tick <= high])


def hollow(ax: plt.Axes, x, y, colour: str, size: float = 8) -> None:
    ax.plot(
        x,
        y,
        linestyle="none",
        marker="o",
        markersize=size,
        markerfacecolor="white",
        markeredgecolor=colour,
        markeredgewidth=2,
    )


def trade_shares(evidence: Evidence) -> Chart:
    """Each country's share of the other's trade: own figures (IMF DOTS) as lines, the mirror view of
    the same years dotted, and the customs years as hollow points (China's share of Russia's trade
    there is a MIRROR estimate: :func:`helpers.claims.russia_china.customs_shares`)."""
    own = indicators.asymmetry(evidence, "RUS", "CHN").assign(sources="imf-dots")
    mirror = rc.mirror_share(evidence, "RUS", "CHN")
    mirror = mirror[mirror["basis"] == "exports + imports"]
    customs = rc.customs_shares(evidence)
    rus_side = customs.dropna(subset=["rus_total"])
    fig, ax = plt.subplots()
    ax.plot(own["year"], own["share_CHN_in_RUS"], color=CHN, linewidth=2.2)
    ax.plot(mirror["year"], mirror["share"], color=CHN, linewidth=1.2, linestyle=":")
    hollow(ax, rus_side["year"], rus_side["share_CHN_in_RUS"], CHN, 9)
    ax.plot(own["year"], own["share_RUS_in_CHN"], color=RUS, linewidth=2.2)
    hollow(ax, customs["year"], customs["share_RUS_in_CHN"], RUS, 7)
    first, last, m_last = own.iloc[0], own.iloc[-1], rus_side.iloc[-1]
    y0, y1, ym, yc = int(first["year"]), int(last["year"]), int(m_last["year"]), int(customs["year"].max())
    at = own.set_index("year")
    style.label_line(ax, y0 + 2, at.loc[y0 + 6, "share_CHN_in_RUS"] + 1.5, "China's share of Russia's trade", "CHN")
    style.label_line(ax, y0 + 2, at.loc[y0 + 2, "share_RUS_in_CHN"], "Russia's share of China's trade", "RUS")
    ax.annotate(
        "dotted: mirror view",
        (y0 + 11, at.loc[y0 + 11, "share_CHN_in_RUS"]),
        xytext=(0, 14),
        textcoords="offset points",
        ha="center",
        fontsize=8,
        color=CHN,
    )
    ax.annotate(
        f"MIRROR\nESTIMATE\n{text.pct(m_last['share_CHN_in_RUS'])}",
        (ym, m_last["share_CHN_in_RUS"]),
        xytext=(-12, 0),
        textcoords="offset points",
        ha="right",
        va="center",
        fontsize=8,
        fontweight="bold",
        color=CHN,
    )
    ax.annotate(
        "China customs",
        (yc, customs["share_RUS_in_CHN"].iloc[-1]),
        xytext=(0, 10),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
        color=RUS,
    )
    ax.set_ylabel("% of the country's trade")
    ax.set_ylim(0, None)
    ax.set_xlim(y0 - 0.5, yc + 0.7)
    mark_paper(ax)
    russia = pd.concat([own[["year", "share_RUS_in_CHN"]], customs[["year", "share_RUS_in_CHN"]]])
    peak = russia.sort_values(["share_RUS_in_CHN", "year"]).iloc[-1]  # the highest plotted point
    top, low = peak["share_RUS_in_CHN"], russia["share_RUS_in_CHN"].min()
    style.finish(
        fig,
        title=(
            f"China's share of Russia's trade rose from {text.pct(first['share_CHN_in_RUS'], digits=0)} "
            f"to {text.pct(last['share_CHN_in_RUS'], digits=0)} by {y1} (mirror estimate {ym}: "
            f"{text.pct(m_last['share_CHN_in_RUS'], digits=0)}); Russia's share of China's peaked "
            f"at {text.pct(top)} in {int(peak['year'])}"
        ),
        subtitle=(
            f"Trade with the other, % of each country's merchandise trade, {text.year_span(y0, yc)}; "
            "lines: IMF DOTS; points: customs totals"
        ),
        evidence=evidence,
        source_ids=indicators.merge_sources("imf-dots", customs["sources"]),
    )
    data = pd.concat(
        [
            rows(own, "share_CHN_in_RUS", "China's share of Russia's trade", "own figures (IMF DOTS)"),
            rows(mirror, "share", "China's share of Russia's trade", "mirror: China's IMF figures over Russia's total"),
            rows(
                rus_side,
                "share_CHN_in_RUS",
                "China's share of Russia's trade",
                "MIRROR: China customs over Russia's customs total",
            ),
            rows(own, "share_RUS_in_CHN", "Russia's share of China's trade", "own figures (IMF DOTS)"),
            rows(customs, "share_RUS_in_CHN", "Russia's share of China's trade", "China customs"),
        ],
        ignore_index=True,
    )
    description = (
        f"Lines and points, {text.year_span(y0, yc)}. China's share of Russia's trade climbs from "
        f"{text.pct(first['share_CHN_in_RUS'])} to {text.pct(last['share_CHN_in_RUS'])} by {y1}; the mirror "
        f"estimate from customs totals is {text.join_words([f'{text.pct(r.share_CHN_in_RUS)} in {r.year}' for r in rus_side.itertuples()])}. "
        f"Russia's share of China's trade stays between {text.pct(low)} and {text.pct(top)}. "
        "The dependence runs one way."
    )
    return Chart(fig, description, data)


def junior_ratio(evidence: Evidence, rule: rc.JuniorPartnerRule, marks: dict[int, str]) -> Chart:
    """The RCH-03 ratio per year (:func:`helpers.claims.russia_china.junior_series`): own figures as a
    line, customs-mirror years as hollow points, the rule's threshold dashed, ``marks`` as vertical lines."""
    series = rc.junior_series(evidence, rule)
    own = series[series["basis"] == series["basis"].iloc[0]]
    later = series[series["basis"] != series["basis"].iloc[0]]
    first, last = series.iloc[0], series.iloc[-1]
    y0, y1 = int(first["year"]), int(last["year"])
    fig, ax = plt.subplots()
    ax.plot(own["year"], own["ratio"], color=CHN, linewidth=2.2)
    hollow(ax, later["year"], later["ratio"], CHN, 9)
    ax.axhline(rule.junior_ratio, color=style.GREY, linestyle=":", linewidth=1.2)
    ax.annotate(
        f"test threshold {text.ratio(rule.junior_ratio, digits=0)}",
        (y0, rule.junior_ratio),
        xytext=(0, -12),
        textcoords="offset points",
        fontsize=8,
        color=NOTE_GREY,
    )
    for year, label in marks.items():
        ax.axvline(year, color=style.GREY, linewidth=1, zorder=1)
        ax.annotate(
            label,
            (year, 0.03),
            xycoords=("data", "axes fraction"),
            xytext=(-3, 0),
            textcoords="offset points",
            fontsize=8,
            color=NOTE_GREY,
            ha="right",
            va="bottom",
        )
    if not later.empty:
        ax.annotate(
            "customs\nMIRROR",
            (int(later["year"].iloc[0]), later["ratio"].iloc[0]),
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color=CHN,
        )
    style.label_line(ax, y1, last["ratio"], text.ratio(last["ratio"]), "CHN", ha="right")
    style.label_line(ax, y0, first["ratio"], text.ratio(first["ratio"]), "CHN")
    ax.set_ylabel("ratio of the two trade shares")
    ax.set_ylim(0, series["ratio"].max() * 1.15)
    ax.set_xlim(y0 - 0.5, max(y1, *marks) + 1.5)
    mark_paper(ax)
    basis = f" ({last['basis']})" if not later.empty else ""
    style.finish(
        fig,
        title=(
            f"China weighed {text.ratio(last['ratio'])} more in Russia's trade than Russia in China's "
            f"in {y1}{basis}, against {text.ratio(first['ratio'])} in {y0}"
        ),
        subtitle=(
            f"China's share of Russia's trade ÷ Russia's share of China's, {text.year_span(y0, y1)}; "
            "line: own figures (IMF DOTS); points: China's customs as mirror"
        ),
        evidence=evidence,
        source_ids=indicators.merge_sources(series["sources"]),
    )
    data = pd.concat(
        [
            rows(part, "ratio", "China's share of Russia's trade ÷ Russia's share of China's", b)
            for b, part in series.groupby("basis", sort=False)
        ],
        ignore_index=True,
    )
    ratios = own.set_index("year")["ratio"]
    end = int(ratios.diff(2).idxmax())
    description = (
        f"Ratio per year, {text.year_span(y0, y1)}: from {text.ratio(first['ratio'])} to "
        f"{text.ratio(last['ratio'])}, above the {text.ratio(rule.junior_ratio, digits=0)} threshold in every "
        f"year. The biggest two-year rise on own figures came between {end - 2} "
        f"({text.ratio(ratios[end - 2])}) and {end} ({text.ratio(ratios[end])}). "
        + (
            f"Points after {int(own['year'].max())}: "
            + text.join_words([f"{text.ratio(r.ratio)} in {r.year}" for r in later.itertuples()])
            + ", on China's customs as a mirror for Russia's side."
            if not later.empty
            else ""
        )
    )
    return Chart(fig, description, data)
