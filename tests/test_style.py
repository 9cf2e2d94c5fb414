"""The house chart style."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import paper, style  # noqa: E402


@pytest.fixture(autouse=True)
def _setup_and_close():
    style.setup()
    yield
    plt.close("all")


def test_setup_fixes_figure_size_and_resolution():
    assert tuple(matplotlib.rcParams["figure.figsize"]) == style.FIGSIZE
    assert matplotlib.rcParams["figure.dpi"] == style.DPI
    assert pd.get_option("display.width") == 120


def test_setup_turns_future_warnings_into_errors():
    import warnings

    with pytest.raises(FutureWarning):
        warnings.warn("old API", FutureWarning, stacklevel=1)


def test_russia_and_china_keep_distinct_fixed_colours():
    assert style.colour("RUS") == style.OKABE_ITO["blue"]
    assert style.colour("CHN") == style.OKABE_ITO["vermillion"]
    assert style.colour("RUS") != style.colour("CHN")
    assert style.colour("XYZ") == style.GREY


def test_every_verdict_has_a_colour():
    from helpers.claims import Verdict

    assert {str(v) for v in Verdict} | {"no test yet"} == set(style.VERDICT_COLOURS)


def test_source_line_names_publishers_in_order_without_repeats(evidence):
    line = style.source_line(evidence, ["imf-dots", "blank-2017", "imf-dots"])
    assert line.startswith("Source: International Monetary Fund, ")
    assert line.index("International Monetary Fund") < line.index("National Bureau of Asian Research")
    assert line.count("International Monetary Fund") == 1
    assert line.endswith("Chart: Pivot Check.")


def test_source_line_refuses_unknown_or_missing_sources(evidence):
    with pytest.raises(KeyError, match="no source 'nope'"):
        style.source_line(evidence, ["nope"])
    with pytest.raises(ValueError, match="at least one source"):
        style.source_line(evidence, [])


def test_finish_adds_title_subtitle_and_source(evidence):
    fig, ax = plt.subplots()
    ax.plot([2010, 2020], [1, 2])
    style.finish(
        fig, title="Something rose", subtitle="Measure, unit, 2010-2020", evidence=evidence, source_ids=["imf-dots"]
    )
    texts = [t.get_text() for t in fig.texts]
    assert "Something rose" in texts[0]
    assert "Measure, unit" in texts[1]
    assert texts[2].startswith("Source: International Monetary Fund")


def test_finish_refuses_a_chart_without_a_title(evidence):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="title"):
        style.finish(fig, title=" ", subtitle="x", evidence=evidence, source_ids=["imf-dots"])


def test_mark_paper_draws_a_line_at_the_paper_year_and_whole_year_ticks():
    fig, ax = plt.subplots()
    ax.plot([2000, 2005], [0, 1])
    style.mark_paper(ax)
    xs = [line.get_xdata()[0] for line in ax.get_lines()[1:]]
    assert xs == [paper.YEAR]
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and all(label.isdigit() for label in labels)


def test_a_chart_with_many_sources_points_to_the_list(evidence):
    ids = list(evidence.sources["source_id"].head(12))
    line = style.source_line(evidence, ids)
    assert line.startswith("Sources: ") and "listed under Sources" in line


def test_chart_png_is_deterministic_compact_and_without_metadata():
    import io

    from PIL import Image

    fig, ax = plt.subplots()
    ax.plot([2000, 2010, 2020], [1, 3, 2], color=style.colour("RUS"))
    first, second = style.png_bytes(fig), style.png_bytes(fig)
    assert first == second and first.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(first))
    assert image.mode == "P"  # a palette image
    assert "Software" not in image.info


def test_a_chart_is_drawn_at_its_own_size_unless_something_sticks_out():
    import io

    from PIL import Image

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([2000, 2020], [1, 2])
    inside = Image.open(io.BytesIO(style.png_bytes(fig)))
    assert inside.size == (6 * style.DPI, 4 * style.DPI)
    fig.text(1.02, 0.5, "a label beyond the right edge")
    widened = Image.open(io.BytesIO(style.png_bytes(fig)))
    assert widened.size[0] > 6 * style.DPI  # cropped to the contents: the label is kept, not cut
    plt.close(fig)
