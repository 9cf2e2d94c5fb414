"""The North Korea notebook's charts: what each shows, its plotted numbers, and the house checklist."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_north_korea as charts  # noqa: E402
from helpers import style  # noqa: E402
from helpers.claims import north_korea as nk  # noqa: E402
from helpers.style import STATUS_STYLE  # noqa: E402


@pytest.fixture(autouse=True)
def _house_style():
    style.setup()  # the notebooks' figure size and fonts
    yield
    matplotlib.pyplot.close("all")


@pytest.fixture(scope="module")
def trade(evidence):
    chn, rus = nk.partner_trade(evidence, "CHN"), nk.partner_trade(evidence, "RUS")
    return chn, rus, nk.balance(evidence)


def test_trade_lines_plot_both_partners_every_year(evidence, trade):
    chn, rus, bal = trade
    chart = charts.trade_lines(evidence, chn, rus, bal, description="Two lines.")
    assert len(chart.data) == len(chn) + len(rus)
    assert set(chart.data["line"]) == {"IMF", "official figure"}
    assert not chart.data["sources"].str.contains("+", regex=False).any()
    assert "log scale" in chart.figure.texts[1].get_text().replace("\n", " ")


def test_trade_lines_never_join_points_of_different_sources(evidence, trade):
    chn, rus, bal = trade
    chart = charts.trade_lines(evidence, chn, rus, bal, description="Two lines.")
    ax = chart.figure.axes[0]
    source_at = {(r.year, round(r.value, 6)): r.sources for r in chart.data.itertuples()}
    for line in ax.get_lines():
        xs, ys = list(line.get_xdata()), list(line.get_ydata())
        if line.get_linestyle() in ("None", "none", "") or len(set(xs)) < 2:
            continue  # markers alone, or the paper's vertical line
        sources = {source_at[(int(x), round(float(y), 6))] for x, y in zip(xs, ys)}
        assert sources == {"imf-dots"}, f"a line joins points of {sorted(sources)}"
    official = chart.data[chart.data["line"] == "official figure"]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert len(official) and all(name in labels for name in official["publisher"])
    assert "Russia's customs" in set(official["publisher"])  # short names, not the publishers' full titles


def test_russia_share_plots_the_two_windows_the_test_compares(evidence, trade):
    _, _, bal = trade
    rule = nk.NorthKoreaRule()
    comparison = nk.compare(evidence, rule, bal)
    chart = charts.russia_share(evidence, bal, comparison, rule=rule, description="Shares.")
    windows = chart.data.set_index("line")
    assert windows.at["latest window", "russia_share"] == pytest.approx(comparison["latest"]["russia_share"])
    assert windows.at["earlier window", "russia_share"] == pytest.approx(comparison["base"]["russia_share"])
    assert (chart.data["line"] == "each year").sum() == len(bal)


def test_recent_trade_plots_only_the_years_after_the_imf_series(evidence, trade):
    chn, rus, bal = trade
    recent_chn, recent_rus = chn[chn["year"] > 2020], rus[rus["year"] > 2020]
    chart = charts.recent_trade(evidence, recent_chn, recent_rus, bal, description="Bars.")
    assert chart.data["year"].min() > 2020 and len(chart.data) == len(recent_chn) + len(recent_rus)


def test_the_timeline_colours_each_event_by_status_as_the_overview_does(evidence):
    events = evidence.events[evidence.events["theme"] == "north_korea"]
    chart = charts.events_timeline(evidence, events, {}, "Projects after the paper", description="A timeline.")
    ax = chart.figure.axes[0]
    bridge = chart.data[chart.data["project"] == "rus-prk-tumen-road-bridge"]
    assert bridge["status"].iloc[-1] == "under construction"
    # every event marker: the colour and marker of its status on the overview's timeline
    marks = [line for line in ax.get_lines() if line.get_linestyle() == "None" and len(line.get_xdata()) == 1]
    assert len(marks) == len(chart.data)
    drawn = sorted((round(float(m.get_xdata()[0]), 6), m.get_color(), m.get_marker()) for m in marks)
    expected = sorted((round(r.decimal_year, 6), *STATUS_STYLE[r.status][1:]) for r in chart.data.itertuples())
    assert drawn == expected
    # a bridge under construction is drawn apart from the implemented projects, and the legend says so
    assert STATUS_STYLE["under construction"][1:] != STATUS_STYLE["implemented"][1:]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "under construction" in legend and "in force or implemented" in legend
    assert set(legend) <= {group for group, _, _ in STATUS_STYLE.values()}
    # colour means status only: the projects with other states say so in their names instead
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert "Tumen River road bridge" in names and "Six-Party Talks\n(with other states)" in names


def test_timeline_data_keep_every_event_with_its_source(evidence):
    events = pd.DataFrame(
        {
            "project": ["a", "a"],
            "date": ["2024-06", "2025-04-30"],
            "status": ["signed", "under construction"],
            "parties": ["PRK RUS", "PRK RUS"],
            "source_id": ["imf-dots"] * 2,
        }
    )
    chart = charts.events_timeline(evidence, events, {"a": "the bridge"}, "A bridge begun", description="Two marks.")
    assert list(chart.data["status"]) == ["signed", "under construction"]
    assert list(chart.data["sources"]) == ["imf-dots", "imf-dots"]
