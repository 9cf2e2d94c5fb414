"""Load the dataset once per process, validated, with typed accessors.

Data flow: CSV files -> ``data/datapackage.json`` (schema) -> :func:`load` -> claim tests
and charts -> notebooks. :func:`load` validates with the data package (:mod:`helpers.datapackage`) unless the
files are those ``make record`` recorded, and refuses invalid data with the same
one-line-per-problem message as ``make validate``.

>>> ev = load()
>>> ev.unit("merchandise_exports")
'US$ million'
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import paper
from .datapackage import DESCRIPTOR, check, check_paths, period_end, read_table, resource_names
from .datapackage.descriptor import resource_path
from .paths import data_dir


class UnknownSeriesError(KeyError):
    """A series id that is not in ``series.csv``."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0])


class MissingSeriesError(ValueError):
    """The data lack figures that a claim test reads (one line: the claim, the series, the rule)."""


class AmbiguousSourceError(ValueError):
    """Several sources give a figure for the same series, entity, counterpart and year."""


@dataclass(frozen=True, eq=False)
class Evidence:
    """The whole dataset: one DataFrame per resource, plus the date it is seen from.

    ``as_of`` is ``None`` for the latest data, or the date of a view made with
    :meth:`view_as_of` (e.g. the paper's date: what the author could have seen).
    """

    claims: pd.DataFrame
    sources: pd.DataFrame
    entities: pd.DataFrame
    series_meta: pd.DataFrame
    observations: pd.DataFrame
    events: pd.DataFrame
    gaps: pd.DataFrame
    as_of: date | None = None
    #: Lazily built lookups; not an init field, so ``dataclasses.replace`` starts a fresh one.
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- views -----------------------------------------------------------------------

    def view_as_of(self, when: date) -> Evidence:
        """The data as they could have been known on ``when``.

        Annual observations are kept up to the last full year before ``when``
        (:func:`helpers.paper.last_full_year_known`); events are kept if they happened on
        or before ``when``. An event dated only by year or month counts as happening at
        the end of that period, so nothing is credited to the author too early. The view is
        made once per Evidence and date; later calls return the same (read-only) view.
        """
        return self._lookup(("view", when), lambda: self._view(when))

    def _view(self, when: date) -> Evidence:
        last_year = paper.last_full_year_known(when)
        obs = self.observations[self.observations["year"] <= last_year]
        ends = self.events["date"].map(period_end)
        events = self.events[ends <= pd.Timestamp(when)]
        view = replace(self, observations=obs.reset_index(drop=True), events=events.reset_index(drop=True), as_of=when)
        for shared in (("rows", "sources"), ("rows", "entities"), ("rows", "claims"), "series_rows"):
            if shared in self._index:  # these tables are the same in the view: so are their lookups
                view._index[shared] = self._index[shared]
        return view

    def at_paper(self) -> Evidence:
        """The data as of the paper's publication (28 June 2017)."""
        return self.view_as_of(paper.DATE)

    # -- accessors -----------------------------------------------------------------------

    def unit(self, series_id: str) -> str:
        """The unit of a series."""
        return self._series_row(series_id)["unit"]

    def series_title(self, series_id: str) -> str:
        """The short title of a series."""
        return self._series_row(series_id)["title"]

    def series(
        self,
        series_id: str,
        *,
        entity: str | None = None,
        counterpart: str | None = None,
        source_id: str | None = None,
        all_sources: bool = False,
    ) -> pd.DataFrame:
        """One series as a tidy DataFrame, sorted by entity, counterpart and year.

        Columns: series_id, entity, counterpart, year, value, unit, source_id, note.
        Filter by ``entity``, ``counterpart`` and ``source_id`` (each optional). If two
        sources give a figure for the same key and no ``source_id`` is named, this raises
        :class:`AmbiguousSourceError`: choosing between sources is the analyst's decision,
        made in the open, never silently. ``all_sources=True`` returns every source's figures,
        alternatives included, for code that makes that choice itself.

        Results are remembered per Evidence, so repeated calls cost a dictionary look-up.
        """
        self._series_row(series_id)
        key = (series_id, entity, counterpart, source_id, all_sources)
        memo = self._lookup("series_calls", dict)
        if key not in memo:
            memo[key] = self._select(series_id, entity, counterpart, source_id, all_sources)
        found = memo[key]
        if isinstance(found, AmbiguousSourceError):
            raise AmbiguousSourceError(*found.args)  # a new error each time, with its own traceback
        # a shallow copy: the caller may add or change columns without touching the memo
        return found.copy(deep=False)

    def _select(
        self, series_id: str, entity: str | None, counterpart: str | None, source_id: str | None, all_sources: bool
    ) -> pd.DataFrame | AmbiguousSourceError:
        """The rows of :meth:`series`, or the error to raise; read from the sorted index."""
        ordered, bounds = self._sorted()
        if entity is not None and counterpart is not None:
            start, stop = bounds.get((series_id, entity, counterpart), (0, 0))
        else:
            start, stop = bounds.get((series_id,), (0, 0))
        rows = ordered.iloc[start:stop]
        for column, wanted in (("entity", entity), ("counterpart", counterpart), ("source_id", source_id)):
            if wanted is not None and not rows.empty:
                rows = rows[rows[column] == wanted]
        if source_id is None and not all_sources:
            dupes = rows.duplicated(["entity", "counterpart", "year"], keep=False)
            if dupes.any():
                first = rows[dupes].iloc[0]
                sources = sorted(rows[dupes]["source_id"].unique())
                return AmbiguousSourceError(
                    f"series {series_id!r} has figures from several sources for the same year "
                    f"(e.g. {first['entity']}->{first['counterpart']} {first['year']}): {', '.join(sources)}. "
                    "Pass source_id=... to choose one."
                )
        return rows.reset_index(drop=True)

    def value(
        self, series_id: str, entity: str, counterpart: str, year: int, *, source_id: str | None = None
    ) -> float | None:
        """One figure, or ``None`` if there is none for that year."""
        rows = self.series(series_id, entity=entity, counterpart=counterpart, source_id=source_id)
        rows = rows[rows["year"] == year]
        return None if rows.empty else float(rows["value"].iloc[0])

    def source(self, source_id: str) -> pd.Series:
        """One row of the sources table."""
        return self._row("sources", "source_id", source_id, "no source {!r} in data/sources.csv")

    def entity_name(self, code: str) -> str:
        """English name of a country or group code."""
        return str(self._row("entities", "code", code, "no entity {!r} in data/entities.csv")["name"])

    def claim(self, claim_id: str) -> pd.Series:
        """One row of the claims table."""
        return self._row("claims", "claim_id", claim_id, "no claim {!r} in data/claims.csv")

    def project_status(self) -> pd.DataFrame:
        """Each project's status in this view: the status set by its latest event.

        Columns: project, theme, status, date (of that event), event_id, title, n_events.
        """
        return self.remember("project_status", None, self._project_status)

    def _project_status(self) -> pd.DataFrame:
        ev = self.events.assign(_end=self.events["date"].map(period_end))
        ev = ev.sort_values(["project", "_end", "event_id"])
        last = ev.groupby("project", sort=True).tail(1).set_index("project")
        counts = ev.groupby("project", sort=True).size().rename("n_events")
        out = last[["theme", "status", "date", "event_id", "title"]].join(counts)
        return out.reset_index()

    # -- internals ---------------------------------------------------------------------

    def remember(self, name: str, key, compute):
        """``compute()``, remembered for this Evidence under ``(name, key)``.

        For derived tables that depend only on the data (e.g. a turnover series): the second
        call with the same key costs a look-up. Results are shallow-copied on the way out,
        so a caller may add columns freely. A view or a ``replace``-d Evidence starts afresh.
        """
        memo = self._lookup("remembered", dict)
        if (name, key) not in memo:
            memo[(name, key)] = compute()
        found = memo[(name, key)]
        return found.copy(deep=False) if isinstance(found, pd.DataFrame) else found

    def _lookup(self, name: str, build):
        """A lookup built once per Evidence (``build()``), kept in ``_index``.

        An Evidence is read-only: to change its data, make a new one (``dataclasses.replace``
        or :meth:`view_as_of`), which starts with empty lookups.
        """
        if name not in self._index:
            self._index[name] = build()
        return self._index[name]

    def _row(self, table: str, column: str, key: str, missing: str) -> pd.Series:
        """The first row of ``table`` whose ``column`` equals ``key`` (a copy); KeyError if none."""
        memo = self._lookup(("rows", table), dict)
        if key not in memo:
            frame = getattr(self, table)
            rows = frame[frame[column] == key]
            memo[key] = None if rows.empty else rows.iloc[0]
        if memo[key] is None:
            raise KeyError(missing.format(key))
        return memo[key].copy()

    def _series_row(self, series_id: str) -> pd.Series:
        rows = self._lookup("series_rows", lambda: {row["series_id"]: row for _, row in self.series_meta.iterrows()})
        if series_id not in rows:
            known = list(self.series_meta["series_id"])
            close = difflib.get_close_matches(series_id, known, n=3)
            hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
            raise UnknownSeriesError(f"no series {series_id!r} in data/series.csv.{hint}")
        return rows[series_id]

    def _sorted(self) -> tuple[pd.DataFrame, dict[tuple, tuple[int, int]]]:
        """Observations sorted by series, entity, counterpart, year and source, and where each
        series and each (series, entity, counterpart) run starts and stops in that order."""

        def build():
            ordered = self.observations.sort_values(
                ["series_id", "entity", "counterpart", "year", "source_id"], kind="stable"
            ).reset_index(drop=True)
            bounds: dict[tuple, tuple[int, int]] = {}
            columns = ["series_id", "entity", "counterpart"]
            for width in (1, 3):  # runs of a series, and of a series for one pair
                keys = ordered[columns[:width]]
                starts = np.flatnonzero((keys != keys.shift()).any(axis=1).to_numpy())
                stops = np.append(starts[1:], len(ordered))
                firsts = keys.iloc[starts].itertuples(index=False, name=None)
                bounds.update(zip(firsts, zip(starts.tolist(), stops.tolist())))
            return ordered, bounds

        return self._lookup("sorted", build)


def _signature(folder: Path) -> tuple:
    """What identifies the files' current contents cheaply: names, sizes, mtimes."""
    files = [folder / DESCRIPTOR] + [resource_path(name, folder) for name in resource_names(folder)]
    return tuple(
        (f.name, f.stat().st_size, f.stat().st_mtime_ns) if f.exists() else (f.name, None, None) for f in files
    )


@cache
def _load(folder: Path, signature: tuple, validate: bool) -> Evidence:
    if validate:
        check(folder)
    tables = {name: read_table(name, folder) for name in resource_names(folder)}
    return Evidence(
        claims=tables["claims"],
        sources=tables["sources"],
        entities=tables["entities"],
        series_meta=tables["series"],
        observations=tables["observations"],
        events=tables["events"],
        gaps=tables["gaps"],
    )


def load(directory: str | os.PathLike | None = None, *, validate: bool = True) -> Evidence:
    """The dataset, validated, parsed once per process and cached.

    The cache is keyed by the files' names, sizes and modification times, so an edited
    CSV is re-read on the next call. Validation is skipped while the files and the rules are
    those recorded by ``make record``; otherwise the data are validated and the loader raises
    :class:`~helpers.datapackage.DataValidationError` with one line per problem if they break
    the schema, or warns (:class:`~helpers.datapackage.DataChangedWarning`) if they are valid
    but not recorded.
    """
    folder = data_dir(directory)
    check_paths(folder)  # a URL, a symbolic link or a path outside the folder: one line, nothing read
    signature = _signature(folder)
    cached = _load(folder, signature, validate)
    # Fresh frames for each caller (copy-on-write makes this cheap), so that a notebook
    # that edits a table in place cannot change what the next caller sees.
    return replace(
        cached,
        **{
            name: getattr(cached, name).copy()
            for name in ("claims", "sources", "entities", "series_meta", "observations", "events", "gaps")
        },
    )
