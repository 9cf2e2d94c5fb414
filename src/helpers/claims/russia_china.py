"""Claim tests: Russia and China (key point 2: 'raw materials appendage', 'very junior partner').

Besides the tests, two small indicators the Russia-China notebook needs and that may be of
use elsewhere (candidates for :mod:`helpers.indicators`): :func:`mirror_share` (a partner's
share of a reporter's trade, with the bilateral figure taken from the partner's own reports)
and :func:`gdp_multiple` (one economy's GDP as a multiple of another's).
"""

from __future__ import annotations

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

#: A ratio at or above this reads as "very junior": China weighs at least twice as much
#: in Russia's trade as Russia weighs in China's.
JUNIOR_RATIO = 2.0
#: The trend is judged against the ratio this many years before the latest year.
TREND_YEARS = 10

#: RCH-02: a fuel share of Russia's exports to China at or above this (percent) counts as
#: "mostly fuels", i.e. a raw-materials supplier.
APPENDAGE_SHARE = 50.0
#: RCH-02: a machinery share of Russia's imports from China at or above this (percent) counts
#: as "buying mostly Chinese manufactures" (machinery is only part of manufactures, so this is
#: a conservative reading).
MANUFACTURES_SHARE = 50.0

FUEL_TO_PARTNER = "fuel_share_of_exports_to_partner"
MACHINERY_FROM_PARTNER = "machinery_share_of_imports_from_partner"


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


def gdp_multiple(evidence: Evidence, a: str = "CHN", b: str = "RUS") -> pd.DataFrame:
    """``a``'s GDP as a multiple of ``b``'s, current US$ (World Bank WDI), per year.

    Columns: year, gdp_a, gdp_b (US$), multiple, note (the source's flag for first estimates).
    """
    gdp_a = evidence.series("gdp_current_usd", entity=a)[["year", "value", "note"]]
    gdp_b = evidence.series("gdp_current_usd", entity=b)[["year", "value", "note"]]
    merged = gdp_a.merge(gdp_b, on="year", suffixes=("_a", "_b"))
    notes = merged["note_a"].where(merged["note_a"].notna(), merged["note_b"])
    return pd.DataFrame({
        "year": merged["year"],
        "gdp_a": merged["value_a"],
        "gdp_b": merged["value_b"],
        "multiple": merged["value_a"] / merged["value_b"],
        "note": notes,
    }).reset_index(drop=True)


# -- claim tests ----------------------------------------------------------------------------

@claim_test("RCH-03", metric="China's share of Russia's trade ÷ Russia's share of China's trade", unit="ratio")
def junior_partner(evidence: Evidence) -> Assessment:
    """Supported if the asymmetry ratio is at least 2 and higher than ten years before;
    mixed if it is above 1 but below 2, or at least 2 and not rising; contradicted if it is 1 or less."""
    asym = indicators.asymmetry(evidence, "RUS", "CHN")
    if asym.empty:
        return Assessment.no_data("No year has both Russia's and China's trade with each other and the world.")
    last = asym.iloc[-1]
    year = int(last["year"])
    earlier = asym[asym["year"] <= year - TREND_YEARS]
    base = earlier.iloc[-1] if not earlier.empty else asym.iloc[0]
    ratio, base_ratio = float(last["ratio"]), float(base["ratio"])
    rising = ratio > base_ratio
    if ratio <= 1:
        verdict = Verdict.CONTRADICTED
    elif ratio >= JUNIOR_RATIO and rising:
        verdict = Verdict.SUPPORTED
    else:
        verdict = Verdict.MIXED
    explanation = (
        f"In {year} China's share of Russia's trade ({text.pct(last['share_CHN_in_RUS'])}) was "
        f"{text.ratio(ratio)} Russia's share of China's ({text.pct(last['share_RUS_in_CHN'])}); "
        f"in {int(base['year'])} it was {text.ratio(base_ratio)}."
    )
    return Assessment(verdict, ratio, year, explanation)


@claim_test("RCH-02", metric="mineral fuels as a share of Russia's exports to China", unit="percent")
def raw_materials_appendage(evidence: Evidence) -> Assessment:
    """Judged on the latest published fuel share of Russia's exports to China (F) against the
    earliest (F0), and on the machinery share of Russia's imports from China (M) in its latest
    year.

    Supported if F >= 50%, F is not below F0 (at least two years, so a trend can be seen) and
    M >= 50%; contradicted if F < 50% and F is below F0 (the fuel share fell under half);
    mixed otherwise (including a single year of data, whose level cannot show "becoming").
    Not testable without any fuel share. The published shares use different product
    definitions in different years (named in each row's note), so the trend is indicative.
    """
    fuel = evidence.series(FUEL_TO_PARTNER, entity="RUS", counterpart="CHN")
    if fuel.empty:
        return Assessment.no_data("No published fuel share of Russia's exports to China in this view.")
    first, last = fuel.iloc[0], fuel.iloc[-1]
    share, year = float(last["value"]), int(last["year"])
    two_points = len(fuel) >= 2
    not_falling = two_points and share >= float(first["value"])
    machinery = evidence.series(MACHINERY_FROM_PARTNER, entity="RUS", counterpart="CHN")
    mach_last = machinery.iloc[-1] if not machinery.empty else None
    mach_ok = mach_last is not None and float(mach_last["value"]) >= MANUFACTURES_SHARE

    if share >= APPENDAGE_SHARE and not_falling and mach_ok:
        verdict = Verdict.SUPPORTED
    elif share < APPENDAGE_SHARE and two_points and share < float(first["value"]):
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED

    if two_points:
        trend = (f"up from {text.pct(first['value'])} in {int(first['year'])}" if share > float(first["value"]) else
                 f"down from {text.pct(first['value'])} in {int(first['year'])}" if share < float(first["value"]) else
                 f"as in {int(first['year'])}")
        fuel_part = f"In {year} mineral fuels made up {text.pct(share)} of Russia's exports to China, {trend}"
        if first["source_id"] != last["source_id"]:
            fuel_part += " (two sources with different product definitions)"
    else:
        fuel_part = (f"Only one year has a published fuel share: in {year} mineral fuels made up "
                     f"{text.pct(share)} of Russia's exports to China, so no trend can be seen")
    if mach_last is None:
        mach_part = "no machinery share of Russia's imports from China is published in this view."
    else:
        bound = "at least " if "LOWER BOUND" in str(mach_last["note"]) else ""
        mach_part = (f"machinery made up {bound}{text.pct(mach_last['value'])} of Russia's imports from China "
                     f"in {int(mach_last['year'])}.")
    return Assessment(verdict, share, year, f"{fuel_part}; {mach_part}")


not_testable(
    "RCH-01",
    reason="The claim is about China's intent (deliberately shrinking Russia's role), which no series observes.",
    would_settle="process tracing of a few cases (the EAEU-Silk Road link, Yamal LNG, Power of Siberia pricing) "
                 "showing who set the terms and who was left out.",
    module=__name__,
)
