"""A finished chart: its figure, its description (alt text) and the numbers it plots, checked.

Every chart of the collection is a :class:`Chart`, made by a named chart function of a
``charts_*`` module. Making one checks the house checklist (:func:`problems`): a title, a
subtitle with unit and period, a source line, a description, the plotted numbers with their
sources, and no text outside the figure. In a notebook it shows the figure and, under it, the
line "Chart description: ..."; that output carries the plotted numbers as CSV in its metadata,
which the site offers as a download under the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import report

#: Output metadata key under which a chart's description carries its plotted numbers (CSV text).
DATA_KEY = "pivot_check_chart_data"


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure finished in the house style (:func:`helpers.style.finish`), its description, its data.

    ``data`` holds exactly the numbers plotted, one row per point or bar, with a ``sources``
    column naming the source ids of each (``data/sources.csv``), as text joined with "; "
    (:func:`helpers.indicators.sources_text`), so that the CSV the site offers reads plainly. The figure is closed in pyplot
    when the chart is made, so the notebook does not draw it a second time; it keeps an Agg
    canvas, so it is still drawn at its own size.
    """

    figure: Figure
    description: str
    data: pd.DataFrame

    def __post_init__(self) -> None:
        found = problems(self.figure, self.description, self.data)
        if isinstance(self.figure, Figure):
            plt.close(self.figure)
            if not hasattr(self.figure.canvas, "buffer_rgba"):  # closing may leave a canvas that cannot draw
                FigureCanvasAgg(self.figure)  # draw with Agg, at the figure's own size, like every other chart
        if found:
            raise ValueError("the chart breaks the house checklist: " + "; ".join(found))

    @property
    def title(self) -> str:
        """The chart's title (the first text :func:`helpers.style.finish` put on the figure)."""
        return self.figure.texts[0].get_text().replace("\n", " ") if self.figure.texts else ""

    def csv(self) -> str:
        """The plotted numbers as CSV text (deterministic: no index, ``\\n`` line ends)."""
        return self.data.to_csv(index=False, lineterminator="\n")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.figure)
        display(report.alt_text(self.description), metadata={DATA_KEY: self.csv()})


def problems(figure: Figure, description: str, data: pd.DataFrame) -> list[str]:
    """What a chart lacks of the checklist; empty if nothing.

    Title, subtitle and source line are the three texts :func:`helpers.style.finish` adds;
    every text artist must lie inside the figure once drawn.
    """
    if not isinstance(figure, Figure):
        return [f"a chart needs a matplotlib Figure, got {type(figure).__name__}"]
    found = []
    texts = [t.get_text() for t in figure.texts]
    if len(texts) < 3 or not texts[0].strip() or not texts[1].strip():
        found.append("no title and subtitle (finish the figure with style.finish)")
    if not any(t.startswith(("Source: ", "Sources: ")) for t in texts):
        found.append("no source line")
    if not isinstance(description, str) or not description.strip():
        found.append("no description (alt text) that says what it shows and its takeaway")
    if not isinstance(data, pd.DataFrame) or data.empty:
        found.append("no plotted numbers (data)")
    elif "sources" not in data.columns or data["sources"].isna().any() or (data["sources"].astype(str) == "").any():
        found.append("the plotted numbers need a 'sources' column naming the source ids of every row")
    elif not all(isinstance(ids, str) for ids in data["sources"]):
        found.append("the 'sources' column must be text (ids joined with '; ': helpers.indicators.sources_text)")
    found += _outside(figure)
    return found


def _outside(figure: Figure) -> list[str]:
    """Whether anything drawn sticks out of the figure (a label cut off at the edge).

    Uses the extent of what matplotlib actually draws (hidden tick labels do not count).
    """
    box = figure.get_tightbbox(figure.canvas.get_renderer())
    width, height = figure.get_size_inches()
    slack = 1 / figure.dpi  # one pixel
    if box.x0 < -slack or box.y0 < -slack or box.x1 > width + slack or box.y1 > height + slack:
        return [
            f"something is drawn outside the figure: the drawing spans {box.x0:.2f} to {box.x1:.2f} in across "
            f"and {box.y0:.2f} to {box.y1:.2f} in up, the figure {width:.2f} by {height:.2f} in"
        ]
    return []
