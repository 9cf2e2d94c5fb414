"""The benchmark's own pieces (``make bench`` itself is too slow to run as a test)."""

from __future__ import annotations

import csv

from helpers import data, datapackage
from helpers.cli import bench


def test_a_scaled_copy_has_k_times_the_rows_and_is_still_valid(tmp_path):
    folder = bench._scaled_copy(tmp_path, 2)
    with open(folder / "observations.csv", encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    assert rows == 2 * len(data.load().observations)
    assert datapackage.validate(folder) == []


def test_the_table_shows_every_measure_against_its_target():
    phases = {
        "kernel and cell round trips": 1.0,
        "first cell: imports and data.load()": 1.0,
        "charts": 0.5,
        "analysis and tables": 0.5,
    }
    report = {
        "floor_s": 14.0,
        "floor_per_notebook_s": 2.0,
        "floor_import_cell_s": 0.9,
        "collection_s": 21.0,
        "ratio": 1.5,
        "notebooks": {"00_overview.ipynb": {"seconds": 3.0, "above_floor_s": 1.0, "phases": phases, "size_kb": 120.0}},
        "import_helpers_s": 0.5,
        "load_cold_s": 0.2,
        "full_frictionless_validation_s": 2.0,
        "load_remembered_s": 0.6,
        "scale": {1: {"rows": 10, "validate_s": 0.9}, 2: {"rows": 20, "validate_s": 1.8}},
        "scale_growth_per_row": {1: 1.0, 2: 1.0},
        "site_kb": None,
        "make_run_s": 22.0,
        "make_test_s": 59.0,
        "robustness": {"seconds": 1.5, "rows": 300, "claims": 13},
    }
    text = bench.table(report)
    assert "ratio collection / floor" in text and "1.50 x" in text and "<= 1.3" in text
    assert "+1.00 s above a floor notebook" in text
    assert "load all data, cold, as recorded (after the import)" in text and "<= 0.3" in text
    assert "full validation, x2 observations (20 rows)" in text and "1.00 x the x1 time per row" in text
    assert "make run, venv in place" in text and "22.00 s" in text and "<= 25" in text
    assert "size of build/site" in text and "n/a" in text
    assert "make test, venv in place" in text and "< 60" in text
    assert "every specification of 13 claims, both views (300 verdicts)" in text and "< 10" in text


def test_the_validation_probe_refuses_to_time_invalid_data(data_copy):
    import pytest

    path = data_copy / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:5] + [lines[5].replace(",", ",,", 1)] + lines[6:]), encoding="utf-8")
    with pytest.raises(SystemExit, match="is not valid; run make validate"):
        bench._full_validation_seconds(data_copy, 1)
