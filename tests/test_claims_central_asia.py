"""CAS-01 (Central Asia): the verdict rule on synthetic data, its helpers, and the real data."""

import statistics
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import indicators
from helpers.claims import central_asia
from helpers.claims.registry import Verdict
from helpers.data import AmbiguousSourceError

CA5 = central_asia.CA5
YEARS = range(2004, 2017)  # 13 consecutive years: the 3-year windows end 2006 (base) and 2016 (latest)


def _evidence(evidence, reporter=None, partner=None, years=YEARS):
    """Evidence holding only trade rows built from shares.

    ``reporter`` / ``partner``: {state: (china_then, russia_then, china_now, russia_now)}, in percent of
    the state's total trade (100 = the total, split evenly between exports and imports). "Then" is used
    up to 2006, "now" after. Reporter rows are the state's own (state->CHN, state->RUS); partner rows
    are China's and Russia's (CHN->state, RUS->state). Every state with rows reports a total of 100.
    """
    flows = {}

    def add(entity, counterpart, year, total):
        flows[(entity, counterpart, year)] = total

    for side, spec in (("reporter", reporter or {}), ("partner", partner or {})):
        for state, (c0, r0, c1, r1) in spec.items():
            for year in years:
                china, russia = (c0, r0) if year <= 2006 else (c1, r1)
                add(state, "WLD", year, 100.0)
                if side == "reporter":
                    add(state, "CHN", year, float(china))
                    add(state, "RUS", year, float(russia))
                else:
                    add("CHN", state, year, float(china))
                    add("RUS", state, year, float(russia))
    records = []
    for (entity, counterpart, year), total in sorted(flows.items()):
        for series in ("merchandise_exports", "merchandise_imports"):
            records.append({"series_id": series, "entity": entity, "counterpart": counterpart, "year": year,
                            "value": total / 2, "unit": "US$ million", "source_id": "imf-dots", "note": pd.NA})
    obs = pd.DataFrame(records).astype({"year": "Int64", "value": "float64"})
    return replace(evidence, observations=obs)


CHINA_RISING_AHEAD = (10, 30, 40, 20)     # China 10 -> 40 %, Russia 30 -> 20 %: ahead and gaining
RUSSIA_AHEAD_FLAT = (10, 30, 10, 30)      # Russia ahead by 20 pp, no change


def test_supported_when_both_sides_see_china_ahead_and_gaining(evidence):
    spec = {s: CHINA_RISING_AHEAD for s in CA5}
    outcome = central_asia.losing_ground_central_asia(_evidence(evidence, reporter=spec, partner=spec))
    assert outcome.verdict is Verdict.SUPPORTED
    assert outcome.value == pytest.approx(20.0)  # 40 - 20 in every state: the median gap
    assert outcome.year == 2016
    assert "Both sides give the same reading (supported)" in outcome.explanation


def test_contradicted_when_both_sides_see_russia_ahead_without_china_gaining(evidence):
    spec = {s: RUSSIA_AHEAD_FLAT for s in CA5}
    outcome = central_asia.losing_ground_central_asia(_evidence(evidence, reporter=spec, partner=spec))
    assert outcome.verdict is Verdict.CONTRADICTED
    assert outcome.value == pytest.approx(-20.0)


def test_mixed_when_the_two_sides_disagree(evidence):
    """The Central Asian pattern: the states' records favour Russia, China's and Russia's favour China."""
    ev = _evidence(evidence, reporter={s: RUSSIA_AHEAD_FLAT for s in CA5},
                   partner={s: CHINA_RISING_AHEAD for s in CA5})
    outcome = central_asia.losing_ground_central_asia(ev)
    assert outcome.verdict is Verdict.MIXED
    assert outcome.value == pytest.approx(-20.0)  # the value is the reporter side's
    assert "reporter side contradicted and partner side supported" in outcome.explanation
    assert central_asia.read_side(ev, "reporter").verdict is Verdict.CONTRADICTED
    assert central_asia.read_side(ev, "partner").verdict is Verdict.SUPPORTED


def test_mixed_on_one_side_when_china_leads_but_the_gap_narrows(evidence):
    spec = {s: (10, 0, 40, 35) for s in CA5}  # China ahead (+5 pp) but down from +10 pp
    outcome = central_asia.losing_ground_central_asia(_evidence(evidence, reporter=spec))
    assert outcome.verdict is Verdict.MIXED
    assert "China's and Russia's own reports" not in outcome.explanation  # no partner data, no partner sentence


def test_sides_constant_chooses_whose_statistics_decide(evidence, monkeypatch):
    ev = _evidence(evidence, reporter={s: RUSSIA_AHEAD_FLAT for s in CA5},
                   partner={s: CHINA_RISING_AHEAD for s in CA5})
    monkeypatch.setattr(central_asia, "SIDES", ("partner",))
    partner_only = central_asia.losing_ground_central_asia(ev)
    assert partner_only.verdict is Verdict.SUPPORTED and partner_only.value == pytest.approx(20.0)
    monkeypatch.setattr(central_asia, "SIDES", ("reporter",))
    assert central_asia.losing_ground_central_asia(ev).verdict is Verdict.CONTRADICTED


def test_not_testable_with_fewer_than_three_states(evidence):
    spec = {s: CHINA_RISING_AHEAD for s in CA5[:2]}
    outcome = central_asia.losing_ground_central_asia(_evidence(evidence, reporter=spec, partner=spec))
    assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None


def test_the_average_needs_consecutive_years(evidence):
    """A year after a gap is not averaged with the years before the gap (the old test did that)."""
    years = [*YEARS, 2020]  # 2017-2019 missing
    spec = {s: CHINA_RISING_AHEAD for s in CA5}
    ev = _evidence(evidence, reporter=spec, years=years)
    gaps = central_asia.share_gap(ev, "KAZ")
    assert list(gaps["year"]) == years
    assert pd.isna(gaps.loc[gaps["year"] == 2020, "gap_avg"].iloc[0])
    assert gaps.loc[gaps["year"] == 2016, "gap_avg"].iloc[0] == pytest.approx(20.0)
    assert central_asia.losing_ground_central_asia(ev).year == 2016


def test_a_window_of_one_year_uses_every_year(evidence, monkeypatch):
    monkeypatch.setattr(central_asia, "WINDOW", 1)
    gaps = central_asia.share_gap(_evidence(evidence, reporter={"KAZ": CHINA_RISING_AHEAD}), "KAZ")
    assert (gaps["gap_avg"] == gaps["gap"]).all()


shares = st.integers(min_value=0, max_value=45)


@settings(derandomize=True, deadline=None)
@given(spec=st.lists(st.tuples(shares, shares, shares, shares), min_size=5, max_size=5))
def test_the_rule_follows_its_thresholds(evidence, spec):
    """Supported iff China leads in >= 3 states and the median gap rose; contradicted iff Russia leads (or
    ties) in >= 3 and the median gap did not rise; mixed otherwise."""
    by_state = dict(zip(CA5, spec))
    reading = central_asia.read_side(_evidence(evidence, reporter=by_state), "reporter")
    now = {s: c1 - r1 for s, (c0, r0, c1, r1) in by_state.items()}
    change = statistics.median(now[s] - (c0 - r0) for s, (c0, r0, c1, r1) in by_state.items())
    ahead = [s for s in CA5 if now[s] > 0]
    assert reading.ahead == tuple(ahead)
    assert reading.median_gap == pytest.approx(statistics.median(now.values()))
    assert reading.median_change == pytest.approx(change)
    if len(ahead) >= 3 and change > 0:
        assert reading.verdict is Verdict.SUPPORTED
    elif len(CA5) - len(ahead) >= 3 and change <= 0:
        assert reading.verdict is Verdict.CONTRADICTED
    else:
        assert reading.verdict is Verdict.MIXED


@settings(derandomize=True, deadline=None)
@given(reporter=st.sampled_from([CHINA_RISING_AHEAD, RUSSIA_AHEAD_FLAT, (10, 0, 40, 35)]),
       partner=st.sampled_from([CHINA_RISING_AHEAD, RUSSIA_AHEAD_FLAT, (10, 0, 40, 35)]))
def test_the_combined_verdict_is_the_common_one_or_mixed(evidence, reporter, partner):
    ev = _evidence(evidence, reporter={s: reporter for s in CA5}, partner={s: partner for s in CA5})
    sides = {central_asia.read_side(ev, side).verdict for side in ("reporter", "partner")}
    outcome = central_asia.losing_ground_central_asia(ev)
    assert outcome.verdict is (sides.pop() if len(sides) == 1 else Verdict.MIXED)


# -- helpers ------------------------------------------------------------------------------------

def test_bilateral_matches_the_shared_turnover_indicator(evidence):
    for view in (evidence, evidence.at_paper()):
        for state in CA5:
            for power in ("CHN", "RUS"):
                for side, (reporter, partner) in (("reporter", (state, power)), ("partner", (power, state))):
                    expected = indicators.turnover(view, reporter, partner, include_published=False)
                    got = central_asia.bilateral(view, state, power, side)
                    pd.testing.assert_frame_equal(got, expected[["year", "value", "sources"]])


def test_reporter_shares_match_the_shared_trade_share_indicator(evidence):
    for state in CA5:
        gaps = central_asia.share_gap(evidence, state)
        for power in ("CHN", "RUS"):
            shares = indicators.trade_share(evidence, state, power).set_index("year")["share"]
            assert gaps.set_index("year")[f"share_{power}"].to_numpy() == pytest.approx(
                shares.loc[gaps["year"]].to_numpy())


def test_partner_side_divides_partner_figures_by_the_state_total(evidence):
    gaps = central_asia.share_gap(evidence, "KGZ", "partner").set_index("year")
    china = indicators.turnover(evidence, "CHN", "KGZ", include_published=False).set_index("year")["value"]
    total = indicators.turnover(evidence, "KGZ", "WLD", include_published=False).set_index("year")["value"]
    assert gaps.loc[2010, "share_CHN"] == pytest.approx(100 * china.loc[2010] / total.loc[2010])


def test_china_of_two_lead_and_share_agree(evidence):
    for state in CA5:
        for side in ("reporter", "partner"):
            two = central_asia.china_of_two(evidence, state, side)
            assert two["lead"].to_numpy() == pytest.approx((2 * two["china_pct"] - 100).to_numpy())
            gaps = central_asia.share_gap(evidence, state, side).set_index("year")
            merged = two.set_index("year")[["lead"]].join(gaps[["gap"]], how="inner")
            # the same two bilateral figures: who leads does not depend on the denominator
            assert ((merged["lead"] > 0) == (merged["gap"] > 0)).all()


def test_remittances_share_of_gdp(evidence):
    out = central_asia.remittances_share_of_gdp(evidence, "TJK").set_index("year")
    rem = evidence.value("remittances_received_usd", "TJK", "-", 2020)
    gdp = evidence.value("gdp_current_usd", "TJK", "-", 2020)
    assert out.loc[2020, "pct"] == pytest.approx(100 * rem / gdp)
    assert (out["pct"] > 0).all()


def test_unknown_side_is_refused(evidence):
    with pytest.raises(ValueError, match="side must be one of"):
        central_asia.share_gap(evidence, "KAZ", "mirror")


def test_two_sources_for_the_same_flow_must_be_chosen(evidence):
    ev = _evidence(evidence, reporter={s: CHINA_RISING_AHEAD for s in CA5})
    extra = ev.observations.iloc[[0]].assign(source_id="trade-uzstat-via-trend-2025")
    ev = replace(ev, observations=pd.concat([ev.observations, extra], ignore_index=True))
    row = extra.iloc[0]
    with pytest.raises(AmbiguousSourceError):
        central_asia.bilateral(ev, row["entity"], row["counterpart"])


# -- the real data ------------------------------------------------------------------------------

def test_real_data_verdict_and_explanation(evidence):
    for view in (evidence.at_paper(), evidence):
        outcome = central_asia.losing_ground_central_asia(view)
        assert outcome.verdict in set(Verdict)
        reporter = central_asia.read_side(view, "reporter")
        assert outcome.value == pytest.approx(reporter.median_gap)
        assert "each state's own reports" in outcome.explanation
        assert "China's and Russia's own reports" in outcome.explanation
        assert f"{abs(reporter.median_gap):.1f} pp" in outcome.explanation
    assert central_asia.losing_ground_central_asia(evidence.at_paper()).year == 2016


def test_real_data_sides_disagree_on_who_leads(evidence):
    """A fact the notebook is built on: China leads in more states on the partner side."""
    reporter = central_asia.read_side(evidence, "reporter")
    partner = central_asia.read_side(evidence, "partner")
    assert len(partner.ahead) > len(reporter.ahead)


def test_pairs_outside_the_region_are_refused_not_silently_empty(evidence):
    with pytest.raises(ValueError, match="only, not ARM"):
        central_asia.bilateral(evidence, "ARM", "CHN")
