"""Command line: fetch the latest IMF and World Bank figures for the series ``data/`` holds from them.

    python -m helpers.cli.update_data [--apply] [--data DIR]      (make update-data [APPLY=1])

The only part of Pivot Check that goes online. It downloads

- from the IMF (International Trade in Goods by partner country, IMTS, the successor of DOTS;
  dataflow ``IMF.STA:IMTS``, key ``COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY``), annual
  exports FOB (``XG_FOB_USD``) and imports CIF (``MG_CIF_USD``) for every reporter-partner pair
  that ``data/observations.csv`` holds from the IMF, through the ``sdmx1`` client;
- from the World Bank (World Development Indicators) every WDI series the data hold, for the
  economies they hold it for, through ``wbgapi``.

and prints a summary: per series, the rows it would add, the committed values that the publisher
now gives more than 1% differently, and the years the new rows cover. Nothing is written unless
``--apply`` is given. Then the new figures come in as a new source vintage (one row in
``sources.csv`` per series: publisher, dataset, query, retrieval date), only for series-entity-
counterpart-year keys that have no figure yet: a committed row is never changed, and revised values
are listed for the analyst to judge, not written (two figures for one year would make the series
ambiguous for every claim that reads it). ``gaps.csv`` is brought in line (years now covered leave
it; years a new run skips enter it, with the reason), and each changed series' notes say what was
added. The result is written to a copy of ``data/``, validated with the data package, its hashes
recorded, and only then moved into place: a failure at any step leaves ``data/`` byte for byte as
it was. Without network the command says so in one line and exits with status 2.

The parts that do not touch the network (mapping the clients' answers to observation rows, the
vintage, the summary, the atomic write) are plain functions, tested offline in
``tests/test_update_data.py``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import math
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..paths import data_dir, display_path
from ..datapackage import record_hashes, validate as validate_package
from ..datapackage.descriptor import file_hash

# -- what is fetched ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """One series of ``data/`` and where the publisher serves it.

    ``committed_source`` is the source id of the vintage in the repository; later vintages get
    the id ``<slug>-<retrieval date>``. Publisher values are divided by ``scale`` to get the
    series' unit (the IMF answers in US dollars; the trade series are in US$ million).
    """

    series_id: str
    slug: str
    publisher: str
    dataset: str
    code: str
    committed_source: str
    page: str
    licence: str = ""
    scale: float = 1.0


IMF = "International Monetary Fund"
WB = "World Bank"
IMF_PAGE = "https://data.imf.org/"

IMF_FEEDS = (
    Feed("merchandise_exports", "imf-imts-exports", IMF,
         "International Trade in Goods by partner country (IMTS): exports of goods, FOB, US dollars, annual",
         "XG_FOB_USD", "imf-dots", IMF_PAGE, scale=1e6),
    Feed("merchandise_imports", "imf-imts-imports", IMF,
         "International Trade in Goods by partner country (IMTS): imports of goods, CIF, US dollars, annual",
         "MG_CIF_USD", "imf-dots", IMF_PAGE, scale=1e6),
)


def _wdi(series_id: str, committed: str, title: str, code: str) -> Feed:
    return Feed(series_id, committed, WB, f"World Development Indicators: {title}, {code}", code, committed,
                f"https://data.worldbank.org/indicator/{code}", "CC BY 4.0")


WB_FEEDS = (
    _wdi("gdp_current_usd", "wb-wdi-gdp", "GDP (current US$)", "NY.GDP.MKTP.CD"),
    _wdi("gdp_growth", "wb-wdi-gdp-growth", "GDP growth (annual %)", "NY.GDP.MKTP.KD.ZG"),
    _wdi("fuel_exports_share", "macro-wb-wdi-fuel-exports", "Fuel exports (% of merchandise exports)",
         "TX.VAL.FUEL.ZS.UN"),
    _wdi("remittances_received_usd", "macro-wb-wdi-remittances", "Personal remittances, received (current US$)",
         "BX.TRF.PWKR.CD.DT"),
    _wdi("military_expenditure_gdp", "macro-wb-wdi-military-expenditure", "Military expenditure (% of GDP)",
         "MS.MIL.XPND.GD.ZS"),
)

#: The IMF's code where it differs from the entity code used in ``data/``.
IMF_CODES = {"WLD": "G001"}
IMF_DATAFLOW = "IMTS"
#: Columns of a tidy IMTS answer: one row per observation (the shape ``imfp.imf_get`` documents,
#: and ``sdmx.to_pandas(message).reset_index()`` once its value column is named OBS_VALUE).
IMF_COLUMNS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE")
#: Keys of one row from ``wbgapi.data.fetch(..., numericTimeKeys=True)``.
WB_KEYS = ("value", "series", "economy", "time")


@dataclass(frozen=True)
class Options:
    """Choices of one run. ``retrieved`` dates the new vintage (today, by default)."""

    retrieved: date = field(default_factory=date.today)
    #: Relative change against the committed vintage above which a value is reported as changed.
    threshold: float = 0.01
    first_year: int = 2000
    #: Seconds to wait for a connection or an answer.
    timeout: float = 30.0
    #: Attempts per request; the wait between them doubles from ``backoff`` seconds.
    tries: int = 4
    backoff: float = 2.0
    #: sdmx1's name for the IMF's API on api.imf.org (the SDMX 3.0 endpoint is "IMF_DATA3").
    imf_source: str = "IMF_DATA"
    hosts: tuple[str, ...] = ("api.imf.org", "api.worldbank.org")


class UpdateError(RuntimeError):
    """The update cannot go on; the message is one line, naming the series where there is one."""


class Offline(UpdateError):
    """The publishers cannot be reached."""


# -- CSV tables as text ---------------------------------------------------------------------------


@dataclass
class Table:
    """A CSV file as its header, its rows (dicts of strings) and its line ending."""

    header: list[str]
    rows: list[dict[str, str]]
    newline: str = "\n"

    @classmethod
    def parse(cls, text: str) -> Table:
        first = text.split("\n", 1)[0]
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader)
        return cls(header, [dict(zip(header, row, strict=True)) for row in reader],
                   "\r\n" if first.endswith("\r") else "\n")

    def text(self) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator=self.newline)
        writer.writerow(self.header)
        writer.writerows([row.get(name, "") for name in self.header] for row in self.rows)
        return out.getvalue()


TABLES = {"observations": "observations.csv", "sources": "sources.csv", "series": "series.csv", "gaps": "gaps.csv"}


def read_tables(folder: Path) -> dict[str, Table]:
    """The four tables the update reads and may change."""
    return {name: Table.parse((Path(folder) / file).read_text(encoding="utf-8-sig"))
            for name, file in TABLES.items()}


# -- pure parts: queries, mapping, vintage, summary -------------------------------------------------


def vintage_sources(feed: Feed, sources: Iterable[str]) -> list[str]:
    """The feed's vintages among ``sources``, oldest first (the committed one, then by date)."""
    pattern = re.compile(rf"^{re.escape(feed.slug)}-(\d{{4}}-\d{{2}}-\d{{2}})$")
    dated = sorted((m.group(1), s) for s in set(sources) if (m := pattern.match(s)))
    return [feed.committed_source] + [s for _, s in dated if s != feed.committed_source]


def pairs_of(feed: Feed, observations: Table) -> list[tuple[str, str]]:
    """(entity, counterpart) pairs the data hold for ``feed`` from any of its vintages."""
    mine = set(vintage_sources(feed, (r["source_id"] for r in observations.rows)))
    return sorted({(r["entity"], r["counterpart"]) for r in observations.rows
                   if r["series_id"] == feed.series_id and r["source_id"] in mine})


def imf_keys(observations: Table, feeds: Sequence[Feed] = IMF_FEEDS) -> list[tuple[str, str]]:
    """One IMTS query per reporter: ``(reporter, key)``, both flows and all its partners at once."""
    partners: dict[str, set[str]] = defaultdict(set)
    for feed in feeds:
        for entity, counterpart in pairs_of(feed, observations):
            partners[entity].add(counterpart)
    codes = "+".join(feed.code for feed in feeds)
    return [(reporter, f"{IMF_CODES.get(reporter, reporter)}.{codes}."
             f"{'+'.join(IMF_CODES.get(p, p) for p in sorted(partners[reporter]))}.A")
            for reporter in sorted(partners)]


def format_value(value: float) -> str:
    """A figure as the CSV stores it: up to 15 significant digits, never an exponent."""
    text = f"{value:.15g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def _row(feed: Feed, unit: str, entity: str, counterpart: str, year: int, value: float, source_id: str) -> dict:
    return {"series_id": feed.series_id, "entity": entity, "counterpart": counterpart, "year": str(year),
            "value": format_value(value), "unit": unit, "source_id": source_id, "note": ""}


def imf_rows(frame, feed: Feed, pairs: Sequence[tuple[str, str]], unit: str, source_id: str,
             first_year: int = 2000) -> list[dict]:
    """Observation rows for ``feed`` from a tidy IMTS answer (see ``IMF_COLUMNS``).

    Raises :class:`UpdateError` naming the series if the answer lacks a column, holds codes the
    query did not ask for (a changed code list), another frequency, a period that is not a year,
    a value that is not a number, or no observation at all for the series.
    """
    missing = [c for c in IMF_COLUMNS if c not in getattr(frame, "columns", ())]
    if missing:
        raise UpdateError(f"{feed.series_id}: the IMF's {IMF_DATAFLOW} answer has no column {', '.join(missing)}: "
                          "the dataflow's structure has changed")
    back = {code: entity for entity, code in IMF_CODES.items()}
    reporters = {IMF_CODES.get(e, e) for e, _ in pairs}
    partners = {IMF_CODES.get(c, c) for _, c in pairs}
    mine = frame[frame["INDICATOR"] == feed.code]
    for column, asked in (("COUNTRY", reporters), ("COUNTERPART_COUNTRY", partners)):
        unknown = sorted(set(mine[column].astype(str)) - asked)
        if unknown:
            raise UpdateError(f"{feed.series_id}: the IMF answered with {column} codes the query did not ask for "
                              f"({', '.join(unknown[:5])}): its code list has changed")
    wanted = set(pairs)
    rows = []
    for item in mine.itertuples(index=False):
        record = item._asdict()
        if record["FREQUENCY"] != "A":
            raise UpdateError(f"{feed.series_id}: the IMF answered with frequency {record['FREQUENCY']!r}, not annual")
        period = str(record["TIME_PERIOD"])
        if not re.fullmatch(r"\d{4}(-A)?", period):
            raise UpdateError(f"{feed.series_id}: the IMF answered with period {period!r}, not a year")
        try:
            value = float(record["OBS_VALUE"])
        except (TypeError, ValueError):
            raise UpdateError(f"{feed.series_id}: the IMF answered with value {record['OBS_VALUE']!r} "
                              f"for {record['COUNTRY']}->{record['COUNTERPART_COUNTRY']} {period}, not a number") from None
        entity = back.get(record["COUNTRY"], record["COUNTRY"])
        counterpart = back.get(record["COUNTERPART_COUNTRY"], record["COUNTERPART_COUNTRY"])
        year = int(period[:4])
        if math.isnan(value) or year < first_year or (entity, counterpart) not in wanted:
            continue
        rows.append(_row(feed, unit, entity, counterpart, year, round(value / feed.scale, 6), source_id))
    if not rows:
        raise UpdateError(f"{feed.series_id}: the IMF's {IMF_DATAFLOW} answer holds no {feed.code} observation "
                          "for the pairs asked: the series is empty or its code has changed")
    return sorted(rows, key=_key)


def wb_rows(records: Iterable[dict], feed: Feed, economies: Sequence[str], unit: str, source_id: str,
            first_year: int = 2000) -> list[dict]:
    """Observation rows for ``feed`` from ``wbgapi.data.fetch(..., numericTimeKeys=True)`` records.

    Raises :class:`UpdateError` naming the series on a record of another shape, another series,
    an economy not asked for, a period that is not a year, or no value at all.
    """
    asked = set(economies)
    rows = []
    for record in records:
        if not isinstance(record, dict) or any(k not in record for k in WB_KEYS):
            raise UpdateError(f"{feed.series_id}: the World Bank answered with a record without "
                              f"{', '.join(WB_KEYS)}: the API's shape has changed")
        if record["series"] != feed.code:
            raise UpdateError(f"{feed.series_id}: the World Bank answered with series {record['series']!r}, "
                              f"not {feed.code}: the indicator code has changed")
        if record["economy"] not in asked:
            raise UpdateError(f"{feed.series_id}: the World Bank answered with economy {record['economy']!r}, "
                              "which the query did not ask for: its code list has changed")
        if not isinstance(record["time"], int):
            raise UpdateError(f"{feed.series_id}: the World Bank answered with period {record['time']!r}, not a year")
        if record["value"] is None or record["time"] < first_year:
            continue
        try:
            value = float(record["value"])
        except (TypeError, ValueError):
            raise UpdateError(f"{feed.series_id}: the World Bank answered with value {record['value']!r}, "
                              "not a number") from None
        rows.append(_row(feed, unit, record["economy"], "-", record["time"], value / feed.scale, source_id))
    if not rows:
        raise UpdateError(f"{feed.series_id}: the World Bank answered with no value for {feed.code}: "
                          "the series is empty or its code has changed")
    return sorted(rows, key=_key)


def _key(row: dict) -> tuple:
    return (row["series_id"], row["entity"], row["counterpart"], int(row["year"]))


@dataclass(frozen=True)
class Change:
    """A committed figure that the publisher now gives differently."""

    entity: str
    counterpart: str
    year: int
    old: float
    new: float
    old_source: str

    @property
    def relative(self) -> float:
        return math.inf if self.old == 0 else self.new / self.old - 1


@dataclass(frozen=True)
class Plan:
    """What a new vintage of one series would do to the data."""

    feed: Feed
    source_id: str
    added: tuple[dict, ...]
    changed: tuple[Change, ...]
    #: Keys the publisher has that another source already gives: left as they are.
    elsewhere: int

    @property
    def years(self) -> list[int]:
        return sorted({int(r["year"]) for r in self.added})


def source_id_for(feed: Feed, retrieved: date) -> str:
    return f"{feed.slug}-{retrieved.isoformat()}"


def plan(feed: Feed, observations: Table, fetched: Sequence[dict], retrieved: date,
         threshold: float = 0.01) -> Plan:
    """Compare fetched rows with the data: which to add, which committed values changed.

    A row is added only if its key (series, entity, counterpart, year) has no figure from any
    source. Changed values are measured against the latest vintage of the same feed. If the
    fetched values are, in the median, not within a factor of two of the committed ones for the
    same keys, the unit or scale of the answer has changed and :class:`UpdateError` says so.
    """
    vintages = vintage_sources(feed, (r["source_id"] for r in observations.rows))
    rank = {s: i for i, s in enumerate(vintages)}
    covered: set[tuple] = set()
    latest: dict[tuple, dict] = {}
    for row in observations.rows:
        if row["series_id"] != feed.series_id:
            continue
        covered.add(_key(row))
        if row["source_id"] in rank:
            old = latest.get(_key(row))
            if old is None or rank[row["source_id"]] > rank[old["source_id"]]:
                latest[_key(row)] = row
    added, changed, ratios, elsewhere = [], [], [], 0
    for row in fetched:
        key = _key(row)
        if key not in covered:
            added.append(row)
        elif key in latest:
            old, new = float(latest[key]["value"]), float(row["value"])
            if old:
                ratios.append(new / old)
            change = Change(row["entity"], row["counterpart"], int(row["year"]), old, new, latest[key]["source_id"])
            if abs(change.relative) > threshold:
                changed.append(change)
        else:
            elsewhere += 1
    if ratios and not 0.5 <= statistics.median(ratios) <= 2:
        raise UpdateError(f"{feed.series_id}: the new values are about {statistics.median(ratios):.3g} times the "
                          "committed ones for the same years: the unit or scale of the answer has changed")
    return Plan(feed, source_id_for(feed, retrieved), tuple(added), tuple(changed), elsewhere)


def _span(years: Sequence[int]) -> str:
    """1999, 2001, 2002, 2003 -> '1999, 2001-2003'."""
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs(years))


def runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of years as (first, last)."""
    out: list[list[int]] = []
    for year in sorted(set(years)):
        if out and year == out[-1][1] + 1:
            out[-1][1] = year
        else:
            out.append([year, year])
    return [(a, b) for a, b in out]


def summary(plans: Sequence[Plan], threshold: float = 0.01, shown: int = 10) -> str:
    """The summary printed before anything is written: one block per series."""
    lines = []
    for p in plans:
        years = f" (years {_span(p.years)})" if p.added else ""
        lines.append(f"{p.feed.series_id}: {len(p.added)} row{'s' if len(p.added) != 1 else ''} to add as "
                     f"{p.source_id}{years}; {len(p.changed)} committed value{'s' if len(p.changed) != 1 else ''} "
                     f"changed by more than {threshold:.0%}; {p.elsewhere} already given by another source")
        ordered = sorted(p.changed, key=lambda c: (-abs(c.relative), c.entity, c.counterpart, c.year))
        for c in ordered[:shown]:
            where = c.entity if c.counterpart == "-" else f"{c.entity}->{c.counterpart}"
            lines.append(f"  changed: {where} {c.year}: {format_value(c.old)} ({c.old_source}) -> "
                         f"{format_value(c.new)} ({c.relative:+.1%})")
        if len(ordered) > shown:
            lines.append(f"  ... and {len(ordered) - shown} more")
    total = sum(len(p.added) for p in plans)
    lines.append(f"In all: {total} row{'s' if total != 1 else ''} to add in {sum(1 for p in plans if p.added)} "
                 "series; changed values are reported, never written (committed rows stay as they are).")
    return "\n".join(lines)


# -- pure parts: the new tables ---------------------------------------------------------------------


def source_row(p: Plan, retrieved: date, query: str, via: str, via_url: str) -> dict[str, str]:
    """The sources.csv row of a new vintage: publisher, dataset, query and retrieval date."""
    return {"source_id": p.source_id, "publisher": p.feed.publisher, "title": p.feed.dataset, "url": p.feed.page,
            "published": "", "via": via, "via_url": via_url,
            "access": "original",  # read from the publisher's own API
            "taken": f"Retrieved {retrieved.isoformat()} by 'make update-data'; query: {query}. "
                     f"Values for {_span(p.years)}, only for keys the data had no figure for; "
                     + (f"publisher values divided by {p.feed.scale:g} (US dollars to US$ million); "
                        if p.feed.scale != 1 else "values unchanged; ")
                     + "estimate flags not read.",
            "licence": p.feed.licence}


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


def reconcile_gaps(gaps: Table, observations: Table, touched: Iterable[tuple[str, str, str]],
                   reason: Callable[[tuple[str, str, str]], str]) -> Table:
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
        new.extend({"series_id": key[0], "entity": key[1], "counterpart": key[2], "first_year": str(a),
                    "last_year": str(b), "reason": reason(key)} for a, b in runs(missing))
    return Table(gaps.header, insert_sorted(kept, new, _gap_key), gaps.newline)


def updated_tables(tables: dict[str, Table], plans: Sequence[Plan], source_rows: dict[str, dict],
                   retrieved: date) -> dict[str, Table]:
    """The changed tables (observations, sources, series, gaps) once the plans' rows are added."""
    plans = [p for p in plans if p.added]
    existing = {r["source_id"] for r in tables["sources"].rows}
    clash = sorted(p.source_id for p in plans if p.source_id in existing)
    if clash:
        raise UpdateError(f"{', '.join(clash)} already in sources.csv: a vintage of that date is committed; "
                          "look at it (git log data/) before adding another")
    observations = Table(tables["observations"].header,
                         insert_sorted(tables["observations"].rows, [r for p in plans for r in p.added],
                                       lambda r: (*_key(r), r["source_id"])),
                         tables["observations"].newline)
    sources = Table(tables["sources"].header, tables["sources"].rows + [source_rows[p.source_id] for p in plans],
                    tables["sources"].newline)
    by_series = {p.feed.series_id: p for p in plans}
    series_rows = []
    for row in tables["series"].rows:
        p = by_series.get(row["series_id"])
        if p:
            row = {**row, "notes": (row["notes"] + " " if row["notes"] else "")
                   + f"Update of {retrieved.isoformat()}: {len(p.added)} rows from {p.source_id} "
                     f"({_span(p.years)}), added only where no source gave a figure."}
        series_rows.append(row)
    series = Table(tables["series"].header, series_rows, tables["series"].newline)
    origin = {(p.feed.series_id, r["entity"], r["counterpart"]): p for p in plans for r in p.added}

    def reason(key: tuple[str, str, str]) -> str:
        p = origin[key]
        return (f"no figure in any source of the data; {p.feed.publisher} {p.feed.code} has none either "
                f"(retrieved {retrieved.isoformat()}, {p.source_id})")

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
            raise UpdateError(f"the updated data would not be valid, so nothing was written: "
                              f"{str(problems[0]).replace(display_path(copy), 'data')}{more}")
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


# -- the network (thin: everything it returns goes through the functions above) --------------------


def _reason(error: BaseException) -> str:
    """A short reason for a failed connection, from the innermost of the exceptions that wrap it."""
    from ..offline import ENV, NetworkDisabled

    seen, last = error, error
    while seen is not None:
        if isinstance(seen, NetworkDisabled):
            return f"{ENV}=1 refuses connections"
        if isinstance(seen, TimeoutError):
            return "no answer in time"
        last, seen = seen, seen.__cause__ or seen.__context__
    if isinstance(last, socket.gaierror):
        return "its name does not resolve"
    return " ".join((getattr(last, "strerror", None) or type(last).__name__).split())


def check_online(hosts: Sequence[str], timeout: float = 10.0) -> None:
    """Raise :class:`Offline` (one line) unless every host answers over HTTPS (any status will do)."""
    import requests

    for host in hosts:
        try:
            requests.head(f"https://{host}/", timeout=timeout, allow_redirects=False).close()
        except requests.RequestException as error:
            raise Offline(f"no network: cannot reach {host} ({_reason(error)}); nothing was downloaded and "
                          "data/ is unchanged") from None


def _status(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None) or getattr(error, "code", None)


def with_retries(call: Callable[[], object], what: str, options: Options, sleep=time.sleep):
    """``call()``, tried ``options.tries`` times with a doubling wait on network errors and
    HTTP 429/5xx; any other failure, or the last, becomes one :class:`UpdateError` naming ``what``."""
    from ..offline import NetworkDisabled

    for attempt in range(1, options.tries + 1):
        try:
            return call()
        except UpdateError:
            raise
        except NetworkDisabled:
            raise Offline(f"no network: {what} refused by the offline guard; data/ is unchanged") from None
        except Exception as error:  # the clients raise many kinds; each becomes one line
            status = _status(error)
            retry = (status in (429,) or (isinstance(status, int) and status >= 500)) if status else \
                isinstance(error, OSError)
            if not retry or attempt == options.tries:
                said = " ".join(str(error).split()) or type(error).__name__
                tries = f" after {attempt} tries" if attempt > 1 else ""
                raise UpdateError(f"{what}: the API answered with an error{tries}: {said[:300]}") from None
            sleep(options.backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def _progress(items: Sequence, what: str) -> Iterable:
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="query", file=sys.stderr)


def fetch_imf(observations: Table, units: dict[str, str], options: Options) -> tuple[dict[str, list[dict]], str]:
    """IMTS rows per series, and the query text for the source rows."""
    import pandas as pd
    import sdmx

    client = sdmx.Client(options.imf_source, timeout=options.timeout)
    keys = imf_keys(observations)
    frames = []
    for reporter, key in _progress(keys, "IMF IMTS"):
        names = "/".join(f.series_id for f in IMF_FEEDS)
        message = with_retries(lambda key=key: client.data(IMF_DATAFLOW, key=key,
                                                             params={"startPeriod": str(options.first_year)}),
                               f"{names} ({IMF_DATAFLOW} {key})", options)
        data = sdmx.to_pandas(message)
        for part in (data if isinstance(data, list) else [data]):
            frames.append(part.rename("OBS_VALUE").reset_index() if hasattr(part, "reset_index") else part)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    rows = {feed.series_id: imf_rows(frame, feed, pairs_of(feed, observations), units[feed.series_id],
                                     source_id_for(feed, options.retrieved), options.first_year)
            for feed in IMF_FEEDS}
    query = (f"sdmx1 {sdmx.__version__} Client('{options.imf_source}').data('{IMF_DATAFLOW}', key=..., "
             f"startPeriod={options.first_year}), one key per reporter: " + "; ".join(k for _, k in keys))
    return rows, query


def fetch_wb(feed: Feed, observations: Table, unit: str, options: Options) -> tuple[list[dict], str]:
    """WDI rows for one series, and the query text for its source row."""
    import wbgapi

    economies = sorted({e for e, _ in pairs_of(feed, observations)})
    years = range(options.first_year, options.retrieved.year + 1)
    saved = wbgapi.get_options
    wbgapi.get_options = {**saved, "timeout": options.timeout}  # the client's documented way to pass it
    try:
        records = with_retries(lambda: list(wbgapi.data.fetch(feed.code, economies, years, skipBlanks=True,
                                                                  numericTimeKeys=True)),
                               f"{feed.series_id} (WDI {feed.code})", options)
    finally:
        wbgapi.get_options = saved
    query = (f"wbgapi.data.fetch('{feed.code}', [{', '.join(economies)}], "
             f"range({years.start}, {years.stop}), skipBlanks=True)")
    return wb_rows(records, feed, economies, unit, source_id_for(feed, options.retrieved), options.first_year), query


# -- the command ------------------------------------------------------------------------------------


def run(folder: Path, apply: bool, options: Options, out=None) -> int:
    check_online(options.hosts, min(options.timeout, 10.0))
    tables = read_tables(folder)
    units = {r["series_id"]: r["unit"] for r in tables["series"].rows}
    fetched, sources = {}, {}
    imf, imf_query = fetch_imf(tables["observations"], units, options)
    for feed in IMF_FEEDS:
        fetched[feed] = imf[feed.series_id]
        sources[feed] = (imf_query, "IMF SDMX API through the sdmx1 client", "https://api.imf.org/external/sdmx/2.1/")
    for feed in _progress(WB_FEEDS, "World Bank WDI"):
        fetched[feed], query = fetch_wb(feed, tables["observations"], units[feed.series_id], options)
        sources[feed] = (query, "World Bank API v2 through the wbgapi client",
                         f"https://api.worldbank.org/v2/sources/2/series/{feed.code}")
    plans = [plan(feed, tables["observations"], rows, options.retrieved, options.threshold)
             for feed, rows in fetched.items()]
    print(summary(plans, options.threshold), file=out)
    if not any(p.added for p in plans):
        print("Nothing to add: data/ is unchanged.", file=out)
        return 0
    if not apply:
        print("Nothing written (a dry run). To add these rows: make update-data APPLY=1", file=out)
        return 0
    rows = {p.source_id: source_row(p, options.retrieved, *sources[p.feed]) for p in plans if p.added}
    new = updated_tables(tables, plans, rows, options.retrieved)
    hashes = write_atomically(folder, {TABLES[name]: table.text() for name, table in new.items()})
    print(f"Wrote {', '.join(hashes)} in {display_path(folder)}/ (validated; hashes recorded in datapackage.json: "
          + ", ".join(f"{n} {h[:12]}" for n, h in hashes.items()) + ").", file=out)
    print("Review with: git diff data/   Undo with: git checkout data/   Then recompute every verdict: make run",
          file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.cli.update_data",
                                     description="Fetch the latest IMF (IMTS) and World Bank (WDI) figures for "
                                                 "the series in data/; print a summary; write only with --apply.")
    parser.add_argument("--apply", action="store_true", help="add the new rows to data/ (default: summary only)")
    parser.add_argument("--data", default=None, help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        return run(data_dir(args.data), args.apply, Options())
    except Offline as error:
        print(f"update-data: {error}", file=sys.stderr)
        return 2
    except UpdateError as error:
        print(f"update-data: {error}; data/ is unchanged", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("update-data: interrupted; data/ is unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
