"""Data validation: the real data are valid, and each kind of bad input is located exactly.

Every bad-input test breaks a private copy of ``data/`` (see ``conftest.py``) and checks
the Problem it gets: the file, the row (the CSV line number, header = row 1), the field and
the rule. Frictionless reads every broken copy row by row, so the copies here are the small
version of the data (conftest: observations.csv without its two largest series, still valid),
each is validated once, and fixtures shared by several tests are module-scoped.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_small_data, edit_csv, parse_line, read_line, set_cells, small_observation_lines
from helpers import data, datapackage, paths
from helpers.cli import validate
from helpers.datapackage import Problem

OBS = "observations.csv"
#: A data line of the small observations.csv: a US$ million figure with an empty note.
LINE = next(
    number
    for number, row in enumerate(csv.DictReader(small_observation_lines()), start=2)
    if row["unit"] == "US$ million" and row["note"] == ""
)


def check(problem: Problem, file: str, row: int | None, field: str | None, rule: str) -> None:
    """Assert that ``problem`` names this file, row, field and rule, and no machine path."""
    assert Path(problem.file).name == file, problem
    assert not Path(problem.file).is_absolute(), f"a machine path leaks into the report: {problem}"
    assert problem.row == row, problem
    assert problem.field == field, problem
    assert problem.rule == rule, problem
    assert problem.message.strip(), problem
    line = str(problem)
    assert line.startswith(problem.file) and f": {rule}: " in line and "\n" not in line
    if row is not None:
        assert f", row {row}" in line
    if field is not None:
        assert f", field '{field}'" in line


def single(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "expected exactly one problem, got:\n" + "\n".join(map(str, problems))
    return problems[0]


def broken_copy(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    return copy_small_data(tmp_path_factory.mktemp(name) / "data")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Here, a private copy of the small data (it replaces conftest's full copy in this module)."""
    return copy_small_data(tmp_path / "data")


# --- the real data ---------------------------------------------------------------------


def test_real_data_are_valid():
    assert datapackage.validate() == []


def test_descriptor_lists_the_seven_csv_files():
    assert datapackage.resource_names() == [
        "sources",
        "entities",
        "claims",
        "series",
        "observations",
        "gaps",
        "events",
        "rule_changes",
    ]
    for name in datapackage.resource_names():
        assert (paths.data_dir() / datapackage.resource(name)["path"]).is_file()
    with pytest.raises(KeyError, match="resources are: sources, entities"):
        datapackage.resource("nope")


# --- a shifted row: one stray comma --------------------------------------------------


@pytest.fixture(scope="module")
def shifted(tmp_path_factory):
    """A copy whose observations.csv line LINE has a stray comma after its first cell."""
    folder = broken_copy(tmp_path_factory, "shifted")
    path = folder / OBS
    before = read_line(path, LINE)
    after = edit_csv(path, LINE, lambda line: line.replace(",", ",,", 1))
    assert after.count(",") == before.count(",") + 1
    return folder, datapackage.validate(folder)


def test_shifted_row_is_an_extra_cell_on_its_line(shifted):
    _, problems = shifted
    extra = [p for p in problems if p.rule == "extra-cell"]
    check(single(extra), OBS, LINE, "column 9 (after note)", "extra-cell")
    assert problems[0].rule == "extra-cell"  # the cause is listed before its consequences
    assert "more values than the 8 columns" in extra[0].message
    # The shift also breaks types and keys, but every problem is on that one line.
    assert {(Path(p.file).name, p.row) for p in problems} == {(OBS, LINE)}


def test_validate_command_names_file_and_row(shifted, capsys):
    folder, problems = shifted
    assert validate.main([str(folder)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines == [str(p) for p in problems]
    assert any(line.startswith(f"{OBS}, row {LINE}") and "extra-cell" in line for line in lines)
    assert f"{len(problems)} problems found" in err


def test_load_refuses_invalid_data_with_the_same_lines(shifted):
    folder, problems = shifted
    with pytest.raises(datapackage.DataValidationError) as caught:
        data.load(folder)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.problems == problems  # == datapackage.validate(folder)
    message = str(error)
    for problem in problems:
        assert f"  {problem}\n" in message
    assert f"({len(problems)} problems)" in message
    assert "make validate" in message


def test_validate_command_usage_errors(capsys):
    assert validate.main(["-h"]) == 2
    assert validate.main(["a", "b"]) == 2
    assert "usage" in capsys.readouterr().err


# --- one broken cell at a time -------------------------------------------------------


def test_missing_cell(data_copy):
    path = data_copy / OBS
    assert parse_line(path, LINE)["note"] == ""  # so removing the last comma only drops a cell
    edit_csv(path, LINE, lambda line: line[: line.rindex(",")] + line[line.rindex(",") + 1 :])
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE, "note", "missing-cell")
    assert "fewer values than the 8 columns" in problem.message


@pytest.fixture(scope="module")
def wrong_types(tmp_path_factory):
    """Year 'abc' on line LINE and value 'n/a' on line LINE + 1 of observations.csv."""
    folder = broken_copy(tmp_path_factory, "types")
    set_cells(folder / OBS, LINE, year="abc")
    set_cells(folder / OBS, LINE + 1, value="n/a")
    return datapackage.validate(folder)


def test_wrong_type_names_the_field(wrong_types):
    assert len(wrong_types) == 2, wrong_types
    year, value = wrong_types
    check(year, OBS, LINE, "year", "type-error")
    check(value, OBS, LINE + 1, "value", "type-error")
    assert "'abc'" in year.message and "integer" in year.message
    assert "'n/a'" in value.message and "number" in value.message


def test_wrong_type_message_reads_plainly(wrong_types):
    for problem in wrong_types:
        assert "type type" not in problem.message, problem
        assert "/default" not in problem.message, problem


def test_empty_required_value(data_copy):
    set_cells(data_copy / OBS, LINE, source_id="")
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE, "source_id", "constraint-error (required)")
    assert "required" in problem.message


def test_duplicate_primary_key(data_copy):
    edit_csv(data_copy / OBS, LINE, lambda line: f"{line}\n{line}")
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE + 1, "series_id + entity + counterpart + year + source_id", "primary-key")
    assert str(LINE) in problem.message  # names the row it repeats


def test_unknown_source(data_copy):
    set_cells(data_copy / OBS, LINE, source_id="no-such-source")
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE, "source_id", "foreign-key")
    assert "no-such-source" in problem.message and "sources" in problem.message


def test_unknown_entity(data_copy):
    set_cells(data_copy / OBS, LINE, entity="XYZ")
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE, "entity", "foreign-key")
    assert "XYZ" in problem.message and "entities" in problem.message


def test_unit_differs_from_the_series_unit(data_copy):
    row = parse_line(data_copy / OBS, LINE)
    assert row["unit"] == "US$ million"
    set_cells(data_copy / OBS, LINE, unit="US$ billion")
    problem = single(datapackage.validate(data_copy))
    check(problem, OBS, LINE, "series_id + unit", "foreign-key")
    assert f"{row['series_id']}, US$ billion" in problem.message


def test_year_outside_range(data_copy):
    path = data_copy / OBS
    set_cells(path, LINE, year="1989")
    set_cells(path, LINE + 1, year="2031")
    set_cells(path, LINE + 2, year="1990")  # the bounds themselves are allowed
    set_cells(path, LINE + 3, year="2030")
    low, high = datapackage.validate(data_copy)
    check(low, OBS, LINE, "year", "constraint-error (minimum)")
    check(high, OBS, LINE + 1, "year", "constraint-error (maximum)")
    assert "'1989'" in low.message and "1990" in low.message
    assert "'2031'" in high.message and "2030" in high.message


def test_bad_enum_values(data_copy):
    set_cells(data_copy / "claims.csv", 3, theme="economy")
    set_cells(data_copy / "events.csv", 4, status="rumoured")
    theme, status = datapackage.validate(data_copy)
    check(theme, "claims.csv", 3, "theme", "constraint-error (enum)")
    check(status, "events.csv", 4, "status", "constraint-error (enum)")
    assert "'economy'" in theme.message and "russia_china" in theme.message
    assert "'rumoured'" in status.message and "in force" in status.message


def test_quote_over_twenty_words(data_copy):
    path = data_copy / "claims.csv"
    set_cells(path, 2, quote=" ".join(["word"] * 21))
    set_cells(path, 3, quote=" ".join(["word"] * 20))  # twenty is allowed
    problem = single(datapackage.validate(data_copy))
    check(problem, "claims.csv", 2, "quote", "constraint-error (pattern)")


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    problem = single(datapackage.validate(data_copy))
    check(problem, "events.csv", None, None, "missing-file")
    assert "'events'" in problem.message and "datapackage.json" in problem.message
    with pytest.raises(datapackage.DataValidationError) as caught:  # no frictionless call needed
        data.load(data_copy)
    assert caught.value.problems == [problem]
    assert str(problem) in str(caught.value) and "make validate" in str(caught.value)


def test_renamed_column_header(data_copy):
    edit_csv(data_copy / "sources.csv", 1, lambda line: line.replace(",publisher,", ",publisher_name,"))
    problems = datapackage.validate(data_copy)
    assert problems, "a renamed header must be reported"
    assert {Path(p.file).name for p in problems} == {"sources.csv"}
    label = [p for p in problems if "publisher_name" in p.message]
    assert label, problems
    assert label[0].row in (None, 1) and label[0].field == "publisher"  # frictionless: incorrect-label


# The copy carries the known plausibility flags (make validate lists them): expected here.
@pytest.mark.filterwarnings("ignore::helpers.datapackage.PlausibilityWarning")
def test_windows_line_endings_are_valid(data_copy, tmp_path):
    plain = copy_small_data(tmp_path / "plain")
    for path in sorted(data_copy.glob("*.csv")):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert (data_copy / OBS).read_bytes().count(b"\r\n") == (plain / OBS).read_bytes().count(b"\n")
    assert datapackage.validate(data_copy) == []
    # ... and load the same tables as the files with Unix endings (no stray '\r' in the last column).
    copy, real = data.load(data_copy), data.load(plain)
    for name in ("claims", "sources", "entities", "series_meta", "observations", "events", "gaps"):
        pd.testing.assert_frame_equal(getattr(copy, name), getattr(real, name))


def test_row_is_the_spreadsheet_row_after_a_multiline_cell(data_copy):
    """Rows are numbered as a spreadsheet shows them (header = row 1), even when a quoted
    cell spans two lines of the file: the claim on line 6 of the file is row 5."""
    path = data_copy / "claims.csv"
    set_cells(path, 3, notes="first line of a note\nsecond line of the same note")  # legal CSV
    assert read_line(path, 4) == 'second line of the same note"'
    set_cells(path, 6, theme="economy")  # the claim that was on line 5 is now on line 6
    problem = single(datapackage.validate(data_copy))
    assert (problem.file, problem.field, problem.rule) == ("claims.csv", "theme", "constraint-error (enum)")
    assert problem.row == 5, str(problem)
