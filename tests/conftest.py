"""Shared fixtures and helpers for the data tests.

``evidence`` is the real dataset, loaded (and validated) once per session. ``data_copy``
is a private copy of ``data/`` that a test may break without touching the real files;
:func:`edit_csv` and :func:`set_cells` rewrite one line of a CSV in such a copy.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import data, schema


def copy_data(target: Path) -> Path:
    """Copy the data folder (``schema.data_dir()``) to ``target`` and return ``target``."""
    shutil.copytree(schema.data_dir(), target)
    return target


@pytest.fixture(scope="session")
def evidence() -> data.Evidence:
    """The real dataset, validated, loaded once for the whole session (treat as read-only)."""
    return data.load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ``data/`` at ``tmp_path/"data"``, free to be broken."""
    return copy_data(tmp_path / "data")


def _read_lines(path: Path) -> list[str]:
    # newline="" keeps each line's own ending (\n or \r\n) untouched.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.readlines()


def read_line(path: Path, line_number: int) -> str:
    """Line ``line_number`` (1 = header) of a text file, without its line ending."""
    return _read_lines(path)[line_number - 1].rstrip("\r\n")


def edit_csv(path: Path, line_number: int, transform: Callable[[str], str]) -> str:
    """Replace line ``line_number`` (1 = the header) of ``path`` with ``transform(line)``.

    ``transform`` receives the line without its ending and returns the new text; the
    original line ending is put back. Return '\\n'-joined text to turn one line into
    several (e.g. to duplicate a row). Returns the new text of the line.
    """
    lines = _read_lines(path)
    if not 1 <= line_number <= len(lines):
        raise IndexError(f"{path.name} has {len(lines)} lines, not {line_number}")
    old = lines[line_number - 1]
    ending = old[len(old.rstrip("\r\n")):] or "\n"
    new = transform(old.rstrip("\r\n"))
    lines[line_number - 1] = new.replace("\n", ending) + ending
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.writelines(lines)
    return new


def parse_line(path: Path, line_number: int) -> dict[str, str]:
    """One CSV line as ``{column: value}``, using the file's header."""
    header = next(csv.reader([read_line(path, 1)]))
    row = next(csv.reader([read_line(path, line_number)]))
    return dict(zip(header, row, strict=True))


def set_cells(path: Path, line_number: int, **values: str) -> str:
    """Set some cells of line ``line_number`` by column name (CSV quoting handled)."""
    header = next(csv.reader([read_line(path, 1)]))
    unknown = set(values) - set(header)
    if unknown:
        raise KeyError(f"{path.name} has no column {sorted(unknown)}")

    def transform(line: str) -> str:
        row = next(csv.reader([line]))
        for name, value in values.items():
            row[header.index(name)] = value
        out = io.StringIO()
        # lineterminator "\n" (stripped below), so that a cell holding a line break is quoted.
        csv.writer(out, lineterminator="\n").writerow(row)
        return out.getvalue()[:-1]

    return edit_csv(path, line_number, transform)
