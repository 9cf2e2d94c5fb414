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
from functools import cache
from pathlib import Path

from ..paths import data_dir, display_path

DESCRIPTOR = "datapackage.json"
HASHES = "x-sha256"
#: The key under which the hash of the rules (descriptor and validating code) is recorded.
RULES = "(rules)"
#: The modules whose code decides what is valid: a change to any of them means validating again.
RULE_MODULES = ("validation.py", "consistency.py", "tables.py", "descriptor.py", "problems.py")


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
    found = {res["path"]: file_hash(folder / res["path"]) for res in descriptor(folder)["resources"]
             if (folder / res["path"]).is_file()}
    return found | {RULES: rules_hash(folder)}


def changed_files(directory: str | os.PathLike | None = None) -> list[str]:
    """Data files (and ``(rules)``) whose hash differs from the one recorded in the descriptor."""
    folder = data_dir(directory)
    recorded = descriptor(folder).get(HASHES, {})
    return [name for name, digest in current_hashes(folder).items() if recorded.get(name) != digest]


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
