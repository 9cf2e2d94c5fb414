"""The ASEAN notebook's charts: each is a checked Chart whose data are exactly the numbers drawn,
and whose title and description state what the data show."""

import matplotlib

matplotlib.use("Agg")


import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from conftest import make_evidence  # noqa: E402
from helpers import charts_asean, text  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims import asean  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_status_timeline_puts_deals_first_and_counts_every_row(evidence):
    view = make_evidence(
        evidence,
        events=[
            ("a", "2015-05-29", "agreement", "EAEU VNM", "signed"),
            ("a", "2016-10-05", "agreement", "EAEU VNM", "in force"),
            ("b", "2010-10", "project", "IDN RUS", "signed"),
            ("b", "2016-11-22", "project", "IDN RUS", "cancelled"),
            ("c", "2016", "summit", "ASEAN RUS", "signed"),
        ],
        event_fields=("project", "date", "kind", "parties", "status"),
        event_defaults={"theme": "asean"},
    )
    chart = charts_asean.status_timeline(view)
    assert isinstance(chart, Chart)
    assert chart.title.startswith(
        "Of 3 Southeast Asian projects, 2 are agreements or projects: 1 entered into force "
        "and 1 stalled or were cancelled; the other 1 are summits"
    )
    assert len(chart.data) == 5 and set(chart.data["sources"]) == {"blank-2017"}
    ax = chart.figure.axes[0]
    annotations = [t.get_text() for t in ax.texts]
    assert "agreements and projects (2)" in annotations and "summits and declarations (1)" in annotations
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "c"  # the summit below the deals


def test_status_timeline_of_the_real_data_describes_every_project(evidence):
    chart = charts_asean.status_timeline(evidence)
    table = asean.agreements(evidence)
    assert f"Of {len(table)} Southeast Asian projects" in chart.title
    assert chart.data["name"].nunique() == len(table)
    assert len(chart.data) == (evidence.events["theme"] == "asean").sum()


def test_trade_shares_plot_both_bases_apart(evidence):
    chart = charts_asean.trade_shares(evidence)
    shares, published = asean.trade_shares(evidence), asean.published_shares(evidence)
    imf = chart.data[chart.data["basis"] == "members' reports to the IMF"]
    assert len(imf) == 2 * len(shares)
    late = chart.data[chart.data["basis"] != "members' reports to the IMF"]
    assert list(late["year"]) == list(published["year"]) and (late["partner"] == "RUS").all()
    assert f"{text.pct(published['share_RUS'].iloc[-1], digits=2)} in {int(published['year'].iloc[-1])}" in chart.title
    assert chart.data["sources"].str.len().gt(0).all() and "+" not in "".join(chart.data["sources"])


def test_member_ranking_has_one_bar_per_member_largest_first(evidence):
    chart = charts_asean.member_ranking(evidence)
    assert len(chart.data) == len(asean.member_codes(evidence)) == 10
    assert chart.data["US$ million"].is_monotonic_decreasing
    assert chart.title.startswith(f"All 10 ASEAN members ranked: {chart.data['member'].iloc[0]}")


def test_vietnam_chart_shows_both_reporters_and_the_growth_it_states(evidence):
    chart = charts_asean.vietnam_fta(evidence)
    f = asean.vietnam_before_after(evidence)
    assert set(chart.data["reporter"]) == {"Vietnam", "Russia"}
    assert len(chart.data) == len(f["vietnam"]) + len(f["russia"])
    assert text.pct(abs(f["vnm_after"])) in chart.title and text.pct_change(f["vnm_before"]) in chart.title
    assert chart.title.startswith("As Vietnam reports it, ")  # whose figures the growth rates rest on
    russia = f"as Russia reports it, {text.pct_change(f['rus_after'])} against {text.pct_change(f['rus_before'])}"
    assert russia in chart.title


def test_decimal_year_reads_every_date_precision():
    assert charts_asean.decimal_year("2016") == pytest.approx(2016 + 365 / 366)
    assert 2016.0 < charts_asean.decimal_year("2016-05-20") < charts_asean.decimal_year("2016-05") < 2016.5


def test_a_theme_without_events_is_a_clear_error(evidence):
    with pytest.raises(ValueError, match="no events of theme 'nowhere'"):
        charts_asean.status_timeline(evidence, theme="nowhere")
