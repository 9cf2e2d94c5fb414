"""Claim tests: the Eurasian Economic Union (abstract sentence 5).

Blank calls the union "the one exception" to Russia's failure to take part in multilateral
projects (EAEU-01) and says it "has become an economic disappointment to both Russia and its
other members" (EAEU-02 for Russia, EAEU-03 for the others).

Both economic tests compare a period *before* the union (``BEFORE``) with a period *after* it
started (``AFTER``), as averages over the years with data, never one year against another:
2015, the union's first year, was also the year of the oil-price and rouble collapse and a
trough for trade, so any growth measured from 2015 flatters the union (the base-year trap),
while a single pre-union peak year would flatter the past. ``AFTER`` stops in 2019 so that
neither the pandemic year nor the re-routing of trade after the 2022 sanctions is credited to,
or blamed on, the union; the notebook treats those years separately.

The windows, the threshold and the comparators are module constants so that a notebook
exercise can change them (and restore them) and re-run the tests.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

import numpy as np
import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

GROUP = "EAEU"
RUSSIA = "RUS"
#: The years before the union (the customs union of Belarus, Kazakhstan and Russia already
#: ran in them) and the union's own years before the pandemic and the 2022 sanctions.
BEFORE = (2010, 2014)
AFTER = (2015, 2019)
#: A window counts only if it has at least this many years with data.
MIN_YEARS = 2
#: The union's share of a member's trade "rose" only if its after-average is at least this many
#: percentage points above its before-average; a smaller move is read as stagnation.
SHARE_RISE_PP = 2.0
#: Non-members used as the benchmark for growth: Central Asian states outside the union that are
#: tied to Russia's economy too (Turkmenistan's official growth is left out: see the notebook).
COMPARATORS = ("TJK", "UZB")
#: Published mutual-trade totals (series merchandise_trade, EAEU -> EAEU): where two sources
#: give a figure for the same year, the first of these is used. The Eurasian Economic
#: Commission compiles the union's trade statistics; the Russian government report does not
#: name its statistical basis.
MUTUAL_TRADE_SOURCES = ("trade-eec-2025-forum", "trade-govru-2023-eaeu-report")

DOTS_BASIS = "IMF DOTS: members' exports to each other, summed"
PUBLISHED_BASIS = "published mutual trade"


# -- remembered results --------------------------------------------------------------------------
#
# The notebook runs both tests on two views of the data, several times over (verdicts, the
# exercises), and every run needs the same per-member shares. They are remembered per Evidence
# (:meth:`helpers.data.Evidence.remember`); ``args`` must hold every setting the computation reads.


def _memo(name: str, evidence: Evidence, args: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return evidence.remember(f"eurasian_union.{name}", args, compute)


# -- indicators ---------------------------------------------------------------------------------


def other_members(evidence: Evidence, member: str) -> list[str]:
    """The union's members other than ``member`` (sorted)."""
    return [code for code in indicators.members(evidence, GROUP) if code != member]


def union_share(evidence: Evidence, member: str) -> pd.DataFrame:
    """The other members' share of ``member``'s merchandise trade (see :func:`_union_share`)."""
    return _memo("union_share", evidence, (member,), lambda: _union_share(evidence, member))


def _union_share(evidence: Evidence, member: str) -> pd.DataFrame:
    """The other members' share of ``member``'s merchandise trade, in percent, per year.

    Equal to the sum of :func:`helpers.indicators.trade_share` (``basis="dots"``) over the
    other members, computed in one pass because the notebook needs it for every member and
    both views: exports plus imports as ``member`` reports them, for years with both flows
    for every other member and for the world (a partial sum would look like a fall).
    Columns: year, union_trade, total_trade (US$ million), share (percent), sources.
    """
    partners = other_members(evidence, member)
    flows = []
    for series in (indicators.EXPORTS, indicators.IMPORTS):
        rows = evidence.series(series, entity=member)  # refuses two sources for one figure
        rows = rows[rows["counterpart"].isin([*partners, "WLD"])]
        flows.append(rows[["counterpart", "year", "value", "source_id"]])
    both = flows[0].merge(flows[1], on=["counterpart", "year"], suffixes=("_x", "_m"))
    both["trade"] = both["value_x"] + both["value_m"]
    total = both[both["counterpart"] == "WLD"].set_index("year")
    pairs = both[both["counterpart"] != "WLD"]
    grouped = pairs.groupby("year", sort=True).agg(union_trade=("trade", "sum"), n=("counterpart", "nunique"))
    grouped = grouped[(grouped["n"] == len(partners)) & grouped.index.isin(total.index)]
    out = pd.DataFrame({"year": grouped.index.astype("Int64"), "union_trade": grouped["union_trade"].to_numpy()})
    out["total_trade"] = total.loc[grouped.index, "trade"].to_numpy()
    out["share"] = 100 * out["union_trade"] / out["total_trade"]
    used = pd.concat([pairs[pairs["year"].isin(grouped.index)], total.loc[grouped.index].reset_index()])
    sources = used.groupby("year", sort=True).apply(
        lambda g: "+".join(sorted(set(g["source_id_x"]) | set(g["source_id_m"]))), include_groups=False)
    out["sources"] = sources.loc[grouped.index].to_numpy()
    return out.reset_index(drop=True)


def union_share_mirror(evidence: Evidence, member: str) -> pd.DataFrame:
    """Like :func:`union_share`, but the trade with each other member as *that member* reports it.

    A robustness check for years in which ``member``'s own partner figures look broken (for
    example Russia's reported trade with Belarus in 2011 is about half of what Belarus reports).
    The total stays ``member``'s own. Columns: year, union_trade, total_trade, share.
    """
    partners = other_members(evidence, member)
    parts = [indicators.turnover(evidence, partner, member, include_published=False).assign(partner=partner)
             for partner in partners]
    stacked = pd.concat(parts, ignore_index=True)
    grouped = stacked.groupby("year", sort=True).agg(union_trade=("value", "sum"), n=("partner", "nunique"))
    grouped = grouped[grouped["n"] == len(partners)].drop(columns="n").reset_index()
    total = indicators.turnover(evidence, member, "WLD", include_published=False)[["year", "value"]]
    out = grouped.merge(total.rename(columns={"value": "total_trade"}), on="year")
    out["share"] = 100 * out["union_trade"] / out["total_trade"]
    out["year"] = out["year"].astype("Int64")
    return out.reset_index(drop=True)


def window_mean(frame: pd.DataFrame, column: str, years: tuple[int, int]) -> tuple[float | None, list[int]]:
    """Mean of ``column`` over the rows whose year lies in ``years`` (inclusive), and those years.

    Returns ``(None, years_found)`` if fewer than ``MIN_YEARS`` years have a value.
    """
    year = frame["year"].to_numpy(dtype="float64", na_value=np.nan)
    value = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    keep = (year >= years[0]) & (year <= years[1]) & ~np.isnan(value)
    found = [int(y) for y in year[keep]]
    if len(found) < MIN_YEARS:
        return None, found
    return float(value[keep].mean()), found


def threshold_words() -> str:
    """``SHARE_RISE_PP`` for prose, e.g. '2.0 pp' (unsigned: it is a size, not a change)."""
    return f"{text.number(SHARE_RISE_PP, digits=1)} pp"


def span(years: list[int]) -> str:
    """The years of a window as a span, e.g. '2011–2014' (gaps are listed in the notebook)."""
    return text.year_span(min(years), max(years))


def mutual_trade(evidence: Evidence) -> pd.DataFrame:
    """Trade among the union's members, per year, on two bases (see :func:`_mutual_trade`)."""
    return _memo("mutual_trade", evidence, tuple(MUTUAL_TRADE_SOURCES), lambda: _mutual_trade(evidence))


def _mutual_trade(evidence: Evidence) -> pd.DataFrame:
    """Trade among the union's members, per year, on two bases.

    ``DOTS_BASIS``: the sum of each member's reported exports to the other four
    (:func:`helpers.indicators.intra_group_exports`), complete years only. ``PUBLISHED_BASIS``:
    the published mutual-trade total (series merchandise_trade, EAEU -> EAEU); where two sources
    give the same year, the first of ``MUTUAL_TRADE_SOURCES`` is used. Columns: year, value
    (US$ million), basis, source_id.
    """
    dots = indicators.intra_group_exports(evidence, GROUP)
    dots = pd.DataFrame({"year": dots["year"], "value": dots["value"], "basis": DOTS_BASIS, "source_id": "imf-dots"})
    obs = evidence.observations
    published = obs[(obs["series_id"] == indicators.TURNOVER) & (obs["entity"] == GROUP) & (obs["counterpart"] == GROUP)]
    chosen = []
    for _year, rows in published.groupby("year", sort=True):
        ranked = [s for s in MUTUAL_TRADE_SOURCES if s in set(rows["source_id"])]
        pick = rows[rows["source_id"] == ranked[0]] if ranked else rows.sort_values("source_id").head(1)
        chosen.append(pick)
    parts = [dots]
    if chosen:
        pub = pd.concat(chosen, ignore_index=True)
        parts.append(pd.DataFrame({"year": pub["year"], "value": pub["value"], "basis": PUBLISHED_BASIS,
                                   "source_id": pub["source_id"]}))
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype("Int64")
    return out.sort_values(["year", "basis"]).reset_index(drop=True)


def pre_union_peak(evidence: Evidence) -> tuple[int, float] | None:
    """The highest IMF-based mutual trade before the union's first year: (year, US$ million)."""
    dots = mutual_trade(evidence)
    dots = dots[(dots["basis"] == DOTS_BASIS) & (dots["year"] < AFTER[0])]
    if dots.empty:
        return None
    top = dots.loc[dots["value"].idxmax()]
    return int(top["year"]), float(top["value"])


def peak_regained(evidence: Evidence) -> pd.Series | None:
    """The first row of :func:`mutual_trade` from the union's first year on, on either basis,
    at or above the pre-union peak; ``None`` if no such year is in the data."""
    peak = pre_union_peak(evidence)
    if peak is None:
        return None
    trade = mutual_trade(evidence)
    above = trade[(trade["year"] >= AFTER[0]) & (trade["value"] >= peak[1])]
    return None if above.empty else above.iloc[0]


def growth_change(evidence: Evidence, entity: str) -> dict | None:
    """Average real GDP growth (WDI) before and after, and the change, for one economy."""
    growth = evidence.series("gdp_growth", entity=entity, counterpart="-")
    before, years_before = window_mean(growth, "value", BEFORE)
    after, years_after = window_mean(growth, "value", AFTER)
    if before is None or after is None:
        return None
    return {"before": before, "after": after, "change": after - before,
            "years_before": years_before, "years_after": years_after}


def comparator_change(evidence: Evidence) -> float | None:
    """Median change in average growth (after minus before) of the non-member ``COMPARATORS``."""
    changes = [c["change"] for code in COMPARATORS if (c := growth_change(evidence, code)) is not None]
    return statistics.median(changes) if changes else None


def member_table(evidence: Evidence, members: tuple[str, ...] | None = None) -> pd.DataFrame:
    """For each member: the union's share of its trade and its growth, before and after.

    Columns: member, share_before, share_after, share_change (pp), growth_before,
    growth_after, growth_change (pp), growth_vs_non_members (pp: the member's change minus
    the comparators' median change), trade_gained (share rose by at least ``SHARE_RISE_PP``),
    growth_held (growth_vs_non_members >= 0), outcome ("gained on both", "let down on both",
    "split"), share_years_before, share_years_after (years with data). Members without
    enough years are left out.
    """
    members = members or tuple(other_members(evidence, RUSSIA))
    benchmark = comparator_change(evidence)
    rows = []
    for member in members:
        shares = union_share(evidence, member)
        before, years_before = window_mean(shares, "share", BEFORE)
        after, years_after = window_mean(shares, "share", AFTER)
        growth = growth_change(evidence, member)
        if before is None or after is None or growth is None:
            continue
        relative = growth["change"] - benchmark if benchmark is not None else None
        gained = after - before >= SHARE_RISE_PP
        held = relative is not None and relative >= 0
        outcome = "gained on both" if gained and held else "let down on both" if not (gained or held) else "split"
        rows.append({"member": member, "share_before": before, "share_after": after, "share_change": after - before,
                     "growth_before": growth["before"], "growth_after": growth["after"],
                     "growth_change": growth["change"], "growth_vs_non_members": relative,
                     "trade_gained": gained, "growth_held": held, "outcome": outcome,
                     "share_years_before": years_before, "share_years_after": years_after})
    columns = ["member", "share_before", "share_after", "share_change", "growth_before", "growth_after",
               "growth_change", "growth_vs_non_members", "trade_gained", "growth_held", "outcome",
               "share_years_before", "share_years_after"]
    return pd.DataFrame(rows, columns=columns)


# -- claim tests ----------------------------------------------------------------------------------

not_testable(
    "EAEU-01",
    reason=("The claim compares Russia's role in the union with its role in every other regional body "
            "(the SCO, Belt and Road bodies, ASEAN-led forums). The data hold members' GDP and trade and a "
            "curated list of dated events, but no measure of a member's weight inside an institution "
            "(who drafts decisions, staffs the secretariat, pays the budget, sets the agenda), and the "
            "event list is not a census of every body's agreements, so counting its rows would not "
            "compare like with like."),
    would_settle=("a coded comparison of Russia's role in each body (founder, host, funder, agenda-setter or "
                  "bystander), with Russia's share of the Eurasian Economic Commission's budget and staff, "
                  "the share of union decisions initiated by Russia, and the same measures for the SCO "
                  "secretariat, Belt and Road forums and ASEAN-led meetings."),
    module=__name__,
)


@claim_test("EAEU-02", metric="change in the other members' share of Russia's trade, after-average minus "
            "before-average", unit="percentage points")
def disappointment_to_russia(evidence: Evidence) -> Assessment:
    """Two measures, each an average over ``BEFORE`` and over ``AFTER`` (years with data):
    the other members' share of Russia's trade (Russia's own reports) and the level of trade
    among all members (IMF, sum of exports).

    Supported if the share rose by less than ``SHARE_RISE_PP`` points and mutual trade
    averaged less after than before; contradicted if the share rose by at least
    ``SHARE_RISE_PP`` points and mutual trade averaged at least as much after as before;
    mixed otherwise. The explanation also says when mutual trade first regained its
    pre-union peak (on either basis), which the verdict does not use.
    """
    shares = union_share(evidence, RUSSIA)
    share_before, years_sb = window_mean(shares, "share", BEFORE)
    share_after, years_sa = window_mean(shares, "share", AFTER)
    trade = mutual_trade(evidence)
    dots = trade[trade["basis"] == DOTS_BASIS]
    level_before, years_lb = window_mean(dots, "value", BEFORE)
    level_after, years_la = window_mean(dots, "value", AFTER)
    if None in (share_before, share_after, level_before, level_after):
        return Assessment.no_data(
            f"Too few years with Russia's trade by partner or with every member's exports to the others "
            f"(need {MIN_YEARS} in each of {text.year_span(*BEFORE)} and {text.year_span(*AFTER)}).")
    change = share_after - share_before
    level_change = 100 * (level_after / level_before - 1)
    rose = change >= SHARE_RISE_PP
    if not rose and level_after < level_before:
        verdict = Verdict.SUPPORTED
    elif rose and level_after >= level_before:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    explanation = (
        f"The other members' share of Russia's trade averaged {text.pct(share_before)} in {span(years_sb)} and "
        f"{text.pct(share_after)} in {span(years_sa)} ({text.pp(change)}; a rise needs {threshold_words()}); "
        f"trade among the members averaged {text.usd_million(level_after)} in {span(years_la)}, "
        f"{text.pct_change(level_change)} on {text.usd_million(level_before)} in {span(years_lb)}."
    )
    peak = pre_union_peak(evidence)
    if peak is not None:
        regained = peak_regained(evidence)
        last = int(trade["year"].max())
        if regained is None:
            explanation += (f" Its pre-union peak ({text.usd_million(peak[1])} in {peak[0]}) had not been "
                            f"regained by {last}.")
        else:
            explanation += (f" Its pre-union peak ({text.usd_million(peak[1])} in {peak[0]}) was first passed "
                            f"in {int(regained['year'])} ({text.usd_million(regained['value'])}, "
                            f"{'IMF sum' if regained['basis'] == DOTS_BASIS else 'published figure'} from "
                            f"the {evidence.source(regained['source_id'])['publisher']}).")
    return Assessment(verdict, change, max(years_sa + years_la), explanation)


@claim_test("EAEU-03", metric="number of the other members let down on both trade and growth",
            unit="members")
def disappointment_to_members(evidence: Evidence) -> Assessment:
    """For each of Armenia, Belarus, Kazakhstan and Kyrgyzstan, two signals, each comparing
    the average over ``AFTER`` with the average over ``BEFORE``:

    - trade: the union's share of the member's trade (its own reports) rose by at least
      ``SHARE_RISE_PP`` points;
    - growth: the member's average real GDP growth changed at least as favourably as the
      median change of the non-member ``COMPARATORS``.

    A member is "let down" if neither holds and "gained" if both hold. Supported if more than
    half of the members with data were let down; contradicted if more than half gained;
    mixed otherwise. Without a counterfactual, a slowdown is not proof that the union caused it.
    """
    table = member_table(evidence)
    benchmark = comparator_change(evidence)
    if len(table) < 3 or benchmark is None:
        return Assessment.no_data(
            "Fewer than three members (or no non-member benchmark) have trade shares and growth in both "
            f"{text.year_span(*BEFORE)} and {text.year_span(*AFTER)}.")
    n = len(table)
    let_down = int((table["outcome"] == "let down on both").sum())
    gained = int((table["outcome"] == "gained on both").sum())
    if let_down > n / 2:
        verdict = Verdict.SUPPORTED
    elif gained > n / 2:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    years_after = sorted({y for ys in table["share_years_after"] for y in ys})
    parts = [f"{evidence.entity_name(r.member)} {text.pp(r.share_change)} and {text.pp(r.growth_vs_non_members)}"
             for r in table.itertuples()]
    names = [evidence.entity_name(c) for c in COMPARATORS if growth_change(evidence, c) is not None]
    explanation = (
        f"From the {text.year_span(*BEFORE)} average to the {span(years_after)} average, the union's share of "
        f"each member's trade and its GDP growth relative to non-members ({text.join_words(names)}, median "
        f"growth change {text.pp(benchmark)}) moved: {'; '.join(parts)}. {let_down} of {n} members were let "
        f"down on both (share up less than {threshold_words()} and growth behind the non-members), "
        f"{gained} gained on both."
    )
    return Assessment(verdict, float(let_down), max(years_after), explanation)
