"""Charts of the Russia-China notebook: paired bars of average growth by period."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import style, text


def paired_period_bars(table: pd.DataFrame, codes: tuple[str, str], *, names: tuple[str, str], ylabel: str,
                       title: str, subtitle: str, description: str, evidence, source_ids) -> plt.Figure:
    """Two bars per period (one per entity in ``codes``, in their house colours), each labelled.

    ``table``: period (the tick label) and one column per code. Negative values are drawn below
    zero. ``description`` is the chart's alt text, kept as the figure's label.
    """
    fig, ax = plt.subplots()
    xs = range(len(table))
    width = 0.38
    for offset, code, name in ((-width / 2, codes[0], names[0]), (width / 2, codes[1], names[1])):
        bars = ax.bar([x + offset for x in xs], table[code], width, color=style.colour(code), label=name)
        ax.bar_label(bars, labels=[text.pct(v) for v in table[code]], padding=2, fontsize=9)
    ax.set_xticks(list(xs), list(table["period"]))
    ax.axhline(0, color="#555555", linewidth=0.8)
    values = pd.concat([table[codes[0]], table[codes[1]]])
    ax.set_ylim(min(0.0, values.min() * 1.25), values.max() * 1.25)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper right")
    style.finish(fig, title=title, subtitle=subtitle, evidence=evidence, source_ids=source_ids)
    fig.set_label(description)
    return fig
