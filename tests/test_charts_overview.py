"""The overview's charts: title, subtitle with unit and period, source line, description, nothing outside."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_overview, claims, style  # noqa: E402


@pytest.fixture(scope="module")
def table(evidence):
    return claims.robustness(evidence)


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def _inside(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()  # the chart comes closed in pyplot
    fig.draw_without_rendering()
    assert not style._sticks_out(fig, renderer), "a text reaches beyond the figure"


def test_verdict_shares_sum_to_one_per_claim_and_view(table):
    shares = charts_overview.verdict_shares(table)
    for view in ("as of the paper", "latest"):
        assert shares[view].sum(axis=1).round(9).eq(1).all()
    assert set(shares.index) == set(table["claim_id"])


@pytest.mark.parametrize("draw, unit", [
    (lambda ev, t: charts_overview.verdict_heatmap(t, evidence=ev, description="A heatmap."), "percent"),
    (lambda ev, t: charts_overview.events_timeline(ev, description="A timeline."), "2005–2025"),
])
def test_charts_carry_title_subtitle_source_and_description(evidence, table, draw, unit):
    style.setup()
    fig = draw(evidence, table)
    title, subtitle, source = _texts(fig)[:3]
    assert title and unit in subtitle.replace("\n", " ")
    assert source.startswith("Source") and "Pivot Check" in source
    assert fig.get_label().startswith("A ")
    _inside(fig)


def test_a_chart_needs_a_description(evidence, table):
    with pytest.raises(ValueError, match="description"):
        charts_overview.verdict_heatmap(table, evidence=evidence, description=" ")


def test_the_timeline_has_one_row_per_project_and_keeps_only_its_period(evidence):
    style.setup()
    fig = charts_overview.events_timeline(evidence, description="A timeline.", first_year=2014, last_year=2016)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    dates = evidence.events["date"].str[:4].astype(int)
    expected = set(evidence.events.loc[dates.between(2014, 2016), "project"])
    assert expected <= set(labels) and not (set(evidence.events["project"]) - expected) & set(labels)
    assert "2014–2016" in _texts(fig)[1].replace("\n", " ")


def test_verdict_shares_fill_missing_verdicts_with_zero():
    table = pd.DataFrame({"claim_id": ["X-01"] * 3, "view": ["latest"] * 3, "verdict": ["mixed", "mixed", "supported"],
                          "specification": ["a", "b", "c"]})
    shares = charts_overview.verdict_shares(table)
    assert shares.loc["X-01", ("latest", "mixed")] == pytest.approx(2 / 3)
    assert shares.loc["X-01", ("as of the paper", "supported")] == 0
