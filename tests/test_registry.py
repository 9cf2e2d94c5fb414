"""The claim registry: registration rules, the two views, the scorecard, and verdict rules."""

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claims, paper
from helpers.claims import registry
from helpers.claims.registry import Assessment, Verdict


@pytest.fixture
def scratch_registry(monkeypatch):
    """An empty registry for the test, restored afterwards."""
    monkeypatch.setattr(registry, "_REGISTRY", {})
    return registry._REGISTRY


def test_every_registered_test_names_a_claim_in_the_dataset(evidence):
    known = set(evidence.claims["claim_id"])
    assert set(claims.registered()) <= known


def test_registering_a_second_test_for_a_claim_is_refused(scratch_registry):
    @claims.claim_test("RCH-03", metric="m", unit="u")
    def first(ev):
        return Assessment(Verdict.MIXED, 1.0, 2016, "one")

    with pytest.raises(ValueError, match="RCH-03 already has a test"):
        @claims.claim_test("RCH-03", metric="m", unit="u")
        def second(ev):
            return Assessment(Verdict.MIXED, 1.0, 2016, "two")


def test_running_an_unregistered_claim_names_the_claim(evidence, scratch_registry):
    with pytest.raises(KeyError, match="no test is registered for claim 'XYZ-01'"):
        claims.run("XYZ-01", evidence)


def test_a_test_for_a_claim_missing_from_the_data_fails_clearly(evidence, scratch_registry):
    @claims.claim_test("ZZZ-99", metric="m", unit="u")
    def judge(ev):
        return Assessment(Verdict.MIXED, 1.0, 2016, "x")

    with pytest.raises(KeyError, match="no claim 'ZZZ-99' in data/claims.csv"):
        claims.run("ZZZ-99", evidence)


def test_a_test_that_returns_something_else_than_an_assessment_is_an_error(evidence, scratch_registry):
    @claims.claim_test("RCH-03", metric="m", unit="u")
    def judge(ev):
        return "supported"

    with pytest.raises(TypeError, match="returned str, not an Assessment"):
        claims.run("RCH-03", evidence)


@pytest.mark.parametrize("kwargs, error", [
    (dict(verdict="supported", value=1.0, year=2016, explanation="x"), TypeError),
    (dict(verdict=Verdict.SUPPORTED, value=float("nan"), year=2016, explanation="x"), ValueError),
    (dict(verdict=Verdict.SUPPORTED, value=None, year=2016, explanation="x"), ValueError),
    (dict(verdict=Verdict.MIXED, value=1.0, year=2016, explanation="  "), ValueError),
])
def test_assessment_refuses_inconsistent_outcomes(kwargs, error):
    with pytest.raises(error):
        Assessment(**kwargs)


def test_not_testable_needs_no_value_and_says_what_would_settle_it(evidence, scratch_registry):
    claims.not_testable("OVR-01", reason="Discourse.", would_settle="a coded sample.", module="t")
    result = claims.run("OVR-01", evidence)
    assert result.latest.verdict is Verdict.NOT_TESTABLE
    assert result.latest.value is None
    assert "What would settle it: a coded sample." in result.latest.explanation
    assert not claims.registered()["OVR-01"].testable


def test_each_test_sees_the_paper_view_and_the_latest_view(evidence, scratch_registry):
    seen = []

    @claims.claim_test("RCH-03", metric="last year of data", unit="year")
    def judge(ev):
        last = int(ev.observations["year"].max())
        seen.append(ev.as_of)
        return Assessment(Verdict.MIXED, float(last), last, f"data to {last}")

    result = claims.run("RCH-03", evidence)
    assert seen == [paper.DATE, None]
    assert result.at_paper.year == paper.last_full_year_known(paper.DATE) == 2016
    assert result.latest.year == int(evidence.observations["year"].max())


def test_scorecard_lists_every_claim_once_with_its_verdicts(evidence):
    card = claims.scorecard(evidence)
    assert sorted(card["claim_id"]) == sorted(evidence.claims["claim_id"])
    allowed = {str(v) for v in Verdict} | {"no test yet"}
    assert set(card["paper_verdict"]) <= allowed and set(card["latest_verdict"]) <= allowed
    for claim_id in claims.registered():
        row = card[card["claim_id"] == claim_id].iloc[0]
        assert row["latest_verdict"] != "no test yet"
    untested = card[~card["claim_id"].isin(claims.registered())]
    assert (untested["latest_verdict"] == "no test yet").all()


def test_registered_tests_give_numbers_in_their_explanations(evidence):
    for claim_id, test in claims.registered().items():
        result = claims.run(claim_id, evidence)
        for outcome in (result.at_paper, result.latest):
            if test.testable and outcome.verdict is not Verdict.NOT_TESTABLE:
                assert outcome.value is not None
                assert any(ch.isdigit() for ch in outcome.explanation), claim_id


# -- the verdict rule of RCH-03, on synthetic data -------------------------------------------

def _trade_evidence(evidence, rows):
    """Evidence whose observations are only the given (entity, counterpart, year, exports, imports)."""
    records = []
    for entity, counterpart, year, exports, imports in rows:
        for series, value in (("merchandise_exports", exports), ("merchandise_imports", imports)):
            records.append({"series_id": series, "entity": entity, "counterpart": counterpart, "year": year,
                            "value": value, "unit": "US$ million", "source_id": "imf-dots", "note": pd.NA})
    obs = pd.DataFrame(records).astype({"year": "Int64", "value": "float64"})
    return replace(evidence, observations=obs)


shares = st.floats(min_value=0.5, max_value=60, allow_nan=False)


@settings(derandomize=True, deadline=None)
@given(chn_in_rus_then=shares, chn_in_rus_now=shares, rus_in_chn_then=shares, rus_in_chn_now=shares)
def test_junior_partner_verdict_follows_its_rule(evidence, chn_in_rus_then, chn_in_rus_now,
                                                 rus_in_chn_then, rus_in_chn_now):
    from helpers.claims import russia_china

    rows = []
    for year, chn_in_rus, rus_in_chn in ((2006, chn_in_rus_then, rus_in_chn_then), (2016, chn_in_rus_now, rus_in_chn_now)):
        # totals of 1000 on each side, split evenly between exports and imports
        rows += [("RUS", "CHN", year, chn_in_rus * 5, chn_in_rus * 5), ("RUS", "WLD", year, 500.0, 500.0),
                 ("CHN", "RUS", year, rus_in_chn * 5, rus_in_chn * 5), ("CHN", "WLD", year, 500.0, 500.0)]
    outcome = russia_china.junior_partner(_trade_evidence(evidence, rows))
    ratio_now, ratio_then = chn_in_rus_now / rus_in_chn_now, chn_in_rus_then / rus_in_chn_then
    assert outcome.value == pytest.approx(ratio_now)
    assert outcome.year == 2016
    if ratio_now <= 1:
        assert outcome.verdict is Verdict.CONTRADICTED
    elif ratio_now >= russia_china.JUNIOR_RATIO and ratio_now > ratio_then:
        assert outcome.verdict is Verdict.SUPPORTED
    else:
        assert outcome.verdict is Verdict.MIXED


def test_junior_partner_without_data_is_not_testable(evidence):
    from helpers.claims import russia_china

    outcome = russia_china.junior_partner(_trade_evidence(evidence, [("RUS", "WLD", 2016, 1.0, 1.0)]))
    assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None


def test_central_asia_verdict_on_a_clear_case(evidence):
    from helpers.claims import central_asia

    rows = []
    for state in central_asia.CA5:
        for year in range(2004, 2017):
            china = 10.0 + (year - 2004) * 2  # China's share grows every year
            rows += [(state, "CHN", year, china, china), (state, "RUS", year, 15.0, 15.0),
                     (state, "WLD", year, 100.0, 100.0)]
    outcome = central_asia.losing_ground_central_asia(_trade_evidence(evidence, rows))
    assert outcome.verdict is Verdict.SUPPORTED
    # 2014-2016: China 30, 32, 34 % against Russia 15 %: the 3-year average gap is 17 pp
    assert outcome.value == pytest.approx(17.0)
    mirror = [(s, "RUS" if c == "CHN" else "CHN" if c == "RUS" else c, y, x, m) for s, c, y, x, m in rows]
    assert central_asia.losing_ground_central_asia(_trade_evidence(evidence, mirror)).verdict is Verdict.CONTRADICTED


def test_a_result_is_remembered_until_a_setting_or_the_test_changes(monkeypatch):
    from helpers import data
    from helpers.claims import asean

    ev = data.load()
    calls = []
    original = registry.registered()["ASEAN-01"]

    def counting(evidence):
        calls.append(evidence.as_of)
        return original.func(evidence)

    monkeypatch.setitem(registry._REGISTRY, "ASEAN-01", replace(original, func=counting))
    first = claims.run("ASEAN-01", ev)
    assert claims.run("ASEAN-01", ev) is first and len(calls) == 2  # the paper's view and the latest
    monkeypatch.setattr(asean, "MANY", asean.MANY + 100)  # an exercise raises the bar
    raised = claims.run("ASEAN-01", ev)
    assert len(calls) == 4 and f"The bar for 'many' is {asean.MANY}" in raised.latest.explanation
    assert raised.latest.verdict is not first.latest.verdict or raised.latest.explanation != first.latest.explanation
    assert claims.run("ASEAN-01", data.load()) is not first  # another Evidence runs it afresh


def test_replacing_a_helper_function_runs_the_test_afresh(monkeypatch):
    from helpers import data
    from helpers.claims import asean

    ev = data.load()
    first = claims.run("ASEAN-01", ev)
    real = asean.signed_agreements
    monkeypatch.setattr(asean, "signed_agreements", lambda evidence, first_year=None: real(evidence, first_year).iloc[0:0])
    emptied = claims.run("ASEAN-01", ev)
    assert emptied is not first and emptied.latest.value == 0.0
