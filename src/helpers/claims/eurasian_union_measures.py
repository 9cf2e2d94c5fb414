"""Measures of the Eurasian Economic Union's trade that read no rule: shares, sums, windows, peaks.

Used by the claim tests in :mod:`helpers.claims.eurasian_union` and by the notebook's charts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import indicators, text
from ..data import Evidence

GROUP = "EAEU"
RUSSIA = "RUS"
DOTS_BASIS = "IMF DOTS: members' exports to each other, summed"
PUBLISHED_BASIS = "published mutual trade"
#: Published mutual-trade totals (series merchandise_trade, EAEU -> EAEU): where two sources
#: give a figure for the same year, the first of these is used. The Eurasian Economic
#: Commission compiles the union's trade statistics; the Russian government report does not
#: name its statistical basis. (Shown in the explanation only; no verdict reads them.)
MUTUAL_TRADE_SOURCES = ("trade-eec-2025-forum", "trade-govru-2023-eaeu-report")


def other_members(evidence: Evidence, member: str) -> list[str]:
    """The union's members other than ``member`` (sorted)."""
    return [code for code in indicators.members(evidence, GROUP) if code != member]


def union_share(evidence: Evidence, member: str) -> pd.DataFrame:
    """The other members' share of ``member``'s merchandise trade, in percent, per year.

    Equal to the sum of :func:`helpers.indicators.trade_share` (``basis="dots"``) over the
    other members: exports plus imports as ``member`` reports them, for years with both flows
    for every other member and for the world (a partial sum would look like a fall). It reads
    no choice of any rule, so it is remembered per Evidence (every specification needs it).
    Columns: year, union_trade, total_trade (US$ million), share (percent), sources.
    """
    return evidence.remember("eurasian_union.union_share", member, lambda: _union_share(evidence, member))


def _union_share(evidence: Evidence, member: str) -> pd.DataFrame:
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
        lambda g: indicators.merge_sources(g["source_id_x"], g["source_id_m"]), include_groups=False
    )
    out["sources"] = sources.loc[grouped.index].to_numpy()
    return out.reset_index(drop=True)


def union_share_mirror(evidence: Evidence, member: str) -> pd.DataFrame:
    """Like :func:`union_share`, but the trade with each other member as *that member* reports it.

    A robustness check for years in which ``member``'s own partner figures look broken (for
    example Russia's reported trade with Belarus in 2011 is about half of what Belarus reports).
    The total stays ``member``'s own. Columns: year, union_trade, total_trade, share.
    """
    partners = other_members(evidence, member)
    parts = [
        indicators.turnover(evidence, partner, member, include_published=False).assign(partner=partner)
        for partner in partners
    ]
    stacked = pd.concat(parts, ignore_index=True)
    grouped = stacked.groupby("year", sort=True).agg(union_trade=("value", "sum"), n=("partner", "nunique"))
    grouped = grouped[grouped["n"] == len(partners)].drop(columns="n").reset_index()
    total = indicators.turnover(evidence, member, "WLD", include_published=False)[["year", "value"]]
    out = grouped.merge(total.rename(columns={"value": "total_trade"}), on="year")
    out["share"] = 100 * out["union_trade"] / out["total_trade"]
    out["year"] = out["year"].astype("Int64")
    return out.reset_index(drop=True)


def window_mean(
    frame: pd.DataFrame, column: str, years: tuple[int, int], min_years: int = 2
) -> tuple[float | None, list[int]]:
    """Mean of ``column`` over the rows whose year lies in ``years`` (inclusive), and those years.

    Returns ``(None, years_found)`` if fewer than ``min_years`` years have a value.
    """
    year = frame["year"].to_numpy(dtype="float64", na_value=np.nan)
    value = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    keep = (year >= years[0]) & (year <= years[1]) & ~np.isnan(value)
    found = [int(y) for y in year[keep]]
    if len(found) < min_years:
        return None, found
    return float(value[keep].mean()), found


def span(years: list[int]) -> str:
    """The years of a window as a span, e.g. '2011–2014' (gaps are listed in the notebook)."""
    return text.year_span(min(years), max(years))


def mutual_trade(evidence: Evidence, sources: tuple[str, ...] = MUTUAL_TRADE_SOURCES) -> pd.DataFrame:
    """Trade among the union's members, per year, on two bases (see :func:`_mutual_trade`)."""
    return evidence.remember("eurasian_union.mutual_trade", tuple(sources), lambda: _mutual_trade(evidence, sources))


def _mutual_trade(evidence: Evidence, sources: tuple[str, ...]) -> pd.DataFrame:
    """Trade among the union's members, per year, on two bases.

    ``DOTS_BASIS``: the sum of each member's reported exports to the other four
    (:func:`helpers.indicators.intra_group_exports`), complete years only. ``PUBLISHED_BASIS``:
    the published mutual-trade total (series merchandise_trade, EAEU -> EAEU); where two sources
    give the same year, the first of ``sources`` is used. Columns: year, value (US$ million),
    basis, source_id.
    """
    dots = indicators.intra_group_exports(evidence, GROUP)
    dots = pd.DataFrame({"year": dots["year"], "value": dots["value"], "basis": DOTS_BASIS, "source_id": "imf-dots"})
    obs = evidence.observations
    published = obs[
        (obs["series_id"] == indicators.TURNOVER) & (obs["entity"] == GROUP) & (obs["counterpart"] == GROUP)
    ]
    chosen = []
    for _year, rows in published.groupby("year", sort=True):
        ranked = [s for s in sources if s in set(rows["source_id"])]
        pick = rows[rows["source_id"] == ranked[0]] if ranked else rows.sort_values("source_id").head(1)
        chosen.append(pick)
    parts = [dots]
    if chosen:
        pub = pd.concat(chosen, ignore_index=True)
        parts.append(
            pd.DataFrame(
                {"year": pub["year"], "value": pub["value"], "basis": PUBLISHED_BASIS, "source_id": pub["source_id"]}
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["year"] = out["year"].astype("Int64")
    return out.sort_values(["year", "basis"]).reset_index(drop=True)


def pre_union_peak(evidence: Evidence, union_start: int = 2015) -> tuple[int, float] | None:
    """The highest IMF-based mutual trade before ``union_start``: (year, US$ million)."""
    dots = mutual_trade(evidence)
    dots = dots[(dots["basis"] == DOTS_BASIS) & (dots["year"] < union_start)]
    if dots.empty:
        return None
    top = dots.loc[dots["value"].idxmax()]
    return int(top["year"]), float(top["value"])


def peak_regained(evidence: Evidence, union_start: int = 2015) -> pd.Series | None:
    """The first row of :func:`mutual_trade` from ``union_start`` on, on either basis, at or
    above the pre-union peak; ``None`` if no such year is in the data.

    Its ``missing`` field lists the years between ``union_start`` and that row with no figure on
    either basis: if it is not empty, the peak may have been passed earlier, so the row says
    only that it was passed *by* that year.
    """
    peak = pre_union_peak(evidence, union_start)
    if peak is None:
        return None
    trade = mutual_trade(evidence)
    above = trade[(trade["year"] >= union_start) & (trade["value"] >= peak[1])]
    if above.empty:
        return None
    row = above.iloc[0].copy()
    known = set(trade["year"].astype(int))
    row["missing"] = [y for y in range(union_start, int(row["year"])) if y not in known]
    return row


def union_start(evidence: Evidence) -> int:
    """The year the union's treaty entered into force (events table)."""
    events = evidence.events
    return int(events.loc[events["event_id"] == "eaeu-treaty-in-force", "date"].iloc[0][:4])
