"""The chart functions of the Arctic and North Korea notebooks: title, subtitle with unit and
period, source line, description, and nothing outside the figure (on the real data)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_arctic, charts_north_korea, style  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims import arctic  # noqa: E402
from helpers.claims import north_korea as nk  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    style.setup()
    yield
    plt.close("all")


def _check(chart, *, title, subtitle):
    assert isinstance(chart, Chart) and chart.description == "Described."
    texts = [t.get_text().replace("\n", " ") for t in chart.figure.texts]
    assert title in texts[0] and chart.title == texts[0]
    assert all(part in texts[1] for part in subtitle)
    assert texts[2].startswith(("Source:", "Sources:")) and "Chart: Pivot Check." in texts[2]
    chart.figure.canvas.draw()
    assert not style._sticks_out(chart.figure, chart.figure.canvas.get_renderer())


def _arctic_charts(ev):
    rule = arctic.ArcticRule()
    cargo = arctic.nsr_figures(ev, "nsr_cargo_mt")
    transit = arctic.nsr_figures(ev, "nsr_transit_cargo_mt")
    gaps = ev.gaps[ev.gaps["series_id"] == "nsr_transit_cargo_mt"]
    return [
        (charts_arctic.ownership(ev, arctic.chinese_equity(ev, rule), arctic.chinese_stakes(ev),
                                 description="Described.", rule=rule),
         "Chinese state buyers hold", ("% of each project's share capital", "2014–2019")),
        (charts_arctic.nsr_cargo(ev, cargo, arctic.target_gap(ev), description="Described."),
         "NSR cargo reached", ("million tonnes", f"{cargo['year'].min()}–{cargo['year'].max()}")),
        (charts_arctic.nsr_transit(ev, transit, gaps, description="Described."),
         "Transit cargo fell", ("million tonnes", f"{transit['year'].min()}–{transit['year'].max()}")),
    ]


def test_arctic_charts_state_their_finding_unit_period_and_source(evidence):
    for chart, title, subtitle in _arctic_charts(evidence):
        _check(chart, title=title, subtitle=subtitle)


def test_the_ownership_chart_draws_the_rule_it_is_given(evidence):
    rule = arctic.ArcticRule(blocking_share=30.0)
    chart = charts_arctic.ownership(evidence, arctic.chinese_equity(evidence, rule), arctic.chinese_stakes(evidence),
                                    description="Described.", rule=rule)
    labels = [t.get_text() for t in chart.figure.axes[0].texts]
    assert "blocking minority (>30%)" in labels
    assert "29.9% of Yamal LNG (a minority stake)" in chart.title


def test_north_korea_charts_state_their_finding_unit_period_and_source(evidence):
    rule = nk.NorthKoreaRule()
    chn, rus = nk.partner_trade(evidence, "CHN"), nk.partner_trade(evidence, "RUS")
    bal = nk.balance(evidence)
    recent = chn[chn["year"] > 2020]
    events = evidence.events[evidence.events["theme"] == "north_korea"]
    charts = [
        (charts_north_korea.trade_lines(evidence, chn, rus, bal, description="Described."),
         "China's reported trade with North Korea was", ("US$ million", "log scale")),
        (charts_north_korea.russia_share(evidence, bal, nk.compare(evidence, rule), description="Described.", rule=rule),
         "Russia's part of the two partners' trade", ("percentage", "years with figures from both")),
        (charts_north_korea.recent_trade(evidence, recent, rus[rus["year"].isin(recent["year"])], bal,
                                         description="Described."),
         "the only recent year with a Russian figure", ("US$ million",)),
        (charts_north_korea.events_timeline(evidence, events, {}, "A title that states the finding",
                                            description="Described."),
         "A title that states the finding", ("Dated North Korea events", "status")),
    ]
    for chart, title, subtitle in charts:
        _check(chart, title=title, subtitle=subtitle)


def test_the_timeline_grows_with_its_projects(evidence):
    events = evidence.events[evidence.events["theme"] == "north_korea"]
    few = events[events["project"].isin(events["project"].unique()[:2])]
    small = charts_north_korea.events_timeline(evidence, few, {}, "Two", description="Described.")
    large = charts_north_korea.events_timeline(evidence, events, {}, "All", description="Described.")
    assert small.figure.get_figheight() <= large.figure.get_figheight()
    assert small.figure.get_figheight() == pytest.approx(style.FIGSIZE[1])


def test_a_chart_needs_a_description(evidence):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="description"):
        Chart(fig, "  ")
    with pytest.raises(TypeError, match="Figure"):
        Chart("not a figure", "Described.")
