"""Charts of the Arctic notebook: who owns the LNG projects, NSR cargo against targets, NSR transit."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import style, text
from .chart_output import Chart
from .chart_parts import clip_ticks, finished, note, runs_text, whiskers, year_runs
from .claims.arctic import ArcticRule, position
from .data import Evidence


def ownership(
    evidence: Evidence, equity: pd.DataFrame, stakes: pd.DataFrame, *, description: str, rule: ArcticRule | None = None
) -> Chart:
    """Stacked bars, one per project: each Chinese buyer's stake, the rest in grey, the rule's lines.

    ``equity`` and ``stakes`` are :func:`helpers.claims.arctic.chinese_equity` (with ``rule``) and
    :func:`~helpers.claims.arctic.chinese_stakes` of ``evidence``.
    """
    rule = rule or ArcticRule()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    projects = list(equity["project"])
    ypos = {name: len(projects) - 1 - i for i, name in enumerate(projects)}
    height = 0.42
    for name, group in stakes.groupby("project", sort=False):
        left, y = 0.0, ypos[name]
        for i, row in enumerate(group.itertuples()):
            ax.barh(
                y,
                row.stake,
                left=left,
                height=height,
                color=style.colour("CHN"),
                edgecolor="white",
                linewidth=2,
                zorder=2,
            )
            centre = left + row.stake / 2
            ax.text(
                centre,
                y,
                text.pct(row.stake),
                ha="center",
                va="center",
                color="white",
                fontsize=9,
                fontweight="bold",
                zorder=4,
            )
            above = i % 2 == 0
            ax.text(
                centre,
                y + (height / 2 + 0.04) * (1 if above else -1),
                f"{row.buyer} ({row.year})",
                ha="center",
                va="bottom" if above else "top",
                color=style.colour("CHN"),
                fontsize=8.5,
                zorder=4,
                bbox=dict(facecolor="white", edgecolor="none", pad=1),
            )
            left += row.stake
        ax.barh(y, 100 - left, left=left, height=height, color=style.GREY, edgecolor="white", linewidth=2, zorder=2)
        ax.text(
            left + (100 - left) / 2,
            y,
            f"not Chinese: {text.pct(100 - left)}\n(Novatek and foreign partners)",
            ha="center",
            va="center",
            color="white",
            fontsize=8.5,
            zorder=4,
        )
    for share, label, side in (
        (rule.blocking_share, "blocking minority", "right"),
        (rule.control_share, "control", "left"),
    ):
        ax.axvline(share, color="#333333", linestyle="--", linewidth=1, zorder=1)
        words = f"{label} (>{text.pct(share, digits=0)})"
        note(
            ax,
            share,
            1,
            words,
            dx=-3 if side == "right" else 3,
            dy=-2,
            ha=side,
            va="top",
            size=8,
            colour="#333333",
            xycoords=("data", "axes fraction"),
        )
    labels = []
    for row in equity.itertuples():
        status = (
            f"Chinese participation {row.status} ({row.status_date})"
            if row.status in rule.retreat_statuses
            else f"status: {row.status}"
        )
        labels.append((ypos[row.project], f"{row.project}\n{status}"))
    ax.set_yticks([y for y, _ in labels], [label for _, label in labels], fontsize=9)
    ax.set_ylim(-0.75, len(projects) - 0.1)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the project's share capital")
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    in_control = equity[equity["chinese_total"] > rule.control_share]
    held = text.join_words(
        [
            f"{text.pct(r.chinese_total)} of {r.project} "
            f"({position(r.chinese_total, blocking=rule.blocking_share, control=rule.control_share)})"
            for r in equity.itertuples()
        ]
    )
    clip_ticks(fig)
    style.finish(
        fig,
        title=f"Chinese state buyers hold {held}; "
        + ("control of neither" if in_control.empty else f"control of {text.join_words(list(in_control['project']))}"),
        subtitle=(
            f"Stakes bought by Chinese state companies and funds, % of each project's share capital, "
            f"{text.year_span(stakes['year'].min(), stakes['year'].max())}; grey is the rest, whose owners "
            f"are not in the dataset"
        ),
        evidence=evidence,
        source_ids=list(stakes["source_id"]),
    )
    box = ax.get_position()
    ax.set_position([0.4, box.y0, 0.97 - 0.4, box.height])  # room for the two-line labels
    return finished(fig, description, ownership_data(stakes))


def ownership_data(stakes: pd.DataFrame) -> pd.DataFrame:
    """The bars of :func:`ownership`: each Chinese stake, then the rest of each project (not Chinese).

    Columns: project, holder, year (of the purchase; empty for the rest), stake (percent),
    sources (the rest is 100 minus the stakes, so it carries their sources).
    """
    rows = []
    for name, group in stakes.groupby("project", sort=False):
        rows += [
            {"project": name, "holder": r.buyer, "year": int(r.year), "stake": float(r.stake), "sources": r.source_id}
            for r in group.itertuples()
        ]
        rows.append(
            {
                "project": name,
                "holder": "not Chinese (the rest)",
                "year": pd.NA,
                "stake": round(100 - float(group["stake"].sum()), 6),
                "sources": "; ".join(dict.fromkeys(group["source_id"])),
            }
        )
    out = pd.DataFrame(rows, columns=["project", "holder", "year", "stake", "sources"])
    out["year"] = out["year"].astype("Int64")
    return out


def nsr_cargo(evidence: Evidence, cargo: pd.DataFrame, targets: pd.DataFrame, *, description: str) -> Chart:
    """NSR cargo (one figure per year, whiskers for the range across sources) against official targets.

    ``cargo`` is :func:`helpers.claims.arctic.nsr_figures`, ``targets`` :func:`~helpers.claims.arctic.target_gap`.
    """
    last = cargo.iloc[-1]
    headline = targets.sort_values("target").iloc[-1]  # the largest target with an outcome
    others = targets.drop(index=headline.name)
    fig, ax = plt.subplots()
    ax.plot(cargo["year"], cargo["value"], color=style.colour("RUS"), linewidth=2.2, marker="o", markersize=4, zorder=4)
    whiskers(ax, cargo, width=1.5)
    ax.scatter(targets["year"], targets["target"], marker="D", s=50, color=style.OKABE_ITO["orange"], zorder=5)
    for row in targets.itertuples():
        below = row.target < cargo["value"].max() * 1.2  # small targets sit near the line: label them below
        words, orange = f"target {text.number(row.target, digits=0)} Mt", style.OKABE_ITO["orange"]
        dx, dy, ha, va = (0, -9, "center", "top") if below else (-9, 0, "right", "center")
        note(ax, row.year, row.target, words, dx=dx, dy=dy, ha=ha, va=va, colour=orange, bold=True)
    label_year = 2018 if 2018 in set(cargo["year"]) else int(cargo["year"].iloc[len(cargo) // 2])
    style.label_line(
        ax,
        label_year,
        cargo.set_index("year").at[label_year, "value"],
        "cargo carried (one source per year)",
        "RUS",
        ha="right",
    )
    note(
        ax, last["year"], last["value"], f"{text.number(last['value'], digits=1)} Mt", dy=8, colour=style.colour("RUS")
    )
    ax.set_ylabel("million tonnes")
    ax.set_ylim(0, targets["target"].max() * 1.1)
    ax.set_xlim(cargo["year"].min() - 0.5, cargo["year"].max() + 0.5)
    style.mark_paper(ax)
    met_others = (
        f"; the smaller targets for {text.join_words([str(y) for y in others['year']])} were met"
        if len(others) and (others["share"] >= 100).all()
        else f"; {(others['share'] >= 100).sum()} of {len(others)} smaller targets were met"
    )
    clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"NSR cargo reached {text.number(headline['outcome'], digits=1)} Mt in {headline['year']}: "
            f"{text.pct(headline['share'], digits=0)} of the {text.number(headline['target'], digits=0)} Mt "
            f"target for that year" + met_others
        ),
        subtitle=(
            f"Total cargo carried in Northern Sea Route waters, million tonnes, "
            f"{text.year_span(cargo['year'].min(), cargo['year'].max())}, one source per year (rule in the "
            f"text); whiskers: range across sources; diamonds: official targets"
        ),
        evidence=evidence,
        source_ids=sorted(set(cargo["source_id"]) | set(targets["target_source"])),
    )
    return finished(fig, description, cargo_data(cargo, targets))


def cargo_data(cargo: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The points of :func:`nsr_cargo`: the chosen cargo figure per year with the range across
    sources (the whiskers), then the official targets (the diamonds).

    Columns: year, series ("cargo carried" or "official target"), value, low, high (million
    tonnes; low and high empty for targets), sources.
    """
    carried = pd.DataFrame(
        {
            "year": cargo["year"].astype(int),
            "series": "cargo carried",
            "value": cargo["value"],
            "low": cargo["low"],
            "high": cargo["high"],
            "sources": cargo["source_id"],
        }
    )
    goals = pd.DataFrame(
        {
            "year": targets["year"].astype(int),
            "series": "official target",
            "value": targets["target"],
            "low": float("nan"),
            "high": float("nan"),
            "sources": targets["target_source"],
        }
    )
    return pd.concat([carried, goals], ignore_index=True)


#: A transit year at or below this fraction of the highest is named in the title as a trough.
TROUGH_SHARE = 0.05


def missing_years(transit: pd.DataFrame, gaps: pd.DataFrame) -> list[tuple[int, int]]:
    """Runs of years (first, last) that ``gaps`` lists and ``transit`` has no figure for.

    A year listed in ``data/gaps.csv`` that now has a figure is not a gap: the chart never
    shades a year the sources publish.

    >>> missing_years(pd.DataFrame({"year": [2015, 2018, 2019]}),
    ...               pd.DataFrame({"first_year": [2016], "last_year": [2019]}))
    [(2016, 2017)]
    """
    held = {int(y) for y in transit["year"]}
    return year_runs({y for r in gaps.itertuples() for y in range(int(r.first_year), int(r.last_year) + 1)} - held)


def nsr_transit(evidence: Evidence, transit: pd.DataFrame, gaps: pd.DataFrame, *, description: str) -> Chart:
    """Bars of NSR transit cargo per year, with the years without a figure shaded and labelled.

    ``transit`` is :func:`helpers.claims.arctic.nsr_figures` of the transit series; ``gaps`` its
    rows of ``data/gaps.csv`` (only years with no figure in ``transit`` are shaded, see
    :func:`missing_years`). Where sources differ for a year, a whisker shows their range.
    """
    high = transit.loc[transit["value"].idxmax()]
    troughs = transit[transit["value"] <= TROUGH_SHARE * high["value"]]  # the years the route all but emptied
    fig, ax = plt.subplots()
    ax.bar(transit["year"], transit["value"], color=style.colour("RUS"), width=0.7)
    whiskers(ax, transit, width=1.2)
    for row in transit.itertuples():
        note(ax, row.year, max(row.value, row.high), text.number(row.value, digits=2), dy=3, size=8)
    runs = missing_years(transit, gaps)
    for first, last in runs:
        ax.axvspan(first - 0.4, last + 0.4, color="#EEEEEE", zorder=0)
        at = first + (0.5 if last - first > 1 else 0)  # off the paper's line at 2017
        ax.text(
            at,
            transit["value"].max() * 0.02,
            "no\nfigure",
            ha="center",
            va="bottom",
            fontsize=8,
            color="#666666",
            zorder=4,
            bbox=dict(facecolor="#EEEEEE", edgecolor="none", pad=2),
        )
    ax.set_ylabel("million tonnes")
    ax.set_ylim(0, transit["high"].max() * 1.15)
    ax.set_xlim(transit["year"].min() - 0.6, transit["year"].max() + 0.6)
    style.mark_paper(ax)
    missing = (
        f"; 'no figure': no official or operator figure found ({text.join_words(runs_text(runs))})" if runs else ""
    )
    clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"Transit cargo reached {text.number(high['value'], digits=2)} Mt in {high['year']}, the highest in the "
            f"data, after falling to "
            + text.join_words([f"{text.number(r.value, digits=2)} Mt in {r.year}" for r in troughs.itertuples()])
        ),
        subtitle=(
            f"Cargo on full transit voyages through the Northern Sea Route, million tonnes, "
            f"{text.year_span(transit['year'].min(), transit['year'].max())}, one source per year (same rule "
            f"as for all cargo); whiskers: range across sources{missing}"
        ),
        evidence=evidence,
        source_ids=list(transit["source_id"]),
    )
    plotted = pd.DataFrame(
        {
            "year": transit["year"].astype(int),
            "value": transit["value"],
            "low": transit["low"],
            "high": transit["high"],
            "sources": transit["source_id"],
        }
    )
    return finished(fig, description, plotted)


# -- descriptions (alt text) of the charts above, from the same numbers ----------------------------


def ownership_description(equity: pd.DataFrame, rule: ArcticRule) -> str:
    """The alt text of :func:`ownership`."""
    return (
        "Horizontal stacked bars, one per project. "
        + " ".join(
            f"{r.project}: Chinese buyers ({r.buyers}) hold {text.pct(r.chinese_total)}, {r.position}; "
            f"the other {text.pct(100 - r.chinese_total)} is held by others."
            for r in equity.itertuples()
        )
        + f" China has more than a blocking minority ({text.pct(rule.blocking_share, digits=0)}) in "
        f"{(equity['chinese_total'] > rule.blocking_share).sum()} of {len(equity)} projects and control in "
        f"{(equity['chinese_total'] > rule.control_share).sum()}."
    )


def cargo_description(cargo: pd.DataFrame, targets: pd.DataFrame) -> str:
    """The alt text of :func:`nsr_cargo`."""
    first, last = cargo.iloc[0], cargo.iloc[-1]
    return (
        f"A rising line of NSR cargo from {text.number(first['value'], digits=1)} Mt in {first['year']} to "
        f"{text.number(last['value'], digits=1)} Mt in {last['year']}, with official targets as diamonds: "
        + text.join_words(
            [
                f"{text.number(r.target, digits=0)} Mt for {r.year} ({text.pct(r.share, digits=0)} reached)"
                for r in targets.itertuples()
            ]
        )
        + f". The whiskers (range across sources) are at most "
        f"{text.number((cargo['high'] - cargo['low']).max(), digits=1)} Mt tall, small against the gap to the "
        "largest target."
    )


def transit_description(transit: pd.DataFrame, gaps: pd.DataFrame) -> str:
    """The alt text of :func:`nsr_transit`."""
    high = transit.loc[transit["value"].idxmax()]
    troughs = transit[transit["value"] <= TROUGH_SHARE * high["value"]]
    missing = [y for a, b in missing_years(transit, gaps) for y in range(a, b + 1)]
    return (
        f"Bars of NSR transit cargo for {text.join_words([str(y) for y in transit['year']])}"
        + (f", with no figure for {text.join_words([str(y) for y in missing])}" if missing else "")
        + f". Transit was {text.number(transit.iloc[0]['value'], digits=2)} Mt in {transit.iloc[0]['year']}, fell to "
        + text.join_words([f"{text.number(r.value, digits=2)} Mt in {r.year}" for r in troughs.itertuples()])
        + f", and reached {text.number(high['value'], digits=2)} Mt in {high['year']}, the highest in the data."
    )
