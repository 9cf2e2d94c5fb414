"""The fast certificate (``helpers.quick_check``) never vouches for data frictionless rejects.

``certify`` lets ``schema.validate`` skip frictionless. It must be *sound*: True only when
frictionless finds nothing. On the kinds of broken file the project already tests it must
also be exact (False exactly when frictionless reports a problem), or the fast path would
be useless. Frictionless costs about a second per run, so it runs here only where no other
test already pins its verdict: the broken files of ``tests/test_schema.py`` are checked there
through ``schema.validate``, which trusts the certificate, so a wrong "certified" would make
those tests miss the problem and fail. The property test edits the small copy of the data
(conftest), on which frictionless is quicker.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (FRICTIONLESS_EXAMPLES, copy_small_data, edit_csv, parse_line, set_cells,
                      small_observation_lines)
from hypothesis import given
from hypothesis import strategies as st

from helpers import quick_check, schema, validate

OBS = "observations.csv"
#: A data line of the small copy's observations.csv whose note is empty (the cases edit it).
LINE = next(number for number, line in enumerate(small_observation_lines(), start=1)
            if number > 1 and line.rstrip("\r\n").endswith(","))


def frictionless_problems(folder: Path) -> list[schema.Problem]:
    """Frictionless' own verdict on a data folder: schema problems only, no consistency rules."""
    return schema._frictionless_problems(folder)


# --- the real data ---------------------------------------------------------------------


def test_real_data_are_certified():
    assert quick_check.certify(schema.data_dir()) is True


def test_validating_the_real_data_does_not_import_frictionless():
    code = ("import sys; from helpers import schema; assert schema.validate() == []; "
            "assert 'frictionless' not in sys.modules, 'frictionless was imported'")
    env = {k: v for k, v in os.environ.items() if k != schema.DATA_DIR_ENV}
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=schema.REPO_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


# --- every kind of broken file the project tests: certified exactly when valid --------


def _shift_row(folder: Path) -> None:
    edit_csv(folder / OBS, LINE, lambda line: line.replace(",", ",,", 1))


def _drop_last_cell(folder: Path) -> None:
    assert parse_line(folder / OBS, LINE)["note"] == ""
    edit_csv(folder / OBS, LINE, lambda line: line[: line.rindex(",")])


def _duplicate_row(folder: Path) -> None:
    edit_csv(folder / OBS, LINE, lambda line: f"{line}\n{line}")


def _duplicate_key_spelled_differently(folder: Path) -> None:
    """The same key with the year written '+2010': frictionless compares integers, not text."""
    row = parse_line(folder / OBS, LINE)
    _duplicate_row(folder)
    set_cells(folder / OBS, LINE + 1, year="+" + row["year"], value="1")


def _insert_line(text: str):
    return lambda folder: edit_csv(folder / OBS, LINE, lambda line: f"{line}\n{text}")


def _byte_order_mark(folder: Path) -> None:
    path = folder / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _windows_line_endings(folder: Path) -> None:
    for path in sorted(folder.glob("*.csv")):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _cells(file: str, line: int, **values: str):
    return lambda folder: set_cells(folder / file, line, **values)


#: Cases whose frictionless verdict ``tests/test_schema.py`` (or test_bad_files.py) already asserts.
PINNED = "pinned by test_schema"

#: name -> (how to break a copy of data/, whether the result is still valid, whether frictionless
#: must be asked here: False where another test already pins its verdict on the same break)
CASES = {
    "shifted row (extra cell)": (_shift_row, False, PINNED),
    "missing cell": (_drop_last_cell, False, PINNED),
    "integer is not an integer": (_cells(OBS, LINE, year="abc"), False, PINNED),
    "number is not a number": (_cells(OBS, LINE, value="n/a"), False, "ask"),
    "empty required value": (_cells(OBS, LINE, source_id=""), False, PINNED),
    "duplicate primary key": (_duplicate_row, False, PINNED),
    "duplicate primary key, year written +YYYY": (_duplicate_key_spelled_differently, False, "ask"),
    "unknown source (foreign key)": (_cells(OBS, LINE, source_id="no-such-source"), False, PINNED),
    "unknown entity (foreign key)": (_cells(OBS, LINE, entity="XYZ"), False, PINNED),
    "unit differs from its series (composite foreign key)": (_cells(OBS, LINE, unit="US$ billion"), False, PINNED),
    "year below range": (_cells(OBS, LINE, year="1989"), False, PINNED),
    "year above range": (_cells(OBS, LINE, year="2031"), False, PINNED),
    "bad enum value": (_cells("claims.csv", 3, theme="economy"), False, PINNED),
    "quote over twenty words (pattern)": (_cells("claims.csv", 2, quote=" ".join(["word"] * 21)), False, PINNED),
    "renamed column": (lambda f: edit_csv(f / "sources.csv", 1, lambda line: line.replace(",publisher,",
                                                                                          ",publisher_name,")),
                       False, PINNED),
    "blank row": (_insert_line(",,,,,,,"), False, "ask"),
    "empty line": (_insert_line(""), False, "ask"),
    "byte-order mark": (_byte_order_mark, True, "ask"),
    "Windows line endings": (_windows_line_endings, True, "ask"),
    "bounds and twenty words are allowed": (lambda f: (_cells(OBS, LINE, year="1990")(f),
                                                       _cells("claims.csv", 3, quote=" ".join(["word"] * 20))(f)),
                                            True, "ask"),
}


@pytest.mark.parametrize(("edit", "valid", "frictionless"), CASES.values(), ids=CASES.keys())
def test_certified_exactly_when_frictionless_finds_nothing(tmp_path, edit, valid, frictionless):
    folder = copy_small_data(tmp_path / "data")
    edit(folder)
    assert quick_check.certify(folder) is valid
    if valid:
        assert frictionless_problems(folder) == []
        # the fast path (no frictionless at all) reports what the full path reports
        assert schema.validate(folder) == schema.validate(folder, full=True)
    elif frictionless != PINNED:
        full = schema.validate(folder, full=True)
        assert full, "the case does not break the data as intended"
        # frictionless on the uncertified files only reports exactly what a full run reports
        assert schema.validate(folder) == full


def test_only_the_broken_file_and_the_files_that_refer_to_it_are_left_to_frictionless(data_copy):
    assert quick_check.uncertified(data_copy) == set()
    set_cells(data_copy / "claims.csv", 3, theme="economy")
    assert quick_check.uncertified(data_copy) == {"claims"}  # nothing refers to claims
    edit_csv(data_copy / "sources.csv", 1, lambda line: line.replace(",publisher,", ",publisher_name,"))
    assert quick_check.uncertified(data_copy) == {"sources", "claims", "observations", "events"}
    desc = json.loads((data_copy / schema.DESCRIPTOR).read_text(encoding="utf-8"))
    desc["keywords"] = ["pivot"]  # a package feature the check does not know: everything is in doubt
    (data_copy / schema.DESCRIPTOR).write_text(json.dumps(desc), encoding="utf-8")
    assert quick_check.uncertified(data_copy) is None


def test_the_command_line_always_runs_frictionless(data_copy, monkeypatch, capsys):
    """``make validate`` is the reference check: even a (wrongly) certified folder gets frictionless."""
    set_cells(data_copy / "claims.csv", 3, theme="economy")
    monkeypatch.setattr(quick_check, "uncertified", lambda folder: set())
    assert schema.validate(data_copy) == []  # the fast path trusts the certificate ...
    assert validate.main([str(data_copy)]) == 1  # ... the command line does not
    assert "constraint-error (enum)" in capsys.readouterr().out


def test_unreadable_or_incomplete_folders_are_not_certified(data_copy, tmp_path):
    assert quick_check.certify(tmp_path) is False  # no datapackage.json: False, not an exception
    path = data_copy / "entities.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Vietnam", "Viêt Nam").encode("latin-1"))
    assert quick_check.certify(data_copy) is False
    path.unlink()
    assert quick_check.certify(data_copy) is False


# --- property: a random cell, a random text --------------------------------------------

def _rows(name: str) -> list[list[str]]:
    if name == OBS:
        return list(csv.reader(small_observation_lines()))
    with open(schema.data_dir() / name, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


#: The files the property edits, as parsed rows (each row is one line: no multi-line cells).
EDITED = (OBS, "sources.csv", "claims.csv")
ROWS = {name: _rows(name) for name in EDITED}
ALPHABET = "0123456789abcxyzABCXYZ+-.e ,"


@st.composite
def cell_edits(draw):
    """(file, line, column, text): the text is random, or the column's value on another row."""
    name = draw(st.sampled_from(EDITED))
    rows = ROWS[name]
    line = draw(st.integers(min_value=2, max_value=len(rows)))
    column = draw(st.integers(min_value=0, max_value=len(rows[0]) - 1))
    other = st.sampled_from([row[column] for row in rows[1:]])
    text = draw(st.one_of(st.text(alphabet=ALPHABET, max_size=6), other))
    return name, line, rows[0][column], text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """One small copy of data/ for all examples, and its files' bytes to restore before each."""
    folder = copy_small_data(tmp_path_factory.mktemp("property") / "data")
    return folder, {name: (folder / name).read_bytes() for name in EDITED}


@FRICTIONLESS_EXAMPLES
@given(edit=cell_edits())
def test_a_certified_edit_passes_frictionless(scratch, edit):
    scratch, original = scratch
    for name in EDITED:
        (scratch / name).write_bytes(original[name])
    name, line, column, text = edit
    set_cells(scratch / name, line, **{column: text})
    if quick_check.certify(scratch):
        assert frictionless_problems(scratch) == [], f"{name} line {line}, {column} = {text!r} was certified"


# --- descriptor features the certificate does not implement -----------------------------


def _resource(desc: dict, name: str) -> dict:
    return next(res for res in desc["resources"] if res["name"] == name)


def _field(desc: dict, resource: str, name: str) -> dict:
    return next(f for f in _resource(desc, resource)["schema"]["fields"] if f["name"] == name)


def _constrain(resource: str, name: str, **constraints):
    return lambda desc: _field(desc, resource, name).setdefault("constraints", {}).update(constraints)


#: name -> an edit of datapackage.json that uses a feature quick_check does not implement
UNSUPPORTED = {
    "unique constraint": _constrain("sources", "source_id", unique=True),
    "minLength constraint": _constrain("claims", "quote", minLength=1),
    "bound on a number field": _constrain("series", "minimum", minimum=0),
    "date type": lambda d: _field(d, "events", "date").update(type="date"),
    "string format": lambda d: _field(d, "sources", "url").update(format="uri"),
    "group character": lambda d: _field(d, "observations", "value").update(groupChar=","),
    "field missing values": lambda d: _field(d, "claims", "notes").update(missingValues=["", "-"]),
    "other missing values": lambda d: _resource(d, "gaps")["schema"].update(missingValues=["", "NA"]),
    "quote character": lambda d: _resource(d, "claims")["dialect"].update(quoteChar="'"),
    "no dialect": lambda d: _resource(d, "claims").pop("dialect"),
    "no declared encoding": lambda d: _resource(d, "entities").pop("encoding"),
    "remote path": lambda d: _resource(d, "entities").update(path="https://example.org/entities.csv"),
    "path outside the folder": lambda d: _resource(d, "entities").update(path="../data/entities.csv"),
    "schema in another file": lambda d: _resource(d, "entities").update(schema="entities.schema.json"),
    "declared hash": lambda d: _resource(d, "entities").update(hash="sha256:" + "0" * 64),
    "self-reference": lambda d: _resource(d, "entities")["schema"].update(
        foreignKeys=[{"fields": ["code"], "reference": {"resource": "", "fields": ["code"]}}]),
    "number field in a key": lambda d: _resource(d, "series")["schema"].update(primaryKey=["series_id", "minimum"]),
    "unknown package property": lambda d: d.update(keywords=["pivot"]),
}


@pytest.mark.parametrize("change", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_an_unsupported_descriptor_feature_is_not_certified(data_copy, change):
    path = data_copy / schema.DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")
    assert quick_check.certify(data_copy) is False


def test_a_rewritten_but_unchanged_descriptor_is_still_certified(data_copy):
    """The control for the test above: rewriting the descriptor alone changes nothing."""
    path = data_copy / schema.DESCRIPTOR
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
    assert quick_check.certify(data_copy) is True
