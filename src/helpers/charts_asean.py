"""Charts of the ASEAN notebook: the projects' status timeline, Russia's and China's weight in the
members' trade, Russia's trade by member, and Vietnam's trade before and after its free-trade
agreement. Each returns a :class:`~helpers.chart_output.Chart` with exactly the numbers it plots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import indicators, style, text
from .chart_output import Chart
from .claims import asean
from .data import Evidence, period_end

#: How each status is drawn: (group label, colour, marker).
STATUS_GROUPS = {
    "announced": ("announced or signed", style.GREY, "o"),
    "signed": ("announced or signed", style.GREY, "o"),
    "in force": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "implemented": ("in force or implemented", style.OKABE_ITO["bluish_green"], "s"),
    "stalled": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "suspended": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
    "cancelled": ("stalled or cancelled", style.OKABE_ITO["reddish_purple"], "X"),
}
DEALS, STATEMENTS = "agreements and projects", "summits and declarations"


def decimal_year(date: str) -> float:
    """A date of data/events.csv ("2016", "2016-05" or "2016-05-20") as a year with a fraction (its end)."""
    end = period_end(date)
    return end.year + (end.day_of_year - 1) / (366 if end.is_leap_year else 365)


def _ticks_inside(ax: plt.Axes) -> None:
    """Keep only the ticks inside the axis limits (a locator's extra tick would count as text
    outside the figure)."""
    for axis, limits in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        low, high = sorted(limits)
        axis.set_ticks([tick for tick in axis.get_majorticklocs() if low <= tick <= high])


def _names(items) -> str:
    return text.join_words(list(items)) or "none"


def status_timeline(
    evidence: Evidence,
    rule: asean.FollowThroughRule | None = None,
    *,
    theme: str = asean.THEME,
    description: str | None = None,
) -> Chart:
    """One row per project of the theme, one mark per dated event coloured by the status it set.

    The projects whose first event is a deal (``rule.deal_kinds``) come first, the summits and
    declarations below them, each block titled with its row count. Data: one row per event
    (project, name, block, date, x, status, sources).
    """
    rule = rule or asean.FollowThroughRule()
    table = asean.agreements(evidence, theme)
    if table.empty:
        raise ValueError(f"no events of theme {theme!r} in this view: nothing to draw")
    table = table.assign(block=table["kind"].isin(rule.deal_kinds).map({True: DEALS, False: STATEMENTS}))
    table = table.sort_values("block", kind="stable").reset_index(drop=True)
    events = evidence.events[evidence.events["theme"] == theme]
    data = (
        table[["project", "name", "block", "status"]]
        .rename(columns={"status": "latest"})
        .merge(events[["project", "date", "status", "source_id"]], on="project")
    )
    data = data.assign(x=data["date"].map(decimal_year)).sort_values(["project", "x"], kind="stable")
    fig, ax = plt.subplots(figsize=(8, 7))
    rows, row = {}, 0
    for number, block in enumerate(dict.fromkeys(table["block"])):
        members = table[table["block"] == block]
        if number:
            row += 0.6
            ax.axhline(row - 0.8, color="#BBBBBB", linewidth=0.8)
        ax.annotate(
            f"{block} ({len(members)})",
            (0, row - 0.55),
            xycoords=("axes fraction", "data"),
            fontsize=9,
            fontweight="bold",
            color="#333333",
            va="center",
        )
        for project in members["project"]:
            rows[project], row = row, row + 1
    for item in table.itertuples():
        own = data[data["project"] == item.project]
        y = rows[item.project]
        ax.plot(own["x"], [y] * len(own), color="#BBBBBB", linewidth=1.5, zorder=2)
        for event in own.itertuples():
            _, colour, marker = STATUS_GROUPS[event.status]
            ax.scatter(event.x, y, color=colour, marker=marker, s=55, zorder=3)
        ax.annotate(
            item.status,
            (own["x"].max(), y),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
            color=STATUS_GROUPS[item.status][1],
            fontweight="bold",
        )
    ax.set_yticks(list(rows.values()), list(table["name"]))
    ax.set_ylim(row, -1.2)
    ax.set_xlim(data["x"].min() - 1.2, data["x"].max() + 4.5)
    ax.set_xlabel("year of the event")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#E5E5E5")
    style.mark_paper(ax)
    ax.set_xticks(range(int(data["x"].min()) // 5 * 5 + 5, int(data["x"].max()) + 1, 5))
    deals = table[table["block"] == DEALS]
    realised, failed = deals[deals["status"].isin(asean.REALISED)], deals[deals["status"].isin(asean.FAILED)]
    n_statements = len(table) - len(deals)
    first, last = int(events["date"].str[:4].min()), int(events["date"].str[:4].max())
    style.finish(
        fig,
        evidence=evidence,
        source_ids=sorted(events["source_id"].unique()),
        title=(
            f"Of {len(table)} Southeast Asian projects, {len(deals)} are agreements or projects: {len(realised)} "
            f"entered into force and {len(failed)} stalled or were cancelled; the other {n_statements} are "
            f"summits and declarations"
        ),
        subtitle=(
            f"Each project in the events table, one mark per dated event, coloured by the status it set (grey: "
            f"announced or signed; green: in force or implemented; purple: stalled or cancelled), "
            f"{text.year_span(first, last)}"
        ),
    )
    fig.subplots_adjust(left=0.29)
    _ticks_inside(ax)
    description = description or (
        f"Timeline of {len(table)} projects in two blocks. Of the {len(deals)} agreements and projects, "
        f"{len(realised)} entered into force ({_names(realised['name'])}), {len(failed)} stalled or were cancelled "
        f"({_names(failed['name'])}) and {len(deals) - len(realised) - len(failed)} are still only announced or "
        f"signed. The {n_statements} summits, declarations and plans of action are statements: the data record "
        f"them as held, adopted or reviewed, never as carried out."
    )
    out = data.rename(columns={"source_id": "sources"})[["name", "block", "date", "x", "status", "latest", "sources"]]
    return Chart(fig, description, out.reset_index(drop=True))


def trade_shares(
    evidence: Evidence, rule: asean.FollowThroughRule | None = None, *, description: str | None = None
) -> Chart:
    """Russia's and China's share of the members' trade (their IMF reports), with the latest
    published share of Russia (ASEAN's total, another basis) as a separate, labelled mark.

    Data: one row per plotted point (year, partner, share, basis, sources)."""
    rule = rule or asean.FollowThroughRule()
    shares = asean.trade_shares(evidence, rule.countries, rule.min_coverage)
    published = asean.published_shares(evidence, rule.published_sources)
    published = published[published["year"] > shares["year"].max()]
    years = range(int(shares["year"].min()), int(shares["year"].max()) + 1)
    plot = shares.set_index("year").reindex(years)  # a dropped year leaves a gap, not a bridge
    first, last = shares.iloc[0], shares.iloc[-1]
    y0, y1 = int(first["year"]), int(last["year"])
    peak = shares.loc[shares["share_RUS"].astype(float).idxmax()]
    fig, ax = plt.subplots(figsize=(8, 5))
    for code, name, digits in (("CHN", "China", 1), ("RUS", "Russia", 2)):
        ax.plot(plot.index, plot[f"share_{code}"], color=style.colour(code), linewidth=2.2)
        style.label_line(ax, 2007, shares.set_index("year").loc[2007, f"share_{code}"], name, code, ha="right")
        ax.annotate(
            text.pct(last[f"share_{code}"], digits=digits),
            (y1, last[f"share_{code}"]),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color=style.colour(code),
            fontweight="bold",
        )
    for point in published.itertuples():
        ax.scatter(point.year, point.share_RUS, color=style.colour("RUS"), marker="D", s=40, zorder=3)
        ax.annotate(
            f"{text.pct(point.share_RUS, digits=2)}\n(published\ntotals)",
            (point.year, point.share_RUS),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=style.colour("RUS"),
        )
    end = int(published["year"].max()) if len(published) else y1
    ax.set_xlim(y0 - 0.5, end + 1.8)
    ax.set_ylabel("% of the members' trade")
    ax.set_ylim(0, None)
    style.mark_paper(ax)
    _ticks_inside(ax)
    extra = (
        ""
        if published.empty
        else (f"; diamond: Russia's trade with ASEAN over ASEAN's total trade as published, {_years(published)}")
    )
    late = (
        ""
        if published.empty
        else (
            f"; on published totals (another basis) it was "
            f"{text.pct(published['share_RUS'].iloc[-1], digits=2)} in "
            f"{int(published['year'].iloc[-1])}"
        )
    )
    style.finish(
        fig,
        evidence=evidence,
        source_ids=indicators.merge_sources("imf-dots", published["sources"]),
        title=(
            f"China's share of ASEAN members' trade rose from {text.pct(first['share_CHN'])} in {y0} to "
            f"{text.pct(last['share_CHN'])} in {y1}; Russia's peaked at {text.pct(peak['share_RUS'], digits=2)} "
            f"in {int(peak['year'])} and was {text.pct(last['share_RUS'], digits=2)} in {y1}{late}"
        ),
        subtitle=(
            f"Russia's and China's share of the ten members' combined merchandise trade (exports + imports), "
            f"percent, {text.year_span(y0, y1)}, as the members report it to the IMF{extra}"
        ),
    )
    description = description or (
        f"Two lines, {text.year_span(y0, y1)}. China's share of the ASEAN members' trade climbs from "
        f"{text.pct(first['share_CHN'])} to {text.pct(last['share_CHN'])}; Russia's stays near the floor, peaking at "
        f"{text.pct(peak['share_RUS'], digits=2)} in {int(peak['year'])} and ending at "
        f"{text.pct(last['share_RUS'], digits=2)} in {y1}{late}. In {y1} China's share was "
        f"{text.ratio(last['share_CHN'] / last['share_RUS'], digits=0)} Russia's."
    )
    rows = [
        {
            "year": int(r.year),
            "partner": code,
            "share": float(getattr(r, f"share_{code}")),
            "basis": "members' reports to the IMF",
            "sources": r.sources,
        }
        for code in ("CHN", "RUS")
        for r in shares.itertuples()
    ]
    rows += [
        {
            "year": int(r.year),
            "partner": "RUS",
            "share": float(r.share_RUS),
            "basis": f"published totals ({r.side}'s figure for the trade with Russia)",
            "sources": r.sources,
        }
        for r in published.itertuples()
    ]
    data = pd.DataFrame(rows)
    data["sources"] = data["sources"].map(indicators.sources_text)
    return Chart(fig, description, data)


def _years(frame: pd.DataFrame) -> str:
    return text.join_words([str(int(y)) for y in frame["year"]])


def member_ranking(evidence: Evidence, *, description: str | None = None) -> Chart:
    """Russia's trade with each ASEAN member as Russia reports it, in the latest year with all
    ten members, one bar each, largest at the top. Data: one row per bar (member, year,
    value in US$ million, sources)."""
    codes = asean.member_codes(evidence)
    by_member = asean.bilateral_trade(evidence, ["RUS"], codes)
    counts = by_member.groupby("year")["partner"].nunique()
    year = int(counts[counts == len(codes)].index.max())
    bars = by_member[by_member["year"] == year].sort_values("value").reset_index(drop=True)
    bars["member"] = bars["partner"].map(evidence.entity_name)
    total, top = bars["value"].sum(), bars.iloc[-1]
    china = asean.bilateral_trade(evidence, ["CHN"], codes)
    china_total = china.loc[china["year"] == year, "value"].sum()
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.barh(bars["member"], bars["value"] / 1000, color=style.colour("RUS"), height=0.65)
    for row in bars.itertuples():
        ax.annotate(
            text.usd_million(row.value),
            (row.value / 1000, row.Index),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
        )
    ax.set_xlabel("US$ billion")
    ax.set_xlim(0, bars["value"].max() / 1000 * 1.18)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#E5E5E5")
    style.finish(
        fig,
        evidence=evidence,
        source_ids=["imf-dots"],
        title=(
            f"All {len(bars)} ASEAN members ranked: {top['member']} was Russia's largest trading partner in the "
            f"region in {year}, with {text.pct(100 * top['value'] / total, digits=0)} of Russia's "
            f"{text.usd_million(total)} of trade with the ten"
        ),
        subtitle=(
            f"Russia's merchandise trade (exports + imports) with each ASEAN member, US$ billion, {year}, "
            f"as Russia reports it to the IMF"
        ),
    )
    fig.subplots_adjust(left=0.22)
    _ticks_inside(ax)
    description = description or (
        f"{len(bars)} horizontal bars, largest at the top: "
        f"{text.join_words([f'{r.member} {text.usd_million(r.value)}' for r in bars.iloc[::-1].itertuples()])}. "
        f"Together {text.usd_million(total)}, against {text.usd_million(china_total)} for China's trade with the same "
        f"ten members in {year} as China reports it ({text.ratio(china_total / total, digits=0)} as much)."
    )
    data = bars.assign(year=year)[["member", "year", "value", "sources"]].rename(columns={"value": "US$ million"})
    data["sources"] = data["sources"].map(indicators.sources_text)
    return Chart(fig, description, data.iloc[::-1].reset_index(drop=True))


def vietnam_fta(
    evidence: Evidence, *, event_id: str = "eaeu-vietnam-fta-in-force", description: str | None = None
) -> Chart:
    """Trade between Vietnam and Russia as each side reports it to the IMF, with the free-trade
    agreement's entry into force marked. Data: one row per point (year, reporter, US$ million,
    sources)."""
    fta = evidence.events.set_index("event_id").loc[event_id]
    f = asean.vietnam_before_after(evidence, event_id)
    vnm, rus = f["vietnam"], f["russia"]
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(rus["year"], rus["value"] / 1000, color=style.colour("RUS"), linewidth=2.2)
    ax.plot(vnm["year"], vnm["value"] / 1000, color=style.colour("VNM"), linewidth=2.2)
    start = f["year"] - f["n_after"]
    style.label_line(
        ax, start, rus.set_index("year").loc[start, "value"] / 1000, "as Russia reports it", "RUS", ha="right"
    )
    ax.annotate(
        "as Vietnam\nreports it",
        (f["year"] + 1.4, vnm.set_index("year").loc[f["year"] + 1, "value"] / 1000 - 0.5),
        ha="left",
        va="top",
        color=style.colour("VNM"),
        fontsize=9,
        fontweight="bold",
    )
    x = decimal_year(fta["date"])
    ax.axvline(x, color=style.OKABE_ITO["bluish_green"], linestyle=":", linewidth=1.5)
    ax.annotate(
        f"EAEU-Vietnam FTA\nin force ({fta['date']})",
        xy=(x, 0.08),
        xycoords=("data", "axes fraction"),
        xytext=(-4, 0),
        textcoords="offset points",
        ha="right",
        fontsize=8,
        color=style.OKABE_ITO["bluish_green"],
    )
    ax.set_ylabel("US$ billion")
    ax.set_ylim(0, None)
    style.mark_paper(ax)
    _ticks_inside(ax)
    style.finish(
        fig,
        evidence=evidence,
        source_ids=["imf-dots", fta["source_id"]],
        title=(
            f"As Vietnam reports it, its trade with Russia {'grew' if f['vnm_after'] >= 0 else 'shrank'} "
            f"{text.pct(abs(f['vnm_after']))} a year in the {f['n_after']} years after the free-trade agreement "
            f"took effect, against {text.pct_change(f['vnm_before'])} a year in the {f['n_after']} years before; "
            f"as Russia reports it, {text.pct_change(f['rus_after'])} against {text.pct_change(f['rus_before'])}"
        ),
        subtitle=(
            f"Merchandise trade between Vietnam and Russia (exports + imports), US$ billion, "
            f"{text.year_span(int(vnm['year'].min()), int(vnm['year'].max()))}, as each side reports it"
        ),
    )
    description = description or (
        f"Two lines for the same trade, as Russia and as Vietnam report it, with a dotted line at the agreement's "
        f"entry into force. On Vietnam's figures trade went from "
        f"{text.usd_million(vnm.set_index('year').loc[f['year'], 'value'])} in {f['year']} to "
        f"{text.usd_million(vnm['value'].iloc[-1])} in {int(vnm['year'].iloc[-1])} ({text.pct_change(f['vnm_after'])} "
        f"a year, against {text.pct_change(f['vnm_before'])} a year before); on Russia's, "
        f"{text.pct_change(f['rus_after'])} a year after against {text.pct_change(f['rus_before'])} before."
    )
    data = pd.concat([vnm.assign(reporter="Vietnam"), rus.assign(reporter="Russia")])
    data = data[["year", "reporter", "value", "sources"]].rename(columns={"value": "US$ million"})
    data["sources"] = data["sources"].map(indicators.sources_text)
    return Chart(fig, description, data.reset_index(drop=True))
