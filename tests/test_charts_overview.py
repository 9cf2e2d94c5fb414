"""The overview's charts: each a Chart (title, subtitle with unit and period, source line, description,
the plotted numbers with their sources) that shows what its data say."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts_overview, charts_projects, claims, style  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims.overview import ProjectsRule, russian_projects  # noqa: E402
from helpers.project_names import project_names, readable, spellings  # noqa: E402


@pytest.fixture(scope="module")
def table(evidence):
    # three claims with different verdicts are enough to test the charts (all of them take seconds)
    return claims.robustness(evidence, ["ARC-01", "OVR-03", "RCH-03"])


def _texts(chart):
    return [t.get_text().replace("\n", " ") for t in chart.figure.texts]


def test_verdict_shares_sum_to_one_per_claim_and_view(table):
    shares = charts_overview.verdict_shares(table)
    for view in ("as of the paper", "latest"):
        assert shares[view].sum(axis=1).round(9).eq(1).all()
    assert set(shares.index) == set(table["claim_id"])


@pytest.mark.parametrize(
    "draw, unit",
    [
        (lambda ev, t: charts_overview.verdict_heatmap(t, evidence=ev, description="A heatmap."), "percent"),
        (lambda ev, t: charts_projects.events_timeline(ev, description="A timeline."), "2005–2025"),
        (lambda ev, t: charts_overview.russia_china_weights(ev), "percent"),
        (lambda ev, t: charts_projects.project_status(ev), "count"),
    ],
)
def test_charts_carry_title_subtitle_source_description_and_data(evidence, table, draw, unit):
    style.setup()
    chart = draw(evidence, table)
    assert isinstance(chart, Chart)
    title, subtitle, source = _texts(chart)[:3]
    assert title and unit in subtitle
    assert source.startswith("Source") and "Pivot Check" in source
    assert chart.description
    assert not chart.data.empty and chart.data["sources"].str.len().gt(0).all()


def test_a_chart_needs_a_description(evidence, table):
    with pytest.raises(ValueError, match="description"):
        charts_overview.verdict_heatmap(table, evidence=evidence, description=" ")


@pytest.mark.parametrize("steady, verb", [(0, "keep their"), (1, "keeps its"), (2, "keep their")])
def test_the_heatmap_title_agrees_in_number(evidence, steady, verb):
    rows = [
        (claim, view, verdict, spec)
        for i, claim in enumerate(["X-01", "X-02"])
        for view in ("as of the paper", "latest")
        for spec, verdict in enumerate(["mixed", "mixed" if i < steady else "supported"])
    ]
    table = pd.DataFrame(rows, columns=["claim_id", "view", "verdict", "specification"])
    style.setup()
    chart = charts_overview.verdict_heatmap(table, evidence=evidence, description="A heatmap.")
    assert f"{steady} of 2 tested claims {verb} verdict under every specification of {verb.split()[1]} rule" in (
        chart.title
    )


def test_the_heatmap_data_are_its_cells(evidence, table):
    chart = charts_overview.verdict_heatmap(table, evidence=evidence, description="A heatmap.")
    shares = charts_overview.verdict_shares(table)
    assert len(chart.data) == shares.size
    assert chart.data.groupby(["claim_id", "view"])["percent_of_specifications"].sum().round(6).eq(100).all()


def test_the_timeline_has_one_row_per_project_and_keeps_only_its_period(evidence):
    style.setup()
    chart = charts_projects.events_timeline(evidence, description="A timeline.", first_year=2014, last_year=2016)
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    dates = evidence.events["date"].str[:4].astype(int)
    expected = set(evidence.events.loc[dates.between(2014, 2016), "project"])
    names = project_names(evidence.events, evidence.entities)
    assert {names[p] for p in expected} <= set(labels)
    assert not {names[p] for p in set(evidence.events["project"]) - expected} & set(labels)
    assert "2014–2016" in _texts(chart)[1]
    assert set(chart.data["project"]) == expected and len(chart.data) == int(dates.between(2014, 2016).sum())


def test_the_timeline_rows_carry_names_not_ids(evidence):
    style.setup()
    chart = charts_projects.events_timeline(evidence, description="A timeline.")
    labels = {t.get_text() for t in chart.figure.axes[0].get_yticklabels()}
    assert not labels & set(evidence.events["project"])  # no raw id such as rus-prk-troops-kursk
    assert {"North Korean troops in Kursk", "Hanoi summit", "Power of Siberia 2", "Yamal LNG"} <= labels
    assert chart.data.groupby("project")["name"].nunique().eq(1).all()


def test_the_timeline_draws_every_status_in_the_data(evidence):
    assert set(evidence.events["status"]) <= set(style.STATUS_STYLE)


def test_trade_weights_reach_the_latest_year_and_label_the_mirror(evidence):
    data = charts_overview.trade_weights(evidence)
    own = data[data["basis"] == "own report (IMF DOTS)"]
    assert own["year"].max() == 2020 and data["year"].max() > 2020
    mirror = data[data["basis"].str.startswith("mirror")]
    assert set(mirror["line"]) == {"China's share of Russia's trade"}
    assert (mirror["year"] > own["year"].max()).all()
    assert data.groupby(["line", "year"]).size().max() == 1  # one basis per point
    assert data["share"].between(0, 100).all()


def test_the_headline_title_names_the_mirror(evidence):
    style.setup()
    chart = charts_overview.russia_china_weights(evidence)
    assert "mirror" in chart.title and "mirror" in chart.description


def test_the_headline_note_clears_every_later_point(evidence):
    style.setup()
    chart = charts_overview.russia_china_weights(evidence)
    ax = chart.figure.axes[0]
    renderer = chart.figure.canvas.get_renderer()
    (note,) = [t for t in ax.texts if t.get_text().startswith("open points")]
    box = note.get_window_extent(renderer).padded(4 * chart.figure.dpi / 72)  # a marker's radius
    later = chart.data[chart.data["basis"] != "own report (IMF DOTS)"]
    points = ax.transData.transform(later[["year", "share"]].to_numpy(dtype=float))
    assert not [tuple(p) for p in points if box.contains(*p)]


def test_widest_gap_is_between_the_points():
    assert charts_overview._widest_gap(pd.Series([2.0, 4.0, 22.0, 34.0]), 0, 39) == 13.0
    assert charts_overview._widest_gap(pd.Series([], dtype=float), 0, 10) == 5.0


def test_project_status_counts_are_the_claim_population(evidence):
    rule = ProjectsRule()
    data = charts_projects.project_status_by_kind(evidence, rule)
    for view, ev in (("as of the paper", evidence.at_paper()), ("latest data", evidence)):
        own = data[data["view"] == view]
        projects = russian_projects(ev, rule.russian_side)
        assert own["projects"].sum() == len(projects)
        assert own.loc[own["counted"], "projects"].sum() == projects["kind"].isin(rule.counted_kinds).sum()
    assert not data.loc[data["kind"].isin(["declaration", "summit"]), "counted"].any()


def test_project_status_follows_the_rule(evidence):
    every = ProjectsRule(counted_kinds=charts_projects.KIND_ORDER)
    data = charts_projects.project_status_by_kind(evidence, every)
    assert data["counted"].all()
    chart = charts_projects.project_status(evidence, every)
    assert " 0 declarations" in chart.title


def test_the_project_status_legend_is_clear_of_the_panels_and_texts(evidence):
    style.setup()
    chart = charts_projects.project_status(evidence)
    fig = chart.figure
    renderer = fig.canvas.get_renderer()
    assert not [ax for ax in fig.axes if ax.get_legend() is not None]  # no legend over bars or the divider
    (legend,) = fig.legends
    box = legend.get_window_extent(renderer)
    for ax in fig.axes:
        assert not box.overlaps(ax.get_window_extent(renderer))
        assert not box.overlaps(ax.get_tightbbox(renderer))  # the panel titles
    for text in fig.texts:
        assert not box.overlaps(text.get_window_extent(renderer)), text.get_text()


def test_verdict_shares_fill_missing_verdicts_with_zero():
    table = pd.DataFrame(
        {
            "claim_id": ["X-01"] * 3,
            "view": ["latest"] * 3,
            "verdict": ["mixed", "mixed", "supported"],
            "specification": ["a", "b", "c"],
        }
    )
    shares = charts_overview.verdict_shares(table)
    assert shares.loc["X-01", ("latest", "mixed")] == pytest.approx(2 / 3)
    assert shares.loc["X-01", ("as of the paper", "supported")] == 0


def test_readable_names_keep_the_data_spelling_and_add_nothing():
    events = pd.DataFrame(
        {
            "project": ["new-port", "new-port", "gas-link-2"],
            "title": ["Port deal signed", "Talks on the New Port resume", "Work starts"],
            "description": ["Officials of PRK met.", "The New Port opened.", "The gas link is late."],
        }
    )
    entities = pd.DataFrame({"code": ["PRK", "RUS"], "name": ["North Korea", "Russia"]})
    spelt = spellings(events, entities)
    assert spelt["new"] == "New" and spelt["prk"] == "PRK" and spelt["russia"] == "Russia"
    assert readable("new-port", events["title"][:2], spelt) == "New Port"
    assert readable("gas-link-2", ["Work starts"], spelt) == "Gas link 2"
    assert readable("rus-prk-link", [], spelt) == "RUS PRK link"
    assert project_names(events, entities) == {"gas-link-2": "Gas link 2", "new-port": "New Port"}
