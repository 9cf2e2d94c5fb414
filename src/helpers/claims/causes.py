"""Claim tests: the causal claims (key point 3 and abstract sentence 8: the political system as the cause).

Only one half of one claim can be measured: CAUSE-04's 'suffocating the growth of Russian
economic power' says that growth was held down, and growth is in the data. Who or what held
it down is the causal half, which stays with CAUSE-01 (not testable with data).
"""

from __future__ import annotations

import math

import pandas as pd

from .. import text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

#: CAUSE-04: the boom years Russia's later growth is measured against.
BOOM = (2000, 2008)
#: CAUSE-04: the later periods; ``None`` means "to the latest year in the data".
LATER = ((2009, 2016), (2017, None))
#: CAUSE-04: a period counts as "held down" if its average growth is at least this many
#: percentage points below the boom's.
SLOWDOWN_PP = 2.0
#: A period needs at least this many years of data to be averaged.
MIN_YEARS = 3


def period_growth(evidence: Evidence, entity: str = "RUS", periods=None) -> pd.DataFrame:
    """Average annual real GDP growth of ``entity`` in each period (World Bank WDI), percent.

    ``periods`` is a sequence of (first, last) years, ``last`` None for "to the latest year";
    the default is ``BOOM`` followed by ``LATER``. The average is compounded: the constant
    yearly rate that gives the same total growth over the period's years. Periods with fewer
    than ``MIN_YEARS`` years of data are left out. Columns: period (label), first, last,
    n_years, growth.
    """
    periods = (BOOM, *LATER) if periods is None else tuple(periods)
    growth = evidence.series("gdp_growth", entity=entity)
    rows = []
    for start, end in periods:
        years = growth[(growth["year"] >= start) & ((growth["year"] <= end) if end is not None else True)]
        if len(years) < MIN_YEARS:
            continue
        factor = math.prod(1 + float(v) / 100 for v in years["value"])
        first, last = int(years["year"].min()), int(years["year"].max())
        rows.append({"period": text.year_span(first, last), "first": first, "last": last, "n_years": len(years),
                     "growth": 100 * (factor ** (1 / len(years)) - 1)})
    return pd.DataFrame(rows, columns=["period", "first", "last", "n_years", "growth"])


@claim_test("CAUSE-04", metric="fall in Russia's average real GDP growth from the 2000-2008 boom to the latest period "
                               "(the growth half of the claim only)", unit="percentage points")
def suffocated_growth(evidence: Evidence) -> Assessment:
    """Measures only whether Russia's growth was held down, not why.

    Russia's average annual real growth (compounded) in each later period (2009-2016, and
    2017 to the latest year) is compared with the 2000-2008 boom. Supported if every later
    period with data averaged at least ``SLOWDOWN_PP`` points less than the boom;
    contradicted if the latest period grew at least as fast as the boom (growth recovered);
    mixed otherwise. The value is the latest period's shortfall against the boom.
    """
    boom = period_growth(evidence, "RUS", [BOOM])
    later = period_growth(evidence, "RUS", LATER)
    if boom.empty or later.empty:
        return Assessment.no_data("Russia's real growth is not available for the boom and a later period.")
    boom_rate = float(boom["growth"].iloc[0])
    shortfalls = [boom_rate - float(g) for g in later["growth"]]
    latest = later.iloc[-1]
    if all(s >= SLOWDOWN_PP for s in shortfalls):
        verdict = Verdict.SUPPORTED
    elif shortfalls[-1] <= 0:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    table = pd.concat([boom, later], ignore_index=True)
    china = period_growth(evidence, "CHN", [(int(r.first), int(r.last)) for r in table.itertuples()])
    china_by_period = dict(zip(china["period"], china["growth"]))
    parts = [f"{text.pct(r.growth)} in {r.period}" + (f" (China {text.pct(china_by_period[r.period])})"
                                                       if r.period in china_by_period else "")
             for r in table.itertuples()]
    gap = shortfalls[-1]
    gap_words = "fell short of" if gap > 0 else "grew faster than" if gap < 0 else "matched"
    gap_size = f" by {text.number(abs(gap), digits=1)} percentage points" if gap != 0 else ""
    explanation = (
        f"Russia's average annual real GDP growth was {text.join_words(parts)}; "
        f"the latest period {gap_words} the boom{gap_size}. "
        "Whether the political system caused the slowdown is not measured here (see CAUSE-01)."
    )
    return Assessment(verdict, shortfalls[-1], int(latest["last"]), explanation)


not_testable(
    "CAUSE-01",
    reason="A single-cause claim (the political system is the main reason) cannot be read off a series: "
           "sanctions, oil prices and partners' choices move the same outcomes.",
    would_settle="a comparison with resource exporters under other political systems, or process tracing of "
                 "stalled projects to Russian-side causes (regulation, property rights, corruption).",
    module=__name__,
)

not_testable(
    "CAUSE-02",
    reason="A counterfactual and exclusive claim: it says that economic power alone would give Russia a major "
           "role, so it is about a Russia that does not exist and about every other route failing. No series "
           "observes the role a richer Russia would have had, and 'major role' is not defined.",
    would_settle="coded cases of Russia's role in regional bodies and security agendas set against its economic "
                 "weight. Cases where Russia won a major role by military or diplomatic means without economic "
                 "growth would contradict it: the partnership treaty with North Korea (2024, in the events data) "
                 "is the clearest; Russian arms sales to India and Southeast Asia (SIPRI Arms Transfers "
                 "Database) and its security role in Central Asia (CSTO, bases) are the others.",
    module=__name__,
)

not_testable(
    "CAUSE-03",
    reason="A causal claim that names a mechanism (no reform at home, no development steps) whose measures "
           "are not in the dataset: no reform record, no statistics of the Russian Far East, no Asian "
           "investment received, no non-commodity exports by destination.",
    would_settle="Rosstat series for the Russian Far East (population, output, investment), Asian investment "
                 "received by the advanced development territories and the Free Port of Vladivostok against "
                 "what was pledged, and Russia's non-commodity exports to Asia (UN Comtrade), compared before "
                 "and after those reforms and with exporters that reformed more or less.",
    module=__name__,
)
