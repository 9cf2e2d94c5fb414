"""The chart functions of the ASEAN notebook: title, subtitle with unit and period, source line,
alt text, and nothing outside the figure (the Russia-China charts: test_charts_russia_china.py)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_asean, style  # noqa: E402


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def _inside(fig):
    fig.canvas.draw()
    return not style._sticks_out(fig, fig.canvas.get_renderer())


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_status_timeline_draws_blocks_and_keeps_its_description(evidence):
    projects = pd.DataFrame({"project": ["a", "b", "c"], "name": ["Deal A", "Deal B", "Summit C"],
                             "status": ["in force", "cancelled", "signed"],
                             "block": ["agreements and projects", "agreements and projects", "summits and declarations"]})
    events = pd.DataFrame({"project": ["a", "a", "b", "b", "c"],
                           "date": ["2015-05-29", "2016-10-05", "2010-10", "2016-11-22", "2016"],
                           "status": ["signed", "in force", "signed", "cancelled", "signed"]})
    fig = charts_asean.status_timeline(projects, events, title="Of 3 projects, 1 entered into force",
                                       subtitle="One mark per event, 2010–2016", description="Three rows in two blocks.",
                                       evidence=evidence, source_ids=["imf-dots"])
    texts = _texts(fig)
    assert texts[0].startswith("Of 3 projects") and "2010–2016" in texts[1] and "Source" in texts[2]
    assert fig.get_label() == "Three rows in two blocks."
    annotations = [t.get_text() for t in fig.axes[0].texts]
    assert "agreements and projects (2)" in annotations and "summits and declarations (1)" in annotations
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Deal A", "Deal B", "Summit C"]
    assert _inside(fig)


def test_decimal_year_reads_every_date_precision():
    assert charts_asean.decimal_year("2016") == pytest.approx(2016 + 365 / 366)
    assert 2016.0 < charts_asean.decimal_year("2016-05-20") < charts_asean.decimal_year("2016-05") < 2016.5
