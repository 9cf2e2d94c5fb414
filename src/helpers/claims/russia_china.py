"""Claim tests: Russia and China (key point 2: 'raw materials appendage', 'very junior partner').

Besides the tests, two small indicators the Russia-China notebook needs and that may be of
use elsewhere (candidates for :mod:`helpers.indicators`): :func:`mirror_share` (a partner's
share of a reporter's trade, with the bilateral figure taken from the partner's own reports)
and :func:`gdp_multiple` (one economy's GDP as a multiple of another's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

FUEL_TO_PARTNER = "fuel_share_of_exports_to_partner"
MACHINERY_FROM_PARTNER = "machinery_share_of_imports_from_partner"


@dataclass(frozen=True)
class JuniorPartnerRule:
    """The RCH-03 rule, tied to the paper's words "becoming ... very junior partner": a level
    (very junior) and a trend (becoming), the trend judged symmetrically around "no change"."""

    #: A ratio at or above this reads as "very junior": China weighs at least twice as much in
    #: Russia's trade as Russia weighs in China's.
    junior_ratio: float = 2.0
    #: The trend is judged against the ratio this many years before the latest year: a decade,
    #: long enough that one year's oil price does not decide it.
    trend_years: int = 10
    #: The ratio counts as rising if it is more than this fraction above the base, as falling if
    #: more than this fraction below it, as stable in between: a tenth over a decade is a small
    #: move for a ratio that swings by more than that from one year to the next.
    stable_band: float = 0.1
    #: A falling ratio contradicts the claim ("becoming" more junior is the opposite of a ratio
    #: that shrinks), so the rule can fail at any level, not only at a ratio of 1.
    receding_contradicts: bool = True
    #: After the last year with both countries' own figures (Russia stopped publishing trade by
    #: partner in 2022), continue with China's customs as a MIRROR for the bilateral figure,
    #: divided by each country's own customs total with the world. On this basis the bilateral
    #: figure is the same on both sides, so the ratio is China's total trade over Russia's.
    customs_mirror: bool = True


@dataclass(frozen=True)
class AppendageRule:
    """The RCH-02 rule: what "mostly fuels" and "mostly manufactures" mean, and which points
    may be compared to see "becoming"."""

    #: A fuel share of Russia's exports to China at or above this (percent) is "mostly fuels".
    appendage_share: float = 50.0
    #: A machinery share of Russia's imports from China at or above this (percent) counts as
    #: "buying mostly Chinese manufactures" (machinery is only part of manufactures, so this is
    #: a conservative reading).
    manufactures_share: float = 50.0
    #: Judge the trend only between two points of the same source (one product definition).
    #: On: the published shares use different definitions in different years (named in each
    #: row's note), and a change of definition is not a change of trade.
    comparable_trend_only: bool = True


# -- indicators -----------------------------------------------------------------------------


def mirror_share(evidence: Evidence, reporter: str = "RUS", partner: str = "CHN") -> pd.DataFrame:
    """MIRROR estimate of ``partner``'s share of ``reporter``'s merchandise trade, percent.

    share = turnover with ``reporter`` as reported by ``partner`` (its customs: exports to plus
    imports from the reporter) / ``reporter``'s own total turnover with the world.

    This is not the reporter's own figure: the numerator comes from the other side of the
    border, so it differs by CIF/FOB valuation, timing, and how each side assigns a country
    of origin or destination. It is useful when the reporter stopped publishing trade by
    partner (Russia from 2022). Only years in which both figures are on the same basis (both
    IMF DOTS exports + imports, or both published customs turnovers) are kept.
    Columns: year, partner_trade, total_trade (US$ million), share (percent), basis, sources.
    """
    pair = indicators.turnover(evidence, partner, reporter)
    total = indicators.turnover(evidence, reporter, "WLD")
    return indicators.share_of_total(pair, total)


def customs_shares(evidence: Evidence) -> pd.DataFrame:
    """Both shares from customs releases, for every year with China's customs figure for its
    trade with Russia and China's own customs total with the world.

    Russia's trade with China is China's customs figure (a MIRROR: published turnover with
    entity CHN, counterpart RUS); China's and Russia's trade with the world are each country's
    own customs totals (not IMF DOTS). Columns: year, partner_trade, chn_total, rus_total (US$
    million; rus_total empty where Russia's total is not in the data), share_CHN_in_RUS,
    share_RUS_in_CHN (percent), ratio, basis ("China customs mirror"), sources (a tuple of source ids).
    """

    def own_total(code: str) -> pd.DataFrame:
        total = indicators.turnover(evidence, code, "WLD")
        customs = ["imf-dots" not in ids for ids in total["sources"]]
        return total.loc[pd.Series(customs, index=total.index, dtype=bool), ["year", "value", "sources"]]

    pair = indicators.turnover(evidence, "CHN", "RUS")
    pair = pair[pair["basis"] == "published turnover"][["year", "value", "sources"]]
    merged = pair.merge(own_total("CHN"), on="year", suffixes=("", "_chn")).merge(
        own_total("RUS"), on="year", how="left", suffixes=("", "_rus")
    )
    share_in_rus = 100 * merged["value"] / merged["value_rus"]
    share_in_chn = 100 * merged["value"] / merged["value_chn"]
    return pd.DataFrame(
        {
            "year": merged["year"].astype(int),
            "partner_trade": merged["value"],
            "chn_total": merged["value_chn"],
            "rus_total": merged["value_rus"],
            "share_CHN_in_RUS": share_in_rus,
            "share_RUS_in_CHN": share_in_chn,
            "ratio": share_in_rus / share_in_chn,
            "basis": "China customs mirror",
            "sources": [
                indicators.merge_sources(*ids)
                for ids in zip(merged["sources"], merged["sources_chn"], merged["sources_rus"])
            ],
        }
    ).reset_index(drop=True)


def customs_asymmetry(evidence: Evidence) -> pd.DataFrame:
    """:func:`customs_shares` for the years that also have Russia's own total with the world, so
    that both shares and their ratio exist. On this basis the bilateral figure is the same on
    both sides, so the ratio equals China's total trade over Russia's."""
    return customs_shares(evidence).dropna(subset=["rus_total"]).reset_index(drop=True)


def junior_series(evidence: Evidence, rule: JuniorPartnerRule) -> pd.DataFrame:
    """The ratio RCH-03 judges, one row per year: each country's own figures (IMF DOTS) while both
    exist, then (with ``rule.customs_mirror``) the customs mirror of :func:`customs_asymmetry`
    for later years. Columns: year, share_CHN_in_RUS, share_RUS_in_CHN, ratio, basis, sources."""
    own = indicators.asymmetry(evidence, "RUS", "CHN").assign(basis="own figures (IMF DOTS)")
    own["sources"] = [("imf-dots",)] * len(own)
    own["year"] = own["year"].astype(int)
    columns = ["year", "share_CHN_in_RUS", "share_RUS_in_CHN", "ratio", "basis", "sources"]
    if not rule.customs_mirror:
        return own[columns]
    last = int(own["year"].max()) if not own.empty else 0
    later = customs_asymmetry(evidence)
    return pd.concat([own[columns], later.loc[later["year"] > last, columns]], ignore_index=True)


def gdp_multiple(evidence: Evidence, a: str = "CHN", b: str = "RUS") -> pd.DataFrame:
    """``a``'s GDP as a multiple of ``b``'s, current US$ (World Bank WDI), per year.

    Columns: year, gdp_a, gdp_b (US$), multiple, note (the source's flag for first estimates).
    """
    gdp_a = evidence.series("gdp_current_usd", entity=a)[["year", "value", "note"]]
    gdp_b = evidence.series("gdp_current_usd", entity=b)[["year", "value", "note"]]
    merged = gdp_a.merge(gdp_b, on="year", suffixes=("_a", "_b"))
    notes = merged["note_a"].where(merged["note_a"].notna(), merged["note_b"])
    return pd.DataFrame(
        {
            "year": merged["year"],
            "gdp_a": merged["value_a"],
            "gdp_b": merged["value_b"],
            "multiple": merged["value_a"] / merged["value_b"],
            "note": notes,
        }
    ).reset_index(drop=True)


def military_spending(evidence: Evidence, entities: tuple[str, ...] = ("RUS", "CHN")) -> pd.DataFrame:
    """Military expenditure as a share of GDP (World Bank from SIPRI) and its dollar amount,
    computed from that share and current-dollar GDP (World Bank), in the years every entity has
    both. Columns: entity, year, share_gdp (percent), gdp, usd (US$)."""
    mil = evidence.series("military_expenditure_gdp")
    gdp = evidence.series("gdp_current_usd")
    both = mil.loc[mil["entity"].isin(entities), ["entity", "year", "value"]].merge(
        gdp.loc[gdp["entity"].isin(entities), ["entity", "year", "value"]],
        on=["entity", "year"],
        suffixes=("_mil", "_gdp"),
    )
    complete = both.groupby("year")["entity"].transform("nunique") == len(entities)
    both = both[complete].sort_values(["year", "entity"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "entity": both["entity"],
            "year": both["year"].astype(int),
            "share_gdp": both["value_mil"],
            "gdp": both["value_gdp"],
            "usd": both["value_mil"] / 100 * both["value_gdp"],
        }
    )


def growth_by_period(evidence: Evidence, entities: tuple[str, ...], periods) -> pd.DataFrame:
    """Average annual real GDP growth (World Bank WDI, compounded) of each entity per period.

    ``periods``: (first, last) years, ``last`` None for "to the latest year"; a one-year period
    is that year's growth, so a crash year can stand apart. Columns: period (label), first,
    last (the latest year of the first entity's data in the period), then one column per entity.
    """
    rows = []
    for start, end in periods:
        row = {}
        for entity in entities:
            growth = evidence.series("gdp_growth", entity=entity)
            years = growth[(growth["year"] >= start) & ((growth["year"] <= end) if end is not None else True)]
            if years.empty:
                break
            factor = math.prod(1 + float(v) / 100 for v in years["value"])
            row.setdefault("last", int(years["year"].max()))
            row[entity] = 100 * (factor ** (1 / len(years)) - 1)
        else:
            rows.append({"period": text.year_span(start, row["last"]), "first": start, **row})
    return pd.DataFrame(rows, columns=["period", "first", "last", *entities])


# -- claim tests ----------------------------------------------------------------------------


def trend_word(change: float, band: float) -> str:
    """ "rising", "falling" or "stable": ``change`` (a fraction) against a symmetric ``band``."""
    if change > band:
        return "rising"
    return "falling" if change < -band else "stable"


@claim_test(
    "RCH-03",
    metric="China's share of Russia's trade ÷ Russia's share of China's trade",
    unit="ratio",
    rule=JuniorPartnerRule,
    alternatives={
        "junior_ratio": {8.0: "A very strict 'very', near the highest ratio on record."},
        "trend_years": {
            5: "A shorter base: the five years that include the 2014 sanctions.",
            15: "A longer base reaching into the commodity boom.",
        },
        "stable_band": {0.2: "A wider band: only a move of a fifth or more is a trend."},
        "customs_mirror": {
            False: "Own figures only: stop where Russia's figures by partner stop, "
            "rather than read Russia's side from China's customs."
        },
    },
)
def junior_partner(evidence: Evidence, rule: JuniorPartnerRule) -> Assessment:
    """China's share of Russia's trade over Russia's share of China's (each country's own
    reports; after them, with ``rule.customs_mirror``, China's customs as a mirror for the
    bilateral figure: :func:`junior_series`), in the latest year, against the last year at least
    ``rule.trend_years`` earlier.

    Supported if the ratio is at least ``rule.junior_ratio`` and rising (more than
    ``rule.stable_band`` above the base); contradicted if it is 1 or less (not junior at all)
    or, with ``rule.receding_contradicts``, falling (more than ``stable_band`` below the base:
    the asymmetry receding, the opposite of "becoming"); mixed otherwise (very junior but
    stable, or rising from below the bar). The trend rule is symmetric around "no change".
    """
    asym = junior_series(evidence, rule)
    if asym.empty:
        return Assessment.no_data("No year has both Russia's and China's trade with each other and the world.")
    last = asym.iloc[-1]
    year = int(last["year"])
    earlier = asym[asym["year"] <= year - rule.trend_years]
    base = earlier.iloc[-1] if not earlier.empty else asym.iloc[0]
    ratio, base_ratio = float(last["ratio"]), float(base["ratio"])
    trend = trend_word(ratio / base_ratio - 1, rule.stable_band) if int(base["year"]) < year else "stable"
    if ratio <= 1 or (trend == "falling" and rule.receding_contradicts):
        verdict = Verdict.CONTRADICTED
    elif ratio >= rule.junior_ratio and trend == "rising":
        verdict = Verdict.SUPPORTED
    else:
        verdict = Verdict.MIXED
    explanation = (
        f"In {year} China's share of Russia's trade ({text.pct(last['share_CHN_in_RUS'])}) was "
        f"{text.ratio(ratio)} Russia's share of China's ({text.pct(last['share_RUS_in_CHN'])}); "
        f"in {int(base['year'])} it was {text.ratio(base_ratio)}, so the ratio is {trend} "
        f"(a band of {text.pct(100 * rule.stable_band, digits=0)} either way counts as stable)."
    )
    if last["basis"] != asym.iloc[0]["basis"]:
        explanation += (
            f" The {year} figure is a {last['basis']}: Russia's trade with China as China's customs "
            f"recorded it, over each country's own customs total with the world."
        )
    return Assessment(verdict, ratio, year, explanation)


@claim_test(
    "RCH-02",
    metric="mineral fuels as a share of Russia's exports to China",
    unit="percent",
    rule=AppendageRule,
    alternatives={
        "appendage_share": {66.7: "'The great bulk' of exports (data/claims.csv) read as two thirds."},
        "manufactures_share": {
            40.0: "A lower bar, because machinery is only part of the manufactures Russia buys from China."
        },
        "comparable_trend_only": {
            False: "Read the published points as one series despite their "
            "different product definitions (the rule before)."
        },
    },
)
def raw_materials_appendage(evidence: Evidence, rule: AppendageRule) -> Assessment:
    """Judged on the latest published fuel share of Russia's exports to China (F), its trend
    against an earlier point (F0), and the machinery share of Russia's imports from China (M)
    in its latest year.

    F0 is the earliest point of the same source as F (with ``rule.comparable_trend_only``: one
    product definition), or the earliest point of any source (without it). Supported if
    F >= ``appendage_share`` (50%), F is not below F0 and M >= ``manufactures_share`` (50%);
    contradicted if F < 50% and F is below F0 (the fuel share fell under half); mixed
    otherwise, including when there is no comparable earlier point: a level shows no
    "becoming", and a change of definition is not a trend. Not testable without any fuel share.
    """
    fuel = evidence.series(FUEL_TO_PARTNER, entity="RUS", counterpart="CHN")
    if fuel.empty:
        return Assessment.no_data("No published fuel share of Russia's exports to China in this view.")
    last = fuel.iloc[-1]
    share, year = float(last["value"]), int(last["year"])
    earlier = fuel.iloc[:-1]
    comparable = earlier[earlier["source_id"] == last["source_id"]] if rule.comparable_trend_only else earlier
    first = comparable.iloc[0] if not comparable.empty else None
    machinery = evidence.series(MACHINERY_FROM_PARTNER, entity="RUS", counterpart="CHN")
    mach_last = machinery.iloc[-1] if not machinery.empty else None
    mach_ok = mach_last is not None and float(mach_last["value"]) >= rule.manufactures_share

    if first is not None and share >= rule.appendage_share and share >= float(first["value"]) and mach_ok:
        verdict = Verdict.SUPPORTED
    elif first is not None and share < rule.appendage_share and share < float(first["value"]):
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED

    level = f"In {year} mineral fuels made up {text.pct(share)} of Russia's exports to China"
    if first is not None:
        trend = (
            f"up from {text.pct(first['value'])} in {int(first['year'])}"
            if share > float(first["value"])
            else f"down from {text.pct(first['value'])} in {int(first['year'])}"
            if share < float(first["value"])
            else f"as in {int(first['year'])}"
        )
        fuel_part = f"{level}, {trend}"
        if first["source_id"] != last["source_id"]:
            fuel_part += " (two sources with different product definitions)"
    elif not earlier.empty:
        other = earlier.iloc[0]
        fuel_part = (
            f"{level}; the only earlier figure ({text.pct(other['value'])} in {int(other['year'])}) uses a "
            f"different product definition, so no trend is measured and the verdict can be no better "
            f"than mixed"
        )
    else:
        fuel_part = (
            f"Only one year has a published fuel share: in {year} mineral fuels made up "
            f"{text.pct(share)} of Russia's exports to China, so no trend can be seen"
        )
    if mach_last is None:
        mach_part = "no machinery share of Russia's imports from China is published in this view."
    else:
        bound = "at least " if "LOWER BOUND" in str(mach_last["note"]) else ""
        mach_part = (
            f"machinery made up {bound}{text.pct(mach_last['value'])} of Russia's imports from China "
            f"in {int(mach_last['year'])}."
        )
    return Assessment(verdict, share, year, f"{fuel_part}; {mach_part}")


not_testable(
    "RCH-01",
    reason="The claim is about China's intent (deliberately shrinking Russia's role), which no series observes.",
    would_settle="process tracing of a few cases (the EAEU-Silk Road link, Yamal LNG, Power of Siberia pricing) "
    "showing who set the terms and who was left out.",
    module=__name__,
)
