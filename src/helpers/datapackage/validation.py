"""Validation of the data package: frictionless against the descriptor, then the consistency rules.

Validation is done by the ``frictionless`` library against ``data/datapackage.json``; this
module only turns frictionless' report into one plain line per problem (file, row, field,
rule), then runs the rules beyond the schema (:mod:`.consistency`) on the typed tables.
:func:`check` is the one validation path of the loader: it skips validation when the files and
the rules are exactly those recorded by ``make record`` after a clean run.
"""

from __future__ import annotations

import csv
import math
import os
import re
import warnings
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..paths import data_dir, display_path
from .consistency import check as consistency_check
from .descriptor import DESCRIPTOR, changed_files, descriptor, path_problems, resource, resource_names, resource_path
from .plausibility import flags as plausibility_flags
from .problems import Problem
from .tables import read_table


class DataValidationError(ValueError):
    """The data in ``data/`` break the schema. ``problems`` lists each one."""

    def __init__(self, problems: list[Problem], folder: str = "data"):
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(
            f"the data in {folder}/ are not valid ({len(self.problems)} problem"
            f"{'s' if len(self.problems) != 1 else ''}):\n{shown}{more}\n"
            "Fix the rows named above, then check again with: make validate"
        )


class DataChangedWarning(UserWarning):
    """A data file (or a validation rule) changed after its hash was recorded by ``make record``."""


class PlausibilityWarning(UserWarning):
    """Valid data with figures worth a second look (:func:`flags`), found when the data changed."""


def check(directory: str | os.PathLike | None = None) -> None:
    """Validate ``directory`` unless its files and rules are exactly those ``make record`` recorded.

    Raises :class:`DataValidationError` (one line per problem) if the data are not valid; warns
    with :class:`DataChangedWarning`, naming the files, if they are valid but not recorded.
    """
    folder = data_dir(directory)
    check_paths(folder)  # before anything is read or hashed
    changed = changed_files(folder)
    if not changed:
        return
    problems = validate(folder)
    if problems:
        raise DataValidationError(problems, display_path(folder))
    found = flags(folder)
    if found:
        shown = "\n".join(f"  {p}" for p in found[:10])
        more = f"\n  ... and {len(found) - 10} more (make validate lists them)" if len(found) > 10 else ""
        warnings.warn(PlausibilityWarning(f"{len(found)} figure(s) to check:\n{shown}{more}"), stacklevel=3)
    warnings.warn(
        DataChangedWarning(
            f"{', '.join(changed)} changed since {DESCRIPTOR} recorded their hashes. The data were "
            "validated again before use; to record the new state, run: make record"
        ),
        stacklevel=3,
    )


def as_recorded(directory: str | os.PathLike | None = None) -> bool:
    """Whether every path is safe and every file and the rules match the hashes ``make record``
    recorded: then the data passed these rules when recorded, and need no validation now."""
    folder = data_dir(directory)
    return not _path_problems(folder) and not changed_files(folder)


def validate(directory: str | os.PathLike | None = None) -> list[Problem]:
    """Validate the whole package against its descriptor; return the problems, sorted.

    An empty list means the data are valid. Foreign keys across files are checked too.
    """
    folder = data_dir(directory)
    desc_path = folder / DESCRIPTOR
    if not desc_path.is_file():
        return [
            Problem(
                display_path(desc_path),
                None,
                None,
                "missing-descriptor",
                f"{DESCRIPTOR} not found in {display_path(folder)}",
            )
        ]
    problems: list[Problem] = _path_problems(folder)
    if problems:  # nothing is read from a path that is not a plain file inside the data folder
        return problems
    for res in descriptor(folder)["resources"]:
        if not (folder / res["path"]).is_file():
            problems.append(
                Problem(
                    display_path(folder / res["path"]),
                    None,
                    None,
                    "missing-file",
                    f"resource '{res['name']}' is listed in {DESCRIPTOR} but its file does not exist",
                )
            )
    if not problems:
        problems = [p for res in descriptor(folder)["resources"] for p in _readable(folder / res["path"])]
    if problems:
        return sorted(problems, key=lambda p: (p.file, p.row or 0))
    problems = _frictionless_problems(folder) + _plausibility_problems(folder)
    if not problems:  # rules beyond the schema need well-typed tables
        names = resource_names(folder)
        tables = {name: read_table(name, folder) for name in names}
        files = {name: display_path(resource_path(name, folder)) for name in names}
        problems = consistency_check(tables, files)
    # Within a row, a broken shape (extra or missing cells) comes first: it explains the rest.
    shape_first = ("extra-cell", "missing-cell", "blank-row", "incorrect-label", "duplicate-label")
    return sorted(
        problems, key=lambda p: (p.file, p.row or 0, p.rule not in shape_first, p.field or "", p.rule, p.message)
    )


def flags(directory: str | os.PathLike | None = None) -> list[Problem]:
    """Plausibility flags (e.g. a tenfold year-on-year jump) on data that :func:`validate` accepts."""
    folder = data_dir(directory)
    names = resource_names(folder)
    tables = {name: read_table(name, folder) for name in names}
    files = {name: display_path(resource_path(name, folder)) for name in names}
    return sorted(plausibility_flags(tables, files), key=lambda p: (p.file, p.row or 0))


def check_paths(directory: str | os.PathLike | None = None) -> None:
    """Raise :class:`DataValidationError` if a resource's path in the descriptor is a URL, leaves the
    data folder, is a symbolic link or is unsafe (one line per resource, naming it and the rule).

    Looks at the paths only: nothing is read from where they point.
    """
    folder = data_dir(directory)
    unsafe = _path_problems(folder)
    if unsafe:
        raise DataValidationError(unsafe, display_path(folder))


def _path_problems(folder: Path) -> list[Problem]:
    """Resources whose path is a URL, leaves the data folder, is a symbolic link or is unsafe: one line each."""
    desc = display_path(folder / DESCRIPTOR)
    return [
        Problem(desc, None, "path", found.rule, f"resource '{found.resource}': {found.message}")
        for found in path_problems(folder)
    ]


def _frictionless_problems(folder: Path) -> list[Problem]:
    """Validate the package with frictionless; its errors as Problems (unsorted)."""
    from frictionless import Package  # imported here: it is slow to import

    desc_path = folder / DESCRIPTOR
    problems: list[Problem] = []
    package = Package(str(desc_path), basepath=str(folder))
    report = package.validate()
    tasks, errors = report.tasks, report.errors
    for task in tasks:
        file = display_path(folder / task.place) if task.place else display_path(desc_path)
        schema = resource(task.name, folder)["schema"] if task.name in resource_names(folder) else {}
        blank_rows = {e.row_number for e in task.errors if e.type == "blank-row"}
        for error in task.errors:
            if error.type == "primary-key" and getattr(error, "row_number", None) in blank_rows:
                continue  # the blank row is the problem; its empty key is not a second one
            problems.append(_problem(file, error, schema))
    for error in errors:
        problems.append(Problem(display_path(desc_path), None, None, error.type, error.message))
    return problems


def _readable(path: Path) -> list[Problem]:
    """Problems that stop a file from being read at all: empty, or not UTF-8 text.

    Checked before frictionless, which would otherwise report them once per file that
    refers to this one, without saying where the bad byte is.
    """
    raw = path.read_bytes()
    if not raw.strip():
        return [
            Problem(
                display_path(path),
                None,
                None,
                "empty-file",
                "the file is empty: it needs at least its header row (see data/README.md)",
            )
        ]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        return [
            Problem(
                display_path(path),
                line,
                None,
                "encoding-error",
                f"byte 0x{byte} is not UTF-8 text (the file was probably saved as Latin-1 or "
                "Windows-1252 by a spreadsheet): save it again as 'CSV UTF-8'",
            )
        ]
    return _csv_syntax(path, raw.decode("utf-8-sig"))


def _csv_syntax(path: Path, text: str) -> list[Problem]:
    """A quote left open (or text glued to a closing quote): the loader's reader would fail on it.

    frictionless' reader forgives both and reads on; the loader's (pandas) does not. Checked with
    Python's strict CSV reader, so what validates is what loads.
    """
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as error:
        hint = (
            'a quoted cell is never closed: add the missing closing quote (")'
            if "end of data" in str(error)
            else f'{error}: a quote inside a cell must be doubled ("")'
        )
        return [Problem(display_path(path), reader.line_num, None, "csv-syntax", hint)]
    return []


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV as text, read as the loader reads them (header row excluded)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _plausibility_problems(folder: Path) -> list[Problem]:
    """Cells the schema lets through but the loader or the analyses cannot use.

    - ``finite-number``: a number cell that is not a finite number
      (``inf``, ``NaN``, ``sNaN``, or ``1e400``, which overflows to infinity);
    - ``calendar-date``: a date field (``events.date``, ``sources.published``) written
      YYYY-MM or YYYY-MM-DD that names no calendar day or month (``2017-02-30``, ``2017-13``);
    - ``constraint-error (pattern)``: a cell that matches its pattern only because the pattern's
      ``$`` also accepts a final line break (``OVR-01`` followed by a newline).

    Only what frictionless lets through is reported here, so no cell is named twice.
    """
    problems: list[Problem] = []
    for res in descriptor(folder)["resources"]:
        path = folder / res["path"]
        file = display_path(path)
        fields = res["schema"]["fields"]
        # integer fields: frictionless itself refuses inf, NaN and sNaN (type-error); one line is enough
        checks = (
            [(f["name"], "finite-number", _not_finite) for f in fields if f["type"] == "number"]
            + [
                (f["name"], "calendar-date", _not_calendar)
                for f in fields
                if f["name"] in DATE_FIELDS.get(res["name"], ())
            ]
            + [
                (f["name"], "constraint-error (pattern)", _trailing(f["constraints"]["pattern"]))
                for f in fields
                if f.get("constraints", {}).get("pattern")
            ]
        )
        for number, row in enumerate(_rows(path), start=2):
            for name, rule, complaint in checks:
                cell = row.get(name)
                message = complaint(cell) if cell else None
                if message:
                    problems.append(Problem(file, number, name, rule, message))
    return problems


def _not_finite(cell: str) -> str | None:
    if _finite(cell):
        return None
    return f"value {cell!r} is not a finite number: write the figure itself, or leave the row out and list the year in gaps.csv"


def _not_calendar(cell: str) -> str | None:
    if _calendar(cell):
        return None
    return f"value {cell!r} is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD with a real month and day)"


def _trailing(pattern: str):
    """A check for a cell that matches ``pattern`` only because ``$`` also accepts a final line break."""

    def complaint(cell: str) -> str | None:
        if re.match(f"^{pattern}$", cell) and not re.fullmatch(pattern, cell):
            return f"value {cell!r} has something after the id (a line break?): it must match {pattern} with nothing trailing"
        return None

    return complaint


#: Fields written YYYY, YYYY-MM or YYYY-MM-DD, by resource: each must name a real month and day.
DATE_FIELDS = {"events": ("date",), "sources": ("published",)}


def _finite(cell: str) -> bool:
    """True unless ``cell`` reads as a number that is not finite (a non-number is frictionless' to report)."""
    try:
        number = Decimal(cell.strip())
    except InvalidOperation:
        return True
    if not number.is_finite():
        return False
    try:
        return math.isfinite(float(number))
    except OverflowError:
        return False


def _calendar(cell: str) -> bool:
    """True if a YYYY, YYYY-MM or YYYY-MM-DD text names a real period (other shapes: the pattern's job)."""
    parts = cell.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:
        return True
    numbers = [int(part) for part in parts] + [1] * (3 - len(parts))
    try:
        date(*numbers)
    except ValueError:
        return False
    return True


def _problem(file: str, error, schema: dict) -> Problem:
    """One frictionless error as a Problem, naming the field and the rule that failed."""
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None) or None
    rule = error.type
    message = error.note or error.message
    if rule == "constraint-error":
        # frictionless' note reads 'constraint "pattern" is "..."': name the rule itself.
        constraint = message.split("constraint ", 1)[-1].split(" is ", 1)[0].strip('"')
        rule = f"constraint-error ({constraint})"
        cell = getattr(error, "cell", None)
        message = f"value {cell!r} breaks the rule: {error.note}"
    elif rule in ("primary-key", "foreign-key"):
        keys = schema.get("primaryKey", []) if rule == "primary-key" else _fk_fields(schema, error)
        field = " + ".join(keys) if keys else None
    elif rule in ("extra-cell", "missing-cell"):
        number = getattr(error, "field_number", None)
        names = [f["name"] for f in schema.get("fields", [])]
        if field is None and number:
            field = names[number - 1] if number <= len(names) else f"column {number} (after {names[-1]})"
        message = (
            f"{error.message}; the row has {'more' if rule == 'extra-cell' else 'fewer'} values than the "
            f"{len(names)} columns of the header: a stray or missing delimiter (comma), or an unquoted comma in a text field?"
        )
    elif rule == "type-error":
        cell = getattr(error, "cell", None)
        # frictionless' note reads 'type is "integer/default"': keep the type's name only.
        kind = (error.note or "").split('"')[1].split("/")[0] if '"' in (error.note or "") else error.note
        message = f"value {cell!r} is not a valid {kind}"
    return Problem(file, row, field, rule, message)


def _fk_fields(schema: dict, error) -> list[str]:
    note = error.note or ""
    for fk in schema.get("foreignKeys", []):
        if all(name in note for name in fk["fields"]):
            return fk["fields"]
    return []
