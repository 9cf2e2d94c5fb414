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
  year, differing more than :data:`MIRROR_RATIO` times, without an explanation in both rows'
  notes (a note starting with :data:`MIRROR_MARK`).

One plausibility rule is a flag rather than an error (:func:`flags`; ``make validate`` prints
it, the loader warns): real trade between small partners does jump tenfold from one year to the
next, so a jump is shown for a person to judge, not refused:

- ``year-on-year-jump``: in a series that cannot be negative, a value more than
  :data:`JUMP_RATIO` times (or less than a :data:`JUMP_RATIO`-th of) the previous year's for the
  same entity, counterpart and source, unless either row's note explains it (starts with
  :data:`MIRROR_MARK` or contains :data:`JUMP_MARK`). A unit slip (million for billion) shows as
  such a jump in the edited row and in the next one.
"""

from __future__ import annotations

import math

import pandas as pd

from .problems import Problem

#: Rounding in published tables: a total may fall short of its parts by this fraction.
TOTAL_TOLERANCE = 0.005

#: Flow series whose world total must cover its bilateral parts.
FLOW_SERIES = ("merchandise_exports", "merchandise_imports", "merchandise_trade")

#: A flow and its mirror differing more than this many times is an anomaly to explain.
MIRROR_RATIO = 10.0
#: How a row's note marks an explained mirror anomaly (analyses of mirror gaps leave these out).
MIRROR_MARK = "MIRROR ANOMALY"
#: A year-on-year change beyond this factor, up or down, is flagged.
JUMP_RATIO = 10.0
#: How a row's note explains a year-on-year jump (followed by the reason and where it is stated).
JUMP_MARK = "JUMP EXPLAINED"


def _row(frame: pd.DataFrame, index) -> int:
    """The spreadsheet row of a DataFrame row read from a CSV (header = row 1)."""
    return int(index) + 2


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
                _row(obs, index),
                "value",
                "series-range",
                f"{row['value']:g} is {side} {bound:g} that data/series.csv sets for "
                f"'{row['series_id']}' ({row['entity']}->{row['counterpart']} {row['year']})",
            )
        )
    return problems


class _Neighbours:
    """How far a figure is from the same series' figures in the years just before and after it.

    Used to name the row that was most likely edited when two rows disagree (a world total and
    its parts, a flow and its mirror): a slip of a thousand shows as a figure far from its own
    neighbouring years, while the row it disagrees with sits in line with its own.
    """

    def __init__(self, observations: pd.DataFrame):
        self.values = observations.groupby(["series_id", "entity", "counterpart", "year"], sort=False)["value"].median()

    def factor(self, row: pd.Series) -> float:
        """``value`` / the median of the neighbouring years' values (1.0 when there is nothing to compare)."""
        found = [
            self.values.get((row["series_id"], row["entity"], row["counterpart"], row["year"] + step))
            for step in (-1, 1)
        ]
        found = [value for value in found if value is not None and value > 0]
        if not found or not row["value"] > 0:
            return 1.0
        return float(row["value"] / pd.Series(found).median())

    def oddness(self, row: pd.Series) -> float:
        return abs(math.log(self.factor(row)))


def _how_far(factor: float) -> str:
    return f"{factor:.0f} times" if factor >= 1 else f"1/{1 / factor:.0f} of"


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
    near = _Neighbours(observations)
    problems = []
    for index, row in short.iterrows():
        members = parts[(parts[key] == row[key]).all(axis=1)]
        odd_part = max(members.index, key=lambda i: near.oddness(members.loc[i]))
        part = members.loc[odd_part]
        if near.oddness(part) > max(near.oddness(row), math.log(2)):
            problems.append(
                Problem(
                    file,
                    _row(parts, odd_part),
                    "value",
                    "total-below-parts",
                    f"{part['value']:g} for {part['entity']}->{part['counterpart']} '{part['series_id']}' "
                    f"{part['year']} is {_how_far(near.factor(part))} its neighbouring years' figure and "
                    f"lifts the sum of {part['entity']}'s bilateral figures ({row['parts']:g}) above its "
                    f"total with the world ({row['value']:g}, row {_row(totals, index)}): check the unit "
                    "(million or billion?)",
                )
            )
            continue
        odd = near.factor(row)
        hint = (
            f"; it is {_how_far(odd)} its neighbouring years' figure: check the unit"
            if abs(math.log(odd)) > math.log(2)
            else ""
        )
        problems.append(
            Problem(
                file,
                _row(totals, index),
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
                Problem(file, _row(gaps, index), "last_year", "gap-order", "last_year is before first_year")
            )
        elif stale:
            problems.append(
                Problem(
                    file,
                    _row(gaps, index),
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
                        _row(frame, index),
                        column,
                        "unknown-code",
                        f"{', '.join(unknown)} not in data/entities.csv",
                    )
                )
    return problems


def mirror_pairs(observations: pd.DataFrame) -> pd.DataFrame:
    """Every country pair-year with both a flow and its mirror: A's exports to B and B's imports from A.

    Columns: exporter, importer, year, exports, imports (US$ million), ratio (larger / smaller),
    explained (both rows' notes start with :data:`MIRROR_MARK`), export_row, import_row
    (spreadsheet rows). Groups and the world are left out: they have no mirror.
    """
    obs = observations.assign(_row=[_row(observations, i) for i in observations.index])
    country = (
        obs["entity"].str.fullmatch(r"[A-Z]{3}")
        & obs["counterpart"].str.fullmatch(r"[A-Z]{3}")
        & (obs["entity"] != "WLD")
        & (obs["counterpart"] != "WLD")
    )
    obs = obs[country]
    marked = obs["note"].fillna("").str.startswith(MIRROR_MARK)
    obs = obs.assign(_marked=marked)
    exports = obs[obs["series_id"] == "merchandise_exports"]
    imports = obs[obs["series_id"] == "merchandise_imports"]
    both = exports.merge(
        imports,
        left_on=["entity", "counterpart", "year"],
        right_on=["counterpart", "entity", "year"],
        suffixes=("_x", "_m"),
    )
    low = both[["value_x", "value_m"]].min(axis=1)
    high = both[["value_x", "value_m"]].max(axis=1)
    out = pd.DataFrame(
        {
            "exporter": both["entity_x"],
            "importer": both["counterpart_x"],
            "year": both["year"],
            "exports": both["value_x"],
            "imports": both["value_m"],
            "ratio": (high / low.where(low > 0)).fillna(float("inf")),
            "explained": both["_marked_x"] & both["_marked_m"],
            "export_row": both["_row_x"],
            "import_row": both["_row_m"],
        }
    )
    return out.sort_values(["exporter", "importer", "year"], kind="stable").reset_index(drop=True)


def mirror_anomalies(observations: pd.DataFrame, file: str = "data/observations.csv") -> list[Problem]:
    """Pair-years where a flow and its mirror differ more than ``MIRROR_RATIO`` times, unexplained."""
    pairs = mirror_pairs(observations)
    bad = pairs[(pairs["ratio"] > MIRROR_RATIO) & ~pairs["explained"]]
    if bad.empty:
        return []
    near = _Neighbours(observations)
    problems = []
    for row in bad.itertuples(index=False):
        flow = pd.Series(
            {
                "series_id": "merchandise_exports",
                "entity": row.exporter,
                "counterpart": row.importer,
                "year": row.year,
                "value": row.exports,
            }
        )
        mirror = pd.Series(
            {
                "series_id": "merchandise_imports",
                "entity": row.importer,
                "counterpart": row.exporter,
                "year": row.year,
                "value": row.imports,
            }
        )
        # name the side that is out of line with its own neighbouring years: the one most likely edited
        imports_odd = near.oddness(mirror) > max(near.oddness(flow), math.log(2))
        named, other = (mirror, flow) if imports_odd else (flow, mirror)
        named_row, other_row = (row.import_row, row.export_row) if imports_odd else (row.export_row, row.import_row)
        verb = {"merchandise_exports": "exports to", "merchandise_imports": "imports from"}
        factor = near.factor(named)
        hint = (
            f" ({named['value']:g} is {_how_far(factor)} its neighbouring years' figure)"
            if abs(math.log(factor)) > math.log(2)
            else ""
        )
        problems.append(
            Problem(
                file,
                int(named_row),
                "value" if hint else "note",
                "mirror-anomaly",
                f"{named['entity']}'s {verb[named['series_id']]} {named['counterpart']} in {row.year} "
                f"({named['value']:g}) and its mirror, {other['entity']}'s "
                f"{verb[other['series_id']]} {other['counterpart']} (row {int(other_row)}: "
                f"{other['value']:g}), differ {row.ratio:.0f}-fold{hint}: fix the slip, or explain "
                f"it in both notes, starting '{MIRROR_MARK}'",
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


def year_on_year_jumps(
    observations: pd.DataFrame, series: pd.DataFrame, file: str = "data/observations.csv"
) -> list[Problem]:
    """Consecutive years of a non-negative series more than ``JUMP_RATIO`` times apart, unexplained.

    Compared within one series, entity, counterpart and source; zero values have no ratio and
    are left out. Vectorised: it runs on every validation.
    """
    nonnegative = series.loc[series["minimum"].fillna(-1) >= 0, "series_id"]
    obs = observations[observations["series_id"].isin(nonnegative)]
    obs = obs.assign(
        _row=obs.index.astype(int) + 2,
        _explained=obs["note"].fillna("").str.startswith(MIRROR_MARK)
        | obs["note"].fillna("").str.contains(JUMP_MARK, regex=False),
    )
    obs = obs.sort_values(["series_id", "entity", "counterpart", "source_id", "year"], kind="stable")
    groups = obs.groupby(["series_id", "entity", "counterpart", "source_id"], sort=False)
    before = groups[["year", "value", "_row", "_explained"]].shift()
    ratio = obs["value"] / before["value"]
    jump = (
        (before["year"] == obs["year"] - 1)
        & (before["value"] > 0)
        & (obs["value"] > 0)
        & ((ratio > JUMP_RATIO) | (ratio < 1 / JUMP_RATIO))
        & ~(obs["_explained"] | before["_explained"].astype("boolean").fillna(False))
    )
    problems = []
    for index in obs.index[jump.to_numpy()]:
        row, prev = obs.loc[index], before.loc[index]
        factor = row["value"] / prev["value"]
        change = f"{factor:.0f} times" if factor > 1 else f"1/{1 / factor:.0f} of"
        problems.append(
            Problem(
                file,
                int(row["_row"]),
                "value",
                "year-on-year-jump",
                f"{row['value']:g} is {change} the {int(prev['year'])} value ({prev['value']:g}, row "
                f"{int(prev['_row'])}) for '{row['series_id']}' {row['entity']}->{row['counterpart']} "
                f"{row['year']}: check the unit (million or billion?), or explain it in the note "
                f"('{JUMP_MARK}: ...' with the source's reason)",
            )
        )
    return problems


def flags(tables: dict[str, pd.DataFrame], files: dict[str, str] | None = None) -> list[Problem]:
    """Plausibility flags on valid tables: shown to a person, not errors."""
    obs_file = (files or {}).get("observations", "data/observations.csv")
    return year_on_year_jumps(tables["observations"], tables["series"], obs_file)
