"""Charts of the Russia-China notebook, the economy's side: GDP, growth by period, fuels in Russia's
exports to China, pipeline gas and military effort (trade shares and their ratio are in
:mod:`helpers.charts_russia_china`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import style, text
from .chart_output import Chart
from .charts_russia_china import CHN, NOTE_GREY, RUS, hollow, mark_paper
from .claims import russia_china as rc
from .data import Evidence


def gdp_multiple(evidence: Evidence) -> Chart:
    """China's GDP as a multiple of Russia's (current US$, World Bank), with its first, last,
    smallest and largest points labelled."""
    gdp = rc.gdp_multiple(evidence, "CHN", "RUS")
    g_first, g_last = gdp.iloc[0], gdp.iloc[-1]
    g_min, g_max = gdp.loc[gdp["multiple"].idxmin()], gdp.loc[gdp["multiple"].idxmax()]
    estimates = [str(int(y)) for y in gdp.loc[gdp["note"].notna(), "year"]]
    fig, ax = plt.subplots()
    ax.plot(gdp["year"], gdp["multiple"], color=CHN, linewidth=2.2)
    for row, above, ha in (
        (g_first, True, "left"),
        (g_min, False, "center"),
        (g_max, True, "center"),
        (g_last, False, "right"),
    ):
        ax.plot([row["year"]], [row["multiple"]], marker="o", color=CHN, markersize=5)
        style.label_line(
            ax,
            row["year"],
            row["multiple"],
            f"{text.ratio(row['multiple'])} ({int(row['year'])})",
            "CHN",
            above=above,
            ha=ha,
        )
    ax.set_ylabel("China's GDP ÷ Russia's GDP")
    ax.set_ylim(0, g_max["multiple"] * 1.2)
    mark_paper(ax)
    span = text.year_span(int(g_first["year"]), int(g_last["year"]))
    style.finish(
        fig,
        title=(
            f"China's GDP was {text.ratio(g_last['multiple'])} Russia's in {int(g_last['year'])}: "
            f"{text.ratio(g_min['multiple'])} at the closest ({int(g_min['year'])}), "
            f"{text.ratio(g_max['multiple'])} at the widest ({int(g_max['year'])})"
        ),
        subtitle=(
            f"China's GDP ÷ Russia's, current US$ at market exchange rates, {span}"
            + (f" ({text.join_words(estimates)}: first estimate)" if estimates else "")
        ),
        evidence=evidence,
        source_ids=["wb-wdi-gdp"],
    )
    data = gdp.assign(
        measure="China's GDP ÷ Russia's GDP", basis="current US$", value=gdp["multiple"], sources="wb-wdi-gdp"
    )[["measure", "basis", "year", "value", "sources"]]
    description = (
        f"One line, {span}: China's GDP as a multiple of Russia's goes from {text.ratio(g_first['multiple'])} "
        f"to {text.ratio(g_min['multiple'])} in {int(g_min['year'])}, widens to {text.ratio(g_max['multiple'])} "
        f"in {int(g_max['year'])}, then narrows to {text.ratio(g_last['multiple'])} in {int(g_last['year'])}. "
        "The gap is large but has not widened steadily."
    )
    return Chart(fig, description, data.reset_index(drop=True))


def growth_by_period(
    evidence: Evidence, periods, codes: tuple[str, str] = ("RUS", "CHN"), names: tuple[str, str] = ("Russia", "China")
) -> Chart:
    """Paired bars of average real GDP growth per period
    (:func:`helpers.claims.russia_china.growth_by_period`), each bar labelled; the first period is
    the boom, the second a crash year, the rest the years after it."""
    table = rc.growth_by_period(evidence, codes, periods)
    last_year = int(table["last"].iloc[-1])
    notes = evidence.series("gdp_growth", entity=codes[0])
    estimate = notes.loc[notes["year"] == last_year, "note"].notna().any()
    fig, ax = plt.subplots()
    xs, width = range(len(table)), 0.38
    for offset, code, name in ((-width / 2, codes[0], names[0]), (width / 2, codes[1], names[1])):
        bars = ax.bar([x + offset for x in xs], table[code], width, color=style.colour(code), label=name)
        ax.bar_label(bars, labels=[text.pct(v) for v in table[code]], padding=2, fontsize=9)
    ax.set_xticks(list(xs), list(table["period"]))
    ax.axhline(0, color=NOTE_GREY, linewidth=0.8)
    values = pd.concat([table[codes[0]], table[codes[1]]])
    ax.set_ylim(min(0.0, values.min() * 1.25), values.max() * 1.25)
    ax.set_ylabel("average real GDP growth, % a year")
    ax.legend(loc="upper right")
    boom, crash, after = table.iloc[0], table.iloc[1], table.iloc[2:]
    style.finish(
        fig,
        title=(
            f"{names[0]}'s growth fell from {text.pct(boom[codes[0]])} a year in {boom['period']} to "
            f"{text.join_words([text.pct(v) for v in after[codes[0]]])} after the {crash['period']} "
            f"crash ({text.pct_change(crash[codes[0]])}); {names[1]}'s stayed above "
            f"{text.pct(table[codes[1]].min(), digits=0)}"
        ),
        subtitle=(
            "Average annual real GDP growth (compounded), %, by period, "
            f"{text.year_span(int(table['first'].iloc[0]), last_year)}"
            + (f"; {last_year}: first estimate" if estimate else "")
        ),
        evidence=evidence,
        source_ids=["wb-wdi-gdp-growth"],
    )
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "measure": f"{name}: average real GDP growth, % a year",
                    "period": table["period"],
                    "first": table["first"],
                    "last": table["last"],
                    "value": table[code],
                    "sources": "wb-wdi-gdp-growth",
                }
            )
            for code, name in zip(codes, names)
        ],
        ignore_index=True,
    )
    description = (
        f"Paired bars for {text.join_words(list(table['period']))}. {names[0]}'s average real growth: "
        f"{text.join_words([text.pct(v) for v in table[codes[0]]])}; {names[1]}'s: "
        f"{text.join_words([text.pct(v) for v in table[codes[1]]])}. {names[0]}'s growth never returned to "
        "the pace of the boom years, even leaving the crash year aside."
    )
    return Chart(fig, description, data)


def fuel_composition(evidence: Evidence, rule: rc.AppendageRule) -> Chart:
    """Mineral fuels as a share of Russia's exports: to the world (World Bank, a line) and to
    China (the published points, each with its own product definition), with the RCH-02 threshold."""
    fuel_chn = evidence.series(rc.FUEL_TO_PARTNER, entity="RUS", counterpart="CHN")
    fuel_all = evidence.series("fuel_exports_share", entity="RUS")
    pairs = fuel_chn.merge(fuel_all[["year", "value"]], on="year", suffixes=("_chn", "_all"))
    world_at = fuel_all.set_index("year")["value"]
    fig, ax = plt.subplots()
    ax.plot(fuel_all["year"], fuel_all["value"], color=RUS, linewidth=2.2)
    ax.plot(fuel_chn["year"], fuel_chn["value"], linestyle="none", marker="D", markersize=8, color=CHN)
    for row in fuel_chn.itertuples():
        if row.value > world_at.get(row.year, 100):  # room above the point
            style.label_line(ax, row.year, row.value, f"to China: {text.pct(row.value)}", "CHN", ha="center")
        else:  # the world line is just above: label below and to the right
            ax.annotate(
                f"to China: {text.pct(row.value)}",
                (row.year, row.value),
                xytext=(9, -3),
                textcoords="offset points",
                ha="left",
                va="top",
                color=CHN,
                fontsize=9,
                fontweight="bold",
            )
    style.label_line(ax, int(fuel_all["year"].iloc[0]), fuel_all["value"].iloc[0], "to the world", "RUS", above=False)
    ax.axhline(rule.appendage_share, color=style.GREY, linestyle=":", linewidth=1.2)
    ax.annotate(
        f"test threshold {text.pct(rule.appendage_share, digits=0)}",
        (2011, rule.appendage_share),
        xytext=(0, -12),
        textcoords="offset points",
        fontsize=8,
        color=NOTE_GREY,
        ha="center",
    )
    ax.set_ylabel("fuels, % of exports")
    ax.set_ylim(0, 100)
    ax.set_xlim(int(fuel_all["year"].min()) - 0.5, int(fuel_all["year"].max()) + 1)
    mark_paper(ax)
    old, new = pairs.iloc[0], pairs.iloc[-1]
    span = text.year_span(int(fuel_all["year"].min()), int(fuel_all["year"].max()))
    style.finish(
        fig,
        title=(
            f"Fuels were {text.pct(new['value_chn'], digits=0)} of Russia's exports to China in "
            f"{int(new['year'])}, {text.pct(new['value_all'], digits=0)} of all its exports; in "
            f"{int(old['year'])}: {text.pct(old['value_chn'], digits=0)} and "
            f"{text.pct(old['value_all'], digits=0)}"
        ),
        subtitle=(
            f"Mineral fuels, % of Russia's exports: to China "
            f"({text.join_words([str(int(y)) for y in fuel_chn['year']])}, definitions differ), "
            f"to the world ({span})"
        ),
        evidence=evidence,
        source_ids=["macro-wb-wdi-fuel-exports", *fuel_chn["source_id"]],
    )
    data = pd.concat(
        [
            fuel_all.assign(measure="fuels, % of Russia's exports to the world", sources="macro-wb-wdi-fuel-exports"),
            fuel_chn.assign(measure="fuels, % of Russia's exports to China", sources=fuel_chn["source_id"]),
        ],
        ignore_index=True,
    )[["measure", "year", "value", "sources"]]
    data["year"] = data["year"].astype(int)
    description = (
        f"A line for fuels in all Russian exports, {span}, between {text.pct(fuel_all['value'].min())} and "
        f"{text.pct(fuel_all['value'].max())}, and {len(fuel_chn)} points for exports to China: "
        f"{text.join_words([f'{text.pct(r.value)} in {int(r.year)}' for r in fuel_chn.itertuples()])}. In "
        f"{int(old['year'])} exports to China were "
        f"{'less' if old['value_chn'] < old['value_all'] else 'more'} fuel-heavy than Russia's exports as a "
        f"whole; in {int(new['year'])} they were {'less' if new['value_chn'] < new['value_all'] else 'more'}."
    )
    return Chart(fig, description, data)


def pipeline_gas(evidence: Evidence, source_ids: list[str]) -> Chart:
    """Russian pipeline gas to China per year from one publisher (bars, ``source_ids``), with the
    Central Asia-China pipeline's published years as grey points (hollow: a lower bound)."""
    pos = (
        pd.concat(
            [
                evidence.series("pipeline_gas_exports_bcm", entity="RUS", counterpart="CHN", source_id=s)
                for s in source_ids
            ],
            ignore_index=True,
        )
        .sort_values("year")
        .reset_index(drop=True)
    )
    ca = evidence.series("pipeline_gas_exports_bcm", entity="CA5", counterpart="CHN")
    bound = ca["note"].fillna("").str.contains("LOWER BOUND")
    p_first, p_last = pos.iloc[0], pos.iloc[-1]
    fig, ax = plt.subplots()
    bars = ax.bar(pos["year"], pos["value"], color=RUS, width=0.7)
    ax.bar_label(bars, labels=[text.number(v, digits=1) for v in pos["value"]], padding=2, fontsize=9)
    ax.plot(
        ca.loc[~bound, "year"], ca.loc[~bound, "value"], linestyle="none", marker="o", markersize=8, color=style.GREY
    )
    hollow(ax, ca.loc[bound, "year"], ca.loc[bound, "value"], style.GREY)
    ax.annotate(
        "Central Asia\npipeline",
        (ca["year"].iloc[0], ca["value"].iloc[0]),
        xytext=(9, 0),
        textcoords="offset points",
        fontsize=8,
        color=NOTE_GREY,
        ha="left",
        va="center",
    )
    ax.annotate(
        "Power of Siberia",
        (p_first["year"] - 0.45, p_first["value"]),
        xytext=(-4, 0),
        textcoords="offset points",
        fontsize=9,
        fontweight="bold",
        color=RUS,
        ha="right",
        va="bottom",
    )
    ax.set_ylabel("billion cubic metres")
    ax.set_ylim(0, max(pos["value"].max(), ca["value"].max()) * 1.2)
    ax.set_xlim(int(ca["year"].min()) - 0.7, int(pos["year"].max()) + 0.7)
    mark_paper(ax)
    style.finish(
        fig,
        title=(
            f"Power of Siberia deliveries rose from {text.number(p_first['value'], digits=1)} bcm in "
            f"{int(p_first['year'])} to {text.number(p_last['value'], digits=1)} bcm in "
            f"{int(p_last['year'])}"
        ),
        subtitle=(
            f"Pipeline gas to China, bcm, {text.year_span(int(ca['year'].min()), int(pos['year'].max()))}: "
            "Russia (bars), Central Asia-China pipeline (points; hollow = lower bound)"
        ),
        evidence=evidence,
        source_ids=[*source_ids, *ca["source_id"]],
    )
    data = pd.concat(
        [
            pos.assign(measure="Russia: Power of Siberia", bound=""),
            ca.assign(measure="Central Asia-China pipeline", bound=bound.map({True: "lower bound", False: ""})),
        ],
        ignore_index=True,
    ).rename(columns={"source_id": "sources"})[["measure", "year", "value", "bound", "sources"]]
    data["year"] = data["year"].astype(int)
    over = pos[pos["value"] >= ca["value"].max()]
    description = (
        f"Bars for {text.year_span(int(p_first['year']), int(p_last['year']))}: Power of Siberia deliveries "
        f"{'grow every year' if pos['value'].is_monotonic_increasing else 'grow'}, from "
        f"{text.number(p_first['value'], digits=1)} to {text.number(p_last['value'], digits=1)} bcm. Grey "
        f"points show the Central Asia-China pipeline at "
        f"{text.join_words([text.number(v, digits=1) + ' bcm' for v in ca['value']])} in "
        f"{text.join_words([str(int(y)) for y in ca['year']])}"
        + (
            f"; Russian pipeline gas reached the largest Central Asian figure in {int(over['year'].iloc[0])}."
            if len(over)
            else "; Russian pipeline gas has not yet reached the largest Central Asian figure."
        )
    )
    return Chart(fig, description, data)


def military_effort(evidence: Evidence) -> Chart:
    """Military expenditure as a share of GDP, Russia and China (World Bank from SIPRI); the title
    adds the dollar amounts of the latest year, computed from these shares and current-dollar GDP."""
    spend = rc.military_spending(evidence, ("RUS", "CHN"))
    mil = spend.pivot(index="year", columns="entity", values="share_gdp")
    ml, m0 = int(mil.index.max()), int(mil.index.min())
    usd = spend[spend["year"] == ml].set_index("entity")["usd"]
    fig, ax = plt.subplots()
    for entity in ("RUS", "CHN"):
        ax.plot(mil.index, mil[entity], color=style.colour(entity), linewidth=2.2)
    style.label_line(ax, m0, mil.loc[m0, "RUS"], "Russia", "RUS")
    style.label_line(ax, m0, mil.loc[m0, "CHN"], "China", "CHN", above=False)
    ax.set_ylabel("military expenditure, % of GDP")
    ax.set_ylim(0, mil.max().max() * 1.15)
    mark_paper(ax)
    style.finish(
        fig,
        title=(
            f"Russia spent {text.pct(mil.loc[ml, 'RUS'])} of GDP on its military in {ml}, China "
            f"{text.pct(mil.loc[ml, 'CHN'])}; in dollars China still spent "
            f"{text.ratio(usd['CHN'] / usd['RUS'])} as much"
        ),
        subtitle=(
            f"Military expenditure, % of GDP, {text.year_span(m0, ml)} (World Bank from SIPRI); dollar "
            "amounts computed from these shares and GDP"
        ),
        evidence=evidence,
        source_ids=["macro-wb-wdi-military-expenditure", "wb-wdi-gdp"],
    )
    data = spend.assign(
        measure="military expenditure, % of GDP", value=spend["share_gdp"], sources="macro-wb-wdi-military-expenditure"
    )[["measure", "entity", "year", "value", "sources"]]
    description = (
        f"Two lines, {text.year_span(m0, ml)}: Russia's military spending was the higher share of GDP in "
        f"{int((mil['RUS'] > mil['CHN']).sum())} of {len(mil)} years ({text.pct(mil['RUS'].min())} to "
        f"{text.pct(mil['RUS'].max())}, against {text.pct(mil['CHN'].min())} to {text.pct(mil['CHN'].max())} "
        f"for China). In {ml} China's spending was {text.usd(usd['CHN'])} and Russia's {text.usd(usd['RUS'])}."
    )
    return Chart(fig, description, data.reset_index(drop=True))
