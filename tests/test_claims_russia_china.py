"""The Russia-China and causes claim tests: RCH-02 (raw-materials appendage), RCH-03 (junior partner),
CAUSE-04 (suffocated growth), the
not-testable registrations and the helpers (mirror share, GDP multiple, period growth)."""

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import make_evidence
from helpers import claims, indicators
from helpers.claims import causes, russia_china
from helpers.claims.registry import Verdict
from helpers.claims.russia_china import AppendageRule, JuniorPartnerRule

THEME_CLAIMS = ("RCH-01", "RCH-02", "RCH-03", "CAUSE-01", "CAUSE-02", "CAUSE-03", "CAUSE-04")


# -- registration --------------------------------------------------------------------------


def test_every_claim_of_both_themes_is_registered(evidence):
    themed = set(evidence.claims.loc[evidence.claims["theme"].isin(["russia_china", "causes"]), "claim_id"])
    assert themed == set(THEME_CLAIMS)
    assert themed <= set(claims.registered())


@pytest.mark.parametrize("claim_id", ["RCH-01", "CAUSE-01", "CAUSE-02", "CAUSE-03"])
def test_qualitative_claims_say_why_and_what_would_settle_them(evidence, claim_id):
    assert not claims.registered()[claim_id].testable
    result = claims.run(claim_id, evidence)
    for outcome in (result.at_paper, result.latest):
        assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None
        assert "What would settle it:" in outcome.explanation


@pytest.mark.parametrize("claim_id", ["RCH-02", "RCH-03", "CAUSE-04"])
def test_testable_claims_on_the_real_data(evidence, claim_id):
    result = claims.run(claim_id, evidence)
    for outcome in (result.at_paper, result.latest):
        assert outcome.verdict in set(Verdict) - {Verdict.NOT_TESTABLE}
        assert outcome.value is not None
    assert result.at_paper.year <= 2016 < result.latest.year


def test_real_data_explanations_carry_the_numbers(evidence):
    latest = claims.run("RCH-02", evidence).latest
    fuel = evidence.series(russia_china.FUEL_TO_PARTNER, entity="RUS", counterpart="CHN")
    assert latest.value == pytest.approx(float(fuel["value"].iloc[-1]))
    assert f"{fuel['value'].iloc[-1]:.1f}%" in latest.explanation
    assert f"{fuel['value'].iloc[0]:.1f}%" in latest.explanation

    growth = claims.run("CAUSE-04", evidence).latest
    table = causes.period_growth(evidence, "RUS")
    for row in table.itertuples():
        assert f"{row.growth:.1f}% in {row.period}" in growth.explanation
    assert growth.value == pytest.approx(table["growth"].iloc[0] - table["growth"].iloc[-1])
    assert "CAUSE-01" in growth.explanation


# -- RCH-02: raw-materials appendage -------------------------------------------------------


def _composition(evidence, fuel, machinery=(), machinery_note=pd.NA, source=None):
    """Evidence with fuel shares {year: value} of Russia's exports to China (each year its own
    source, i.e. product definition, unless ``source`` names one for all) and machinery shares."""
    rows = [(russia_china.FUEL_TO_PARTNER, "RUS", "CHN", y, v, source or f"src-{y}") for y, v in fuel.items()]
    rows += [
        (russia_china.MACHINERY_FROM_PARTNER, "RUS", "CHN", y, v, "src-m", "percent", machinery_note)
        for y, v in dict(machinery).items()
    ]
    return make_evidence(evidence, rows or [("gdp_growth", "RUS", "-", 2016, 1.0, "src")], unit="percent")


APPENDAGE = AppendageRule()


@pytest.mark.parametrize(
    "fuel, machinery, verdict",
    [
        ({2008: 56.4, 2019: 73.0}, {2019: 55.0}, Verdict.SUPPORTED),
        ({2008: 56.4, 2019: 73.0}, {2019: 40.0}, Verdict.MIXED),  # fuels, but not mostly machinery back
        ({2008: 56.4, 2019: 73.0}, {}, Verdict.MIXED),  # the import side is unknown
        ({2008: 80.0, 2019: 60.0}, {2019: 55.0}, Verdict.MIXED),  # still mostly fuels, but falling
        ({2008: 60.0, 2019: 40.0}, {2019: 55.0}, Verdict.CONTRADICTED),
        ({2008: 30.0, 2019: 40.0}, {2019: 55.0}, Verdict.MIXED),  # rising, but not yet half
        ({2008: 56.4}, {2008: 53.9}, Verdict.MIXED),  # one year: no trend
    ],
)
def test_appendage_rule_cases(evidence, fuel, machinery, verdict):
    outcome = russia_china.raw_materials_appendage(_composition(evidence, fuel, machinery, source="one"), APPENDAGE)
    assert outcome.verdict is verdict
    assert outcome.year == max(fuel)
    assert outcome.value == pytest.approx(fuel[max(fuel)])


@pytest.mark.parametrize(
    "fuel, verdict_comparable, verdict_any",
    [
        ({2008: 56.4, 2019: 73.0}, Verdict.MIXED, Verdict.SUPPORTED),  # the real case: two definitions
        ({2008: 60.0, 2019: 40.0}, Verdict.MIXED, Verdict.CONTRADICTED),
    ],
)
def test_appendage_trend_needs_one_product_definition(evidence, fuel, verdict_comparable, verdict_any):
    ev = _composition(evidence, fuel, {2019: 55.0})  # each year from its own source
    comparable = russia_china.raw_materials_appendage(ev, APPENDAGE)
    assert comparable.verdict is verdict_comparable
    assert "different product definition, so no trend is measured" in comparable.explanation
    assert russia_china.raw_materials_appendage(ev, AppendageRule(comparable_trend_only=False)).verdict is verdict_any


def test_appendage_compares_with_the_earliest_point_of_the_same_source(evidence):
    rows = [
        (russia_china.FUEL_TO_PARTNER, "RUS", "CHN", y, v, src)
        for y, v, src in ((2005, 90.0, "old"), (2010, 55.0, "new"), (2019, 73.0, "new"))
    ]
    rows.append((russia_china.MACHINERY_FROM_PARTNER, "RUS", "CHN", 2019, 60.0, "m"))
    outcome = russia_china.raw_materials_appendage(make_evidence(evidence, rows, unit="percent"), APPENDAGE)
    assert outcome.verdict is Verdict.SUPPORTED and "up from 55.0% in 2010" in outcome.explanation


def test_appendage_without_data_is_not_testable(evidence):
    outcome = russia_china.raw_materials_appendage(_composition(evidence, {}), APPENDAGE)
    assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None


def test_appendage_says_when_a_share_is_a_lower_bound(evidence):
    outcome = russia_china.raw_materials_appendage(
        _composition(evidence, {2008: 56.4, 2019: 73.0}, {2019: 55.0}, machinery_note="LOWER BOUND: 'more than 55%'"),
        AppendageRule(comparable_trend_only=False),
    )
    assert "at least 55.0%" in outcome.explanation
    assert "different product definitions" in outcome.explanation  # two sources


shares = st.floats(min_value=1, max_value=99, allow_nan=False)


@settings(derandomize=True, deadline=None)
@given(then=shares, now=shares, machinery=shares)
def test_appendage_verdict_follows_its_rule(evidence, then, now, machinery):
    outcome = russia_china.raw_materials_appendage(
        _composition(evidence, {2008: then, 2019: now}, {2019: machinery}, source="one"), APPENDAGE
    )
    threshold, manuf = APPENDAGE.appendage_share, APPENDAGE.manufactures_share
    if now >= threshold and now >= then and machinery >= manuf:
        assert outcome.verdict is Verdict.SUPPORTED
    elif now < threshold and now < then:
        assert outcome.verdict is Verdict.CONTRADICTED
    else:
        assert outcome.verdict is Verdict.MIXED


# -- RCH-03: very junior partner ----------------------------------------------------------


def _asymmetry(evidence, chn_in_rus_then, rus_in_chn_then, chn_in_rus_now, rus_in_chn_now, then=2010, now=2020):
    """Evidence whose two countries' trade gives these shares (percent) in ``then`` and ``now``:
    totals of 1000 on each side, split evenly between exports and imports."""
    rows = []
    for year, chn_in_rus, rus_in_chn in (
        (then, chn_in_rus_then, rus_in_chn_then),
        (now, chn_in_rus_now, rus_in_chn_now),
    ):
        for entity, counterpart, value in (
            ("RUS", "CHN", chn_in_rus * 5),
            ("RUS", "WLD", 500.0),
            ("CHN", "RUS", rus_in_chn * 5),
            ("CHN", "WLD", 500.0),
        ):
            rows += [
                (series, entity, counterpart, year, value) for series in ("merchandise_exports", "merchandise_imports")
            ]
    return make_evidence(evidence, rows)


JUNIOR = JuniorPartnerRule()


@pytest.mark.parametrize(
    "then, now, verdict",
    [
        ((10, 2), (20, 2), Verdict.SUPPORTED),  # 5x -> 10x: very junior and becoming more so
        ((10, 2), (10.4, 2), Verdict.MIXED),  # 5x -> 5.2x: very junior, but stable (within a tenth)
        ((3, 2), (4, 2.5), Verdict.MIXED),  # 1.5x -> 1.6x: below the bar
        ((10, 2), (8, 2), Verdict.CONTRADICTED),  # 5x -> 4x: still far apart, but receding
        ((4, 2), (2, 2.5), Verdict.CONTRADICTED),  # 2x -> 0.8x: not junior at all
    ],
)
def test_junior_partner_rule_cases(evidence, then, now, verdict):
    outcome = russia_china.junior_partner(_asymmetry(evidence, *then, *now), JUNIOR)
    assert outcome.verdict is verdict
    assert outcome.value == pytest.approx(now[0] / now[1])
    assert outcome.year == 2020


def test_a_receding_ratio_is_mixed_when_the_old_rule_is_asked_for(evidence):
    old = JuniorPartnerRule(stable_band=0.0, receding_contradicts=False)
    assert russia_china.junior_partner(_asymmetry(evidence, 10, 2, 8, 2), old).verdict is Verdict.MIXED


trade_shares = st.floats(min_value=0.5, max_value=60, allow_nan=False)


@settings(derandomize=True, deadline=None)
@given(chn_then=trade_shares, chn_now=trade_shares, rus_then=trade_shares, rus_now=trade_shares)
def test_junior_partner_verdict_follows_its_rule(evidence, chn_then, chn_now, rus_then, rus_now):
    ratio_now, ratio_then = chn_now / rus_now, chn_then / rus_then
    change = ratio_now / ratio_then - 1
    assume(abs(abs(change) - JUNIOR.stable_band) > 1e-6 and abs(ratio_now - JUNIOR.junior_ratio) > 1e-6)
    outcome = russia_china.junior_partner(_asymmetry(evidence, chn_then, rus_then, chn_now, rus_now), JUNIOR)
    assert outcome.value == pytest.approx(ratio_now)
    if ratio_now <= 1 or change < -JUNIOR.stable_band:
        assert outcome.verdict is Verdict.CONTRADICTED
    elif ratio_now >= JUNIOR.junior_ratio and change > JUNIOR.stable_band:
        assert outcome.verdict is Verdict.SUPPORTED
    else:
        assert outcome.verdict is Verdict.MIXED


def _with_customs(evidence, base, pair, chn_total, rus_total, year=2023):
    """``base`` evidence plus one customs year: China's published turnover with Russia and each
    country's own customs total (Russia's as exports + imports, China's as a published turnover)."""
    rows = [
        ("merchandise_trade", "CHN", "RUS", year, pair, "gac-pair"),
        ("merchandise_trade", "CHN", "WLD", year, chn_total, "gac-world"),
        ("merchandise_exports", "RUS", "WLD", year, rus_total / 2, "fcs-world"),
        ("merchandise_imports", "RUS", "WLD", year, rus_total / 2, "fcs-world"),
    ]
    return make_evidence(evidence, [*base.observations.to_dict("records"), *rows])


def test_customs_mirror_continues_the_ratio_after_the_own_figures(evidence):
    # own figures: 5x in 2010 and 2020; customs 2023: 100 of 800 (12.5%) over 100 of 8000 (1.25%) = 10x
    ev = _with_customs(evidence, _asymmetry(evidence, 10, 2, 10, 2), pair=100, chn_total=8000, rus_total=800)
    later = russia_china.customs_asymmetry(ev)
    assert list(later["year"]) == [2023]
    row = later.iloc[0]
    assert row["share_CHN_in_RUS"] == pytest.approx(12.5) and row["share_RUS_in_CHN"] == pytest.approx(1.25)
    assert row["ratio"] == pytest.approx(8000 / 800)  # the bilateral figure cancels on this basis
    assert row["sources"] == ("fcs-world", "gac-pair", "gac-world")
    series = russia_china.junior_series(ev, JUNIOR)
    assert list(series["basis"]) == ["own figures (IMF DOTS)"] * 2 + ["China customs mirror"]
    outcome = russia_china.junior_partner(ev, JUNIOR)
    assert outcome.year == 2023 and outcome.value == pytest.approx(10.0)
    assert outcome.verdict is Verdict.SUPPORTED  # 10x against 5x in 2010 (the last year <= 2013)
    assert "China customs mirror" in outcome.explanation
    own_only = russia_china.junior_partner(ev, replace(JUNIOR, customs_mirror=False))
    assert own_only.year == 2020 and own_only.verdict is Verdict.MIXED  # 5x both years: stable


def test_customs_mirror_can_contradict_and_needs_all_three_figures(evidence):
    falling = _with_customs(evidence, _asymmetry(evidence, 10, 2, 10, 2), pair=100, chn_total=3000, rus_total=800)
    assert russia_china.junior_partner(falling, JUNIOR).verdict is Verdict.CONTRADICTED  # 3.75x < 5x
    no_russian_total = replace(
        falling,
        observations=falling.observations[
            ~((falling.observations["entity"] == "RUS") & (falling.observations["source_id"] == "fcs-world"))
        ],
    )
    assert russia_china.customs_asymmetry(no_russian_total).empty
    assert russia_china.junior_partner(no_russian_total, JUNIOR).year == 2020


def test_customs_mirror_on_the_real_data_reaches_2023(evidence):
    later = russia_china.customs_asymmetry(evidence)
    assert later["year"].max() >= 2023
    assert (later["ratio"] - later["chn_total"] / later["rus_total"]).abs().max() < 1e-9
    assert all("imf-dots" not in ids for ids in later["sources"])
    assert claims.run("RCH-03", evidence).latest.year >= 2023


def test_junior_partner_without_data_is_not_testable(evidence):
    rows = [(s, "RUS", "WLD", 2016, 1.0) for s in ("merchandise_exports", "merchandise_imports")]
    outcome = russia_china.junior_partner(make_evidence(evidence, rows), JUNIOR)
    assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None


# -- CAUSE-04: suffocated growth: its rule's cases are in test_claims_causes.py ----------------


# -- helpers ---------------------------------------------------------------------------------


def test_mirror_share_uses_the_partners_figure_over_the_reporters_total(evidence):
    mirror = russia_china.mirror_share(evidence, "RUS", "CHN")
    assert not mirror.empty
    row = mirror[mirror["year"] == 2020].iloc[0]
    china_side = indicators.turnover(evidence, "CHN", "RUS")
    russia_total = indicators.turnover(evidence, "RUS", "WLD")
    assert row["partner_trade"] == pytest.approx(china_side.loc[china_side["year"] == 2020, "value"].iloc[0])
    assert row["total_trade"] == pytest.approx(russia_total.loc[russia_total["year"] == 2020, "value"].iloc[0])
    assert row["share"] == pytest.approx(100 * row["partner_trade"] / row["total_trade"])
    # a mirror year only where both figures are on the same basis
    assert set(mirror["basis"]) <= {"exports + imports", "published turnover"}


def test_gdp_multiple(evidence):
    frame = russia_china.gdp_multiple(evidence, "CHN", "RUS")
    assert (frame["multiple"] == frame["gdp_a"] / frame["gdp_b"]).all()
    assert frame["year"].is_monotonic_increasing
