"""Plausibility rules: a flow against its mirror (an error unless explained) and against the year before (a flag).

- ``mirror-anomaly``: a country's exports to a partner and the partner's imports from it, same
  year, differing more than :data:`MIRROR_RATIO` times, without an explanation in both rows'
  notes (a note starting with :data:`MIRROR_MARK`); :func:`~helpers.datapackage.consistency.check`
  reports it with the other consistency rules.

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

#: A flow and its mirror differing more than this many times is an anomaly to explain.
MIRROR_RATIO = 10.0
#: How a row's note marks an explained mirror anomaly (analyses of mirror gaps leave these out).
MIRROR_MARK = "MIRROR ANOMALY"
#: A year-on-year change beyond this factor, up or down, is flagged.
JUMP_RATIO = 10.0
#: How a row's note explains a year-on-year jump (followed by the reason and where it is stated).
JUMP_MARK = "JUMP EXPLAINED"


def spreadsheet_row(frame: pd.DataFrame, index) -> int:
    """The spreadsheet row of a DataFrame row read from a CSV (header = row 1)."""
    return int(index) + 2


class Neighbours:
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
        """How far ``value`` is from its neighbouring years, either way (absolute log of :meth:`factor`)."""
        return abs(math.log(self.factor(row)))


#: The oddness (:meth:`Neighbours.oddness`) of a figure twice or half its neighbouring years':
#: beyond it, a figure is named as the odd one and the message says how far off it is.
TWOFOLD = math.log(2)


def how_far(factor: float) -> str:
    """A factor in words: "12 times" or "1/12 of"."""
    return f"{factor:.0f} times" if factor >= 1 else f"1/{1 / factor:.0f} of"


def mirror_pairs(observations: pd.DataFrame) -> pd.DataFrame:
    """Every country pair-year with both a flow and its mirror: A's exports to B and B's imports from A.

    Columns: exporter, importer, year, exports, imports (US$ million), ratio (larger / smaller),
    explained (both rows' notes start with :data:`MIRROR_MARK`), export_row, import_row
    (spreadsheet rows). Groups and the world are left out: they have no mirror.
    """
    obs = observations.assign(_row=[spreadsheet_row(observations, i) for i in observations.index])
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
    near = Neighbours(observations)
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
        imports_odd = near.oddness(mirror) > max(near.oddness(flow), TWOFOLD)
        named, other = (mirror, flow) if imports_odd else (flow, mirror)
        named_row, other_row = (row.import_row, row.export_row) if imports_odd else (row.export_row, row.import_row)
        verb = {"merchandise_exports": "exports to", "merchandise_imports": "imports from"}
        hint = (
            f" ({named['value']:g} is {how_far(near.factor(named))} its neighbouring years' figure)"
            if near.oddness(named) > TWOFOLD
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
