"""The Eurasian Economic Union notebook's charts and tables, built from the real data and checked."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from helpers import charts_eurasian_union as charts_eu  # noqa: E402
from helpers import eurasian_union_tables as tables  # noqa: E402
from helpers import indicators, text  # noqa: E402
from helpers.chart_output import Chart  # noqa: E402
from helpers.claims import eurasian_union as eu  # noqa: E402

R3 = eu.MembersRule()


@pytest.fixture(scope="module")
def setting(evidence):
    members = tuple(indicators.members(evidence, eu.GROUP))
    names = {code: evidence.entity_name(code) for code in (*members, *R3.comparators, "CHN", "UZB", "EAEU")}
    return members, names, eu.union_start(evidence)


def _checked(chart: Chart, unit: str) -> Chart:
    assert isinstance(chart, Chart)
    texts = [t.get_text() for t in chart.figure.texts]
    assert texts[0].strip() and unit in texts[1].replace("\n", " ")
    assert chart.description.strip() and (chart.data["sources"].str.len() > 0).all()
    return chart


def test_mutual_trade_keeps_one_basis_per_line_and_claims_no_unseen_year(evidence, setting):
    _, _, start = setting
    trade = eu.mutual_trade(evidence)
    chart = _checked(charts_eu.mutual_trade(evidence, trade, union_start=start), "US$ billion")
    assert len(chart.data) == len(trade)  # every point plotted, nothing else
    ax = chart.figure.axes[0]
    dots = trade[trade["basis"] == eu.DOTS_BASIS]
    # IMF lines join consecutive years only: one line per run, and no line through published points
    years = dots["year"].astype(int).tolist()
    runs = 1 + sum(1 for a, b in zip(years, years[1:]) if b != a + 1)
    drawn = [line for line in ax.get_lines() if len(line.get_xdata()) >= 1 and line.get_linestyle() == "-"]
    assert len(drawn) == runs
    for line in drawn:
        xs = list(line.get_xdata())
        assert xs == list(range(int(xs[0]), int(xs[0]) + len(xs)))
    # the title says nothing about a year the data do not hold ("again only in ..."), and the
    # description names the years without a figure
    assert "only in" not in chart.title and "again" not in chart.title
    known = set(trade["year"].astype(int))
    missing = [y for y in range(max(years) + 1, int(trade["year"].max())) if y not in known]
    assert missing and all(str(y) in chart.description for y in missing)
    # the subtitle names every year of the period without a point, not only the latest ones
    subtitle = chart.figure.texts[1].get_text().replace("\n", " ")
    absent = [y for y in range(int(trade["year"].min()), int(trade["year"].max()) + 1) if y not in known]
    named = set()
    for words in subtitle.split("no source gives a figure for ")[1].replace(" and ", ", ").split(", "):
        first, _, last = words.partition("–")
        named |= set(range(int(first), int(last or first) + 1))
    assert named == set(absent) and min(absent) < max(years)  # gaps inside the IMF years too


def test_missing_years_are_grouped_into_spans():
    assert charts_eu.missing_years([2000, 2002, 2003, 2008], 2000, 2009) == ["2001", "2004–2007", "2009"]
    assert charts_eu.missing_years(range(2000, 2005), 2000, 2004) == []


def test_member_dot_plots_show_every_member_and_the_rule_periods(evidence, setting):
    members, names, _ = setting
    table = eu.member_table(evidence, R3, members).set_index("member")
    weight = _checked(charts_eu.union_weight(evidence, table, R3, names), "percent")
    assert len(weight.data) == len(members)
    assert "2010–2014" in weight.figure.texts[1].get_text().replace("\n", " ")
    growth = tables.growth_table(evidence, R3, members)
    assert list(growth["member"]) == [False] * len(R3.comparators) + [True] * len(members)
    chart = _checked(charts_eu.growth(evidence, growth, R3, names), "percent")
    assert len(chart.data) == len(members) + len(R3.comparators)
    assert "two" in chart.title  # the benchmark counted in words


def test_china_or_union_panel_names_clear_the_top_tick_labels(evidence, setting):
    _, names, start = setting
    chart = _checked(charts_eu.china_or_union(evidence, ("ARM", "KGZ"), names, union_start=start), "percent")
    fig = chart.figure
    renderer = FigureCanvasAgg(fig).get_renderer()  # the chart comes closed in pyplot
    fig.draw_without_rendering()
    for ax in fig.axes:
        name = ax.get_title(loc="left")
        title = next(t for t in ax.findobj(lambda a: hasattr(a, "get_text")) if t.get_text() == name)
        title = title.get_window_extent(renderer)
        ticks = [label.get_window_extent(renderer) for label in ax.get_yticklabels() if label.get_text()]
        ticks = ticks or [label.get_window_extent(renderer) for label in fig.axes[0].get_yticklabels()]  # shared axis
        # the panel name sits clearly above the highest tick label, not beside it on one line
        top = max(ticks, key=lambda box: box.y1)
        assert title.y0 >= top.y1 + top.height / 2, f"panel title {name!r} crowds the top tick"
    assert set(chart.data["partner"]) == {"other EAEU members", "China"}


def test_trade_with_russia_takes_one_point_per_country_and_year(evidence, setting):
    members, names, start = setting
    others = tuple(m for m in members if m != eu.RUSSIA)
    lines, points = tables.trade_with_russia(evidence, (*others, "UZB"), R3.before[0])
    assert not points.duplicated(["country", "year"]).any()
    assert (points.loc[points["country"] == "BLR", "side"] == "RUS").all()  # Belarus from Russia's side
    last_imf = lines.groupby("country")["year"].max()
    assert all(row.year > last_imf[row.country] for row in points.itertuples())
    comp = tables.multiples(evidence, points, R3.after[1])
    chart = _checked(
        charts_eu.trade_with_russia(
            evidence,
            lines,
            points,
            comp,
            members=members,
            names=names,
            since=R3.before[0],
            base_year=R3.after[1],
            union_start=start,
        ),
        "US$ billion",
    )
    on_russias_side = comp[comp["side"] != comp.index.to_series()]
    assert len(on_russias_side)  # the case the base markers are for (Belarus, Kyrgyzstan)
    assert len(chart.data) == len(lines) + len(points) + len(on_russias_side)
    # every multiple in the title can be read off the plotted numbers: the latest point over the
    # plotted base-year figure of the same side, and each country's own end year is named
    title = chart.title.replace("\n", " ")
    for code, row in comp.iterrows():
        plotted = chart.data[chart.data["country"] == names[code]]
        side = names.get(row["side"], row["side"])
        latest = plotted[plotted["year"] == row["year"]]
        base = plotted[(plotted["year"] == R3.after[1]) & (plotted["side"] == side)]
        assert len(latest) == 1 and len(base) == 1 and latest["side"].iloc[0] == side
        multiple = latest["US$ bn"].iloc[0] / base["US$ bn"].iloc[0]
        assert multiple == pytest.approx(row["multiple"])
        assert f"{names[code]} {text.ratio(multiple)} by {row['year']}" in title or title.startswith(
            f"{names[code]}'s trade with Russia reached {text.ratio(multiple)} its {R3.after[1]} level by {row['year']}"
        )
    table, rivals = tables.later_points(evidence, points, names)
    assert len(table) == len(points) and rivals <= set(evidence.sources["source_id"])


def test_tables_read_the_rule_periods(evidence):
    later = eu.MembersRule(after=(2016, 2019))
    base = tables.russia_versus_rest(evidence, later)
    assert min(base["years_after"]) >= 2016
    assert tables.versus(90.0, 100.0) == "10.0% below" and tables.versus(110.0, 100.0) == "10.0% above"
    assert tables.spans([2015, 2016, 2018]) == "2015–2018 (3 years)"
    frame = tables.base_years(evidence, R3, 2015)
    assert list(frame.index) == ["2015–2019", "2016–2019", "2017–2019"]
    dots = pd.Series({2012: 68.9, 2015: 45.0, 2019: 59.0})
    grown = tables.growth_from(dots, (2012, 2014, 2015), 2019)
    assert list(grown.index) == [2012, 2015]  # a base year without data is left out
