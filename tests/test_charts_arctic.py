"""The Arctic notebook's charts: what each shows, its plotted numbers, and the house checklist."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_arctic, style  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims import arctic  # noqa: E402


@pytest.fixture(autouse=True)
def _house_style():
    style.setup()  # the notebooks' figure size and fonts
    yield
    matplotlib.pyplot.close("all")


def _texts(chart: Chart) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in chart.figure.texts]


def test_ownership_plots_each_stake_and_the_rest_of_each_project(evidence):
    equity, stakes = arctic.chinese_equity(evidence), arctic.chinese_stakes(evidence)
    chart = charts_arctic.ownership(evidence, equity, stakes, description="Stacked bars.")
    data = chart.data
    assert data.groupby("project")["stake"].sum().round(6).eq(100).all()
    assert len(data) == len(stakes) + stakes["project"].nunique()
    assert data["sources"].str.len().gt(0).all()
    yamal = data[(data["project"] == "Yamal LNG") & data["year"].notna()]
    assert yamal["stake"].sum() == pytest.approx(equity.set_index("project").at["Yamal LNG", "chinese_total"])
    assert "Chinese state buyers hold" in _texts(chart)[0]


def test_nsr_cargo_plots_the_chosen_figures_and_the_targets(evidence):
    cargo, targets = arctic.nsr_figures(evidence), arctic.target_gap(evidence)
    chart = charts_arctic.nsr_cargo(evidence, cargo, targets, description="A line and diamonds.")
    carried = chart.data[chart.data["series"] == "cargo carried"]
    assert list(carried["value"]) == list(cargo["value"])
    assert (carried["low"] <= carried["value"]).all() and (carried["value"] <= carried["high"]).all()
    assert len(chart.data[chart.data["series"] == "official target"]) == len(targets)
    assert "million tonnes" in _texts(chart)[1]


def test_transit_shades_only_years_without_a_figure(evidence):
    transit = arctic.nsr_figures(evidence, "nsr_transit_cargo_mt")
    gaps = evidence.gaps[evidence.gaps["series_id"] == "nsr_transit_cargo_mt"]
    chart = charts_arctic.nsr_transit(evidence, transit, gaps, description="Bars.")
    shaded = [t for t in chart.figure.axes[0].texts if t.get_text() == "no\nfigure"]
    runs = charts_arctic.missing_years(transit, gaps)
    assert len(shaded) == len(runs)
    assert not {y for a, b in runs for y in range(a, b + 1)} & set(transit["year"])
    assert list(chart.data["year"]) == list(transit["year"])
    assert {2018, 2019, 2020, 2021, 2022, 2023, 2024} <= set(chart.data["year"])


def test_a_gap_row_that_the_data_have_filled_is_not_shaded(evidence):
    transit = pd.DataFrame(
        {
            "year": [2015, 2018, 2019],
            "value": [0.04, 0.49, 0.7],
            "source_id": ["a", "b", "c"],
            "n_sources": [1, 2, 1],
            "low": [0.04, 0.45, 0.7],
            "high": [0.04, 0.49, 0.7],
        }
    )
    stale = pd.DataFrame({"first_year": [2016], "last_year": [2019]})
    assert charts_arctic.missing_years(transit, stale) == [(2016, 2017)]
    chart = charts_arctic.nsr_transit(evidence, transit.assign(source_id="imf-dots"), stale, description="Bars.")
    assert "2016–2017" in _texts(chart)[1] and "2018" not in _texts(chart)[1].split("no official")[1]
    assert charts_arctic.missing_years(transit, stale.iloc[:0]) == []


def test_a_chart_without_a_description_is_refused(evidence):
    with pytest.raises(ValueError, match="description"):
        charts_arctic.nsr_cargo(evidence, arctic.nsr_figures(evidence), arctic.target_gap(evidence), description="")
