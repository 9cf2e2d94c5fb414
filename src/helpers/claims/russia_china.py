"""Claim tests: Russia and China (key point 2: 'raw materials appendage', 'very junior partner')."""

from __future__ import annotations

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

#: A ratio at or above this reads as "very junior": China weighs at least twice as much
#: in Russia's trade as Russia weighs in China's.
JUNIOR_RATIO = 2.0
#: The trend is judged against the ratio this many years before the latest year.
TREND_YEARS = 10


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


not_testable(
    "RCH-01",
    reason="The claim is about China's intent (deliberately shrinking Russia's role), which no series observes.",
    would_settle="process tracing of a few cases (the EAEU-Silk Road link, Yamal LNG, Power of Siberia pricing) "
                 "showing who set the terms and who was left out.",
    module=__name__,
)
