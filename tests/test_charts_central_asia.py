"""The Central Asia notebook's charts and tables: what each shows, on the real data and on small synthetic tables."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers import central_asia_tables as tables  # noqa: E402
from helpers import charts_central_asia as charts  # noqa: E402
from helpers import style  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims import central_asia  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def house_style():
    style.setup()


def _synthetic(panels=("KAZ", "KGZ", "TJK"), transit=("KGZ",), years=range(2005, 2021)) -> pd.DataFrame:
    rows = []
    for i, panel in enumerate(panels):
        for year in years:
            rows.append(
                {
                    "panel": panel,
                    "series": "state's record",
                    "kind": "area",
                    "colour": "",
                    "year": year,
                    "value": float(year - 2012 + i),
                    "transit": False,
                    "sources": "imf-dots",
                }
            )
            rows.append(
                {
                    "panel": panel,
                    "series": "partners' records",
                    "kind": "line",
                    "colour": "#000000",
                    "year": year,
                    "value": float(2 * (year - 2010)),
                    "transit": panel in transit,
                    "sources": "imf-dots",
                }
            )
    return pd.DataFrame(rows)


def _draw(evidence, data, **options):
    names = {
        "KAZ": "Kazakhstan",
        "KGZ": "Kyrgyzstan",
        "TJK": "Tajikistan",
        "TKM": "Turkmenistan",
        "UZB": "Uzbekistan",
        "CA5": "Central Asia",
    }
    chosen = {"subtitle": "A measure, pp, 2005–2020", **options}
    return charts.state_panels(
        data, names=names, ylabel="pp", title="A finding", description="A description.", evidence=evidence, **chosen
    )


def _crossed(ax) -> list:
    return [line for line in ax.get_lines() if line.get_marker() == "x"]


def test_small_multiples_draw_one_panel_per_code_with_the_legend_in_the_spare_cell(evidence):
    chart = _draw(evidence, _synthetic())
    axes = chart.figure.axes
    assert [ax.get_title(loc="left") for ax in axes[:3]] == ["Kazakhstan", "Kyrgyzstan", "Tajikistan"]
    assert not axes[5].axison and axes[5].get_legend() is not None
    assert not axes[3].has_data() and not axes[4].has_data()  # no state there


def test_transit_points_are_crossed_in_their_panel_only(evidence):
    chart = _draw(evidence, _synthetic())
    kaz, kgz, tjk = chart.figure.axes[:3]
    assert len(_crossed(kgz)) == 1 and not _crossed(kaz) and not _crossed(tjk)
    crossed = _crossed(kgz)[0]
    assert list(crossed.get_xdata()) == list(range(2005, 2021))
    labels = [t.get_text() for t in chart.figure.axes[5].get_legend().get_texts()]
    assert charts.TRANSIT_LABEL in labels


def test_one_scale_by_default_and_own_scales_only_when_the_subtitle_says_so(evidence):
    data = _synthetic()
    data.loc[data["panel"] == "TJK", "value"] *= 10
    shared = _draw(evidence, data)
    assert len({ax.get_ylim() for ax in shared.figure.axes[:3]}) == 1
    with pytest.raises(ValueError, match="own scale"):
        _draw(evidence, data, share_y=False)
    own = _draw(evidence, data, share_y=False, subtitle="A measure, pp, 2005–2020; each panel on its own scale")
    kaz, _kgz, tjk = own.figure.axes[:3]
    assert tjk.get_ylim()[1] > 5 * kaz.get_ylim()[1]


def test_six_panels_put_the_legend_above_them(evidence):
    chart = _draw(evidence, _synthetic(panels=("KAZ", "KGZ", "TJK", "TKM", "UZB", "CA5")))
    assert chart.figure.legends and all(ax.axison for ax in chart.figure.axes)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.drop(columns="transit"), "transit"),
        (lambda d: d.assign(kind="bars"), "unknown kind"),
        (lambda d: pd.concat([d.assign(panel=f"P{i}") for i in range(7)]), "1 to 6 panels"),
    ],
)
def test_bad_tables_are_refused_with_the_reason(evidence, change, message):
    with pytest.raises(ValueError, match=message):
        _draw(evidence, change(_synthetic()))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(min_value=2000, max_value=2024), min_size=2, max_size=12, unique=True))
def test_a_missing_year_breaks_the_line_instead_of_bridging_it(years):
    rows = pd.DataFrame({"year": sorted(years), "value": [float(y) for y in sorted(years)]})
    xs, ys = charts._unbroken(rows)
    assert list(xs) == list(range(min(years), max(years) + 1))
    assert [x for x, y in zip(xs, ys) if y == y] == sorted(years)  # NaN exactly in the missing years


# -- the notebook's charts, on the real data -------------------------------------------------


def test_share_gap_panels_plot_the_test_metric_and_count_the_states_it_counts(evidence):
    chart = charts.share_gap_panels(evidence)
    assert isinstance(chart, Chart)
    reading = central_asia.read_side(evidence, "reporter")
    assert f"{len(reading.ahead)} of {reading.n_states}" in chart.title
    for state in central_asia.CA5:
        gap = central_asia.share_gap(evidence, state, "reporter").dropna(subset=["gap_avg"])
        area = chart.data.query("panel == @state and kind == 'area'")
        assert list(area["year"]) == list(gap["year"].astype(int))
        assert area["value"].tolist() == pytest.approx(gap["gap_avg"].tolist())
    assert "one scale" in chart.figure.texts[1].get_text().replace("\n", " ")
    assert not chart.data["transit"].any()  # the states' own records: nothing in transit


def test_records_panels_mark_chinas_records_of_kyrgyzstan_and_nothing_else(evidence):
    chart = charts.records_panels(evidence)
    marked = chart.data[chart.data["transit"]]
    assert not marked.empty and set(marked["panel"]) == {"KGZ"} and set(marked["kind"]) == {"line"}
    assert "inflated by goods in transit" in chart.description
    assert all(ax.get_ylim() == (-100, 100) for ax in chart.figure.axes[:5])


def test_partner_usd_panels_reach_chinas_latest_customs_figure_on_own_scales(evidence):
    chart = charts.partner_usd_panels(evidence)
    gac = evidence.series("merchandise_trade", entity="CHN", counterpart="CA5")
    last = gac.iloc[gac["year"].argmax()]
    plotted = chart.data.query("panel == 'CA5' and kind == 'dashed'").iloc[-1]
    assert (plotted["year"], plotted["value"]) == (int(last["year"]), pytest.approx(last["value"] / 1000))
    assert "own scale" in chart.figure.texts[1].get_text().replace("\n", " ")
    marked = chart.data[chart.data["transit"]]
    assert set(marked["panel"]) == {"KGZ"} and marked["series"].str.startswith("China").all()
    assert len({ax.get_ylim() for ax in chart.figure.axes[:6]}) == 6


def test_remittances_plot_the_share_of_gdp(evidence):
    chart = charts.remittances(evidence)
    assert (100 * chart.data["remittances"] / chart.data["gdp"]).tolist() == pytest.approx(chart.data["pct"].tolist())
    assert set(chart.data["state"]) == {"TJK", "KGZ"}
    with pytest.raises(ValueError, match="two states"):
        charts.remittances(evidence, ("TJK", "KGZ", "UZB"))


def test_every_plotted_row_names_sources_that_exist(evidence):
    for chart in (
        charts.share_gap_panels(evidence),
        charts.records_panels(evidence),
        charts.partner_usd_panels(evidence),
        charts.remittances(evidence),
    ):
        for source_id in tables.source_ids(chart.data):
            evidence.source(source_id)  # raises for an unknown id


# -- the notebook's tables -------------------------------------------------------------------


def test_mirror_ratios_divide_the_partners_records_by_the_states(evidence):
    years = [2018, 2019, 2020]
    ratios = tables.mirror_ratios(evidence, years)

    def summed(series, entity, counterpart):
        rows = evidence.series(series, entity=entity, counterpart=counterpart, source_id="imf-dots")
        return rows[rows["year"].isin(years)]["value"].sum()

    expected = summed("merchandise_exports", "CHN", "KGZ") / summed("merchandise_imports", "KGZ", "CHN")
    assert ratios.loc["Kyrgyzstan", "China's exports ÷ state's imports from China"] == pytest.approx(expected)
    assert ratios.iloc[:, 0].is_monotonic_decreasing
    assert tables.mirror_ratios(evidence, [1990, 1991]).isna().all().all()  # no IMF year: no ratio


def test_later_tables_show_no_missing_marker_and_only_years_after_the_imf(evidence):
    pairs = tables.latest_pairs(evidence)
    assert "<NA>" not in pairs.to_string() and not pairs["year of that figure"].isna().any()
    same = tables.same_reporter_pairs(evidence)
    years = same.index.get_level_values("year")
    assert (years > tables.imf_last_year(evidence)).all()
    difference = same["with China (US$ bn)"] - same["with Russia (US$ bn)"]
    assert same["China minus Russia (US$ bn)"].tolist() == pytest.approx(difference.tolist())


def test_source_ids_collects_tuples_and_shown_text():
    frame = pd.DataFrame({"sources": [("a", "b"), "c + d", "e; f", None], "source_id": ["g", "a", "h", "i"]})
    assert tables.source_ids(frame) == set("abcdefghi")


def test_an_averaged_year_without_neighbours_is_still_drawn(evidence):
    data = _synthetic(panels=("KAZ",))
    lone = data.iloc[[0]].assign(year=2024, value=-7.0)
    chart = _draw(evidence, pd.concat([data, lone], ignore_index=True))
    bars = [p for p in chart.figure.axes[0].patches if p.get_x() < 2024 < p.get_x() + p.get_width()]
    assert len(bars) == 1 and bars[0].get_height() == pytest.approx(-7.0)
