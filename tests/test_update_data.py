"""make update-data, offline: the clients' answers become rows, a vintage, a summary and an atomic write.

The fixtures have the documented shapes of the clients' output: a tidy IMTS frame (one row per
observation, a column per dimension, TIME_PERIOD and OBS_VALUE, as ``imfp.imf_get`` documents it
and ``sdmx.to_pandas(message).reset_index()`` gives it once its value column is named OBS_VALUE)
and ``wbgapi.data.fetch(..., numericTimeKeys=True)`` records. Their numbers are made up for the
tests and never reach ``data/``. The one live test is marked ``network`` and is not run by
``make test``.
"""

from __future__ import annotations

import hashlib
import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import data, datapackage, offline, paths
from helpers.cli import update_data as ud
from helpers.cli import update_feeds
from helpers.cli import update_plan as plan_
from helpers.cli import update_write as write_
from helpers.datapackage.descriptor import file_hash

DAY = date(2031, 1, 15)
EXPORTS, IMPORTS = update_feeds.IMF_FEEDS
GDP = update_feeds.WB_FEEDS[0]


def snapshot(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative path -> hash)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def imts(*rows) -> pd.DataFrame:
    """A tidy IMTS answer: (COUNTRY, INDICATOR, COUNTERPART_COUNTRY, TIME_PERIOD, OBS_VALUE) per row."""
    return pd.DataFrame(
        [
            {"COUNTRY": c, "INDICATOR": i, "COUNTERPART_COUNTRY": p, "FREQUENCY": "A", "TIME_PERIOD": t, "OBS_VALUE": v}
            for c, i, p, t, v in rows
        ]
    )


def obs(*rows) -> plan_.Table:
    header = ["series_id", "entity", "counterpart", "year", "value", "unit", "source_id", "note"]
    return plan_.Table(header, [dict(zip(header, [*r, ""], strict=True)) for r in rows])


@pytest.fixture(scope="module")
def tables() -> dict[str, plan_.Table]:
    return plan_.read_tables(paths.data_dir())


# -- tables ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(plan_.TABLES.values()))
def test_a_committed_table_is_written_back_byte_for_byte(name):
    text = (paths.data_dir() / name).read_text(encoding="utf-8")
    assert plan_.Table.parse(text).text() == text


# -- the IMF ----------------------------------------------------------------------------------------


def test_one_imts_query_per_reporter_with_both_flows_and_the_world_as_g001(tables):
    keys = dict(plan_.imf_keys(tables["observations"]))
    assert len(keys) == len({e for e, _ in plan_.pairs_of(EXPORTS, tables["observations"])})
    assert keys["TJK"] == "TJK.XG_FOB_USD+MG_CIF_USD.CHN+RUS+G001.A"
    assert all(k.startswith(f"{r}.XG_FOB_USD+MG_CIF_USD.") and k.endswith(".A") for r, k in keys.items())
    assert not any("WLD" in k for k in keys.values())


def test_an_imts_frame_becomes_rows_in_us_dollar_millions():
    frame = imts(
        ("RUS", "XG_FOB_USD", "CHN", "2021", 68_000_123_456.0),
        ("RUS", "XG_FOB_USD", "G001", "2021", 490_000_000_000.0),
        ("RUS", "XG_FOB_USD", "CHN", "2022", float("nan")),  # missing: left out
        ("RUS", "XG_FOB_USD", "CHN", "1999", 1.0e9),  # before the first year
        ("RUS", "MG_CIF_USD", "CHN", "2021", 5.0e10),  # the other flow
        ("CHN", "XG_FOB_USD", "G001", "2021", 6.0e10),
    )  # a pair not asked for this flow
    rows = plan_.imf_rows(frame, EXPORTS, [("RUS", "CHN"), ("RUS", "WLD"), ("CHN", "KAZ")], "US$ million", "imf-x")
    assert rows == [
        {
            "series_id": "merchandise_exports",
            "entity": "RUS",
            "counterpart": "CHN",
            "year": "2021",
            "value": "68000.123456",
            "unit": "US$ million",
            "source_id": "imf-x",
            "note": "",
        },
        {
            "series_id": "merchandise_exports",
            "entity": "RUS",
            "counterpart": "WLD",
            "year": "2021",
            "value": "490000",
            "unit": "US$ million",
            "source_id": "imf-x",
            "note": "",
        },
    ]


@pytest.mark.parametrize(
    "frame, message",
    [
        (
            imts(("RUS", "XG_FOB_USD", "CHN", "2021", 1e9)).drop(columns="COUNTERPART_COUNTRY"),
            "has no column COUNTERPART_COUNTRY: the dataflow's structure has changed",
        ),
        (pd.DataFrame(), "has no column COUNTRY, INDICATOR"),
        (imts(("RUS", "XG_FOB_USD", "CN", "2021", 1e9)), "COUNTERPART_COUNTRY codes the query did not ask for (CN)"),
        (imts(("RU", "XG_FOB_USD", "CHN", "2021", 1e9)), "COUNTRY codes the query did not ask for (RU)"),
        (imts(("RUS", "TXG_FOB_USD", "CHN", "2021", 1e9)), "holds no XG_FOB_USD observation"),
        (imts(("RUS", "XG_FOB_USD", "CHN", "2021", float("nan"))), "the series is empty or its code has changed"),
        (imts(("RUS", "XG_FOB_USD", "CHN", "2021-Q1", 1e9)), "period '2021-Q1', not a year"),
        (imts(("RUS", "XG_FOB_USD", "CHN", "2021", "n.a.")), "value 'n.a.'"),
        (imts(("RUS", "XG_FOB_USD", "CHN", "2021", 1e9)).assign(FREQUENCY="M"), "frequency 'M', not annual"),
    ],
)
def test_an_unexpected_imts_answer_is_one_line_naming_the_series(frame, message):
    with pytest.raises(plan_.UpdateError) as info:
        plan_.imf_rows(frame, EXPORTS, [("RUS", "CHN")], "US$ million", "imf-x")
    text = str(info.value)
    assert text.startswith("merchandise_exports: ") and message in text and "\n" not in text


# -- the World Bank --------------------------------------------------------------------------------


def wdi(economy, year, value, series="NY.GDP.MKTP.CD"):
    return {"value": value, "series": series, "economy": economy, "aggregate": False, "time": year}


def test_wdi_records_become_rows_with_no_counterpart():
    records = [wdi("RUS", 2024, 2.1e12), wdi("KAZ", 2024, None), wdi("RUS", 1998, 2.7e11)]
    assert plan_.wb_rows(records, GDP, ["KAZ", "RUS"], "US$", "wb-x") == [
        {
            "series_id": "gdp_current_usd",
            "entity": "RUS",
            "counterpart": "-",
            "year": "2024",
            "value": "2100000000000",
            "unit": "US$",
            "source_id": "wb-x",
            "note": "",
        }
    ]


@pytest.mark.parametrize(
    "records, message",
    [
        ([{"value": 1.0, "economy": "RUS", "time": 2024}], "a record without value, series, economy, time"),
        ([wdi("RUS", 2024, 1.0, series="NY.GDP.MKTP.KD")], "series 'NY.GDP.MKTP.KD', not NY.GDP.MKTP.CD"),
        ([wdi("RU", 2024, 1.0)], "economy 'RU', which the query did not ask for"),
        ([wdi("RUS", "YR2024", 1.0)], "period 'YR2024', not a year"),
        ([], "no value for NY.GDP.MKTP.CD"),
        ([wdi("RUS", 2024, None)], "the series is empty or its code has changed"),
    ],
)
def test_an_unexpected_wdi_answer_is_one_line_naming_the_series(records, message):
    with pytest.raises(plan_.UpdateError) as info:
        plan_.wb_rows(records, GDP, ["RUS"], "US$", "wb-x")
    assert str(info.value).startswith("gdp_current_usd: ") and message in str(info.value)


# -- the vintage ------------------------------------------------------------------------------------


def test_vintages_are_the_committed_one_then_later_ones_by_date():
    found = ["wb-wdi-gdp-2031-02-01", "other", "wb-wdi-gdp", "wb-wdi-gdp-2030-12-31", "wb-wdi-gdp-growth"]
    assert plan_.vintage_sources(GDP, found) == ["wb-wdi-gdp", "wb-wdi-gdp-2030-12-31", "wb-wdi-gdp-2031-02-01"]
    assert plan_.source_id_for(GDP, DAY) == "wb-wdi-gdp-2031-01-15"


def test_only_keys_without_a_figure_are_added_and_changes_are_measured_against_the_latest_vintage():
    committed = obs(
        ("gdp_current_usd", "RUS", "-", "2020", "100", "US$", "wb-wdi-gdp"),
        ("gdp_current_usd", "RUS", "-", "2021", "100", "US$", "wb-wdi-gdp"),
        ("gdp_current_usd", "RUS", "-", "2021", "200", "US$", "wb-wdi-gdp-2030-06-01"),
        ("gdp_current_usd", "RUS", "-", "2022", "100", "US$", "wb-wdi-gdp"),
        ("gdp_current_usd", "KAZ", "-", "2022", "50", "US$", "someone-else"),
        ("gdp_growth", "RUS", "-", "2023", "1", "percent", "wb-wdi-gdp-growth"),
    )
    fetched = plan_.wb_rows(
        [
            wdi("RUS", 2020, 100.5),
            wdi("RUS", 2021, 210),
            wdi("RUS", 2022, 100),
            wdi("KAZ", 2022, 55),
            wdi("RUS", 2023, 120),
        ],
        GDP,
        ["KAZ", "RUS"],
        "US$",
        plan_.source_id_for(GDP, DAY),
    )
    p = plan_.plan(GDP, committed, fetched, DAY)
    assert [(r["entity"], r["year"], r["source_id"]) for r in p.added] == [("RUS", "2023", "wb-wdi-gdp-2031-01-15")]
    assert p.changed == (plan_.Change("RUS", "-", 2021, 200.0, 210.0, "wb-wdi-gdp-2030-06-01"),)
    assert p.elsewhere == 1 and p.years == [2023]


def test_a_changed_scale_is_refused_rather_than_added():
    committed = obs(
        *[("merchandise_exports", "RUS", "CHN", str(y), "50000", "US$ million", "imf-dots") for y in (2019, 2020)]
    )
    frame = imts(*[("RUS", "XG_FOB_USD", "CHN", str(y), 50_000.0) for y in (2019, 2020, 2021)])  # millions now
    fetched = plan_.imf_rows(frame, EXPORTS, [("RUS", "CHN")], "US$ million", "imf-x")
    with pytest.raises(plan_.UpdateError, match=r"^merchandise_exports: the new values are about 1e-06 times"):
        plan_.plan(EXPORTS, committed, fetched, DAY)


# -- the summary ------------------------------------------------------------------------------------


def test_the_summary_gives_rows_added_changes_and_years_per_series():
    added = tuple(
        {"series_id": "gdp_current_usd", "entity": "RUS", "counterpart": "-", "year": str(y)}
        for y in (2023, 2024, 2026)
    )
    plans = [
        plan_.Plan(
            GDP,
            "wb-wdi-gdp-2031-01-15",
            added,
            (
                plan_.Change("KAZ", "-", 2020, 100, 98.5, "wb-wdi-gdp"),
                plan_.Change("RUS", "-", 2021, 200, 210, "wb-wdi-gdp"),
            ),
            4,
        ),
        plan_.Plan(EXPORTS, "imf-imts-exports-2031-01-15", (), (), 0),
    ]
    assert plan_.summary(plans, shown=1).splitlines() == [
        "gdp_current_usd: 3 rows to add as wb-wdi-gdp-2031-01-15 (years 2023-2024, 2026); 2 committed values "
        "changed by more than 1%; 4 already given by another source",
        "  changed: RUS 2021: 200 (wb-wdi-gdp) -> 210 (+5.0%)",
        "  ... and 1 more",
        "merchandise_exports: 0 rows to add as imf-imts-exports-2031-01-15; 0 committed values changed by more "
        "than 1%; 0 already given by another source",
        "In all: 3 rows to add in 1 series; changed values are reported, never written (committed rows stay as "
        "they are).",
    ]


# -- the new tables and the atomic write ------------------------------------------------------------


def exports_plan(tables, *cells) -> plan_.Plan:
    frame = imts(*[(e, "XG_FOB_USD", c, str(y), v) for e, c, y, v in cells])
    rows = plan_.imf_rows(
        frame,
        EXPORTS,
        plan_.pairs_of(EXPORTS, tables["observations"]),
        "US$ million",
        plan_.source_id_for(EXPORTS, DAY),
    )
    return plan_.plan(EXPORTS, tables["observations"], rows, DAY)


def write_plan(folder: Path, tables, p: plan_.Plan) -> dict[str, str]:
    sources = {p.source_id: write_.source_row(p, DAY, "test query", "a test", "https://example.org/q")}
    new = write_.updated_tables(tables, [p], sources, DAY)
    return write_.write_atomically(folder, {plan_.TABLES[name]: t.text() for name, t in new.items()})


def test_an_applied_vintage_adds_rows_and_a_source_keeps_committed_lines_and_fixes_gaps(data_copy, tables):
    before = {name: (data_copy / file).read_text(encoding="utf-8") for name, file in plan_.TABLES.items()}
    p = exports_plan(
        tables,
        ("CHN", "KAZ", 2021, 1.5e10),  # fills half of the gap row CHN->KAZ 2021-2022
        ("RUS", "VNM", 2022, 2.5e9),
    )  # leaves RUS->VNM 2021 missing inside the run
    assert [(r["entity"], r["counterpart"], r["year"]) for r in p.added] == [
        ("CHN", "KAZ", "2021"),
        ("RUS", "VNM", "2022"),
    ]
    hashes = write_plan(data_copy, tables, p)
    after = {name: (data_copy / file).read_text(encoding="utf-8") for name, file in plan_.TABLES.items()}
    assert set(before["observations"].splitlines()) <= set(after["observations"].splitlines())
    assert set(before["sources"].splitlines()) <= set(after["sources"].splitlines())
    added = set(after["observations"].splitlines()) - set(before["observations"].splitlines())
    assert added == {
        "merchandise_exports,CHN,KAZ,2021,15000,US$ million,imf-imts-exports-2031-01-15,",
        "merchandise_exports,RUS,VNM,2022,2500,US$ million,imf-imts-exports-2031-01-15,",
    }
    assert 'merchandise_exports,CHN,KAZ,2022,2022,"no official' in after["gaps"]
    assert (
        'merchandise_exports,RUS,VNM,2021,2021,"no figure in any source of the data; International Monetary '
        'Fund XG_FOB_USD has none either (retrieved 2031-01-15, imf-imts-exports-2031-01-15)"'
    ) in after["gaps"]
    assert "Update of 2031-01-15: 2 rows from imf-imts-exports-2031-01-15 (2021-2022)" in after["series"]
    ev = data.load(data_copy)  # valid, and the new source is a source like any other
    assert ev.value("merchandise_exports", "RUS", "VNM", 2022) == 2500
    assert ev.source("imf-imts-exports-2031-01-15")["publisher"] == "International Monetary Fund"
    assert datapackage.changed_files(data_copy) == []  # hashes recorded
    assert hashes == {f: file_hash(data_copy / f) for f in sorted(plan_.TABLES.values())}
    assert not list(data_copy.parent.glob(".update-data-*"))


def test_the_same_vintage_twice_is_refused(data_copy, tables):
    p = exports_plan(tables, ("RUS", "VNM", 2021, 2.5e9))
    write_plan(data_copy, tables, p)
    again = plan_.read_tables(data_copy)
    with pytest.raises(plan_.UpdateError, match="imf-imts-exports-2031-01-15 already in sources.csv"):
        write_.updated_tables(again, [p], {}, DAY)


def failing_validation(folder, full=False):
    return [datapackage.Problem("data/observations.csv", 7, "value", "series-range", "made to fail")]


def failing_replace(real):
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # data/ already moved aside, the copy not yet in place
            raise OSError("disk gone")
        return real(src, dst)

    return replace


@pytest.mark.parametrize("breakage", ["invalid", "write", "swap", "interrupt"])
def test_a_failure_midway_leaves_data_byte_identical(data_copy, tables, monkeypatch, breakage):
    before = snapshot(data_copy)
    p = exports_plan(tables, ("RUS", "VNM", 2021, 2.5e9))
    sources = {p.source_id: write_.source_row(p, DAY, "q", "a test", "https://example.org/q")}
    texts = {plan_.TABLES[n]: t.text() for n, t in write_.updated_tables(tables, [p], sources, DAY).items()}
    if breakage == "invalid":
        monkeypatch.setattr(write_, "validate_package", failing_validation)
        expected = plan_.UpdateError
    elif breakage == "write":
        texts["no-such-folder/x.csv"] = "x\n"  # fails after the first files are written to the copy
        expected = FileNotFoundError
    elif breakage == "swap":
        monkeypatch.setattr(write_.os, "replace", failing_replace(os.replace))
        expected = OSError
    else:

        def interrupt(folder):
            raise KeyboardInterrupt

        monkeypatch.setattr(write_, "record_hashes", interrupt)
        expected = KeyboardInterrupt
    with pytest.raises(expected):
        write_.write_atomically(data_copy, texts)
    assert snapshot(data_copy) == before
    assert not list(data_copy.parent.glob(".update-data-*"))


def test_an_invalid_result_is_named_in_one_line(data_copy, monkeypatch):
    monkeypatch.setattr(write_, "validate_package", failing_validation)
    with pytest.raises(plan_.UpdateError) as info:
        write_.write_atomically(data_copy, {})
    assert str(info.value) == (
        "the updated data would not be valid, so nothing was written: "
        "data/observations.csv, row 7, field 'value': series-range: made to fail"
    )


def test_the_command_prints_the_summary_first_and_writes_only_with_apply(data_copy, monkeypatch, capsys):
    monkeypatch.setattr(ud, "check_online", lambda hosts, timeout: None)

    def fetch_imf(observations, units, options):
        committed = next(
            float(r["value"])
            for r in observations.rows
            if (r["series_id"], r["entity"], r["counterpart"], r["year"])
            == ("merchandise_imports", "RUS", "VNM", "2020")
        )
        frame = imts(
            ("RUS", "XG_FOB_USD", "VNM", "2021", 2.5e9), ("RUS", "MG_CIF_USD", "VNM", "2020", committed * 1e6 * 1.1)
        )  # a 10% revision
        return {
            f.series_id: plan_.imf_rows(
                frame, f, plan_.pairs_of(f, observations), units[f.series_id], plan_.source_id_for(f, options.retrieved)
            )
            for f in update_feeds.IMF_FEEDS
        }, "imf query"

    def fetch_wb(feed, observations, unit, options):
        economy = plan_.pairs_of(feed, observations)[0][0]
        return plan_.wb_rows(
            [wdi(economy, 2000, None, feed.code), wdi(economy, 2030, 1.0, feed.code)],
            feed,
            [economy],
            unit,
            plan_.source_id_for(feed, options.retrieved),
        ), "wb query"

    monkeypatch.setattr(ud, "fetch_imf", fetch_imf)
    monkeypatch.setattr(ud, "fetch_wb", fetch_wb)
    before = snapshot(data_copy)
    options = plan_.Options(retrieved=DAY)
    assert ud.run(data_copy, apply=False, options=options) == 0
    dry = capsys.readouterr().out.splitlines()
    assert snapshot(data_copy) == before
    assert dry[0].startswith("merchandise_exports: 1 row to add as imf-imts-exports-2031-01-15 (years 2021); ")
    assert dry[1].startswith("merchandise_imports: 0 rows to add as imf-imts-imports-2031-01-15; 1 committed value")
    assert dry[2].startswith("  changed: RUS->VNM 2020: ") and dry[2].endswith(
        " (imf-dots) -> " + dry[2].split(" -> ")[1]
    )
    assert dry[2].endswith("(+10.0%)")
    assert dry[-1] == "Nothing written (a dry run). To add these rows: make update-data APPLY=1"
    assert ud.run(data_copy, apply=True, options=options) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:-2] == dry[:-1]
    assert (
        out[-1]
        == "Review with: git diff data/   Undo with: git checkout data/   Then recompute every verdict: make run"
    )
    sources = (data_copy / "sources.csv").read_text(encoding="utf-8")
    assert sources.count(",2031-01-15") == 0 and sources.count("-2031-01-15,") == 6
    assert (
        data.load(data_copy).value(
            "military_expenditure_gdp",
            plan_.pairs_of(update_feeds.WB_FEEDS[4], plan_.read_tables(data_copy)["observations"])[0][0],
            "-",
            2030,
        )
        == 1.0
    )


# -- faults and the offline path -------------------------------------------------------------------


class HTTPError(Exception):
    def __init__(self, status):
        super().__init__(f"{status} Client Error")
        self.response = type("Response", (), {"status_code": status})()


def flaky(*failures, result="ok"):
    left = list(failures)

    def call():
        if left:
            raise left.pop(0)
        return result

    return call


def test_network_errors_and_server_errors_are_retried_with_a_doubling_wait():
    waits = []
    options = plan_.Options(retrieved=DAY, tries=4, backoff=0.5)
    call = flaky(TimeoutError("timed out"), HTTPError(503), HTTPError(429))
    assert ud.with_retries(call, "gdp_current_usd (WDI NY.GDP.MKTP.CD)", options, sleep=waits.append) == "ok"
    assert waits == [0.5, 1.0, 2.0]


def test_a_client_error_is_not_retried_and_names_the_series():
    waits = []
    with pytest.raises(plan_.UpdateError) as info:
        ud.with_retries(
            flaky(HTTPError(404)), "merchandise_exports (IMTS X)", plan_.Options(retrieved=DAY), sleep=waits.append
        )
    assert waits == []
    assert str(info.value) == "merchandise_exports (IMTS X): the API answered with an error: 404 Client Error"


def test_the_last_failure_says_how_many_tries():
    with pytest.raises(
        plan_.UpdateError,
        match=r"^gdp_growth: the API answered with an error after 3 tries: "
        r"connection reset$",
    ):
        ud.with_retries(
            flaky(*[ConnectionResetError("connection\nreset")] * 3),
            "gdp_growth",
            plan_.Options(retrieved=DAY, tries=3),
            sleep=lambda s: None,
        )


def test_the_offline_guard_is_reported_as_offline():
    with pytest.raises(plan_.Offline, match="refused by the offline guard"):
        ud.with_retries(flaky(offline.NetworkDisabled("x")), "gdp_growth", plan_.Options(retrieved=DAY))


def test_offline_the_command_says_so_in_one_line_and_changes_nothing(data_copy):
    before = snapshot(data_copy)
    env = {**os.environ, offline.ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "helpers.cli.update_data", "--apply", "--data", str(data_copy)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "update-data: no network: cannot reach api.imf.org (PIVOT_CHECK_OFFLINE=1 refuses "
        "connections); nothing was downloaded and data/ is unchanged\n"
    )
    assert snapshot(data_copy) == before


# -- properties -------------------------------------------------------------------------------------


@given(st.floats(min_value=0, max_value=1e14, allow_nan=False))
def test_a_formatted_value_reads_back_as_the_same_number(value):
    text = plan_.format_value(value)
    assert "e" not in text and not text.endswith(".0")
    assert math.isclose(float(text), value, rel_tol=1e-14, abs_tol=1e-300)


@given(st.lists(st.integers(1990, 2030)), st.lists(st.integers(1990, 2030)))
def test_inserted_rows_keep_the_order_of_the_rows_already_there(old, new):
    rows = [{"y": y, "old": True} for y in sorted(old)]
    out = write_.insert_sorted(rows, [{"y": y, "old": False} for y in new], key=lambda r: (r["y"],))
    assert [r for r in out if r["old"]] == rows
    assert [r["y"] for r in out] == sorted(old + new)


@given(st.sets(st.integers(1990, 2030)))
def test_runs_cover_exactly_the_years_given(years):
    spans = plan_.runs(years)
    assert {y for a, b in spans for y in range(a, b + 1)} == years
    assert all(b + 1 < c for (_, b), (c, _) in zip(spans, spans[1:]))


# -- live ------------------------------------------------------------------------------------------


@pytest.mark.network
def test_live_the_publishers_answer_in_the_expected_shape(tmp_path):
    """Online only (pytest -m network tests/test_update_data.py): a real dry run on a copy of data/."""
    if os.environ.get(offline.ENV) == "1":
        pytest.skip("offline run (PIVOT_CHECK_OFFLINE=1)")
    try:
        ud.check_online(plan_.Options().hosts)
    except plan_.Offline as error:
        pytest.skip(str(error))
    from conftest import copy_data

    folder = copy_data(tmp_path / "data")
    before = snapshot(folder)
    assert ud.run(folder, apply=False, options=plan_.Options()) == 0
    assert snapshot(folder) == before
