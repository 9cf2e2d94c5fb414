"""The pure parts of ``make update-data``: the clients' answers as observation rows, the new source
vintage, and the summary printed before anything is written (tested offline; what is fetched is
in :mod:`.update_feeds`)."""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from .update_feeds import IMF_CODES, IMF_COLUMNS, IMF_DATAFLOW, IMF_FEEDS, WB_KEYS, Feed


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
        return cls(
            header, [dict(zip(header, row, strict=True)) for row in reader], "\r\n" if first.endswith("\r") else "\n"
        )

    def text(self) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator=self.newline)
        writer.writerow(self.header)
        writer.writerows([row.get(name, "") for name in self.header] for row in self.rows)
        return out.getvalue()


TABLES = {"observations": "observations.csv", "sources": "sources.csv", "series": "series.csv", "gaps": "gaps.csv"}


def read_tables(folder: Path) -> dict[str, Table]:
    """The four tables the update reads and may change."""
    return {name: Table.parse((Path(folder) / file).read_text(encoding="utf-8-sig")) for name, file in TABLES.items()}


# -- pure parts: queries, mapping, vintage, summary -------------------------------------------------


def vintage_sources(feed: Feed, sources: Iterable[str]) -> list[str]:
    """The feed's vintages among ``sources``, oldest first (the committed one, then by date)."""
    pattern = re.compile(rf"^{re.escape(feed.slug)}-(\d{{4}}-\d{{2}}-\d{{2}})$")
    dated = sorted((m.group(1), s) for s in set(sources) if (m := pattern.match(s)))
    return [feed.committed_source] + [s for _, s in dated if s != feed.committed_source]


def pairs_of(feed: Feed, observations: Table) -> list[tuple[str, str]]:
    """(entity, counterpart) pairs the data hold for ``feed`` from any of its vintages."""
    mine = set(vintage_sources(feed, (r["source_id"] for r in observations.rows)))
    return sorted(
        {
            (r["entity"], r["counterpart"])
            for r in observations.rows
            if r["series_id"] == feed.series_id and r["source_id"] in mine
        }
    )


def imf_keys(observations: Table, feeds: Sequence[Feed] = IMF_FEEDS) -> list[tuple[str, str]]:
    """One IMTS query per reporter: ``(reporter, key)``, both flows and all its partners at once."""
    partners: dict[str, set[str]] = defaultdict(set)
    for feed in feeds:
        for entity, counterpart in pairs_of(feed, observations):
            partners[entity].add(counterpart)
    codes = "+".join(feed.code for feed in feeds)
    return [
        (
            reporter,
            f"{IMF_CODES.get(reporter, reporter)}.{codes}."
            f"{'+'.join(IMF_CODES.get(p, p) for p in sorted(partners[reporter]))}.A",
        )
        for reporter in sorted(partners)
    ]


def format_value(value: float) -> str:
    """A figure as the CSV stores it: up to 15 significant digits, never an exponent."""
    text = f"{value:.15g}"
    if "e" in text:
        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def _row(feed: Feed, unit: str, entity: str, counterpart: str, year: int, value: float, source_id: str) -> dict:
    return {
        "series_id": feed.series_id,
        "entity": entity,
        "counterpart": counterpart,
        "year": str(year),
        "value": format_value(value),
        "unit": unit,
        "source_id": source_id,
        "note": "",
    }


def imf_rows(
    frame, feed: Feed, pairs: Sequence[tuple[str, str]], unit: str, source_id: str, first_year: int = 2000
) -> list[dict]:
    """Observation rows for ``feed`` from a tidy IMTS answer (see ``IMF_COLUMNS``).

    Raises :class:`UpdateError` naming the series if the answer lacks a column, holds codes the
    query did not ask for (a changed code list), another frequency, a period that is not a year,
    a value that is not a number, or no observation at all for the series.
    """
    missing = [c for c in IMF_COLUMNS if c not in getattr(frame, "columns", ())]
    if missing:
        raise UpdateError(
            f"{feed.series_id}: the IMF's {IMF_DATAFLOW} answer has no column {', '.join(missing)}: "
            "the dataflow's structure has changed"
        )
    back = {code: entity for entity, code in IMF_CODES.items()}
    reporters = {IMF_CODES.get(e, e) for e, _ in pairs}
    partners = {IMF_CODES.get(c, c) for _, c in pairs}
    mine = frame[frame["INDICATOR"] == feed.code]
    for column, asked in (("COUNTRY", reporters), ("COUNTERPART_COUNTRY", partners)):
        unknown = sorted(set(mine[column].astype(str)) - asked)
        if unknown:
            raise UpdateError(
                f"{feed.series_id}: the IMF answered with {column} codes the query did not ask for "
                f"({', '.join(unknown[:5])}): its code list has changed"
            )
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
            raise UpdateError(
                f"{feed.series_id}: the IMF answered with value {record['OBS_VALUE']!r} "
                f"for {record['COUNTRY']}->{record['COUNTERPART_COUNTRY']} {period}, not a number"
            ) from None
        entity = back.get(record["COUNTRY"], record["COUNTRY"])
        counterpart = back.get(record["COUNTERPART_COUNTRY"], record["COUNTERPART_COUNTRY"])
        year = int(period[:4])
        if math.isnan(value) or year < first_year or (entity, counterpart) not in wanted:
            continue
        rows.append(_row(feed, unit, entity, counterpart, year, round(value / feed.scale, 6), source_id))
    if not rows:
        raise UpdateError(
            f"{feed.series_id}: the IMF's {IMF_DATAFLOW} answer holds no {feed.code} observation "
            "for the pairs asked: the series is empty or its code has changed"
        )
    return sorted(rows, key=observation_key)


def wb_rows(
    records: Iterable[dict], feed: Feed, economies: Sequence[str], unit: str, source_id: str, first_year: int = 2000
) -> list[dict]:
    """Observation rows for ``feed`` from ``wbgapi.data.fetch(..., numericTimeKeys=True)`` records.

    Raises :class:`UpdateError` naming the series on a record of another shape, another series,
    an economy not asked for, a period that is not a year, or no value at all.
    """
    asked = set(economies)
    rows = []
    for record in records:
        if not isinstance(record, dict) or any(k not in record for k in WB_KEYS):
            raise UpdateError(
                f"{feed.series_id}: the World Bank answered with a record without "
                f"{', '.join(WB_KEYS)}: the API's shape has changed"
            )
        if record["series"] != feed.code:
            raise UpdateError(
                f"{feed.series_id}: the World Bank answered with series {record['series']!r}, "
                f"not {feed.code}: the indicator code has changed"
            )
        if record["economy"] not in asked:
            raise UpdateError(
                f"{feed.series_id}: the World Bank answered with economy {record['economy']!r}, "
                "which the query did not ask for: its code list has changed"
            )
        if not isinstance(record["time"], int):
            raise UpdateError(f"{feed.series_id}: the World Bank answered with period {record['time']!r}, not a year")
        if record["value"] is None or record["time"] < first_year:
            continue
        try:
            value = float(record["value"])
        except (TypeError, ValueError):
            raise UpdateError(
                f"{feed.series_id}: the World Bank answered with value {record['value']!r}, not a number"
            ) from None
        rows.append(_row(feed, unit, record["economy"], "-", record["time"], value / feed.scale, source_id))
    if not rows:
        raise UpdateError(
            f"{feed.series_id}: the World Bank answered with no value for {feed.code}: "
            "the series is empty or its code has changed"
        )
    return sorted(rows, key=observation_key)


def observation_key(row: dict) -> tuple:
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


def plan(feed: Feed, observations: Table, fetched: Sequence[dict], retrieved: date, threshold: float = 0.01) -> Plan:
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
        covered.add(observation_key(row))
        if row["source_id"] in rank:
            old = latest.get(observation_key(row))
            if old is None or rank[row["source_id"]] > rank[old["source_id"]]:
                latest[observation_key(row)] = row
    added, changed, ratios, elsewhere = [], [], [], 0
    for row in fetched:
        key = observation_key(row)
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
        raise UpdateError(
            f"{feed.series_id}: the new values are about {statistics.median(ratios):.3g} times the "
            "committed ones for the same years: the unit or scale of the answer has changed"
        )
    return Plan(feed, source_id_for(feed, retrieved), tuple(added), tuple(changed), elsewhere)


def span_text(years: Sequence[int]) -> str:
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
        years = f" (years {span_text(p.years)})" if p.added else ""
        lines.append(
            f"{p.feed.series_id}: {len(p.added)} row{'s' if len(p.added) != 1 else ''} to add as "
            f"{p.source_id}{years}; {len(p.changed)} committed value{'s' if len(p.changed) != 1 else ''} "
            f"changed by more than {threshold:.0%}; {p.elsewhere} already given by another source"
        )
        ordered = sorted(p.changed, key=lambda c: (-abs(c.relative), c.entity, c.counterpart, c.year))
        for c in ordered[:shown]:
            where = c.entity if c.counterpart == "-" else f"{c.entity}->{c.counterpart}"
            lines.append(
                f"  changed: {where} {c.year}: {format_value(c.old)} ({c.old_source}) -> "
                f"{format_value(c.new)} ({c.relative:+.1%})"
            )
        if len(ordered) > shown:
            lines.append(f"  ... and {len(ordered) - shown} more")
    total = sum(len(p.added) for p in plans)
    lines.append(
        f"In all: {total} row{'s' if total != 1 else ''} to add in {sum(1 for p in plans if p.added)} "
        "series; changed values are reported, never written (committed rows stay as they are)."
    )
    return "\n".join(lines)
