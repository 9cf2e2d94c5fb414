"""The data schema: where the data package lives, what it declares, and how it is checked.

``data/datapackage.json`` (a Frictionless Data Package) is the one description of the
dataset: a Table Schema per CSV with types, constraints, enums, primary and foreign keys.
Validation is done by the ``frictionless`` library against that descriptor; this module
only turns frictionless' report into one plain line per problem (file, row, field, rule).

Frictionless is slow (about 2 s with its import), so :func:`validate` first asks
:mod:`helpers.quick_check` which files it can certify: files that certainly pass. When all
of them are, frictionless is not run (nor even imported) and validation goes straight to the
consistency rules. Otherwise frictionless validates the files that could not be certified
(all of them if the descriptor itself is in doubt) and words the problems, exactly as a full
run would for those files. ``validate(full=True)`` (used by ``make validate``) always runs
frictionless on everything.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: The repository's root (``src/helpers/schema.py`` -> three levels up).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable that points the helpers at another copy of ``data/``.
DATA_DIR_ENV = "PIVOT_CHECK_DATA"

DESCRIPTOR = "datapackage.json"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data folder: ``path`` if given, else ``$PIVOT_CHECK_DATA``, else ``<repo>/data``."""
    chosen = path or os.environ.get(DATA_DIR_ENV) or REPO_ROOT / "data"
    return Path(chosen).resolve()


def display_path(path: Path) -> str:
    """A path as a reader should see it: relative to the repository if inside it.

    Outputs must never show a path of the machine they were made on.
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(REPO_ROOT).as_posix()
    except ValueError:  # outside the repository: the name alone
        return path.name


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, named precisely enough to fix it.

    ``row`` is the CSV row as a spreadsheet numbers it: the header is row 1, the first data
    row is row 2. (It equals the line number in a text editor unless a quoted cell spans lines.)
    """

    file: str
    row: int | None
    field: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.rule}: {self.message}"


@cache
def _descriptor(path: Path, stamp: tuple[int, int]) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def descriptor(directory: str | os.PathLike | None = None) -> dict:
    """The parsed ``datapackage.json``, cached until the file changes (treat it as read-only)."""
    path = data_dir(directory) / DESCRIPTOR
    if not path.is_file():
        raise FileNotFoundError(f"{display_path(path)} not found: the data folder needs its {DESCRIPTOR}")
    stat = path.stat()
    return _descriptor(path, (stat.st_size, stat.st_mtime_ns))


def resource(name: str, directory: str | os.PathLike | None = None) -> dict:
    """The descriptor of one resource, by name."""
    for res in descriptor(directory)["resources"]:
        if res["name"] == name:
            return res
    names = ", ".join(r["name"] for r in descriptor(directory)["resources"])
    raise KeyError(f"no resource {name!r} in {DESCRIPTOR}; resources are: {names}")


#: Key in ``datapackage.json`` under which each data file's SHA-256 is recorded.
HASHES = "x-sha256"


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def changed_files(directory: str | os.PathLike | None = None) -> list[str]:
    """Data files whose bytes differ from the hash recorded in ``datapackage.json``."""
    folder = data_dir(directory)
    recorded = descriptor(folder).get(HASHES, {})
    changed = []
    for res in descriptor(folder)["resources"]:
        path = folder / res["path"]
        if path.exists() and recorded.get(res["path"]) != file_hash(path):
            changed.append(res["path"])
    return changed


def record_hashes(directory: str | os.PathLike | None = None) -> list[str]:
    """Write every data file's current hash into ``datapackage.json``; return the files updated."""
    folder = data_dir(directory)
    path = folder / DESCRIPTOR
    updated = changed_files(folder)
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc[HASHES] = {res["path"]: file_hash(folder / res["path"]) for res in desc["resources"]
                    if (folder / res["path"]).exists()}
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return updated


def resource_names(directory: str | os.PathLike | None = None) -> list[str]:
    """Names of all resources, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


def field_types(name: str, directory: str | os.PathLike | None = None) -> dict[str, str]:
    """``{field name: Table Schema type}`` for one resource, in column order."""
    return {f["name"]: f["type"] for f in resource(name, directory)["schema"]["fields"]}


def validate(directory: str | os.PathLike | None = None, *, full: bool = False) -> list[Problem]:
    """Validate the whole package against its descriptor; return the problems, sorted.

    An empty list means the data are valid. Foreign keys across files are checked too.
    Frictionless is skipped when :func:`helpers.quick_check.certify` vouches that it would
    find nothing; ``full=True`` runs it regardless.
    """
    from . import quick_check

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
    to_check = None if full else quick_check.uncertified(folder)
    if to_check is None or to_check:
        problems = _frictionless_problems(folder, only=to_check)
    if not problems:  # rules beyond the schema need well-typed tables
        from .consistency import check
        from .data import read_table

        names = resource_names(folder)
        tables = {name: read_table(name, folder) for name in names}
        files = {name: display_path(folder / resource(name, folder)["path"]) for name in names}
        problems = check(tables, files)
    # Within a row, a broken shape (extra or missing cells) comes first: it explains the rest.
    shape_first = ("extra-cell", "missing-cell", "blank-row", "incorrect-label", "duplicate-label")
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.rule not in shape_first, p.field or "",
                                           p.rule, p.message))


def _frictionless_problems(folder: Path, only: set[str] | None = None) -> list[Problem]:
    """Validate the package with frictionless; its errors as Problems (unsorted).

    With ``only``, just those resources are validated (foreign keys are still looked up in
    the resources they refer to): the others have been certified by :mod:`helpers.quick_check`.
    """
    from frictionless import Package  # imported here: it is slow to import

    desc_path = folder / DESCRIPTOR
    problems: list[Problem] = []
    package = Package(str(desc_path), basepath=str(folder))
    if only is None:
        report = package.validate()
        tasks, errors = report.tasks, report.errors
    else:
        reports = [package.get_resource(name).validate() for name in resource_names(folder) if name in only]
        tasks = [task for report in reports for task in report.tasks]
        errors = [error for report in reports for error in report.errors]
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
