"""Consistency rules beyond the schema: plausible ranges, totals and parts, documented gaps, codes."""

import csv
from pathlib import Path

import pytest

from conftest import parse_line, set_cells
from helpers import data, datapackage, paths
from helpers.datapackage import descriptor


def find_line(path: Path, **wanted) -> int:
    """The line number (header = 1) of the first row whose cells equal ``wanted``."""
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if all(row[k] == v for k, v in wanted.items()):
                return number
    raise LookupError(wanted)


def only(problems, rule):
    found = [p for p in problems if p.rule == rule]
    assert len(found) == 1, problems
    return found[0]


def test_the_real_data_break_no_consistency_rule():
    assert datapackage.validate() == []


def test_a_negative_trade_value_is_out_of_range(data_copy):
    path = data_copy / "observations.csv"
    line = find_line(path, series_id="merchandise_exports", entity="RUS", counterpart="CHN", year="2010")
    set_cells(path, line, value="-5")
    problem = only(datapackage.validate(data_copy), "series-range")
    assert (Path(problem.file).name, problem.row, problem.field) == ("observations.csv", line, "value")
    assert "below the minimum 0" in problem.message and "RUS->CHN 2010" in problem.message
    with pytest.raises(datapackage.DataValidationError, match="series-range"):
        data.load(data_copy)


def test_a_world_total_below_its_parts_is_reported(data_copy):
    path = data_copy / "observations.csv"
    line = find_line(path, series_id="merchandise_imports", entity="KAZ", counterpart="WLD", year="2012")
    set_cells(path, line, value="1")
    problem = only(datapackage.validate(data_copy), "total-below-parts")
    assert (problem.row, problem.field) == (line, "value")
    assert "KAZ's merchandise_imports with the world in 2012" in problem.message


def test_a_missing_year_must_be_listed_in_gaps_csv(data_copy):
    path = data_copy / "observations.csv"
    line = find_line(path, series_id="gdp_growth", entity="KAZ", year="2015")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[line - 1]
    path.write_text("".join(lines), encoding="utf-8")
    problem = only(datapackage.validate(data_copy), "undocumented-gap")
    assert Path(problem.file).name == "gaps.csv"
    assert "'gdp_growth' KAZ->- has no figure for 2015" in problem.message
    # a row in gaps.csv documents the gap ...
    with open(data_copy / "gaps.csv", "a", encoding="utf-8") as handle:
        handle.write("gdp_growth,KAZ,-,2015,2015,removed for this test\n")
    assert datapackage.validate(data_copy) == []
    # ... and goes stale, and is reported, once the figure is back
    path.write_text(
        "".join(lines[: line - 1])
        + (paths.data_dir() / "observations.csv").read_text(encoding="utf-8").splitlines(keepends=True)[line - 1]
        + "".join(lines[line - 1 :]),
        encoding="utf-8",
    )
    stale = only(datapackage.validate(data_copy), "stale-gap")
    assert Path(stale.file).name == "gaps.csv" and "2015" in stale.message


def test_every_documented_gap_has_a_reason(evidence):
    assert evidence.gaps["reason"].str.len().min() > 10
    assert (evidence.gaps["last_year"] >= evidence.gaps["first_year"]).all()


@pytest.mark.parametrize(
    "file, key, column",
    [
        ("claims.csv", {"claim_id": "CAS-01"}, "countries"),
        ("events.csv", {"event_id": "eaeu-treaty-signed"}, "parties"),
    ],
)
def test_an_unknown_code_in_a_list_column_is_reported(data_copy, file, key, column):
    path = data_copy / file
    line = find_line(path, **key)
    set_cells(path, line, **{column: parse_line(path, line)[column] + " XYZ"})
    problem = only(datapackage.validate(data_copy), "unknown-code")
    assert (Path(problem.file).name, problem.row, problem.field) == (file, line, column)
    assert problem.message.startswith("XYZ not in")


def test_the_codebook_is_current():
    """data/README.md is generated; a stale one means someone edited data without regenerating."""
    from helpers.cli import codebook

    current = (paths.data_dir() / codebook.CODEBOOK).read_text(encoding="utf-8")
    assert current == codebook.render(), "data/README.md is out of date: run make codebook (or make run)"


def test_the_codebook_documents_every_field_and_series(evidence):
    from helpers.cli import codebook

    text = codebook.render(evidence)
    for res in descriptor.descriptor()["resources"]:
        assert f"### `{res['path']}`" in text
        for field in res["schema"]["fields"]:
            assert f"| `{field['name']}` |" in text, field["name"]
    for series_id in evidence.series_meta["series_id"]:
        assert f"### `{series_id}`" in text
