"""The collection's themes: title and notebook of each, in reading order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    notebook: str


#: Every theme a claim can have (the ``theme`` enum of ``claims.csv``), in reading order.
THEMES: dict[str, Theme] = {
    t.key: t
    for t in (
        Theme("overview", "Overview: the paper, the claims and the scorecard", "00_overview.ipynb"),
        Theme("arctic", "The Arctic", "01_arctic.ipynb"),
        Theme("central_asia", "Central Asia", "02_central_asia.ipynb"),
        Theme("north_korea", "North Korea", "03_north_korea.ipynb"),
        Theme("asean", "Southeast Asia and ASEAN", "04_asean.ipynb"),
        Theme("eurasian_union", "The Eurasian Economic Union", "05_eurasian_union.ipynb"),
        Theme("russia_china", "Russia and China: the balance", "06_russia_china.ipynb"),
        Theme("causes", "Causes: the political system (in the Russia-China notebook)", "06_russia_china.ipynb"),
    )
}


def theme(key: str) -> Theme:
    """A theme by key, with a clear error for an unknown one."""
    try:
        return THEMES[key]
    except KeyError:
        raise KeyError(f"unknown theme {key!r}; themes are: {', '.join(THEMES)}") from None
