"""Shared fixtures and helpers for the data tests.

``evidence`` is the real dataset, loaded (and validated) once per session. ``data_copy``
is a private copy of ``data/`` that a test may break without touching the real files;
:func:`edit_csv` and :func:`set_cells` rewrite one line of a CSV in such a copy.
:func:`make_evidence` builds the one kind of synthetic evidence the claim tests use: the real
tables with observations and/or events replaced by a few rows written as tuples or dicts.

Property-based tests (hypothesis) take their number of examples from a profile:
``default`` (20 per test, what ``make test`` and CI run) or ``thorough`` (200 per test:
``make test-thorough``, or ``HYPOTHESIS_PROFILE=thorough``); tests that run frictionless on
every example take half that (``FRICTIONLESS_EXAMPLES``). Both profiles are derandomized, so a
run gives the same examples every time.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

from helpers import data, paths

settings.register_profile("default", max_examples=20, derandomize=True, deadline=None)
settings.register_profile("thorough", max_examples=200, derandomize=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: For property tests whose every example runs frictionless on a broken copy (about 0.4 s):
#: half the profile's examples (10 by default, 100 when thorough).
FRICTIONLESS_EXAMPLES = settings(
    max_examples=max(5, settings.default.max_examples // 2), suppress_health_check=[HealthCheck.function_scoped_fixture]
)


#: The order of the fields of an observation given as a tuple (trailing ones may be left out).
OBSERVATION_FIELDS = ("series_id", "entity", "counterpart", "year", "value", "source_id", "unit", "note")
#: Fields an observation leaves out: trade in US$ million from the IMF, no note.
OBSERVATION_DEFAULTS = {"counterpart": "-", "source_id": "imf-dots", "unit": "US$ million", "note": pd.NA}
#: The default order of the fields of an event given as a tuple (``event_fields`` changes it).
EVENT_FIELDS = ("event_id", "date", "project", "theme", "kind", "title", "parties", "status", "source_id")
#: Fields an event leaves out (``event_id`` defaults to "e0", "e1", ... in row order).
EVENT_DEFAULTS = {
    "theme": "arctic",
    "kind": "agreement",
    "title": "t",
    "parties": "CHN RUS",
    "status": "signed",
    "source_id": "blank-2017",
    "description": pd.NA,
}


def flows(entity: str, counterpart: str, year: int, exports: float, imports: float | None = None) -> list[tuple]:
    """The two observation tuples of one year's trade: exports, and imports (as much as exports if not given)."""
    imports = exports if imports is None else imports
    return [
        ("merchandise_exports", entity, counterpart, year, exports),
        ("merchandise_imports", entity, counterpart, year, imports),
    ]


def _records(rows, fields, defaults, columns) -> list[dict]:
    records = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) and len(row) > len(fields):
            raise ValueError(f"row {i} has {len(row)} values for the fields {fields}")
        given = dict(row) if isinstance(row, dict) else dict(zip(fields, row, strict=False))
        if set(given) - set(columns):
            raise ValueError(f"row {i}: no field {sorted(set(given) - set(columns))} in {columns}")
        first = {"event_id": f"e{i}"} if "event_id" in columns else {}
        records.append({**first, **defaults, **given})
    return records


def make_evidence(
    evidence: data.Evidence,
    observations=None,
    events=None,
    *,
    event_fields: tuple[str, ...] = EVENT_FIELDS,
    event_defaults: dict | None = None,
    **defaults,
) -> data.Evidence:
    """``evidence`` with only the given synthetic observations and/or events (``None``: keep the real table).

    Rows are dicts or tuples: an observation tuple follows :data:`OBSERVATION_FIELDS`, an event
    tuple ``event_fields``. A field an observation leaves out comes from ``defaults`` (keyword
    arguments), then :data:`OBSERVATION_DEFAULTS`; one an event leaves out from ``event_defaults``,
    then :data:`EVENT_DEFAULTS`. The columns and dtypes are the real tables', so the code under
    test cannot tell the difference.
    """
    changes = {}
    for name, rows, fields, given in (
        ("observations", observations, OBSERVATION_FIELDS, {**OBSERVATION_DEFAULTS, **defaults}),
        ("events", events, event_fields, {**EVENT_DEFAULTS, **(event_defaults or {})}),
    ):
        if rows is None:
            continue
        real = getattr(evidence, name)
        columns = list(real.columns)
        frame = pd.DataFrame(_records(rows, fields, given, columns), columns=columns)
        changes[name] = frame.astype(real.dtypes.to_dict())
    return dataclasses.replace(evidence, **changes)


def copy_data(target: Path) -> Path:
    """Copy the data folder (``paths.data_dir()``) to ``target`` and return ``target``."""
    shutil.copytree(paths.data_dir(), target)
    return target


#: The two largest series; without them observations.csv has about a fifth of its rows.
LARGE_SERIES = ("merchandise_exports", "merchandise_imports")


def small_observation_lines() -> list[str]:
    """observations.csv without the rows of ``LARGE_SERIES`` (header first, line endings kept).

    Whole series are dropped, so what is left is still valid: every key, reference and
    consistency rule holds. Frictionless takes a fraction of the time on it, which matters
    for the property tests, which validate dozens of broken copies.
    """
    lines = _read_lines(paths.data_dir() / "observations.csv")
    return [lines[0]] + [line for line in lines[1:] if line.split(",", 1)[0] not in LARGE_SERIES]


def copy_small_data(target: Path) -> Path:
    """A copy of ``data/`` at ``target`` whose observations.csv is :func:`small_observation_lines`."""
    copy_data(target)
    with open(target / "observations.csv", "w", encoding="utf-8", newline="") as handle:
        handle.writelines(small_observation_lines())
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
    ending = old[len(old.rstrip("\r\n")) :] or "\n"
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


# -- the browser tests' fixtures (make browser-test): headless Chromium and axe-core ----------------


@pytest.fixture(scope="session")
def browser():
    from browser.browser_tools import ARGS, CHROMIUM

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    from browser.browser_tools import AXE

    if not AXE.is_file():
        pytest.skip("axe-core is not installed: make browser-test installs it (npm ci in tools/slides)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site rendered once from the committed notebooks (site and browser tests read it)."""
    from helpers.cli import render_site
    from helpers.cli.notebook_files import notebook_paths

    out = tmp_path_factory.mktemp("site")
    render_site.render(notebook_paths(), out)
    return out
