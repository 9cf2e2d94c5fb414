"""The chart functions of the Russia-China notebook, built from the real data: each is a Chart
(the house checklist passed on creation) whose title, description and data carry the plotted numbers."""

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from helpers import charts_economy as economy  # noqa: E402
from helpers import charts_russia_china as charts  # noqa: E402
from helpers import claims, style  # noqa: E402
from helpers.claims import russia_china as rc  # noqa: E402

MARKS = {2014: "2014:\nsanctions", 2022: "2022:\nwar"}


@pytest.fixture(autouse=True)
def _style():
    style.setup()


def _sources_known(chart, evidence):
    ids = {i for cell in chart.data["sources"] for i in cell.split("; ")}
    assert ids <= set(evidence.sources["source_id"])


def test_trade_shares_plots_own_mirror_and_customs_points(evidence):
    chart = charts.trade_shares(evidence)
    data = chart.data
    customs = rc.customs_shares(evidence)
    mirror = data[data["basis"].str.startswith("MIRROR")]
    assert list(mirror["year"]) == list(customs.dropna(subset=["rus_total"])["year"])
    assert set(data.loc[data["basis"] == "China customs", "year"]) == set(customs["year"])
    assert f"{mirror['value'].iloc[-1]:.1f}%" in chart.description and "MIRROR" not in chart.title
    assert "mirror estimate" in chart.title and data["value"].notna().all()
    _sources_known(chart, evidence)


def test_trade_shares_title_states_the_highest_plotted_russian_share(evidence):
    chart = charts.trade_shares(evidence)
    russia = chart.data[chart.data["measure"] == "Russia's share of China's trade"]
    peak = russia.sort_values(["value", "year"]).iloc[-1]
    assert f"Russia's share of China's peaked at {peak['value']:.1f}% in {peak['year']}" in chart.title
    assert "under" not in chart.title  # no bound the plotted points break (2023: 4.04%)


def test_junior_ratio_ends_where_the_claim_test_ends(evidence):
    rule = claims.default_rule("RCH-03")
    chart = charts.junior_ratio(evidence, rule, MARKS)
    latest = claims.run("RCH-03", evidence).latest
    assert int(chart.data["year"].max()) == latest.year
    assert chart.data["value"].iloc[-1] == pytest.approx(latest.value)
    assert f"{latest.value:.1f}x" in chart.title and str(latest.year) in chart.title
    own_only = charts.junior_ratio(evidence, rule.__class__(customs_mirror=False), MARKS)
    assert set(own_only.data["basis"]) == {"own figures (IMF DOTS)"} and "Points after" not in own_only.description


def test_gdp_multiple_labels_the_extremes(evidence):
    chart = economy.gdp_multiple(evidence)
    top = chart.data.loc[chart.data["value"].idxmax()]
    assert f"{top['value']:.1f}x at the widest ({int(top['year'])})" in chart.title
    labels = [t.get_text() for t in chart.figure.axes[0].texts]
    assert f"{top['value']:.1f}x ({int(top['year'])})" in labels


def test_growth_by_period_keeps_the_crash_year_apart(evidence):
    chart = economy.growth_by_period(evidence, [(2000, 2008), (2009, 2009), (2010, 2016), (2017, None)])
    assert list(chart.data["period"].iloc[:4]) == ["2000–2008", "2009", "2010–2016", chart.data["period"].iloc[3]]
    crash = chart.data[(chart.data["period"] == "2009") & chart.data["measure"].str.startswith("Russia")]["value"]
    assert float(crash.iloc[0]) < 0 and f"{float(crash.iloc[0]):.1f}%" in chart.title
    labels = [t.get_text() for t in chart.figure.axes[0].texts]
    assert f"{float(crash.iloc[0]):.1f}%" in labels  # each bar labelled, negative ones too


def test_fuel_composition_shows_every_published_point(evidence):
    chart = economy.fuel_composition(evidence, claims.default_rule("RCH-02"))
    to_china = chart.data[chart.data["measure"].str.endswith("to China")]
    published = evidence.series(rc.FUEL_TO_PARTNER, entity="RUS", counterpart="CHN")
    assert list(to_china["value"]) == list(published["value"])
    assert "definitions differ" in chart.figure.texts[1].get_text()
    _sources_known(chart, evidence)


def test_pipeline_gas_keeps_one_publisher_for_the_bars(evidence):
    ids = ["macro-gazprom-via-tass-2025-12", "macro-gazprom-via-tass-2026-01"]
    chart = economy.pipeline_gas(evidence, ids)
    bars = chart.data[chart.data["measure"].str.startswith("Russia")]
    assert set(bars["sources"]) <= set(ids) and bars["year"].is_unique
    assert "lower bound" in set(chart.data["bound"])


def test_military_effort_computes_dollars_from_shares(evidence):
    chart = economy.military_effort(evidence)
    spend = rc.military_spending(evidence)
    last = spend[spend["year"] == spend["year"].max()].set_index("entity")
    assert f"{last.loc['CHN', 'usd'] / last.loc['RUS', 'usd']:.1f}x as much" in chart.title
    assert chart.data.groupby("year")["entity"].nunique().eq(2).all()
