"""The claim registry: registration rules, the two views, the scorecard, and verdict rules."""

from dataclasses import dataclass

import pytest

from conftest import flows, make_evidence
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
    @claims.claim_test("RCH-03", metric="m", unit="u", rule=claims.NoRule)
    def first(ev, rule):
        return Assessment(Verdict.MIXED, 1.0, 2016, "one")

    with pytest.raises(ValueError, match="RCH-03 already has a test"):

        @claims.claim_test("RCH-03", metric="m", unit="u", rule=claims.NoRule)
        def second(ev, rule):
            return Assessment(Verdict.MIXED, 1.0, 2016, "two")


def test_running_an_unregistered_claim_names_the_claim(evidence, scratch_registry):
    with pytest.raises(KeyError, match="no test is registered for claim 'XYZ-01'"):
        claims.run("XYZ-01", evidence)


def test_a_test_for_a_claim_missing_from_the_data_fails_clearly(evidence, scratch_registry):
    @claims.claim_test("ZZZ-99", metric="m", unit="u", rule=claims.NoRule)
    def judge(ev, rule):
        return Assessment(Verdict.MIXED, 1.0, 2016, "x")

    with pytest.raises(KeyError, match="no claim 'ZZZ-99' in data/claims.csv"):
        claims.run("ZZZ-99", evidence)


def test_a_test_that_returns_something_else_than_an_assessment_is_an_error(evidence, scratch_registry):
    @claims.claim_test("RCH-03", metric="m", unit="u", rule=claims.NoRule)
    def judge(ev, rule):
        return "supported"

    with pytest.raises(TypeError, match="returned str, not an Assessment"):
        claims.run("RCH-03", evidence)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        (dict(verdict="supported", value=1.0, year=2016, explanation="x"), TypeError),
        (dict(verdict=Verdict.SUPPORTED, value=float("nan"), year=2016, explanation="x"), ValueError),
        (dict(verdict=Verdict.SUPPORTED, value=None, year=2016, explanation="x"), ValueError),
        (dict(verdict=Verdict.MIXED, value=1.0, year=2016, explanation="  "), ValueError),
    ],
)
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

    @claims.claim_test("RCH-03", metric="last year of data", unit="year", rule=claims.NoRule)
    def judge(ev, rule):
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


# -- a verdict rule on synthetic trade (RCH-03's cases are in test_claims_russia_china.py) ----


def _trade_evidence(evidence, rows):
    """Evidence whose observations are only the given (entity, counterpart, year, exports, imports)."""
    return make_evidence(evidence, [flow for row in rows for flow in flows(*row)])


def test_central_asia_verdict_on_a_clear_case(evidence):
    from helpers.claims import central_asia

    rows = []
    for state in central_asia.CA5:
        for year in range(2004, 2017):
            china = 10.0 + (year - 2004) * 2  # China's share grows every year
            rows += [
                (state, "CHN", year, china, china),
                (state, "RUS", year, 15.0, 15.0),
                (state, "WLD", year, 100.0, 100.0),
            ]
    # the published median rule: Russia's share stays flat, so the default (weighted) rule says mixed
    outcome = claims.judge("CAS-01", _trade_evidence(evidence, rows), direction="median")
    assert outcome.verdict is Verdict.SUPPORTED
    # 2014-2016: China 30, 32, 34 % against Russia 15 %: the 3-year average gap is 17 pp
    assert outcome.value == pytest.approx(17.0)
    mirror = [(s, "RUS" if c == "CHN" else "CHN" if c == "RUS" else c, y, x, m) for s, c, y, x, m in rows]
    assert claims.judge("CAS-01", _trade_evidence(evidence, mirror), direction="median").verdict is Verdict.CONTRADICTED


@dataclass(frozen=True)
class ToyRule:
    """A rule with two choices, for the registry's own tests."""

    threshold: float = 10.0
    sides: tuple[str, ...] = ("reporter", "partner")


def _toy(ev, rule):
    value = 12.0
    verdict = Verdict.SUPPORTED if value >= rule.threshold else Verdict.CONTRADICTED
    return Assessment(verdict, value, 2016, f"{value} against a bar of {rule.threshold} on {len(rule.sides)} sides")


def test_a_variant_is_an_argument_and_leaves_the_published_rule_alone(evidence, scratch_registry):
    claims.claim_test("RCH-03", metric="m", unit="u", rule=ToyRule)(_toy)
    assert claims.run("RCH-03", evidence).latest.verdict is Verdict.SUPPORTED
    raised = claims.run("RCH-03", evidence, threshold=20.0)
    assert raised.rule == ToyRule(threshold=20.0) and raised.latest.verdict is Verdict.CONTRADICTED
    assert claims.run("RCH-03", evidence, ToyRule(sides=("partner",))).latest.explanation.endswith("on 1 sides")
    assert claims.default_rule("RCH-03") == ToyRule()


def test_a_misspelt_rule_field_names_the_fields_there_are(evidence, scratch_registry):
    claims.claim_test("RCH-03", metric="m", unit="u", rule=ToyRule)(_toy)
    with pytest.raises(TypeError, match="has no field 'treshold'; its fields: threshold, sides"):
        claims.run("RCH-03", evidence, treshold=20.0)
    with pytest.raises(TypeError, match="takes a ToyRule"):
        claims.run("RCH-03", evidence, rule=object())


@pytest.mark.parametrize(
    "alternatives, message",
    [
        ({"window": {1: "why"}}, "not a field of ToyRule"),
        ({"threshold": {10.0: "why"}}, "is the default"),
        ({"threshold": {5.0: " "}}, "needs one line saying why"),
    ],
)
def test_alternatives_must_be_real_fields_other_values_and_say_why(scratch_registry, alternatives, message):
    with pytest.raises(ValueError, match=message):
        claims.claim_test("RCH-03", metric="m", unit="u", rule=ToyRule, alternatives=alternatives)


def test_a_rule_must_be_a_frozen_dataclass(scratch_registry):
    with pytest.raises(TypeError, match="frozen dataclass"):
        claims.claim_test("RCH-03", metric="m", unit="u", rule=dict)


def test_specifications_are_every_combination_default_first(scratch_registry):
    claims.claim_test(
        "RCH-03",
        metric="m",
        unit="u",
        rule=ToyRule,
        alternatives={
            "threshold": {5.0: "A lower bar.", 20.0: "A higher bar."},
            "sides": {("partner",): "Partner statistics only."},
        },
    )(_toy)
    specs = claims.specifications("RCH-03")
    assert len(specs) == 6 and specs[0].is_default and specs[0].label == "default rule"
    labels = [s.label for s in specs]
    assert "threshold=20.0; sides=partner" in labels and len(set(labels)) == 6
    both = next(s for s in specs if s.label == "threshold=5.0; sides=partner")
    assert both.rule == ToyRule(5.0, ("partner",)) and both.why == "A lower bar. Partner statistics only."


def _toy_thresholds(alternatives: dict[float, str]) -> None:
    """Register the toy test as RCH-03 with these alternative thresholds (and their reasons)."""
    claims.claim_test("RCH-03", metric="m", unit="u", rule=ToyRule, alternatives={"threshold": alternatives})(_toy)


def test_robustness_judges_every_specification_on_both_views(evidence, scratch_registry):
    _toy_thresholds({5.0: "A lower bar.", 20.0: "A higher bar."})
    table = claims.robustness(evidence)
    assert list(table.columns[:6]) == ["claim_id", "specification", "view", "verdict", "value", "year"]
    assert len(table) == 3 * 2 and set(table["view"]) == {"as of the paper", "latest"}
    summary = claims.robustness_summary(table)
    latest = summary[summary["view"] == "latest"].iloc[0]
    assert (latest["headline"], latest["agree"], latest["total"], bool(latest["fragile"])) == ("supported", 2, 3, True)
    assert latest["flips"] == "threshold=20.0 -> contradicted"


def test_a_claim_no_specification_flips_is_not_fragile(evidence, scratch_registry):
    _toy_thresholds({5.0: "A lower bar.", 11.0: "A slightly higher bar."})
    summary = claims.robustness_summary(claims.robustness(evidence))
    assert not summary["fragile"].any() and (summary["flips"] == "").all() and (summary["share"] == 1.0).all()


@pytest.mark.parametrize(
    "claim_id", ["ARC-01", "ASEAN-01", "ASEAN-02", "CAS-01", "DPRK-01", "EAEU-02", "EAEU-03", "RCH-02", "RCH-03"]
)
def test_every_claims_specifications_are_a_small_grid_each_with_a_reason(claim_id):
    specs = claims.specifications(claim_id)
    assert 6 <= len(specs) <= 30
    assert specs[0].is_default and all(spec.why.strip() for spec in specs)
