"""Validation of the data package: frictionless against the descriptor, then the consistency rules.

Validation is done by the ``frictionless`` library against ``data/datapackage.json``; this
module only turns frictionless' report into one plain line per problem (file, row, field,
rule), then runs the rules beyond the schema (:mod:`.consistency`) on the typed tables.
:func:`check` is the one validation path of the loader: it skips validation when the files and
the rules are exactly those recorded by ``make record`` after a clean run.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from ..paths import data_dir, display_path
from .consistency import check as consistency_check
from .descriptor import DESCRIPTOR, changed_files, descriptor, resource, resource_names
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


def check(directory: str | os.PathLike | None = None) -> None:
    """Validate ``directory`` unless its files and rules are exactly those ``make record`` recorded.

    Raises :class:`DataValidationError` (one line per problem) if the data are not valid; warns
    with :class:`DataChangedWarning`, naming the files, if they are valid but not recorded.
    """
    folder = data_dir(directory)
    changed = changed_files(folder)
    if not changed:
        return
    problems = validate(folder)
    if problems:
        raise DataValidationError(problems, display_path(folder))
    warnings.warn(DataChangedWarning(
        f"{', '.join(changed)} changed since {DESCRIPTOR} recorded their hashes. The data were "
        "validated again before use; to record the new state, run: make record"), stacklevel=3)


def validate(directory: str | os.PathLike | None = None) -> list[Problem]:
    """Validate the whole package against its descriptor; return the problems, sorted.

    An empty list means the data are valid. Foreign keys across files are checked too.
    """
    folder = data_dir(directory)
    desc_path = folder / DESCRIPTOR
    if not desc_path.is_file():
        return [Problem(display_path(desc_path), None, None, "missing-descriptor",
                        f"{DESCRIPTOR} not found in {display_path(folder)}")]
    problems: list[Problem] = []
    for res in descriptor(folder)["resources"]:
        if not (folder / res["path"]).is_file():
            problems.append(Problem(display_path(folder / res["path"]), None, None, "missing-file",
                                    f"resource '{res['name']}' is listed in {DESCRIPTOR} but its file does not exist"))
    if not problems:
        problems = [p for res in descriptor(folder)["resources"] for p in _readable(folder / res["path"])]
    if problems:
        return sorted(problems, key=lambda p: (p.file, p.row or 0))
    problems = _frictionless_problems(folder)
    if not problems:  # rules beyond the schema need well-typed tables
        names = resource_names(folder)
        tables = {name: read_table(name, folder) for name in names}
        files = {name: display_path(folder / resource(name, folder)["path"]) for name in names}
        problems = consistency_check(tables, files)
    # Within a row, a broken shape (extra or missing cells) comes first: it explains the rest.
    shape_first = ("extra-cell", "missing-cell", "blank-row", "incorrect-label", "duplicate-label")
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.rule not in shape_first, p.field or "",
                                           p.rule, p.message))


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
        return [Problem(display_path(path), None, None, "empty-file",
                        "the file is empty: it needs at least its header row (see data/README.md)")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start: error.start + 1].hex()
        return [Problem(display_path(path), line, None, "encoding-error",
                        f"byte 0x{byte} is not UTF-8 text (the file was probably saved as Latin-1 or "
                        "Windows-1252 by a spreadsheet): save it again as 'CSV UTF-8'")]
    return []


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
        message = (f"{error.message}; the row has {'more' if rule == 'extra-cell' else 'fewer'} values than the "
                   f"{len(names)} columns of the header: a stray or missing delimiter (comma), or an unquoted comma in a text field?")
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
