"""The writing half of ``make update-data``: the updated tables, then an atomic write (copy, write,
validate, record, swap) that leaves ``data/`` byte for byte as it was if any step fails."""

from __future__ import annotations

import bisect
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from ..datapackage import record_hashes
from ..datapackage import validate as validate_package
from ..datapackage.descriptor import file_hash
from ..paths import display_path
from .update_plan import Plan, Table, UpdateError, observation_key, runs, span_text

# -- pure parts: the new tables ---------------------------------------------------------------------


def source_row(p: Plan, retrieved: date, query: str, via: str, via_url: str) -> dict[str, str]:
    """The sources.csv row of a new vintage: publisher, dataset, query and retrieval date."""
    return {
        "source_id": p.source_id,
        "publisher": p.feed.publisher,
        "title": p.feed.dataset,
        "url": p.feed.page,
        "published": "",
        "via": via,
        "via_url": via_url,
        "access": "original",  # read from the publisher's own API
        "taken": f"Retrieved {retrieved.isoformat()} by 'make update-data'; query: {query}. "
        f"Values for {span_text(p.years)}, only for keys the data had no figure for; "
        + (
            f"publisher values divided by {p.feed.scale:g} (US dollars to US$ million); "
            if p.feed.scale != 1
            else "values unchanged; "
        )
        + "estimate flags not read.",
        "licence": p.feed.licence,
    }


def insert_sorted(rows: list[dict], new: Iterable[dict], key: Callable[[dict], tuple]) -> list[dict]:
    """``rows`` with ``new`` inserted where a sorted file would have them; existing rows keep their order."""
    out = list(rows)
    keys = [key(r) for r in out]
    for row in sorted(new, key=key):
        at = bisect.bisect_right(keys, key(row))
        out.insert(at, row)
        keys.insert(at, key(row))
    return out


def _gap_key(row: dict) -> tuple:
    return (row["series_id"], row["entity"], row["counterpart"], int(row["first_year"]))


def reconcile_gaps(
    gaps: Table,
    observations: Table,
    touched: Iterable[tuple[str, str, str]],
    reason: Callable[[tuple[str, str, str]], str],
) -> Table:
    """``gaps.csv`` after new rows: covered years leave their gap rows (split if need be), and
    years now missing inside a touched run are added with ``reason(key)``."""
    present: dict[tuple, set[int]] = defaultdict(set)
    for row in observations.rows:
        present[(row["series_id"], row["entity"], row["counterpart"])].add(int(row["year"]))
    kept, documented = [], defaultdict(set)
    for row in gaps.rows:
        key = (row["series_id"], row["entity"], row["counterpart"])
        years = range(int(row["first_year"]), int(row["last_year"]) + 1)
        left = [y for y in years if y not in present[key]]
        documented[key].update(left)
        if len(left) == len(years):
            kept.append(row)
        else:
            kept.extend({**row, "first_year": str(a), "last_year": str(b)} for a, b in runs(left))
    new = []
    for key in sorted(set(touched)):
        years = present[key]
        missing = [y for y in range(min(years), max(years) + 1) if y not in years and y not in documented[key]]
        new.extend(
            {
                "series_id": key[0],
                "entity": key[1],
                "counterpart": key[2],
                "first_year": str(a),
                "last_year": str(b),
                "reason": reason(key),
            }
            for a, b in runs(missing)
        )
    return Table(gaps.header, insert_sorted(kept, new, _gap_key), gaps.newline)


def updated_tables(
    tables: dict[str, Table], plans: Sequence[Plan], source_rows: dict[str, dict], retrieved: date
) -> dict[str, Table]:
    """The changed tables (observations, sources, series, gaps) once the plans' rows are added."""
    plans = [p for p in plans if p.added]
    existing = {r["source_id"] for r in tables["sources"].rows}
    clash = sorted(p.source_id for p in plans if p.source_id in existing)
    if clash:
        raise UpdateError(
            f"{', '.join(clash)} already in sources.csv: a vintage of that date is committed; "
            "look at it (git log data/) before adding another"
        )
    observations = Table(
        tables["observations"].header,
        insert_sorted(
            tables["observations"].rows,
            [r for p in plans for r in p.added],
            lambda r: (*observation_key(r), r["source_id"]),
        ),
        tables["observations"].newline,
    )
    sources = Table(
        tables["sources"].header,
        tables["sources"].rows + [source_rows[p.source_id] for p in plans],
        tables["sources"].newline,
    )
    by_series = {p.feed.series_id: p for p in plans}
    series_rows = []
    for row in tables["series"].rows:
        p = by_series.get(row["series_id"])
        if p:
            row = {
                **row,
                "notes": (row["notes"] + " " if row["notes"] else "")
                + f"Update of {retrieved.isoformat()}: {len(p.added)} rows from {p.source_id} "
                f"({span_text(p.years)}), added only where no source gave a figure.",
            }
        series_rows.append(row)
    series = Table(tables["series"].header, series_rows, tables["series"].newline)
    origin = {(p.feed.series_id, r["entity"], r["counterpart"]): p for p in plans for r in p.added}

    def reason(key: tuple[str, str, str]) -> str:
        p = origin[key]
        return (
            f"no figure in any source of the data; {p.feed.publisher} {p.feed.code} has none either "
            f"(retrieved {retrieved.isoformat()}, {p.source_id})"
        )

    gaps = reconcile_gaps(tables["gaps"], observations, origin, reason)
    return {"observations": observations, "sources": sources, "series": series, "gaps": gaps}


# -- the atomic write -------------------------------------------------------------------------------


def write_atomically(folder: Path, texts: dict[str, str]) -> dict[str, str]:
    """Write ``texts`` (file name -> content) into ``folder`` all at once, or not at all.

    ``folder`` is copied to a temporary folder beside it; the files are written there, the copy
    is validated with the data package and its hashes are recorded in ``datapackage.json``; only
    then does the copy take the place of ``folder``. On any failure before that, ``folder`` is
    untouched and the copy removed. Returns the new SHA-256 of each written file.
    """
    folder = Path(folder)
    work = Path(tempfile.mkdtemp(prefix=".update-data-", dir=folder.parent))
    try:
        copy = work / folder.name
        shutil.copytree(folder, copy)
        for name, text in texts.items():
            with open(copy / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        problems = validate_package(copy)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise UpdateError(
                f"the updated data would not be valid, so nothing was written: "
                f"{str(problems[0]).replace(display_path(copy), 'data')}{more}"
            )
        record_hashes(copy)
        hashes = {name: file_hash(copy / name) for name in sorted(texts)}
        previous = work / "previous"
        os.replace(folder, previous)
        try:
            os.replace(copy, folder)
        except BaseException:
            os.replace(previous, folder)
            raise
        return hashes
    finally:
        shutil.rmtree(work, ignore_errors=True)
