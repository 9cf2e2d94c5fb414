"""The house checklist every chart passes when it is made."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import style  # noqa: E402
from helpers.chart_output import DATA_KEY, Chart, problems  # noqa: E402

DATA = pd.DataFrame({"year": [2015, 2016], "value": [1.0, 2.0], "sources": ["imf-dots", "imf-dots"]})


def _finished(evidence, **changes):
    fig, ax = plt.subplots(figsize=style.FIGSIZE)
    ax.plot(DATA["year"], DATA["value"])
    return style.finish(
        fig,
        title="It rose",
        subtitle="Value, US$ million, 2015-2016",
        evidence=evidence,
        source_ids=["imf-dots"],
        **changes,
    )


def test_a_finished_chart_with_its_data_passes(evidence):
    chart = Chart(_finished(evidence), "A line that rises from 1 to 2.", DATA)
    assert chart.title == "It rose" and chart.csv().startswith("year,value,sources\n2015,1.0,imf-dots\n")


@pytest.mark.parametrize(
    "description, data, message",
    [
        ("", DATA, "no description"),
        ("A line.", DATA.iloc[0:0], "no plotted numbers"),
        ("A line.", DATA.drop(columns="sources"), "'sources' column"),
        ("A line.", DATA.assign(sources=["imf-dots", ""]), "'sources' column"),
        ("A line.", DATA.assign(sources=[("imf-dots",), ("imf-dots",)]), "'sources' column must be text"),
    ],
)
def test_a_chart_without_description_or_data_is_refused(evidence, description, data, message):
    with pytest.raises(ValueError, match=message):
        Chart(_finished(evidence), description, data)


def test_an_unfinished_figure_is_refused():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    found = problems(fig, "A line.", DATA)
    assert "no title and subtitle (finish the figure with style.finish)" in found and "no source line" in found


def test_a_label_past_the_edge_is_found_and_a_hidden_tick_label_is_not(evidence):
    fig = _finished(evidence)
    fig.axes[0].set_xlim(2015.5, 2016)  # ticks outside the limits are hidden, not drawn
    assert problems(fig, "A line.", DATA) == []
    fig.text(0.98, 0.5, "a long label that runs past the right edge of the figure")
    assert any("outside the figure" in p for p in problems(fig, "A line.", DATA))


def test_the_description_output_carries_the_plotted_numbers(evidence, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    Chart(_finished(evidence), "A line that rises.", DATA)._ipython_display_()
    assert shown[1][1]["metadata"][DATA_KEY] == DATA.to_csv(index=False, lineterminator="\n")
