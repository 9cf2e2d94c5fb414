"""Files a student's editor may produce: a byte-order mark, another encoding, an empty file."""

from pathlib import Path

import pytest

from helpers import data, datapackage


# The copy carries the known plausibility flags (make validate lists them): expected here.
@pytest.mark.filterwarnings("ignore::helpers.datapackage.PlausibilityWarning")
def test_a_byte_order_mark_is_accepted_and_not_read_as_data(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert datapackage.validate(data_copy) == []
    assert data.load(data_copy).sources.columns[0] == "source_id"


def test_a_latin1_file_is_named_with_the_line_of_its_first_bad_byte(data_copy):
    path = data_copy / "entities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith("VNM,"))
    lines[target] = lines[target].replace("Vietnam", "Viêt Nam")
    path.write_bytes("".join(lines).encode("latin-1"))
    problems = datapackage.validate(data_copy)
    assert len(problems) == 1, problems  # not repeated for the files that refer to entities
    problem = problems[0]
    assert (Path(problem.file).name, problem.row, problem.rule) == ("entities.csv", target + 1, "encoding-error")
    assert "0xea" in problem.message and "UTF-8" in problem.message


def test_an_empty_file_is_named(data_copy):
    (data_copy / "events.csv").write_text("", encoding="utf-8")
    [problem] = datapackage.validate(data_copy)
    assert (Path(problem.file).name, problem.rule) == ("events.csv", "empty-file")
    with pytest.raises(datapackage.DataValidationError, match="events.csv: empty-file"):
        data.load(data_copy)


# The copy carries the known plausibility flags (make validate lists them): expected here.
@pytest.mark.filterwarnings("ignore::helpers.datapackage.PlausibilityWarning")
def test_a_file_changed_behind_the_descriptor_gets_a_warning_with_the_fix(data_copy):
    from helpers.cli import validate

    assert datapackage.changed_files(data_copy) == []
    path = data_copy / "claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Moscow has proposed", "Moscow proposed", 1), encoding="utf-8"
    )
    assert datapackage.changed_files(data_copy) == ["claims.csv"]
    with pytest.warns(datapackage.DataChangedWarning, match=r"claims.csv changed .* run: make record"):
        data.load(data_copy)
    assert validate.main(["--record", str(data_copy)]) == 0
    assert datapackage.changed_files(data_copy) == []


def test_the_committed_hashes_are_current():
    assert datapackage.changed_files() == [], "data/ changed without its recorded hashes: run make record"
