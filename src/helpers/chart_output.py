"""A finished chart and its description, shown together so the description travels with the chart."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import report


@dataclass(frozen=True, eq=False)
class Chart:
    """A figure finished in the house style, with the sentence that describes it (its alt text).

    In a notebook the chart shows the figure and, under it, the line "Chart description: ..."
    (:func:`helpers.report.alt_text`), in the same cell. The figure is closed in pyplot when the
    chart is made, so the notebook does not draw it a second time; it keeps an Agg canvas, so it is
    still drawn at its own size.
    """

    figure: Figure
    description: str

    def __post_init__(self) -> None:
        if not isinstance(self.figure, Figure):
            raise TypeError(f"a chart needs a matplotlib Figure, got {type(self.figure).__name__}")
        if not self.description.strip():
            raise ValueError("a chart needs a description that says what it shows and its takeaway")
        plt.close(self.figure)
        if not hasattr(self.figure.canvas, "buffer_rgba"):  # closing may leave a canvas that cannot draw
            FigureCanvasAgg(self.figure)  # draw with Agg, at the figure's own size, like every other chart

    @property
    def title(self) -> str:
        """The chart's title (the first text :func:`helpers.style.finish` put on the figure)."""
        return self.figure.texts[0].get_text().replace("\n", " ") if self.figure.texts else ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.figure)
        display(report.alt_text(self.description))
