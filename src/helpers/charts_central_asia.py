"""Charts of the Central Asia notebook: one small-multiples chart of the five states, and remittances.

The notebook looks at the five states three ways (the test's share gap, the two records side by
side, each power's trade in dollars). All three are :func:`state_panels`, one panel per state,
fed a long table of the points to plot; the functions below it only choose those points.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import central_asia_tables, indicators, paper, style, text
from .chart_output import Chart
from .chart_parts import finished, hollow_key, hollow_points, year_steps
from .claims import central_asia
from .claims.central_asia import CA5, CentralAsiaRule

#: How a series is drawn: "area" (filled to zero, China's colour above, Russia's below),
#: "line" (solid), "dashed" (dashed with small dots) and "hollow" (open markers, no line).
KINDS = ("area", "line", "dashed", "hollow")
#: The columns of the long table :func:`state_panels` draws.
COLUMNS = ("panel", "series", "kind", "colour", "year", "value", "transit", "sources")
#: States whose trade China records partly as goods in transit: China's customs count goods as
#: exports to the first country they enter, and Kyrgyzstan's bazaars (and, after 2022, the
#: re-routing to Russia) pass much of what China sends it on to third countries.
TRANSIT_STATES = ("KGZ",)
#: The published CAS-01 rule, the default of every chart that reads the rule.
PUBLISHED = CentralAsiaRule()
POWER_NAMES = {"CHN": "China", "RUS": "Russia"}
TRANSIT_LABEL = "China's records inflated\nby transit (Kyrgyzstan)"


def _points(
    panel: str, series: str, kind: str, colour: str, frame: pd.DataFrame, column: str, transit: bool = False
) -> pd.DataFrame:
    """One series of a panel as rows of the long table (rows with no value dropped)."""
    frame = frame.dropna(subset=[column])
    return pd.DataFrame(
        {
            "panel": panel,
            "series": series,
            "kind": kind,
            "colour": colour,
            "year": frame["year"].astype(int).to_numpy(),
            "value": frame[column].astype(float).to_numpy(),
            "transit": transit,
            "sources": [indicators.sources_text(s) for s in frame["sources"]],
        },
        columns=list(COLUMNS),
    )


def _unbroken(rows: pd.DataFrame):
    """Years and values with NaN in missing years, so a line breaks at a gap instead of bridging it."""
    values = rows.set_index("year")["value"]
    values = values.reindex(range(int(values.index.min()), int(values.index.max()) + 1))
    return values.index.to_numpy(dtype=float), values.to_numpy(dtype=float)


def _draw(ax: plt.Axes, rows: pd.DataFrame) -> None:
    kind, colour = rows["kind"].iloc[0], rows["colour"].iloc[0]
    years, values = _unbroken(rows)
    if kind == "area":
        for where, code in ((values > 0, "CHN"), (values < 0, "RUS")):
            ax.fill_between(
                years, 0, values, where=where, color=style.colour(code), alpha=0.5, interpolate=True, linewidth=0
            )
        # a year with no neighbour would fill no area: draw it as a bar of one year instead
        padded = [float("nan"), *values, float("nan")]
        for i, (year, value) in enumerate(zip(years, values)):
            if value == value and padded[i] != padded[i] and padded[i + 2] != padded[i + 2]:
                ax.bar(
                    year, value, width=0.8, color=style.colour("CHN" if value > 0 else "RUS"), alpha=0.5, linewidth=0
                )
    elif kind == "line":
        ax.plot(years, values, color=colour, linewidth=1.6)
    elif kind == "dashed":
        ax.plot(years, values, color=colour, linewidth=1.5, linestyle="--", marker="o", markersize=3.5)
    else:
        hollow_points(ax, rows["year"].astype(float), rows["value"], colour)
    marked = rows[rows["transit"]]
    if not marked.empty:
        ax.plot(marked["year"].astype(float), marked["value"], "x", markersize=4, color="#000000", markeredgewidth=1.1)


def _handles(data: pd.DataFrame) -> list:
    handles = []
    for (series, kind, colour), _rows in data.groupby(["series", "kind", "colour"], sort=False):
        if kind == "area":
            handles += [
                Patch(color=style.colour(c), alpha=0.5, label=f"{POWER_NAMES[c]} ahead, {series}") for c in POWER_NAMES
            ]
        elif kind == "hollow":
            handles.append(hollow_key(colour, series))
        else:
            handles.append(
                Line2D([], [], color=colour, linewidth=1.6, linestyle="--" if kind == "dashed" else "-", label=series)
            )
    if data["transit"].any():
        handles.append(Line2D([], [], linestyle="none", marker="x", color="#000000", label=TRANSIT_LABEL))
    return handles


def state_panels(
    data: pd.DataFrame,
    *,
    names: dict[str, str],
    ylabel: str,
    title: str,
    subtitle: str,
    description: str,
    evidence,
    share_y: bool = True,
    ylim: tuple[float, float] | None = None,
    zero_line: bool = True,
) -> Chart:
    """Small multiples on a 2 x 3 grid: one panel per ``panel`` code of ``data``, in its order.

    ``data`` has the columns of :data:`COLUMNS`, one row per plotted point. ``share_y`` puts
    every panel on one scale; without it each panel has its own, and the subtitle must say so
    (checked). Points with ``transit`` set are marked with a cross. A spare sixth cell holds the
    legend; with six panels the legend goes above them.
    """
    missing = set(COLUMNS) - set(data.columns)
    if missing:
        raise ValueError(f"state_panels: the data lack the columns {', '.join(sorted(missing))}")
    if set(data["kind"]) - set(KINDS):
        raise ValueError(f"state_panels: unknown kind(s) {sorted(set(data['kind']) - set(KINDS))}; use {KINDS}")
    if not share_y and "own scale" not in subtitle:
        raise ValueError("state_panels: panels on their own scales need the words 'own scale' in the subtitle")
    panels = list(dict.fromkeys(data["panel"]))
    if not 1 <= len(panels) <= 6:
        raise ValueError(f"state_panels: 1 to 6 panels fit the grid, got {len(panels)}")
    first, last = int(data["year"].min()), int(data["year"].max())
    fig, axes = plt.subplots(2, 3, figsize=(8, 5.2), sharex=True, sharey=share_y)
    for index, (ax, panel) in enumerate(zip(axes.flat, panels)):
        for _key, rows in data[data["panel"] == panel].groupby(["series", "kind"], sort=False):
            _draw(ax, rows)
        if zero_line:
            ax.axhline(0, color="#333333", linewidth=0.8)
        if ylim is not None:
            ax.set_ylim(*ylim)  # either end may be None (matplotlib keeps its own limit there)
        if index == 0 and not share_y:  # headroom for the paper's label
            ax.set_ylim(top=ax.get_ylim()[1] * 1.25)
        ax.set_title(names.get(panel, panel), fontsize=10, loc="left")
        style.mark_paper(ax, label="Blank (2017)" if index == 0 else "")
        ax.set_xlim(first - 1, last + 1)
        year_steps(ax, first, last, 10)
        if index % 3 == 0:
            ax.set_ylabel(ylabel)
    if len(panels) < 6:
        key = axes.flat[5]
        key.axis("off")
        key.legend(handles=_handles(data), loc="center left", fontsize=8, frameon=False)
        axes.flat[2].tick_params(axis="x", labelbottom=True)
    style.finish(
        fig,
        title=title,
        subtitle=subtitle,
        evidence=evidence,
        source_ids=indicators.sources_from_text(data["sources"]),
    )
    top = fig.subplotpars.top
    if len(panels) == 6:
        fig.legend(
            handles=_handles(data), loc="upper left", bbox_to_anchor=(0.01, top), ncol=3, fontsize=8, frameon=False
        )
    fig.subplots_adjust(top=top - (0.05 if len(panels) < 6 else 0.14), hspace=0.45)  # room for panel titles
    return finished(fig, description, data.reset_index(drop=True))  # the legend placed before the checklist


# -- the three views of the five states -----------------------------------------------------


def share_gap_panels(evidence, rule: CentralAsiaRule = PUBLISHED) -> Chart:
    """The test's own metric on the reporter side: China's minus Russia's share of each state's trade.

    Area: the ``rule.window``-year average the test reads; grey line: single IMF years; hollow
    dots: single years from the states' own published figures.
    """
    names = {s: evidence.entity_name(s) for s in rule.states}
    parts, last = [], {}
    for state in rule.states:
        gap = central_asia.share_gap(evidence, state, "reporter", rule)
        dots = indicators.only_from(gap["sources"], "imf-dots")
        parts += [
            _points(state, f"{rule.window}-year average", "area", "", gap, "gap_avg"),
            _points(state, "single years (IMF)", "line", style.GREY, gap[dots], "gap"),
            _points(state, "single years, national statistics", "hollow", "#333333", gap[~dots], "gap"),
        ]
        averaged = gap.dropna(subset=["gap_avg"])
        last[state] = (int(averaged["year"].iloc[-1]), float(averaged["gap_avg"].iloc[-1]))
    data = pd.concat(parts, ignore_index=True)
    ahead = [s for s in rule.states if last[s][1] > 0]
    ends = [y for y, _ in last.values()]
    window = (
        f"the {rule.window} years to {ends[0]}"
        if min(ends) == max(ends)
        else f"each state's latest {rule.window} years (ending {text.year_span(min(ends), max(ends))})"
    )
    period = text.year_span(int(data["year"].min()), int(data["year"].max()))
    ahead_names = text.join_words([names[s] for s in ahead]) or "none of them"
    return state_panels(
        data,
        names=names,
        ylabel="pp",
        evidence=evidence,
        title=(
            f"By their own statistics, {len(ahead)} of {len(rule.states)} Central Asian states traded more "
            f"with China than with Russia in {window}: {ahead_names}"
        ),
        subtitle=(
            f"China's minus Russia's share of each state's merchandise trade (exports + imports), "
            f"percentage points, {period}, as each state reports it; one scale for all panels"
        ),
        description=(
            f"Five small panels, one per state, {period}. Averaged over {window}, China's share minus "
            f"Russia's was "
            + text.join_words([f"{text.pp(last[s][1])} in {names[s]} ({last[s][0]})" for s in rule.states])
            + f". Only {ahead_names} lean to China on the states' own figures."
        ),
    )


def records_panels(evidence, rule: CentralAsiaRule = PUBLISHED) -> Chart:
    """China's minus Russia's share of each state's trade with the two, on both records.

    Area: the state's own record; black line: China's and Russia's records (both averaged over
    ``rule.window`` years). China's records of the states in :data:`TRANSIT_STATES` are marked.
    The headline compares the latest window that every state has on both sides.
    """
    names = {s: evidence.entity_name(s) for s in rule.states}
    two = {
        (s, side): central_asia.china_of_two(evidence, s, side, rule).dropna(subset=["lead_avg"])
        for s in rule.states
        for side in ("reporter", "partner")
    }
    end = min(int(t["year"].max()) for t in two.values())
    parts = []
    for state in rule.states:
        parts += [
            _points(state, "state's record", "area", "", two[(state, "reporter")], "lead_avg"),
            _points(
                state,
                "China's and Russia's records",
                "line",
                "#000000",
                two[(state, "partner")],
                "lead_avg",
                transit=state in TRANSIT_STATES,
            ),
        ]
    data = pd.concat(parts, ignore_index=True)
    at_end = data[data["year"] == end].set_index(["panel", "kind"])["value"]
    n_rep = sum(at_end[(s, "area")] > 0 for s in rule.states)
    n_par = sum(at_end[(s, "line")] > 0 for s in rule.states)
    widest = max(rule.states, key=lambda s: at_end[(s, "line")] - at_end[(s, "area")])
    n_further = sum(at_end[(s, "line")] > at_end[(s, "area")] for s in rule.states)
    further = "every state" if n_further == len(rule.states) else f"{n_further} of {len(rule.states)} states"
    span = text.year_span(end - rule.window + 1, end)
    period = text.year_span(int(data["year"].min()), int(data["year"].max()))
    return state_panels(
        data,
        names=names,
        ylabel="pp",
        evidence=evidence,
        ylim=(-100, 100),
        title=(
            f"Who leads depends on whose statistics: in {span} China led in {n_rep} of {len(rule.states)} "
            f"states by their own records, in {n_par} of {len(rule.states)} by China's and Russia's"
        ),
        subtitle=(
            f"China's minus Russia's share of each state's trade with the two combined, percentage points, "
            f"{rule.window}-year averages, {period}; one scale for all panels"
        ),
        description=(
            f"Five small panels, one per state, {period}. In {span}, China's minus Russia's share of the "
            f"state's trade with the two was, on the state's own records and on China's and Russia's: "
            + text.join_words(
                [f"{names[s]} {text.pp(at_end[(s, 'area')])} and {text.pp(at_end[(s, 'line')])}" for s in rule.states]
            )
            + f". The partner records put China further ahead in {further}, most of all in {names[widest]}; "
            f"China's records of {text.join_words([names[s] for s in TRANSIT_STATES])} are marked as "
            f"inflated by goods in transit."
        ),
    )


def partner_usd_panels(evidence, states: tuple[str, ...] = CA5) -> Chart:
    """China's and Russia's own records of their trade with each state and the five together, US$ bn.

    To the IMF's last year a solid line; after it China's customs turnovers (dashed) and Russian
    officials' statements (hollow). China's records of :data:`TRANSIT_STATES` are marked.
    Each panel has its own scale (Kazakhstan's trade is ten times Tajikistan's).
    """
    panels = (*states, "CA5")
    names = {**{s: evidence.entity_name(s) for s in states}, "CA5": "Central Asia (five states)"}
    parts = []
    for state in panels:
        for power, later_kind in (("CHN", "dashed"), ("RUS", "hollow")):
            dots, later = central_asia_tables.partner_usd(evidence, state, power)
            transit = power == "CHN" and state in TRANSIT_STATES
            label = POWER_NAMES[power]
            parts += [
                _points(state, f"{label}, IMF", "line", style.colour(power), dots, "value", transit),
                _points(state, f"{label}, published later", later_kind, style.colour(power), later, "value", transit),
            ]
    data = pd.concat(parts, ignore_index=True)
    dots_ca = data[(data["panel"] == "CA5") & (data["kind"] == "line")].pivot(
        index="year", columns="series", values="value"
    )
    dots_ca = dots_ca.dropna()
    common = int(dots_ca.index.max())
    china, russia = (dots_ca.loc[common, f"{POWER_NAMES[p]}, IMF"] for p in ("CHN", "RUS"))
    last = data[(data["panel"] == "CA5") & (data["kind"] == "dashed")].iloc[-1]
    ratios = {}
    for s in states:
        at = data[(data["panel"] == s) & (data["kind"] == "line") & (data["year"] == common)]
        values = at.set_index("series")["value"]
        ratios[s] = values["China, IMF"] / values["Russia, IMF"]
    period = text.year_span(int(data["year"].min()), int(last["year"]))
    return state_panels(
        data,
        names=names,
        ylabel="US$ billion",
        evidence=evidence,
        share_y=False,
        zero_line=False,
        ylim=(0, None),
        title=(
            f"China's customs recorded {text.ratio(china / russia)} as much trade with Central Asia as "
            f"Russia's in {common}; by {int(last['year'])} China's figure reached "
            f"{text.usd_million(last['value'] * 1000)}"
        ),
        subtitle=(
            f"Merchandise trade (exports + imports) with each state as China and Russia report it, US$ billion, "
            f"{period}; to {common} IMF DOTS, later years as published. Each panel has its own scale"
        ),
        description=(
            f"Six small line charts, {period}, one per state and one for the five together, each with "
            f"China's reported trade (vermillion) and Russia's (blue), each panel on its own scale. In "
            f"{common} China's figure was "
            + text.join_words([f"{text.ratio(v)} Russia's for {names[s]}" for s, v in ratios.items()])
            + f". China's line keeps rising after {common}, to {text.usd_million(last['value'] * 1000)} with "
            f"the five states in {int(last['year'])}; Russia's own figures mostly stop in {common}. China's "
            f"records of Kyrgyzstan, crossed, include goods that pass through it to other countries."
        ),
    )


def remittances(evidence, states: tuple[str, str] = ("TJK", "KGZ")) -> Chart:
    """Personal remittances received as a share of GDP (World Bank), one line for each of two states."""
    if len(states) != 2:
        raise ValueError(f"remittances: the chart compares two states, got {len(states)}")
    names = {s: evidence.entity_name(s) for s in states}
    rem = {s: central_asia.remittances_share_of_gdp(evidence, s) for s in states}
    at = {s: r.set_index("year")["pct"] for s, r in rem.items()}
    last = int(min(r["year"].max() for r in rem.values()))
    first = int(min(r["year"].min() for r in rem.values()))
    before = paper.last_full_year_known(paper.DATE)
    a, b = states
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for state, r in rem.items():
        ax.plot(r["year"].astype(float), r["pct"], color=style.colour(state), linewidth=2.2)
    peak_a, peak_b = int(at[a].idxmax()), int(at[b].idxmax())
    style.label_line(ax, peak_a, at[a].loc[peak_a], names[a], a, ha="center")
    style.label_line(ax, last, at[b].loc[last], names[b], b, above=False, ha="right")
    ax.set_ylabel("% of GDP")
    ax.set_ylim(0, None)
    style.mark_paper(ax)
    ax.set_xlim(first - 1, last + 1)
    year_steps(ax, first, last, 5)
    data = pd.concat([r.assign(state=s) for s, r in rem.items()], ignore_index=True)
    data = data.assign(year=data["year"].astype(int), sources=[indicators.sources_text(s) for s in data["sources"]])
    style.finish(
        fig,
        title=(
            f"Remittances were worth {text.pct(at[a].loc[last])} of {names[a]}'s GDP and "
            f"{text.pct(at[b].loc[last])} of {names[b]}'s in {last} "
            f"({text.pct(at[a].loc[before])} and {text.pct(at[b].loc[before])} in {before})"
        ),
        subtitle=(
            f"Personal remittances received as a share of GDP, percent, {text.year_span(first, last)}; "
            f"all sending countries"
        ),
        evidence=evidence,
        source_ids=indicators.sources_from_text(data["sources"]),
    )
    description = (
        f"Two lines. {names[a]}'s remittances peaked at {text.pct(at[a].loc[peak_a])} of GDP in {peak_a}; "
        f"{names[b]}'s reached {text.pct(at[b].loc[peak_b])} in {peak_b}. In {last} they stood at "
        f"{text.pct(at[a].loc[last])} and {text.pct(at[b].loc[last])} of GDP: both economies depend on money "
        f"earned abroad, much of it in Russia, on a scale that trade shares do not show."
    )
    return Chart(fig, description, data[["state", "year", "remittances", "gdp", "pct", "sources"]])
