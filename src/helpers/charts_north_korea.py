"""Charts of the North Korea notebook: the two partners' trade, Russia's share, recent years, events."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import ticker

from . import data, style, text
from .chart_output import Chart
from .claims import north_korea as nk
from .data import Evidence

#: Marker of each event status on the timeline.
STATUS_MARKERS = {"announced": "o", "signed": "o", "in force": "s", "under construction": "^", "implemented": "D",
                  "stalled": "X", "suspended": "P", "cancelled": "X"}


def _sources(frames) -> list[str]:
    return sorted({s for frame in frames for joined in frame["sources"] for s in joined.split("+")})


def trade_lines(evidence: Evidence, chn: pd.DataFrame, rus: pd.DataFrame, bal: pd.DataFrame, *,
                description: str) -> Chart:
    """China's and Russia's reported trade with North Korea on a log scale (IMF solid, official hollow).

    ``chn`` and ``rus`` are :func:`helpers.claims.north_korea.partner_trade`; ``bal`` their
    :func:`~helpers.claims.north_korea.balance`.
    """
    first_both, last_both = bal.iloc[0], bal.iloc[-1]
    imf_end = int(chn.loc[chn["sources"] == "imf-dots", "year"].max())
    fig, ax = plt.subplots()
    for code, frame in (("CHN", chn), ("RUS", rus)):
        imf = frame[frame["sources"] == "imf-dots"]
        ax.plot(imf["year"].astype(int), imf["value"], color=style.colour(code), linewidth=2.2)
        for run in nk.runs(frame[frame["year"] >= imf_end]):
            ax.plot(run["year"].astype(int), run["value"], color=style.colour(code), linewidth=1.4, linestyle="--")
        official = frame[frame["sources"] != "imf-dots"]
        ax.plot(official["year"].astype(int), official["value"], linestyle="none", marker="o", markersize=6,
                markerfacecolor="white", markeredgecolor=style.colour(code), markeredgewidth=1.8)
    for code, frame, name, year, above in (("CHN", chn, "China", 2004, True), ("RUS", rus, "Russia", 2009, False)):
        at = frame.loc[frame["year"] == year, "value"]
        if not at.empty:
            style.label_line(ax, year, at.iloc[0], name, code, ha="right" if above else "left", above=above)
    ax.set_yscale("log")
    ax.set_ylim(10, 20_000)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: text.usd_million(v, digits=0)))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_ylabel("US$ (log scale)")
    style.mark_paper(ax)
    style.finish(
        fig,
        title=(f"China's reported trade with North Korea was {text.ratio(last_both['china_multiple'], digits=0)} "
               f"Russia's in {last_both['year']}, against {text.ratio(first_both['china_multiple'], digits=0)} "
               f"in {first_both['year']}"),
        subtitle=(f"Merchandise trade (exports + imports) with North Korea as China and Russia each report it, US$ "
                  f"million, {text.year_span(chn['year'].min(), chn['year'].max())}; log scale: each gridline is 10 "
                  f"times the one below. Solid: IMF, to {imf_end}; hollow markers: official figures relayed by news "
                  "agencies"),
        evidence=evidence,
        source_ids=_sources([chn, rus]),
    )
    return Chart(fig, description)


def russia_share(evidence: Evidence, bal: pd.DataFrame, comparison: dict, *, description: str,
                 rule: nk.NorthKoreaRule = nk.NorthKoreaRule()) -> Chart:
    """Russia's share of the two partners' trade: each year (thin), pooled windows (thick), the test's windows.

    ``comparison`` is :func:`helpers.claims.north_korea.compare` of the same view with ``rule``.
    """
    rolled = nk.rolling_share(bal, rule.window)
    fig, ax = plt.subplots()
    for run in nk.runs(bal):
        ax.plot(run["year"].astype(int), run["russia_share"], color=style.colour("RUS"), linewidth=0.9, marker="o",
                markersize=3.5)
    for run in nk.runs(rolled):
        ax.plot(run["year"].astype(int), run["russia_share"], color=style.colour("RUS"), linewidth=2.6)
    for key, words in (("base", "earlier window"), ("latest", "latest window")):
        point = comparison[key]
        ax.hlines(point["russia_share"], min(point["years"]) - 0.4, max(point["years"]) + 0.4, color="black",
                  linewidth=3.5, zorder=5)
        ax.annotate(f"{words}: {text.pct(point['russia_share'])}", (max(point["years"]) + 0.4, point["russia_share"]),
                    xytext=(4, 14 if key == "latest" else 6), textcoords="offset points",
                    ha="right" if key == "latest" else "left", fontsize=8.5)
    spike = bal.loc[bal["year"] > bal["year"].min() + 8].sort_values("russia_share").iloc[-1]
    first_roll = rolled.iloc[0]
    anchor = rolled[rolled["year"] == 2006].iloc[0] if (rolled["year"] == 2006).any() else first_roll
    style.label_line(ax, int(anchor["year"]) + 0.6, anchor["russia_share"],
                     f"{rule.window}-year pooled share (thick)", "RUS", ha="left", above=False)
    style.label_line(ax, spike["year"], spike["russia_share"], "each year (thin)", "RUS", ha="right")
    ax.set_ylim(0, bal["russia_share"].max() * 1.2)
    ax.set_xlim(bal["year"].min() - 0.8, bal["year"].max() + 0.8)
    ax.set_ylabel("Russia's % of the two partners' trade")
    style.mark_paper(ax)
    first_window = text.year_span(int(first_roll["year"]) - rule.window + 1, int(first_roll["year"]))
    latest = comparison["latest"]
    style.finish(
        fig,
        title=(f"Russia's part of the two partners' trade with North Korea "
               f"{text.change_word(first_roll['russia_share'], latest['russia_share'])} from "
               f"{text.pct(first_roll['russia_share'])} in {first_window} to {text.pct(latest['russia_share'])} in "
               f"{nk.window_label(latest, rule.window)}"),
        subtitle=(f"Russia's reported trade with North Korea as a percentage of China's plus Russia's, each as "
                  f"reported by itself, {text.year_span(bal['year'].min(), bal['year'].max())} (years with figures "
                  "from both)"),
        evidence=evidence,
        source_ids=_sources([bal]),
    )
    return Chart(fig, description)


def recent_trade(evidence: Evidence, recent_chn: pd.DataFrame, recent_rus: pd.DataFrame, bal: pd.DataFrame, *,
                 description: str) -> Chart:
    """Paired bars of the official figures after the IMF series, "no Russian figure" where there is none."""
    years = sorted(int(y) for y in recent_chn["year"])
    both_recent = bal[bal["year"].isin(years)]
    fig, ax = plt.subplots()
    width = 0.38
    for frame, shift, code in ((recent_chn, -width / 2, "CHN"), (recent_rus, width / 2, "RUS")):
        ax.bar(frame["year"].astype(int) + shift, frame["value"], width=width, color=style.colour(code))
        for row in frame.itertuples():
            ax.annotate(text.usd_million(row.value), (int(row.year) + shift, row.value), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8.5)
        first = frame.iloc[0]
        ax.annotate("China" if code == "CHN" else "Russia", (int(first["year"]) + shift, first["value"]),
                    xytext=(0, 16), textcoords="offset points", ha="center", color=style.colour(code),
                    fontweight="bold", fontsize=9)
    for year in sorted(set(years) - set(int(y) for y in recent_rus["year"])):
        ax.annotate("no Russian\nfigure", (year + width / 2, 0), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7.5, color=style.GREY)
    ax.set_ylim(0, recent_chn["value"].max() * 1.15)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: text.usd_million(v, digits=1) if v else "0"))
    ax.set_ylabel("US$, each partner's reported trade")
    row = both_recent.iloc[-1]
    style.finish(
        fig,
        title=(f"In {row['year']}, the only recent year with a Russian figure, China's trade with North Korea was "
               f"{text.ratio(row['china_multiple'], digits=0)} Russia's"),
        subtitle=(f"Merchandise trade with North Korea as each partner's officials report it, US$ million, "
                  f"{text.year_span(years[0], years[-1])}; China: customs; Russia: Russian statistics quoted by "
                  "the Kremlin"),
        evidence=evidence,
        source_ids=_sources([recent_chn, recent_rus]),
        note="values rounded in the sources stay rounded",
    )
    return Chart(fig, description)


def _row_label(project: str, names: dict[str, str]) -> str:
    name = names.get(project, project).removeprefix("the ")
    return name[0].upper() + name[1:]


def events_timeline(evidence: Evidence, events: pd.DataFrame, names: dict[str, str], title: str, *,
                    description: str) -> Chart:
    """One row per project, a marker per dated event (shape: status; blue: Russia and North Korea alone).

    ``events`` are the theme's rows of ``data/events.csv``; ``names`` the projects' names in prose.
    """
    events = events.assign(when=events["date"].map(data.period_end))
    events["x"] = events["when"].dt.year + (events["when"].dt.day_of_year - 1) / 365.25
    order = events.groupby("project")["when"].min().sort_values().index.tolist()
    fig, ax = plt.subplots(figsize=(8, max(4.8, 2.2 + 0.62 * len(order))))  # room for each project's row
    mid = (events["x"].min() + events["x"].max()) / 2
    for row_index, project in enumerate(order):
        y = len(order) - row_index
        rows = events[events["project"] == project].sort_values("when")
        bilateral = all(sorted(p.split()) == ["PRK", "RUS"] for p in rows["parties"])
        colour = style.colour("RUS") if bilateral else style.GREY
        ax.plot(rows["x"], [y] * len(rows), color=colour, linewidth=1.2)
        for k, event in enumerate(rows.itertuples()):
            filled = event.status not in ("announced", "signed")
            ax.plot(event.x, y, marker=STATUS_MARKERS.get(event.status, "o"), markersize=9, linestyle="none",
                    markerfacecolor=colour if filled else "white", markeredgecolor=colour, markeredgewidth=1.8)
            if 0 < k < len(rows) - 1:
                continue  # a middle event's date would overlap its neighbours' (the description lists it)
            side = "center" if len(rows) == 1 else ("right" if k == 0 else "left")
            ax.annotate(f"{event.status} {event.date}", (event.x, y), xytext=({"right": -4, "left": 4}.get(side, 0), -9),
                        textcoords="offset points", ha=side, va="top", fontsize=7.5, color="#333333",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
        right_side = rows["x"].iloc[0] > mid
        ax.annotate(_row_label(project, names), (rows["x"].iloc[-1] if right_side else rows["x"].iloc[0], y),
                    xytext=(0, 8), textcoords="offset points", ha="right" if right_side else "left", va="bottom",
                    fontsize=9, fontweight="bold", color=colour,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
    ax.set_ylim(0.45, len(order) + 0.6)
    ax.set_xlim(events["x"].min() - 1, events["x"].max() + 4.5)  # room for the last date label
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(False)
    ax.set_xlabel("year (marker at the date of each event: hollow = signed, filled = in force, implemented or stalled)")
    style.mark_paper(ax)
    style.finish(
        fig,
        title=title,
        subtitle=(f"Dated North Korea events in the data and the status each set, {events['date'].min()[:4]} to "
                  f"{events['date'].max()[:4]}; blue: Russia and North Korea alone; grey: with other states"),
        evidence=evidence,
        source_ids=sorted(events["source_id"].unique()),
    )
    return Chart(fig, description)
