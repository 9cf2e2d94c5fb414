"""Claim tests: the causal claims (key point 3 and abstract sentence 8: the political system as the cause).

Only one half of one claim can be measured: CAUSE-04's 'suffocating the growth of Russian
economic power' says that growth was held down, and growth is in the data. Who or what held
it down is the causal half, which stays with CAUSE-01 (not testable with data).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import pandas as pd

from .. import text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

#: Names of the default peers, for the explanation when the data do not hold them yet.
PEER_NAMES = {"AZE": "Azerbaijan", "KAZ": "Kazakhstan", "NOR": "Norway", "SAU": "Saudi Arabia"}


@dataclass(frozen=True)
class GrowthRule:
    """The CAUSE-04 rule: the boom and later periods, the slowdown that counts, the peers."""

    #: The boom years Russia's later growth is measured against (the oil-price boom, up to the
    #: 2008 crisis).
    boom: tuple[int, int] = (2000, 2008)
    #: The later periods; ``None`` means "to the latest year in the data". The first ends before
    #: the paper, the second starts with the paper's year.
    later: tuple[tuple[int, int | None], ...] = ((2009, 2016), (2017, None))
    #: A period counts as "held down" if its average growth is at least this many percentage
    #: points below the boom's.
    slowdown_pp: float = 2.0
    #: Other oil and commodity exporters whose slowdown Russia's is compared with (World Bank
    #: WDI growth), used when the data hold them: a slowdown that every oil exporter shows says
    #: nothing about Russia's political system. Those without data are named in the explanation.
    peers: tuple[str, ...] = ("AZE", "KAZ", "NOR", "SAU")
    #: Russia's slowdown is its own only if it exceeds the peers' median slowdown by at least
    #: this many points (half of ``slowdown_pp``); it kept pace if it falls short of theirs by as
    #: much. The band is symmetric around "slowed as much as the peers".
    peer_margin_pp: float = 1.0
    #: A period needs at least this many years of data to be averaged.
    min_years: int = 3


def period_growth(
    evidence: Evidence, entity: str = "RUS", periods=None, min_years: int = GrowthRule.min_years
) -> pd.DataFrame:
    """Average annual real GDP growth of ``entity`` in each period (World Bank WDI), percent.

    ``periods`` is a sequence of (first, last) years, ``last`` None for "to the latest year";
    the default is the published rule's boom followed by its later periods. The average is
    compounded: the constant yearly rate that gives the same total growth over the period's
    years. Periods with fewer than ``min_years`` years of data are left out. Columns: period
    (label), first, last, n_years, growth.
    """
    periods = (GrowthRule.boom, *GrowthRule.later) if periods is None else tuple(periods)
    growth = evidence.series("gdp_growth", entity=entity)
    rows = []
    for start, end in periods:
        years = growth[(growth["year"] >= start) & ((growth["year"] <= end) if end is not None else True)]
        if len(years) < min_years:
            continue
        factor = math.prod(1 + float(v) / 100 for v in years["value"])
        first, last = int(years["year"].min()), int(years["year"].max())
        rows.append(
            {
                "period": text.year_span(first, last),
                "first": first,
                "last": last,
                "n_years": len(years),
                "growth": 100 * (factor ** (1 / len(years)) - 1),
            }
        )
    return pd.DataFrame(rows, columns=["period", "first", "last", "n_years", "growth"])


def shortfall(evidence: Evidence, entity: str, rule: GrowthRule) -> float | None:
    """How many points ``entity``'s growth in the rule's latest period fell below its boom (None if no data)."""
    boom = period_growth(evidence, entity, [rule.boom], rule.min_years)
    later = period_growth(evidence, entity, [rule.later[-1]], rule.min_years)
    if boom.empty or later.empty:
        return None
    return float(boom["growth"].iloc[0]) - float(later["growth"].iloc[0])


def peer_shortfalls(evidence: Evidence, rule: GrowthRule) -> dict[str, float]:
    """The latest period's shortfall against the boom for each peer the data hold."""
    found = {code: shortfall(evidence, code, rule) for code in rule.peers}
    return {code: value for code, value in found.items() if value is not None}


@claim_test(
    "CAUSE-04",
    metric="fall in Russia's average real GDP growth from the 2000-2008 boom to the latest period, "
    "set against other oil exporters' (the growth half of the claim only)",
    unit="percentage points",
    rule=GrowthRule,
    alternatives={
        "boom": {
            (2003, 2008): "The years of high oil prices only, so the recovery from 1998 does not inflate the boom."
        },
        "slowdown_pp": {
            1.0: "Any clear slowdown counts as 'held down'.",
            3.0: "Only a deep slowdown counts, since 'suffocating' is strong wording.",
        },
        "peer_margin_pp": {
            0.5: "A smaller excess over the peers already counts as Russia's own.",
            2.0: "Only an excess as large as the slowdown threshold counts as Russia's own.",
        },
    },
)
def suffocated_growth(evidence: Evidence, rule: GrowthRule) -> Assessment:
    """Measures only whether Russia's growth was held down more than other exporters', not why.

    Russia's average annual real growth (compounded) in each later period is compared with
    its boom. Contradicted if the latest period grew at least as fast as the boom, or if
    Russia's latest shortfall is at least ``peer_margin_pp`` smaller than the peers' median
    (it kept pace with other exporters). Supported if every later period fell at least
    ``slowdown_pp`` short of the boom and Russia's shortfall exceeds the peers' median by at
    least ``peer_margin_pp``. Otherwise mixed: Russia slowed, but no more than other oil
    exporters (or no peer is in the data), so the outcome is consistent with the claim and its
    cause untested. The value is Russia's latest shortfall against its boom.
    """
    boom = period_growth(evidence, "RUS", [rule.boom], rule.min_years)
    later = period_growth(evidence, "RUS", rule.later, rule.min_years)
    if boom.empty or later.empty:
        return Assessment.no_data("Russia's real growth is not available for the boom and a later period.")
    boom_rate = float(boom["growth"].iloc[0])
    shortfalls = [boom_rate - float(g) for g in later["growth"]]
    latest = later.iloc[-1]
    gap = shortfalls[-1]
    peers = peer_shortfalls(
        evidence,
        GrowthRule(
            rule.boom,
            (tuple(latest[["first", "last"]].astype(int)),),
            rule.slowdown_pp,
            rule.peers,
            rule.peer_margin_pp,
            rule.min_years,
        ),
    )
    excess = gap - statistics.median(peers.values()) if peers else None
    if gap <= 0 or (excess is not None and excess <= -rule.peer_margin_pp):
        verdict = Verdict.CONTRADICTED
    elif all(s >= rule.slowdown_pp for s in shortfalls) and excess is not None and excess >= rule.peer_margin_pp:
        verdict = Verdict.SUPPORTED
    else:
        verdict = Verdict.MIXED
    table = pd.concat([boom, later], ignore_index=True)
    china = period_growth(evidence, "CHN", [(int(r.first), int(r.last)) for r in table.itertuples()], rule.min_years)
    china_by_period = dict(zip(china["period"], china["growth"]))
    parts = [
        f"{text.pct(r.growth)} in {r.period}"
        + (f" (China {text.pct(china_by_period[r.period])})" if r.period in china_by_period else "")
        for r in table.itertuples()
    ]
    gap_words = "fell short of" if gap > 0 else "grew faster than" if gap < 0 else "matched"
    gap_size = f" by {text.number(abs(gap), digits=1)} percentage points" if gap != 0 else ""
    explanation = (
        f"Russia's average annual real GDP growth was {text.join_words(parts)}; "
        f"the latest period {gap_words} the boom{gap_size}. "
    )
    explanation += _peer_sentence(evidence, rule, peers, excess, verdict)
    return Assessment(verdict, gap, int(latest["last"]), explanation)


def _name(evidence: Evidence, code: str) -> str:
    if code in set(evidence.entities["code"]):
        return evidence.entity_name(code)
    return PEER_NAMES.get(code, code)


def _peer_sentence(
    evidence: Evidence, rule: GrowthRule, peers: dict[str, float], excess: float | None, verdict: Verdict
) -> str:
    missing = [_name(evidence, c) for c in rule.peers if c not in peers]
    absent = f" The data hold no growth series for {text.join_words(missing)}." if missing else ""
    if not peers:
        return "No other oil exporter is in the data to compare with: outcome consistent, cause untested." + absent
    named = text.join_words(
        [f"{text.number(v, digits=1)} points in {_name(evidence, c)}" for c, v in sorted(peers.items())]
    )
    relation = "more than" if excess > 0 else "less than" if excess < 0 else "as much as"
    sentence = (
        f"Over the same years growth fell against the boom by {named}; Russia's fell "
        f"{text.number(abs(excess), digits=1)} points {relation} the other oil exporters' median.{absent}"
    )
    if verdict is Verdict.MIXED:
        sentence += " Outcome consistent, cause untested: other exporters slowed about as much."
    return sentence + " Whether the political system caused the slowdown is not measured here (see CAUSE-01)."


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
