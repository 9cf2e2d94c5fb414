"""Plausibility rules beyond the schema: each bad cell gives one line (file, row, field, rule)
from both ``make validate`` and the loader, never a traceback."""

from pathlib import Path

import pytest

from conftest import copy_small_data, parse_line, set_cells
from helpers import data, datapackage
from helpers.cli import validate as validate_cli


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_small_data(tmp_path / "data")


def _row_of(path: Path, predicate) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if i and predicate(line))


def _one_line(folder: Path, capsys, rule: str, row: int | None, field: str | None, *, every_entry=True) -> str:
    """The problem named once by validation and, with ``every_entry``, by the command line and by the
    loader too (they share the validation: one case per rule checks them); returns its line."""
    problems = [p for p in datapackage.validate(folder) if p.rule == rule]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.row, problem.field) == (row, field), problem
    assert "\n" not in str(problem)
    if not every_entry:
        return str(problem)
    assert validate_cli.main([str(folder)]) == 1
    out = capsys.readouterr().out
    assert str(problem) in out.splitlines()
    with pytest.raises(datapackage.DataValidationError) as raised:
        data.load(folder)
    assert f"  {problem}" in str(raised.value).splitlines()
    return str(problem)


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "1e400", "-1e400", "NaN", "nan", "sNaN"])
def test_a_value_that_is_not_a_finite_number_is_refused(small, capsys, text):
    path = small / "observations.csv"
    set_cells(path, 2, value=text)
    line = _one_line(small, capsys, "finite-number", 2, "value", every_entry=text == "inf")
    assert repr(text) in line and "observations.csv" in line


def test_snan_in_an_integer_field_is_refused(small, capsys):
    path = small / "gaps.csv"
    set_cells(path, 2, first_year="sNaN")
    problems = datapackage.validate(small)
    assert any(
        p.rule in ("finite-number", "type-error") and p.row == 2 and p.field == "first_year" for p in problems
    ), problems
    with pytest.raises(datapackage.DataValidationError, match="gaps.csv, row 2, field 'first_year'"):
        data.load(small)


@pytest.mark.parametrize("date", ["2017-02-30", "2017-13", "2017-00", "2017-04-31", "2017-06-00"])
def test_an_event_date_that_is_not_on_the_calendar_is_refused(small, capsys, date):
    set_cells(small / "events.csv", 3, date=date)
    line = _one_line(small, capsys, "calendar-date", 3, "date", every_entry=date == "2017-02-30")
    assert repr(date) in line


def test_a_leap_day_is_a_calendar_date(small):
    set_cells(small / "events.csv", 3, date="2016-02-29")
    assert not [p for p in datapackage.validate(small) if p.rule == "calendar-date"]


def test_a_claim_id_with_a_trailing_line_break_is_refused(small, capsys):
    path = small / "claims.csv"
    claim = parse_line(path, 2)["claim_id"]
    set_cells(path, 2, claim_id=claim + "\n")
    line = _one_line(small, capsys, "constraint-error (pattern)", 2, "claim_id")
    assert "nothing trailing" in line


def test_a_quote_left_open_at_the_end_of_gaps_is_one_line(small, capsys):
    path = small / "gaps.csv"
    rows = len(path.read_text(encoding="utf-8").splitlines())
    cells = parse_line(path, rows)
    reason = cells.pop("reason").replace('"', "")
    set_cells(path, rows, reason="x")  # then rewrite the line by hand, its last quote missing
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[-1] = ",".join(cells.values()) + ',"' + reason + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    line = _one_line(small, capsys, "csv-syntax", rows, None)
    assert "closing quote" in line


def test_a_unit_slip_is_flagged_naming_the_edited_row(small, capsys, monkeypatch):
    from helpers.claims import coverage

    monkeypatch.setattr(coverage, "NEEDS", ())  # the small copy leaves out the trade series on purpose
    path = small / "observations.csv"
    series = datapackage.read_table("series", small).set_index("series_id")
    nonneg = set(series.index[series["minimum"].fillna(-1) >= 0])
    rows = datapackage.read_table("observations", small)
    before = set(datapackage.flags(small))
    # a row in the middle of a run of positive values: multiplied by 1000 (million for billion)
    candidates = rows[
        rows["series_id"].isin(nonneg)
        & (rows["value"] > 0)
        & rows["note"].isna()
        & rows["series_id"].map(series["maximum"]).isna()
    ]
    for index in candidates.index:
        key = rows.loc[index, ["series_id", "entity", "counterpart", "source_id"]]
        same = (rows[["series_id", "entity", "counterpart", "source_id"]] == key).all(axis=1)
        years = set(rows.loc[same, "year"])
        year = rows.loc[index, "year"]
        if {year - 1, year + 1} <= years:
            break
    row = index + 2
    value = rows.loc[index, "value"]
    set_cells(path, row, value=str(float(value) * 1000))
    flagged = sorted(set(datapackage.flags(small)) - before)
    assert [f.row for f in flagged] == [row, row + 1], flagged  # into the slip and out of it
    assert all(f.rule == "year-on-year-jump" and f.field == "value" for f in flagged)
    assert datapackage.validate(small) == []  # a flag, not an error
    assert validate_cli.main([str(small)]) == 0
    assert f"flag: {flagged[0]}" in capsys.readouterr().out.splitlines()
    with pytest.warns(datapackage.PlausibilityWarning, match=f"row {row}, field 'value': year-on-year-jump"):
        data.load(small)
    # explained in the note: no longer flagged
    set_cells(path, row, note="JUMP EXPLAINED: a test of the rule")
    assert set(datapackage.flags(small)) == before
