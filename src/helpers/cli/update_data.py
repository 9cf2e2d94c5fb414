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
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..paths import data_dir, display_path
from .update_feeds import IMF_DATAFLOW, IMF_FEEDS, WB_FEEDS, Feed
from .update_plan import (
    TABLES,
    Offline,
    Options,
    Table,
    UpdateError,
    imf_keys,
    imf_rows,
    pairs_of,
    plan,
    read_tables,
    source_id_for,
    summary,
    wb_rows,
)
from .update_write import source_row, updated_tables, write_atomically

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
            raise Offline(
                f"no network: cannot reach {host} ({_reason(error)}); nothing was downloaded and data/ is unchanged"
            ) from None


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
            retry = (
                (status in (429,) or (isinstance(status, int) and status >= 500))
                if status
                else isinstance(error, OSError)
            )
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
    for _reporter, key in _progress(keys, "IMF IMTS"):
        names = "/".join(f.series_id for f in IMF_FEEDS)
        message = with_retries(
            lambda key=key: client.data(IMF_DATAFLOW, key=key, params={"startPeriod": str(options.first_year)}),
            f"{names} ({IMF_DATAFLOW} {key})",
            options,
        )
        data = sdmx.to_pandas(message)
        for part in data if isinstance(data, list) else [data]:
            frames.append(part.rename("OBS_VALUE").reset_index() if hasattr(part, "reset_index") else part)
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    rows = {
        feed.series_id: imf_rows(
            frame,
            feed,
            pairs_of(feed, observations),
            units[feed.series_id],
            source_id_for(feed, options.retrieved),
            options.first_year,
        )
        for feed in IMF_FEEDS
    }
    query = (
        f"sdmx1 {sdmx.__version__} Client('{options.imf_source}').data('{IMF_DATAFLOW}', key=..., "
        f"startPeriod={options.first_year}), one key per reporter: " + "; ".join(k for _, k in keys)
    )
    return rows, query


def fetch_wb(feed: Feed, observations: Table, unit: str, options: Options) -> tuple[list[dict], str]:
    """WDI rows for one series, and the query text for its source row."""
    import wbgapi

    economies = sorted({e for e, _ in pairs_of(feed, observations)})
    years = range(options.first_year, options.retrieved.year + 1)
    saved = wbgapi.get_options
    wbgapi.get_options = {**saved, "timeout": options.timeout}  # the client's documented way to pass it
    try:
        records = with_retries(
            lambda: list(wbgapi.data.fetch(feed.code, economies, years, skipBlanks=True, numericTimeKeys=True)),
            f"{feed.series_id} (WDI {feed.code})",
            options,
        )
    finally:
        wbgapi.get_options = saved
    query = (
        f"wbgapi.data.fetch('{feed.code}', [{', '.join(economies)}], "
        f"range({years.start}, {years.stop}), skipBlanks=True)"
    )
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
        sources[feed] = (
            query,
            "World Bank API v2 through the wbgapi client",
            f"https://api.worldbank.org/v2/sources/2/series/{feed.code}",
        )
    plans = [
        plan(feed, tables["observations"], rows, options.retrieved, options.threshold) for feed, rows in fetched.items()
    ]
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
    print(
        f"Wrote {', '.join(hashes)} in {display_path(folder)}/ (validated; hashes recorded in datapackage.json: "
        + ", ".join(f"{n} {h[:12]}" for n, h in hashes.items())
        + ").",
        file=out,
    )
    print(
        "Review with: git diff data/   Undo with: git checkout data/   Then recompute every verdict: make run", file=out
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.cli.update_data",
        description="Fetch the latest IMF (IMTS) and World Bank (WDI) figures for "
        "the series in data/; print a summary; write only with --apply.",
    )
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
