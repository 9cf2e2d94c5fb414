"""The shared chart building blocks: runs of years, year ticks, ticks kept inside the axes, labels, points."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers import chart_parts  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@given(st.sets(st.integers(1990, 2030), max_size=20))
def test_runs_cover_every_year_once_and_never_bridge_a_gap(years):
    frame = pd.DataFrame({"year": sorted(years)})
    parts = chart_parts.runs(frame)
    assert sorted(y for p in parts for y in p["year"]) == sorted(years)
    for part in parts:
        assert list(part["year"]) == list(range(part["year"].iloc[0], part["year"].iloc[-1] + 1))
    for before, after in zip(parts, parts[1:]):
        assert after["year"].iloc[0] - before["year"].iloc[-1] > 1


@pytest.mark.parametrize(
    ("first", "last", "step", "ticks"),
    [
        (2001, 2024, 5, [2005, 2010, 2015, 2020]),
        (2000, 2010, 5, [2000, 2005, 2010]),
        (1995, 2023, 10, [2000, 2010, 2020]),
    ],
)
def test_year_steps_start_at_a_multiple_of_the_step(first, last, step, ticks):
    _fig, ax = plt.subplots()
    ax.set_xlim(first - 1, last + 1)
    chart_parts.year_steps(ax, first, last, step)
    assert list(ax.get_xticks()) == ticks


def test_clip_ticks_keeps_only_ticks_inside_the_limits():
    fig, ax = plt.subplots()
    ax.plot([0.3, 9.7], [0.3, 9.7])
    ax.set_xlim(0.5, 9.5)
    ax.set_ylim(0.5, 9.5)
    chart_parts.clip_ticks(fig)
    for ticks, (low, high) in ((ax.get_xticks(), ax.get_xlim()), (ax.get_yticks(), ax.get_ylim())):
        assert len(ticks) and all(low <= t <= high for t in ticks)


def test_note_places_words_offset_from_the_point():
    _fig, ax = plt.subplots()
    chart_parts.note(ax, 2010, 5, "peak", dy=4, colour="#123456", bold=True)
    (label,) = ax.texts
    assert label.get_text() == "peak" and label.xy == (2010, 5)
    assert label.get_color() == "#123456" and label.get_fontweight() == "bold"
    assert label.get_ha() == "center" and label.get_va() == "bottom"


def test_hollow_points_are_open_and_never_joined():
    _fig, ax = plt.subplots()
    chart_parts.hollow_points(ax, [2021, 2023], [1.0, 2.0], "#ff0000", size=6, edge=1.8)
    (line,) = ax.lines
    assert line.get_linestyle() == "None" and line.get_markerfacecolor() == "white"
    assert line.get_markeredgecolor() == "#ff0000" and line.get_markeredgewidth() == 1.8
    key = chart_parts.hollow_key("#ff0000", "published later")
    assert key.get_label() == "published later" and key.get_markerfacecolor() == "white"


def test_whiskers_only_for_years_with_more_than_one_source():
    _fig, ax = plt.subplots()
    frame = pd.DataFrame({"year": [2019, 2020], "low": [1.0, 2.0], "high": [1.0, 3.0], "n_sources": [1, 2]})
    chart_parts.whiskers(ax, frame)
    (bars,) = ax.containers
    (segments,) = bars.lines[2]
    assert [list(s) for s in segments.get_segments()[0]] == [[2020.0, 2.0], [2020.0, 3.0]]


def test_finished_returns_a_chart_with_the_plotted_rows(evidence):
    from helpers import style

    style.setup()
    fig, ax = plt.subplots()
    ax.plot([2019, 2020], [1, 2])
    style.finish(fig, title="A rise", subtitle="Things, units, 2019-2020", evidence=evidence, source_ids=["imf-dots"])
    data = pd.DataFrame({"year": [2019, 2020], "value": [1, 2], "sources": ["imf-dots", "imf-dots"]})
    chart = chart_parts.finished(fig, "Two points.", data)
    assert chart.data.equals(data) and chart.description == "Two points."


@given(st.sets(st.integers(1990, 2030), max_size=20))
def test_year_runs_are_the_maximal_runs_of_consecutive_years(years):
    spans = chart_parts.year_runs(years)
    assert sorted(y for first, last in spans for y in range(first, last + 1)) == sorted(years)
    assert all(later[0] - earlier[1] > 1 for earlier, later in zip(spans, spans[1:]))


def test_runs_text_names_single_years_and_spans():
    assert chart_parts.runs_text([(2001, 2001), (2004, 2007)]) == ["2001", "2004–2007"]
    assert chart_parts.runs_text([]) == []


def test_label_is_bold_in_the_line_colour_beside_the_point():
    _fig, ax = plt.subplots()
    chart_parts.label(ax, 2020, 3.0, "Kazakhstan", "#00aa00", dx=8)
    (words,) = ax.texts
    assert words.get_fontweight() == "bold" and words.get_color() == "#00aa00"
    assert words.get_ha() == "left" and words.get_va() == "center" and words.xyann == (8, 0)


def test_before_after_draws_a_hollow_then_a_filled_dot_per_row_and_labels_it():
    _fig, ax = plt.subplots()
    rows = pd.DataFrame({"before": [10.0, 30.0], "after": [20.0, 25.0]})
    chart_parts.before_after(ax, rows, colours=["#111111", "#222222"], labels=["+10", "-5"], positions=[0, 1])
    chart_parts.before_after_key(ax, "2010-2014 average", "2016-2020 average", colour="#111111", right=True)
    assert len(ax.lines) == 2 and len(ax.collections) == 4
    assert [t.get_text() for t in ax.texts] == ["+10", "-5", "○ 2010-2014 average", "● 2016-2020 average"]
    assert [t.xy[0] for t in ax.texts[:2]] == [20.0, 30.0]  # each label right of the row's larger value


def test_status_rows_draw_one_row_per_project_with_its_last_status():
    styles = {"signed": ("signed", "#888888", "o"), "in force": ("in force", "#009E73", "s")}
    rows = [
        pd.DataFrame({"x": [2010.0, 2012.5], "status": ["signed", "in force"], "date": ["2010", "2012-07"]}),
        pd.DataFrame({"x": [2020.0], "status": ["signed"], "date": ["2020"]}),
    ]
    _fig, ax = plt.subplots()
    chart_parts.status_rows(ax, rows, ["Treaty", "Bridge"], styles, x_range=(2009, 2021))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Treaty", "Bridge"]
    assert [t.get_text() for t in ax.texts] == ["in force, 2012-07", "signed, 2020"]
    assert ax.texts[1].get_ha() == "right"  # a row that starts late is labelled on its left
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["signed", "in force"]
