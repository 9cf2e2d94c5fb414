"""Charts of the Eurasian Economic Union notebook: mutual trade, before-and-after dot plots, shares, later trade.

Each function returns a :class:`~helpers.chart_output.Chart`: the figure finished in the house
style, its description (alt text, generated from the plotted numbers) and exactly those numbers.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import ticker

from . import indicators, style, text
from .chart_output import Chart
from .claims import eurasian_union as eu
from .data import Evidence

#: Short names of the publishers of mutual-trade totals, for point labels; one marker each.
COUNTS = {2: "two", 3: "three", 4: "four"}
PUBLISHERS = {"trade-eec-2025-forum": ("EEC", "D"), "trade-govru-2023-eaeu-report": ("Russian government", "s")}


def _label(ax, x, y, words, colour, *, dx=4, dy=0, ha="left", va="center") -> None:
    """A direct label in a line's colour."""
    ax.annotate(
        words,
        (x, y),
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        color=colour,
        fontsize=9,
        fontweight="bold",
    )


def _runs(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """``frame`` (sorted by year) split into runs of consecutive years: a line never bridges a gap."""
    years = frame["year"].astype("int64").reset_index(drop=True)
    return [part for _, part in frame.reset_index(drop=True).groupby((years.diff() != 1).cumsum().to_numpy())]


def missing_years(years, first: int, last: int) -> list[str]:
    """The years from ``first`` to ``last`` not in ``years``, consecutive ones as one span.

    >>> missing_years([2000, 2002, 2003, 2008], 2000, 2009)
    ['2001', '2004–2007', '2009']
    """
    known = {int(y) for y in years}
    gaps = [y for y in range(first, last + 1) if y not in known]
    runs = [[y] for y in gaps[:1]]
    for year in gaps[1:]:
        if year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return [text.year_span(run[0], run[-1]) if len(run) > 1 else str(run[0]) for run in runs]


def _year_ticks(ax, first: int, last: int, step: int = 5) -> None:
    """Whole-year ticks from the first multiple of ``step`` at or after ``first`` (none outside the axes)."""
    ax.set_xticks(list(range(first + (-first) % step, last + 1, step)))


def _clip_ticks(fig) -> None:
    """Fix each axis's ticks to those inside its limits (a tick beyond them keeps a label that
    is never drawn, which the chart checklist would read as text outside the figure)."""
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if axis.get_scale() == "linear":
                low, high = min(lo, hi), max(lo, hi)
                axis.set_ticks([t for t in axis.get_ticklocs() if low - 1e-9 <= t <= high + 1e-9])


def _in_force(ax, year: int) -> None:
    ax.axvline(year, color=style.colour("EAEU"), linewidth=1.2, linestyle=":", zorder=1)


def mutual_trade(evidence: Evidence, trade: pd.DataFrame, *, union_start: int) -> Chart:
    """Trade among the members: the IMF sum (dots, joined only across consecutive years) and each
    publisher's totals (its own marker, never joined). ``trade`` is :func:`eu.mutual_trade`."""
    dots = trade[trade["basis"] == eu.DOTS_BASIS].assign(bn=lambda f: f["value"] / 1000)
    pub = trade[trade["basis"] == eu.PUBLISHED_BASIS].assign(bn=lambda f: f["value"] / 1000)
    peak_year, peak = eu.pre_union_peak(evidence, union_start)
    after = dots[dots["year"] >= union_start]
    low = after.loc[after["value"].idxmin()]
    colour = style.colour("EAEU")
    fig, ax = plt.subplots(figsize=(8, 5.2))
    for run in _runs(dots):
        ax.plot(run["year"].astype(int), run["bn"], color=colour, linewidth=2.2, marker="o", markersize=4, zorder=3)
    for source, rows in pub.groupby("source_id", sort=True):
        name, marker = PUBLISHERS.get(source, (evidence.source(source)["publisher"], "^"))
        ax.scatter(rows["year"].astype(int), rows["bn"], marker=marker, s=46, color="#000000", zorder=4)
        for row in rows.itertuples():
            _label(ax, row.year, row.bn, f"{name} {row.year}", "#000000", dx=-7, ha="right")
    ax.axhline(peak / 1000, color=style.GREY, linewidth=0.9, linestyle="--", zorder=1)
    ax.annotate(
        f"pre-union peak ({peak_year})",
        xy=(int(dots["year"].min()), peak / 1000),
        xytext=(0, 4),
        textcoords="offset points",
        fontsize=8,
        color="#555555",
        va="bottom",
    )
    _in_force(ax, union_start)
    ax.annotate(
        "EAEU in force",
        xy=(union_start, 0.03),
        xycoords=("data", "axes fraction"),
        xytext=(-3, 0),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=8,
        color=colour,
    )
    first = dots.iloc[0]
    _label(
        ax, first["year"], first["bn"], "IMF: sum of members' exports to each other", colour, dx=2, dy=12, va="bottom"
    )
    last = int(trade["year"].max())
    ax.set_ylabel("US$ billion (current)")
    ax.set_ylim(0, trade["value"].max() / 1000 * 1.12)
    ax.set_xlim(int(dots["year"].min()) - 0.6, last + 0.8)
    style.mark_paper(ax)
    _year_ticks(ax, int(dots["year"].min()), last)
    above = [int(y) for y in pub.loc[(pub["year"] >= union_start) & (pub["value"] > peak), "year"]]
    missing = [y for y in range(int(dots["year"].max()) + 1, last) if y not in set(pub["year"].astype(int))]
    no_point = missing_years(trade["year"], int(trade["year"].min()), last)  # no figure from any source
    fall = 100 * (1 - low["value"] / peak)
    title = f"Trade among the members fell {text.pct(fall, digits=0)} from its {peak_year} peak to {low['year']}" + (
        f"; the published totals for {text.join_words([str(y) for y in above])} lie above that peak"
        if above
        else " and no later figure lies above it"
    )
    _clip_ticks(fig)
    style.finish(
        fig,
        title=title,
        subtitle=(
            f"Trade among the five EAEU members, US$ billion (current), {text.year_span(int(dots['year'].min()), last)}: "
            f"IMF sum of reported exports (dots; a line joins consecutive years only) and published totals "
            f"(one marker per publisher)"
            + (f"; no source gives a figure for {text.join_words(no_point)}" if no_point else "")
        ),
        evidence=evidence,
        source_ids=["imf-dots", *sorted(set(pub["source_id"]))],
    )
    data = (
        pd.concat([dots, pub])[["year", "bn", "basis", "source_id"]]
        .rename(columns={"bn": "US$ bn", "source_id": "sources"})
        .sort_values(["year", "basis"])
        .reset_index(drop=True)
    )
    description = (
        f"Dot and line chart, {text.year_span(int(dots['year'].min()), last)}. On the IMF basis trade among the members "
        f"peaked at {text.usd_million(peak)} in {peak_year}, fell to {text.usd_million(low['value'])} in {low['year']} "
        f"and was {text.usd_million(dots.iloc[-1]['value'])} in {dots.iloc[-1]['year']}; the published totals are "
        + text.join_words(
            [
                f"{text.usd_million(r.value)} in {r.year} ({PUBLISHERS.get(r.source_id, (r.source_id,))[0]})"
                for r in pub.itertuples()
            ]
        )
        + (f". No source in the data gives a figure for {text.join_words(no_point)}" if no_point else "")
        + (
            f"; with none for {text.join_words([str(y) for y in missing])}, the year the peak was first passed "
            "again is not known."
            if missing
            else "."
        )
    )
    return Chart(fig, description, data)


def _dumbbells(ax, rows: pd.DataFrame, *, colours: list[str], labels: list[str], positions: list[float]) -> None:
    """One row per item: a grey bar from ``before`` (hollow dot) to ``after`` (filled dot), labelled."""
    for pos, row, colour, words in zip(positions, rows.itertuples(), colours, labels):
        ax.plot([row.before, row.after], [pos, pos], color="#BBBBBB", linewidth=3, zorder=1)
        ax.scatter(row.before, pos, s=70, facecolor="white", edgecolor="#555555", linewidth=1.5, zorder=3)
        ax.scatter(row.after, pos, s=70, color=colour, zorder=3)
        ax.annotate(
            words,
            (max(row.before, row.after), pos),
            xytext=(8, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=8.5,
        )
    ax.grid(axis="x", color="#E5E5E5")
    ax.grid(axis="y", visible=False)


def _key(ax, before: str, after: str, *, right: bool) -> None:
    x, ha = (0.98, "right") if right else (0.02, "left")
    ax.text(x, 0.97, f"○ {before}", transform=ax.transAxes, fontsize=8.5, color="#555555", va="top", ha=ha)
    ax.text(
        x,
        0.91,
        f"● {after}",
        transform=ax.transAxes,
        fontsize=8.5,
        color=style.colour("EAEU"),
        fontweight="bold",
        va="top",
        ha=ha,
    )


def union_weight(evidence: Evidence, table: pd.DataFrame, rule: eu.MembersRule, names: dict[str, str]) -> Chart:
    """The other members' share of each member's trade, before and after (``table``:
    :func:`eu.member_table` indexed by member, Russia included)."""
    order = table.sort_values("share_after")
    risers = [m for m in table.index if table.loc[m, "share_change"] >= rule.share_rise_pp]
    fallers = [m for m in table.index if table.loc[m, "share_change"] < 0]
    rows = order.rename(columns={"share_before": "before", "share_after": "after"})
    fig, ax = plt.subplots(figsize=(8, 4.4))
    _dumbbells(
        ax,
        rows,
        colours=[style.colour("EAEU")] * len(rows),
        positions=list(range(len(rows))),
        labels=[f"{text.pct(r.after)}  ({text.pp(r.share_change)})" for r in rows.itertuples()],
    )
    ax.set_yticks(range(len(rows)), [names[m] for m in rows.index])
    ax.set_xlim(0, table["share_after"].max() * 1.3)
    ax.set_ylim(-0.6, len(rows) - 0.2)
    ax.set_xlabel("other members' share of the member's merchandise trade, %")
    before, after = text.year_span(*rule.before), text.year_span(*rule.after)
    _key(ax, f"{before} average", f"{after} average", right=False)
    _clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"The union's share of trade rose by {eu.threshold_words(rule)} or more in {len(risers)} of "
            f"{len(table)} members"
            + (f" and fell in {text.join_words([names[m] for m in fallers])}" if fallers else "")
        ),
        subtitle=(
            f"Other EAEU members' share of each member's merchandise trade, percent, averages of {before} and "
            f"{after} (years with data), as each member reports it"
        ),
        evidence=evidence,
        source_ids=["imf-dots"],
    )
    data = pd.DataFrame(
        {
            "member": [names[m] for m in rows.index],
            f"{before} average (%)": rows["before"].to_numpy(),
            f"{after} average (%)": rows["after"].to_numpy(),
            "sources": "imf-dots",
        }
    )
    description = (
        "Dot plot, one row per member, comparing two averages. The other members' share of trade went "
        + text.join_words(
            [
                f"from {text.pct(r.before)} to {text.pct(r.after)} for {names[m]}"
                for m, r in zip(rows.index, rows.itertuples())
            ]
        )
        + f". It rose by {eu.threshold_words(rule)} or more in {text.join_words([names[m] for m in risers]) or 'no member'}, "
        f"by less for {text.join_words([names[m] for m in table.index if m not in risers + fallers]) or 'no member'}, "
        f"and fell in {text.join_words([names[m] for m in fallers]) or 'no member'}."
    )
    return Chart(fig, description, data)


def growth(evidence: Evidence, table: pd.DataFrame, rule: eu.MembersRule, names: dict[str, str]) -> Chart:
    """Average real GDP growth before and after, members and non-members (``table``:
    :func:`helpers.eurasian_union_tables.growth_table`)."""
    bench = eu.comparator_change(evidence, rule)
    members = table[table["member"]]
    slowed = members[members["change"] < 0]
    worst = members.sort_values("change").iloc[0]
    positions = [i + (1 if m else 0) for i, m in enumerate(table["member"])]
    fig, ax = plt.subplots(figsize=(8, 4.8))
    _dumbbells(
        ax,
        table,
        positions=positions,
        labels=[text.pp(c) for c in table["change"]],
        colours=[style.colour("EAEU") if m else "#000000" for m in table["member"]],
    )
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(
        positions, [names[c] + ("" if m else " (non-member)") for c, m in zip(table["code"], table["member"])]
    )
    ax.set_xlim(min(0, table[["before", "after"]].min().min()) - 1, table[["before", "after"]].max().max() + 2)
    ax.set_xlabel("average real GDP growth, % a year")
    before, after = text.year_span(*rule.before), text.year_span(*rule.after)
    _key(ax, f"{before} average", f"{after} average (members green)", right=True)
    _clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"Growth slowed in {len(slowed)} of {len(members)} members, most in {names[worst['code']]} "
            f"({text.pp(worst['change'])}); the {COUNTS.get(len(rule.comparators), len(rule.comparators))} "
            f"non-members' median change was {text.pp(bench)}"
        ),
        subtitle=(
            f"Average annual real GDP growth, percent, {before} and {after}, EAEU members and "
            f"{COUNTS.get(len(rule.comparators), len(rule.comparators))} Central Asian non-members; label: change in percentage points"
        ),
        evidence=evidence,
        source_ids=indicators.sources_from_text(table["sources"]),
    )
    data = pd.DataFrame(
        {
            "country": [names[c] for c in table["code"]],
            "member": table["member"].to_numpy(),
            f"{before} average (%)": table["before"].to_numpy(),
            f"{after} average (%)": table["after"].to_numpy(),
            "sources": table["sources"].to_numpy(),
        }
    )
    codes = sorted(members["code"])
    behind = [names[c] for c in codes if members.set_index("code").loc[c, "change"] < bench]
    ahead = [names[c] for c in codes if names[c] not in behind]
    description = (
        "Dot plot of average growth in two periods. "
        + text.join_words(
            [f"{names[r.code]} went from {text.pct(r.before)} to {text.pct(r.after)}" for r in table.itertuples()]
        )
        + f". Compared with the non-members' median change ({text.pp(bench)}), {text.join_words(behind) or 'no member'} "
        f"fell behind and {text.join_words(ahead) or 'no member'} did as well or better."
    )
    return Chart(fig, description, data)


def china_or_union(evidence: Evidence, members: tuple[str, ...], names: dict[str, str], *, union_start: int) -> Chart:
    """The other members' and China's shares of each small member's trade, one panel each.

    A line never bridges a missing year. Panel names sit above each panel with room to spare, so
    they never touch the top tick label.
    """
    shares = []
    for member in members:
        union = eu.union_share(evidence, member)[["year", "share", "sources"]].assign(partner="other EAEU members")
        china = indicators.trade_share(evidence, member, "CHN")[["year", "share", "sources"]].assign(partner="China")
        shares.append(pd.concat([union, china]).assign(member=member))
    data = pd.concat(shares, ignore_index=True)
    data["year"] = data["year"].astype(int)
    data["sources"] = data["sources"].map(indicators.sources_text)
    fig, axes = plt.subplots(1, len(members), figsize=(8, 4.9), sharey=True)
    closest = {}
    for ax, member in zip(axes, members):
        own = data[data["member"] == member]
        for partner, code in (("other EAEU members", "EAEU"), ("China", "CHN")):
            rows = own[own["partner"] == partner].sort_values("year")
            for i, run in enumerate(_runs(rows)):
                ax.plot(
                    run["year"],
                    run["share"],
                    color=style.colour(code),
                    linewidth=2.2,
                    label=partner if i == 0 else None,
                )
        wide = own.pivot(index="year", columns="partner", values="share").dropna()
        gap = wide["other EAEU members"] - wide["China"]
        closest[member] = (int(gap.idxmin()), float(gap.min()), int(gap.index.max()), float(gap.iloc[-1]))
        _in_force(ax, union_start)
        ax.set_title(names[member], fontsize=10, loc="left", pad=14)
        style.mark_paper(ax, label="Blank")
        _year_ticks(ax, int(data["year"].min()), int(data["year"].max()))
    axes[0].legend(loc="upper left", fontsize=8.5)
    axes[0].set_ylim(0, data["share"].max() * 1.15)
    axes[0].set_ylabel("share of the country's merchandise trade, %")
    first, last = int(data["year"].min()), int(data["year"].max())
    ahead = all(c[1] > 0 for c in closest.values())
    near = min(closest, key=lambda m: closest[m][1])
    _clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"The union outweighed China in both countries' trade in every year with both figures; in "
            f"{names[near]} China came within {text.pp(closest[near][1]).lstrip('+')} in {closest[near][0]}"
            if ahead
            else f"China's share overtook the union's in "
            f"{text.join_words([names[m] for m in members if closest[m][1] <= 0])}"
        ),
        subtitle=(
            f"Share of the other EAEU members and of China in each country's merchandise trade, percent, "
            f"{text.year_span(first, last)}, own reports; dotted line: EAEU in force"
        ),
        evidence=evidence,
        source_ids=indicators.sources_from_text(data["sources"]),
    )
    fig.subplots_adjust(top=fig.subplotpars.top - 0.05, wspace=0.12)  # room for the panel names
    description = (
        "Two line charts, one per country. "
        + " ".join(
            f"In {names[m]} the union's share exceeded China's by {text.pp(closest[m][3]).lstrip('+')} in {closest[m][2]}, "
            f"and by as little as {text.pp(closest[m][1]).lstrip('+')} in {closest[m][0]}."
            for m in members
        )
        + (
            " The union remained the larger partner in every year with both figures."
            if ahead
            else " China's share overtook the union's in at least one year."
        )
    )
    return Chart(
        fig,
        description,
        data[["member", "partner", "year", "share", "sources"]].assign(member=lambda f: f["member"].map(names)),
    )


def trade_with_russia(
    evidence: Evidence,
    lines: pd.DataFrame,
    points: pd.DataFrame,
    multiples: pd.DataFrame,
    *,
    members: tuple[str, ...],
    names: dict[str, str],
    since: int,
    base_year: int,
    union_start: int,
) -> Chart:
    """Each country's trade with Russia on a log scale: its IMF reports (line), then official points
    (filled: the country's side; hollow: Russia's). ``lines``, ``points``: :func:`helpers.eurasian_union_tables.trade_with_russia`;
    ``multiples``: :func:`helpers.eurasian_union_tables.multiples` against ``base_year``.

    The title's multiples divide each country's latest point by the IMF figure of the same side in
    ``base_year``; where that side is Russia's, the line (the country's own reports) does not hold
    the base, so it is drawn as a hollow marker in ``base_year``: every multiple can be read off the chart.
    """
    bases = multiples[multiples["side"] != multiples.index.to_series()]
    bases = pd.DataFrame(
        {
            "country": bases.index,
            "year": base_year,
            "value": bases["base"].to_numpy(),
            "side": bases["side"].to_numpy(),
            "sources": "imf-dots",
        }
    )
    fig, ax = plt.subplots(figsize=(8, 5.4))
    for code in lines["country"].unique():
        colour = style.colour(code)
        for run in _runs(lines[lines["country"] == code]):
            ax.plot(
                run["year"], run["value"] / 1000, color=colour, linewidth=2, linestyle="-" if code in members else "--"
            )
        pts = points[points["country"] == code]
        base = bases[bases["country"] == code]
        ax.scatter(base["year"], base["value"] / 1000, s=30, linewidth=1.4, zorder=4, edgecolor=colour, color="white")
        ax.scatter(
            pts["year"],
            pts["value"] / 1000,
            s=48,
            linewidth=1.8,
            zorder=4,
            edgecolor=colour,
            color=[colour if side == code else "white" for side in pts["side"]],
        )
        last = pts.iloc[-1]
        _label(
            ax,
            last["year"],
            last["value"] / 1000,
            names[code] + ("" if code in members else " (non-member)"),
            colour,
            dx=8,
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.FixedLocator([1, 2, 5, 10, 20, 50]))
    ax.yaxis.set_minor_locator(ticker.NullLocator())
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}"))
    ax.set_ylabel("trade with Russia, US$ billion (log scale)")
    end = int(points["year"].max())
    ax.set_xlim(since - 0.5, end + 5)
    _in_force(ax, union_start)
    style.mark_paper(ax)
    ax.set_xticks(list(range(since, end + 1, 2)))
    order = multiples.sort_values("multiple", ascending=False)
    top = order.index[0]
    rest = text.join_words(
        [f"{names[c]} {text.ratio(order.loc[c, 'multiple'])} by {int(order.loc[c, 'year'])}" for c in order.index[1:]]
    )
    _clip_ticks(fig)
    style.finish(
        fig,
        title=(
            f"{names[top]}'s trade with Russia reached {text.ratio(order.loc[top, 'multiple'])} its {base_year} "
            f"level by {int(order.loc[top, 'year'])}; {rest}"
        ),
        subtitle=(
            f"Merchandise trade with Russia, US$ billion, log scale, {text.year_span(since, end)}: IMF (lines, "
            f"own reports), then official figures (filled: the country's side; hollow: Russia's); multiples: latest "
            f"point over the same side's IMF figure for {base_year}"
            + (
                f" (small hollow markers: Russia's, for {text.join_words([names[c] for c in bases['country']])})"
                if len(bases)
                else ""
            )
        ),
        evidence=evidence,
        source_ids=indicators.sources_from_text([*lines["sources"], *points["sources"]]),
    )
    data = pd.concat([lines.assign(side=lines["country"]), points, bases])
    data = data.assign(
        country=data["country"].map(names),
        side=data["side"].map(lambda s: names.get(s, s)),
        **{"US$ bn": data["value"] / 1000},
    )[["country", "year", "US$ bn", "side", "sources"]]
    description = (
        f"Line chart on a log scale, {text.year_span(since, end)}, with official points after the IMF series end. "
        + text.join_words(
            [
                f"{names[c]}'s trade with Russia was {text.usd_million(r.value)} in {r.year}, "
                f"{text.ratio(r.multiple)} its {base_year} level"
                + ("" if r.side == c else f" as Russia reports it ({text.usd_million(r.base)} in {base_year})")
                for c, r in multiples.iterrows()
            ]
        )
        + f". The fastest growth was {text.join_words([names[c] for c in order.index[:2]])}'s."
    )
    return Chart(fig, description, data.sort_values(["country", "year"]).reset_index(drop=True))
