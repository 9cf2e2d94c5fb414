"""Claim tests: Central Asia (abstract sentence 6: 'losing ground to China ... Central Asia')."""

from __future__ import annotations

import statistics

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test

CA5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: "Steadily losing ground" is judged over this many years before the latest year.
TREND_YEARS = 10
#: Gaps are averaged over this many years, so one odd year (2020's closed borders, a change
#: in how a customs union records trade) does not decide the verdict.
WINDOW = 3


def share_gap(evidence: Evidence, state: str):
    """China's minus Russia's share of ``state``'s trade (percentage points), per year.

    Both shares are from the state's own reports, for years in which both exist.
    Columns: year, share_CHN, share_RUS, gap, gap_avg (mean of the gap over the ``WINDOW``
    years ending in that year; empty until there are that many years).
    """
    chn = indicators.trade_share(evidence, state, "CHN")[["year", "share"]].rename(columns={"share": "share_CHN"})
    rus = indicators.trade_share(evidence, state, "RUS")[["year", "share"]].rename(columns={"share": "share_RUS"})
    both = chn.merge(rus, on="year")
    both["gap"] = both["share_CHN"] - both["share_RUS"]
    both["gap_avg"] = both["gap"].rolling(WINDOW, min_periods=WINDOW).mean()
    return both.reset_index(drop=True)


@claim_test("CAS-01", metric="median across the five states of China's minus Russia's share of trade",
            unit="percentage points")
def losing_ground_central_asia(evidence: Evidence) -> Assessment:
    """Gaps are averaged over ``WINDOW`` years.

    Supported if China's share exceeds Russia's in at least three of the five states and
    the median gap moved in China's favour over ten years; contradicted if Russia leads in at
    least three and the gap did not move in China's favour; mixed otherwise."""
    latest_gaps, changes, ahead, years = [], [], [], []
    for state in CA5:
        gaps = share_gap(evidence, state).dropna(subset=["gap_avg"])
        if gaps.empty:
            continue
        last = gaps.iloc[-1]
        before = gaps[gaps["year"] <= last["year"] - TREND_YEARS]
        latest_gaps.append(float(last["gap_avg"]))
        years.append(int(last["year"]))
        if not before.empty:
            changes.append(float(last["gap_avg"]) - float(before.iloc[-1]["gap_avg"]))
        if last["gap_avg"] > 0:
            ahead.append(state)
    if len(latest_gaps) < 3:
        return Assessment.no_data("Fewer than three Central Asian states have trade shares for China and Russia.")
    median_gap = statistics.median(latest_gaps)
    median_change = statistics.median(changes) if changes else 0.0
    n_states = len(latest_gaps)
    if len(ahead) >= 3 and median_change > 0:
        verdict = Verdict.SUPPORTED
    elif n_states - len(ahead) >= 3 and median_change <= 0:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    names = text.join_words([evidence.entity_name(code) for code in ahead]) or "none of them"
    explanation = (
        f"Averaged over the {WINDOW} years to {text.year_span(min(years), max(years))}, China's share of "
        f"trade exceeded Russia's in {len(ahead)} of {n_states} states ({names}); the median gap "
        f"(China minus Russia) was {text.pp(median_gap)} and moved {text.pp(median_change)} "
        f"over the previous {TREND_YEARS} years."
    )
    return Assessment(verdict, median_gap, max(years), explanation)
