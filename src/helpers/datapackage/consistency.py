"""Consistency rules that a Table Schema cannot express, checked after frictionless.

Each rule returns :class:`~helpers.datapackage.problems.Problem` lines in the same form as the schema's
(file, row, field, rule), so ``make validate`` and the loader report them alike:

- ``series-range``: a value outside its series' plausible ``minimum``/``maximum``
  (e.g. a negative trade flow);
- ``total-below-parts``: a reporter's trade with the world below the sum of its trade with
  the partners in the data, for the same series, year and source;
- ``undocumented-gap``: a year missing inside a series' run for an entity and counterpart
  that ``gaps.csv`` does not list (and ``stale-gap``: a listed year that now has a figure);
- ``unknown-code``: an entity code in a space-separated list (claims.countries,
  events.parties, entities.members) that is not in ``entities.csv``;
- ``mirror-anomaly``: a country's exports to a partner and the partner's imports from it, same
  year, differing more than :data:`~helpers.datapackage.plausibility.MIRROR_RATIO` times,
  without an explanation in both rows' notes (the rule lives in :mod:`.plausibility`, with the
  plausibility flags that are shown rather than refused).
"""

from __future__ import annotations

import pandas as pd

from .plausibility import TWOFOLD, Neighbours, how_far, mirror_anomalies, spreadsheet_row
from .problems import Problem

#: Rounding in published tables: a total may fall short of its parts by this fraction.
TOTAL_TOLERANCE = 0.005

#: Flow series whose world total must cover its bilateral parts.
FLOW_SERIES = ("merchandise_exports", "merchandise_imports", "merchandise_trade")


def series_range(
    observations: pd.DataFrame, series: pd.DataFrame, file: str = "data/observations.csv"
) -> list[Problem]:
    """Values outside their series' minimum and maximum."""
    bounds = series.set_index("series_id")[["minimum", "maximum"]]
    obs = observations.join(bounds, on="series_id")
    problems = []
    low = obs["minimum"].notna() & (obs["value"] < obs["minimum"])
    high = obs["maximum"].notna() & (obs["value"] > obs["maximum"])
    for index, row in obs[low | high].iterrows():
        side, bound = (
            ("below the minimum", row["minimum"])
            if row["value"] < row["minimum"]
            else ("above the maximum", row["maximum"])
        )
        problems.append(
            Problem(
                file,
                spreadsheet_row(obs, index),
                "value",
                "series-range",
                f"{row['value']:g} is {side} {bound:g} that data/series.csv sets for "
                f"'{row['series_id']}' ({row['entity']}->{row['counterpart']} {row['year']})",
            )
        )
    return problems


def totals_cover_parts(observations: pd.DataFrame, file: str = "data/observations.csv") -> list[Problem]:
    """A trade total with the world is at least the sum of the bilateral figures under it.

    The row named is the one most out of line with its own neighbouring years (the world total,
    or the bilateral figure that lifts the sum): the one a slip most likely changed.
    """
    flows = observations[observations["series_id"].isin(FLOW_SERIES)]
    key = ["series_id", "entity", "year", "source_id"]
    parts = flows[~flows["counterpart"].isin(["WLD", "-"])]
    # only countries count as parts: a group (ASEAN, CA5) would count its members twice
    parts = parts[parts["counterpart"].str.fullmatch(r"[A-Z]{3}")]
    sums = parts.groupby(key, sort=True)["value"].sum().rename("parts")
    totals = flows[flows["counterpart"] == "WLD"].join(sums, on=key, how="inner")
    short = totals[totals["value"] < totals["parts"] * (1 - TOTAL_TOLERANCE)]
    if short.empty:
        return []
    near = Neighbours(observations)
    problems = []
    for index, row in short.iterrows():
        members = parts[(parts[key] == row[key]).all(axis=1)]
        odd_part = max(members.index, key=lambda i: near.oddness(members.loc[i]))
        part = members.loc[odd_part]
        if near.oddness(part) > max(near.oddness(row), TWOFOLD):
            problems.append(
                Problem(
                    file,
                    spreadsheet_row(parts, odd_part),
                    "value",
                    "total-below-parts",
                    f"{part['value']:g} for {part['entity']}->{part['counterpart']} '{part['series_id']}' "
                    f"{part['year']} is {how_far(near.factor(part))} its neighbouring years' figure and "
                    f"lifts the sum of {part['entity']}'s bilateral figures ({row['parts']:g}) above its "
                    f"total with the world ({row['value']:g}, row {spreadsheet_row(totals, index)}): check the unit "
                    "(million or billion?)",
                )
            )
            continue
        hint = (
            f"; it is {how_far(near.factor(row))} its neighbouring years' figure: check the unit"
            if near.oddness(row) > TWOFOLD
            else ""
        )
        problems.append(
            Problem(
                file,
                spreadsheet_row(totals, index),
                "value",
                "total-below-parts",
                f"{row['entity']}'s {row['series_id']} with the world in {row['year']} ({row['value']:g}) is "
                f"below the sum of its bilateral figures in the data ({row['parts']:g}, source "
                f"{row['source_id']}){hint}",
            )
        )
    return problems


def documented_gaps(observations: pd.DataFrame, gaps: pd.DataFrame, file: str = "data/gaps.csv") -> list[Problem]:
    """Years missing inside a run must be listed in ``gaps.csv``; a listed year must be missing.

    A run is the years from an entity-counterpart pair's first to its last figure in a series.
    """
    documented: dict[tuple, set[int]] = {}
    for row in gaps.itertuples(index=False):
        key = (row.series_id, row.entity, row.counterpart)
        documented.setdefault(key, set()).update(range(int(row.first_year), int(row.last_year) + 1))
    problems = []
    present: dict[tuple, set[int]] = {}
    for key, years in observations.groupby(["series_id", "entity", "counterpart"], sort=True)["year"]:
        present[key] = {int(y) for y in years}
    for key, years in present.items():
        missing = [y for y in range(min(years), max(years) + 1) if y not in years]
        undocumented = [y for y in missing if y not in documented.get(key, set())]
        if undocumented:
            series_id, entity, counterpart = key
            problems.append(
                Problem(
                    file,
                    None,
                    "first_year",
                    "undocumented-gap",
                    f"'{series_id}' {entity}->{counterpart} has no figure for "
                    f"{', '.join(map(str, undocumented))}: add a row to gaps.csv saying why",
                )
            )
    for index, row in gaps.iterrows():
        key = (row["series_id"], row["entity"], row["counterpart"])
        listed = set(range(int(row["first_year"]), int(row["last_year"]) + 1))
        stale = sorted(listed & present.get(key, set()))
        if row["last_year"] < row["first_year"]:
            problems.append(
                Problem(file, spreadsheet_row(gaps, index), "last_year", "gap-order", "last_year is before first_year")
            )
        elif stale:
            problems.append(
                Problem(
                    file,
                    spreadsheet_row(gaps, index),
                    "first_year",
                    "stale-gap",
                    f"the data now have figures for {', '.join(map(str, stale))}: shorten or remove this row",
                )
            )
    return problems


def known_codes(tables: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """Every code in a space-separated list column is an entity."""
    codes = set(tables["entities"]["code"])
    problems = []
    for name, column in (("claims", "countries"), ("events", "parties"), ("entities", "members")):
        frame = tables[name]
        for index, value in frame[column].items():
            if pd.isna(value):
                continue
            unknown = [code for code in str(value).split() if code not in codes]
            if unknown:
                file = (files or {}).get(name, f"data/{name}.csv")
                problems.append(
                    Problem(
                        file,
                        spreadsheet_row(frame, index),
                        column,
                        "unknown-code",
                        f"{', '.join(unknown)} not in data/entities.csv",
                    )
                )
    return problems


def check(tables: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """All consistency rules on tables that already passed the schema.

    ``files`` maps a resource name to the path shown in problems (default ``data/<name>.csv``).
    """
    files = files or {}
    obs_file = files.get("observations", "data/observations.csv")
    return (
        series_range(tables["observations"], tables["series"], obs_file)
        + totals_cover_parts(tables["observations"], obs_file)
        + documented_gaps(tables["observations"], tables["gaps"], files.get("gaps", "data/gaps.csv"))
        + known_codes(tables, files)
        + mirror_anomalies(tables["observations"], obs_file)
    )
