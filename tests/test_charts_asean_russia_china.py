"""The chart functions of the Russia-China notebook (the ASEAN ones are in test_charts_asean.py):
title, subtitle with unit and period, source line, alt text, and nothing outside the figure."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_russia_china, style  # noqa: E402


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def _inside(fig):
    fig.canvas.draw()
    return not style._sticks_out(fig, fig.canvas.get_renderer())


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_paired_period_bars_label_each_bar_and_show_negative_years(evidence):
    table = pd.DataFrame({"period": ["2000–2008", "2009", "2010–2016"], "RUS": [6.9, -7.8, 1.9], "CHN": [10.5, 9.4, 8.1]})
    fig = charts_russia_china.paired_period_bars(
        table, ("RUS", "CHN"), names=("Russia", "China"), ylabel="% a year", title="Growth fell",
        subtitle="Average real growth, %, 2000–2016", description="Paired bars.", evidence=evidence,
        source_ids=["wb-wdi-gdp-growth"])
    ax = fig.axes[0]
    assert ax.get_ylim()[0] < -7.8 and ax.get_ylim()[1] > 10.5
    labels = [t.get_text() for t in ax.texts]
    assert "-7.8%" in labels and "10.5%" in labels
    assert fig.get_label() == "Paired bars." and "%" in _texts(fig)[1]
    assert _inside(fig)
