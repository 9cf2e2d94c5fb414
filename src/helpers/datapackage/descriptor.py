"""The data package's descriptor (``data/datapackage.json``) and the hashes it records.

The descriptor is the one description of the dataset: a Table Schema per CSV with types,
constraints, enums, primary and foreign keys. ``make record`` stores, after a clean validation,
the SHA-256 of every data file and of the rules (the descriptor itself and the code that
validates), so the loader can skip validation while nothing has changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

from ..paths import data_dir, display_path

DESCRIPTOR = "datapackage.json"
HASHES = "x-sha256"
#: The key under which the hash of the rules (descriptor and validating code) is recorded.
RULES = "(rules)"
#: The modules whose code decides what is valid: a change to any of them means validating again.
RULE_MODULES = ("validation.py", "consistency.py", "plausibility.py", "tables.py", "descriptor.py", "problems.py")


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


def resource_names(directory: str | os.PathLike | None = None) -> list[str]:
    """Names of all resources, in descriptor order."""
    return [r["name"] for r in descriptor(directory)["resources"]]


class UnsafePathError(ValueError):
    """A resource's ``path`` in the descriptor that is not a plain file inside the data folder.

    ``resource`` names the resource and ``rule`` the rule it breaks; the message is one line and
    never shows anything read from the file the path points at.
    """

    def __init__(self, resource: str, rule: str, message: str):
        self.resource, self.rule, self.message = resource, rule, message
        super().__init__(f"{DESCRIPTOR}, resource '{resource}', field 'path': {rule}: {message}")


#: A data file's path: names of letters, digits, '_', '-' and '.', not starting with a dot,
#: separated by '/'. Nothing else is needed, and nothing else can be misread.
SAFE_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def path_problem(res: dict, folder: Path) -> UnsafePathError | None:
    """Why ``res["path"]`` may not be read from ``folder`` (a resolved data folder), or ``None``.

    The rules, in order: ``path-is-url`` (data come from the data folder, never from the web),
    ``path-outside-data`` (an absolute path or a ``..`` step), ``unsafe-path`` (not one text, or
    characters a data file name does not need), ``path-is-symlink`` (the file, or a folder on
    the way to it, is a symbolic link, which could point anywhere). Only the path and the
    links' existence are looked at: no file is opened.
    """
    name = str(res.get("name", "?"))[:60]
    path = res.get("path")
    if not isinstance(path, str) or not path:
        return UnsafePathError(
            name,
            "unsafe-path",
            f'the path must be one file name relative to the data folder, e.g. "{name}.csv" (found {str(path)[:40]!r})',
        )
    shown = repr(path if len(path) <= 80 else path[:77] + "...")
    if _URL.match(path):
        return UnsafePathError(
            name,
            "path-is-url",
            f"{shown} is a URL: the collection reads only files inside the "
            "data folder; download the file into it and write its file name",
        )
    parts = re.split(r"[\\/]", path)
    if path.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", path) or ".." in parts:
        return UnsafePathError(
            name,
            "path-outside-data",
            f"{shown} leaves the data folder: write the path of a file inside it, relative to it",
        )
    if not SAFE_PATH.fullmatch(path):
        return UnsafePathError(
            name,
            "unsafe-path",
            f"{shown} has characters a data file's path does not need: use "
            "letters, digits, '_', '-', '.' and '/' (no leading dot)",
        )
    target = folder / path
    if target.resolve() != target:
        return UnsafePathError(
            name,
            "path-is-symlink",
            f"{shown} is (or goes through) a symbolic link, which could "
            "point anywhere: put the file itself in the data folder",
        )
    return None


def path_problems(directory: str | os.PathLike | None = None) -> list[UnsafePathError]:
    """:func:`path_problem` for every resource of the descriptor, in descriptor order."""
    folder = data_dir(directory)
    return [found for res in descriptor(folder)["resources"] if (found := path_problem(res, folder))]


def resource_path(name: str, directory: str | os.PathLike | None = None) -> Path:
    """The file of a resource, checked by :func:`path_problem`; raises :class:`UnsafePathError`."""
    folder = data_dir(directory)
    res = resource(name, folder)
    found = path_problem(res, folder)
    if found:
        raise found
    return folder / res["path"]


def field_types(name: str, directory: str | os.PathLike | None = None) -> dict[str, str]:
    """``{field name: Table Schema type}`` for one resource, in column order."""
    return {f["name"]: f["type"] for f in resource(name, directory)["schema"]["fields"]}


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def rules_hash(directory: str | os.PathLike | None = None) -> str:
    """SHA-256 of what decides validity: the descriptor (without its hashes) and the rules' code."""
    desc = {key: value for key, value in descriptor(directory).items() if key != HASHES}
    digest = hashlib.sha256(json.dumps(desc, sort_keys=True).encode())
    for module in RULE_MODULES:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def current_hashes(directory: str | os.PathLike | None = None) -> dict[str, str]:
    """The hashes ``make record`` would record now: every data file's, and the rules'."""
    folder = data_dir(directory)
    found = {
        res["path"]: file_hash(folder / res["path"])
        for res in descriptor(folder)["resources"]
        if not path_problem(res, folder) and (folder / res["path"]).is_file()
    }
    return found | {RULES: rules_hash(folder)}


def changed_files(directory: str | os.PathLike | None = None) -> list[str]:
    """Data files (and ``(rules)``) whose hash differs from the one recorded in the descriptor,
    including recorded files that are gone."""
    folder = data_dir(directory)
    recorded = descriptor(folder).get(HASHES, {})
    current = current_hashes(folder)
    names = list(current) + [name for name in recorded if name not in current]
    return [name for name in names if recorded.get(name) != current.get(name)]


def record_hashes(directory: str | os.PathLike | None = None) -> list[str]:
    """Write the current hashes into ``datapackage.json``; return what changed.

    Call only after a clean validation (``make record`` does): the loader trusts recorded data.
    """
    folder = data_dir(directory)
    updated = changed_files(folder)
    path = folder / DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc[HASHES] = current_hashes(folder)
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return updated
