"""A fast certificate that the data files pass frictionless' validation.

``frictionless`` is the authority on whether ``data/`` matches ``data/datapackage.json``, and
its messages are what users see when something is wrong. It is also slow: about 1.5 s to
import and validate. :func:`certify` answers a narrower question in a few tens of
milliseconds: "is it certain that frictionless would find nothing wrong?"

The check is *sound but not complete*:

* ``True`` means the files certainly pass: every rule frictionless applies to this package
  was checked here, the same way or more strictly.
* ``False`` means only "not certified": run frictionless, which finds and words the problems.
  It is also the answer to any doubt: a descriptor feature this module does not implement
  (a field type other than string, integer or number; a constraint other than required,
  pattern, enum, minimum and maximum; a CSV dialect other than plain commas with a header;
  missing values other than the empty cell; a resource that is not a local CSV file; ...),
  a partly empty foreign key, a cell that starts with a space (see below), an integer or
  number written in a form frictionless may accept but this module does not (``2_010``,
  ``NaN``, ``7`` followed by a space), or an exception of any kind.

How the files are read mirrors frictionless 5: the bytes are decoded as UTF-8 (one leading
byte-order mark is dropped), split into lines at ``\\n``, ``\\r`` or ``\\r\\n`` and parsed
with Python's ``csv`` module in its default ("excel") dialect. Frictionless may switch on
``skipinitialspace`` after sniffing the file; that changes nothing unless a cell starts with a
space, so such a cell is a doubt. Then, for each resource: the header equals the schema's
field names; each row has one cell per field and is not blank; only the empty cell is
missing; required and primary-key cells are present; integers and numbers are plain
literals; patterns (tested as frictionless tests them: ``re.match`` with ``^pattern$``),
enums and bounds hold; primary keys are unique and foreign keys resolve,
comparing typed values as frictionless does (``"+2010"`` and ``"2010"`` are one integer key).

Each rule is tested once per *distinct* value of a column, and keys are compared as sets of
tuples, so the cost grows linearly with the number of rows and repeated values are nearly
free. (Plain Python sets beat pandas here: on files of a few thousand rows, pandas' overhead
per operation costs more than the work itself.)
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from . import schema

#: What this module knows how to check. Anything else in the descriptor means "not certified".
PACKAGE_KEYS = {"name", "title", "description", "profile", "licenses", "resources", schema.HASHES}
LICENSE_KEYS = {"name", "path", "title"}
RESOURCE_KEYS = {"name", "path", "title", "description", "profile", "format", "mediatype", "encoding",
                 "dialect", "schema"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
FIELD_KEYS = {"name", "type", "title", "description", "constraints", "bareNumber"}
TYPES = {"string", "integer", "number"}
#: The constraints each type may carry here (numeric bounds only on integers: exact int compare).
CONSTRAINTS = {"string": {"required", "pattern", "enum"},
               "integer": {"required", "minimum", "maximum"},
               "number": {"required"}}

NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")  # package and resource names (within frictionless' pattern)
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")  # no spaces: frictionless strips header labels
CSV_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.csv")  # a file in the data folder itself
LICENSE_NAME = re.compile(r"[A-Za-z0-9._-]+")
LICENSE_PATH = re.compile(r"https://\S+")

#: An integer frictionless reads as ``int(cell)`` (which takes more: spaces, '_', other digits).
INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
#: A number frictionless reads as ``Decimal(cell)``: no NaN, Infinity, spaces, '_' or huge exponents.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")


def certify(folder: Path) -> bool:
    """True only if frictionless would find no problem in ``folder`` against its descriptor.

    False means "not certified, run frictionless": either a problem, or a doubt (an
    unsupported descriptor feature, an unusual cell, an unreadable file, any exception).
    """
    return uncertified(folder) == set()


def uncertified(folder: Path) -> set[str] | None:
    """The resources frictionless must check: those that could not be certified.

    ``None`` means the package itself is in doubt (an unsupported descriptor feature, an
    exception): check everything. A resource is uncertified if its own file fails a rule, if
    its foreign keys do not resolve, or if it refers to an uncertified resource (whose values
    frictionless would then look its keys up in). An empty set: nothing to check.
    """
    try:
        return _uncertified(Path(folder))
    except Exception:  # any surprise is a doubt, never an error
        return None


def _uncertified(folder: Path) -> set[str] | None:
    """:func:`uncertified` without the safety net: the descriptor, each table, then foreign keys."""
    desc = schema.descriptor(folder)
    if not _package_supported(desc):
        return None
    resources = {res["name"]: res for res in desc["resources"]}
    key_fields = {name: set(res["schema"].get("primaryKey", [])) for name, res in resources.items()}
    for name, res in resources.items():
        for fk in res["schema"].get("foreignKeys", []):
            key_fields[name].update(fk["fields"])
            key_fields[fk["reference"]["resource"]].update(fk["reference"]["fields"])
    tables, failed = {}, set()
    for name, res in resources.items():
        try:
            table = _checked_table(folder / res["path"], res["schema"], key_fields[name])
        except Exception:  # this file is in doubt; the others may still be certified
            table = None
        if table is None:
            failed.add(name)
        else:
            tables[name] = table
    for name, res in resources.items():
        if name in failed:
            continue
        for fk in res["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target in failed or not _references_resolve(tables[name], fk["fields"], tables[target],
                                                           fk["reference"]["fields"]):
                failed.add(name)
                break
    return failed


# --- the descriptor: only features implemented here ----------------------------------------


def _package_supported(desc: dict) -> bool:
    """Whether the package descriptor uses only what this module implements."""
    if not isinstance(desc, dict) or not set(desc) <= PACKAGE_KEYS:
        return False
    if "name" in desc and not _is_name(desc["name"]):
        return False
    if not all(isinstance(desc.get(key, ""), str) for key in ("title", "description")):
        return False
    if desc.get("profile") != "tabular-data-package":  # (then every resource must say it is tabular)
        return False
    if not all(_license_supported(item) for item in _list(desc.get("licenses", []))):
        return False
    hashes = desc.get(schema.HASHES, {})
    if not isinstance(hashes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in hashes.items()):
        return False
    resources = _list(desc.get("resources"))
    if not resources or not all(isinstance(res, dict) for res in resources):
        return False
    names = [res.get("name") for res in resources]
    if len(set(map(str, names))) != len(names):
        return False
    fields_by_resource = {}
    for res in resources:
        if not _resource_supported(res):
            return False
        fields_by_resource[res["name"]] = {f["name"]: f["type"] for f in res["schema"]["fields"]}
    return all(_keys_supported(res["name"], res["schema"], fields_by_resource) for res in resources)


def _list(value) -> list:
    """``value`` if it is a list, else ``[None]``: an item every caller refuses."""
    return value if isinstance(value, list) else [None]


def _is_name(value) -> bool:
    """A plain lower-case package or resource name."""
    return isinstance(value, str) and NAME.fullmatch(value) is not None


def _license_supported(item) -> bool:
    """A licence with a plain name and, if any, an https address and a title."""
    if not isinstance(item, dict) or not set(item) <= LICENSE_KEYS:
        return False
    if not isinstance(item.get("name"), str) or not LICENSE_NAME.fullmatch(item["name"]):
        return False
    if "path" in item and not (isinstance(item["path"], str) and LICENSE_PATH.fullmatch(item["path"])):
        return False
    return isinstance(item.get("title", ""), str)


def _resource_supported(res: dict) -> bool:
    """A local UTF-8 CSV with the default dialect and an inline schema of supported fields."""
    if not set(res) <= RESOURCE_KEYS or not _is_name(res.get("name")):
        return False
    if not isinstance(res.get("path"), str) or not CSV_PATH.fullmatch(res["path"]):
        return False
    if not all(isinstance(res.get(key, ""), str) for key in ("title", "description")):
        return False
    if res.get("profile") != "tabular-data-resource":  # required by the package's profile
        return False
    if res.get("format", "csv") != "csv" or res.get("mediatype", "text/csv") != "text/csv":
        return False
    # The encoding must be declared (else frictionless guesses it), the dialect spelled out.
    if res.get("encoding") != "utf-8" or not _default_dialect(res.get("dialect")):
        return False
    table_schema = res.get("schema")
    if not isinstance(table_schema, dict) or not set(table_schema) <= SCHEMA_KEYS:
        return False
    if table_schema.get("missingValues", [""]) != [""]:
        return False
    fields = _list(table_schema.get("fields"))
    if not fields or not all(_field_supported(field) for field in fields):
        return False
    names = [field["name"] for field in fields]
    return len(set(names)) == len(names)


def _default_dialect(dialect) -> bool:
    """Exactly ``{"delimiter": ",", "header": true}`` (``1`` is not ``true`` in JSON)."""
    return (isinstance(dialect, dict) and set(dialect) == {"delimiter", "header"}
            and dialect["delimiter"] == "," and dialect["header"] is True)


def _field_supported(field) -> bool:
    """A string, integer or number field with constraints this module checks."""
    if not isinstance(field, dict) or not set(field) <= FIELD_KEYS:
        return False
    kind = field.get("type")
    if kind not in TYPES or not isinstance(field.get("name"), str) or not FIELD_NAME.fullmatch(field["name"]):
        return False
    if not all(isinstance(field.get(key, ""), str) for key in ("title", "description")):
        return False
    if "bareNumber" in field and (kind == "string" or field["bareNumber"] is not True):
        return False
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict) or not set(constraints) <= CONSTRAINTS[kind]:
        return False
    if not isinstance(constraints.get("required", False), bool):
        return False
    if "pattern" in constraints:
        if not isinstance(constraints["pattern"], str):
            return False
        re.compile(_anchored(constraints["pattern"]))  # an invalid pattern raises: not certified
    if "enum" in constraints:
        enum = constraints["enum"]
        if not isinstance(enum, list) or not enum or not all(isinstance(v, str) for v in enum) \
                or len(set(enum)) != len(enum):
            return False
    for bound in ("minimum", "maximum"):
        if bound in constraints and type(constraints[bound]) is not int:
            return False
    return True


def _keys_supported(name: str, table_schema: dict, fields_by_resource: dict[str, dict[str, str]]) -> bool:
    """Primary and foreign keys made of existing string or integer fields, typed alike."""
    own = fields_by_resource[name]
    primary = table_schema.get("primaryKey", [])
    if not _key_fields_supported(primary, own, allow_empty=True):
        return False
    for fk in _list(table_schema.get("foreignKeys", [])):
        if not isinstance(fk, dict) or set(fk) != {"fields", "reference"}:
            return False
        reference = fk["reference"]
        if not isinstance(reference, dict) or set(reference) != {"resource", "fields"}:
            return False
        target = reference["resource"]
        # A self-reference ("" or its own name) is not implemented; an unknown target is an error.
        if target == name or target not in fields_by_resource:
            return False
        theirs = fields_by_resource[target]
        if not _key_fields_supported(fk["fields"], own) or not _key_fields_supported(reference["fields"], theirs):
            return False
        if len(fk["fields"]) != len(reference["fields"]):
            return False
        # Frictionless compares typed values: "2010" (string) never equals 2010 (integer).
        if [own[f] for f in fk["fields"]] != [theirs[f] for f in reference["fields"]]:
            return False
    return True


def _key_fields_supported(names, fields: dict[str, str], allow_empty: bool = False) -> bool:
    """A list of distinct names of string or integer fields (``fields``: name -> type)."""
    if not isinstance(names, list) or (not names and not allow_empty):
        return False
    return (all(isinstance(n, str) and fields.get(n) in ("string", "integer") for n in names)
            and len(set(names)) == len(names))


def _anchored(pattern: str) -> str:
    """The regular expression frictionless compiles from a ``pattern`` constraint."""
    return "^{0}$".format(pattern)


# --- one table ------------------------------------------------------------------------------


def _checked_table(path: Path, table_schema: dict, keys: set[str]) -> dict[str, list | None] | None:
    """``{field: typed cells}`` if every rule of the table's schema holds, else None.

    Typed cells are what frictionless compares in keys: the text of a string, the ``int`` of
    an integer, None for a missing cell. They are only built for the fields in ``keys``
    (primary, foreign or referenced key fields); other fields map to None.
    """
    rows = _read_rows(path)
    fields = table_schema["fields"]
    names = [field["name"] for field in fields]
    if not rows or rows[0] != names:
        return None
    body = rows[1:]
    if not set(map(len, body)) <= {len(names)}:  # an extra or a missing cell
        return None
    if not all(map(any, body)):  # a blank row: every cell empty
        return None
    columns = list(zip(*body)) if body else [() for _ in names]
    primary = table_schema.get("primaryKey", [])
    typed = {}
    for field, column in zip(fields, columns):
        if not _column_valid(set(column), field, key=field["name"] in primary):
            return None
        typed[field["name"]] = _typed(column, field["type"]) if field["name"] in keys else None
    if primary:
        key_cells = list(zip(*(typed[name] for name in primary)))
        if len(set(key_cells)) != len(key_cells):  # a duplicate primary key
            return None
    return typed


def _read_rows(path: Path) -> list[list[str]]:
    """The file's rows as frictionless' CSV parser sees them (a bad byte raises)."""
    text = path.read_bytes().decode("utf-8-sig")  # frictionless drops one leading byte-order mark
    lines = io.StringIO(text, newline="")  # lines end at \n, \r or \r\n, as in frictionless' stream
    return list(csv.reader(lines, dialect="excel"))


def _column_valid(distinct: set[str], field: dict, key: bool) -> bool:
    """Whether every cell of a column (given as its distinct values) passes the field's rules.

    Each rule is tested once per distinct value, so repeated values cost nothing.
    """
    constraints = field.get("constraints", {})
    if "" in distinct:  # the one missing value
        if constraints.get("required") or key:
            return False
        distinct = distinct - {""}
    # A leading space would be dropped if frictionless sniffed 'skipinitialspace': a doubt.
    if " " in {value[:1] for value in distinct}:
        return False
    kind = field["type"]
    if kind == "integer":
        if not all(INTEGER.fullmatch(value) for value in distinct):
            return False
        numbers = [int(value) for value in distinct]  # as frictionless reads them
        if "minimum" in constraints and min(numbers, default=constraints["minimum"]) < constraints["minimum"]:
            return False
        if "maximum" in constraints and max(numbers, default=constraints["maximum"]) > constraints["maximum"]:
            return False
        return True
    if kind == "number":
        return all(NUMBER.fullmatch(value) for value in distinct)
    if "pattern" in constraints:
        pattern = re.compile(_anchored(constraints["pattern"]))
        if not all(pattern.match(value) for value in distinct):  # the very test frictionless makes
            return False
    if "enum" in constraints and not distinct <= set(constraints["enum"]):
        return False
    return True


def _typed(column: tuple[str, ...], kind: str) -> list:
    """A key column's values as frictionless compares them: str, int, or None if missing."""
    if kind == "integer":
        return [int(value) if value else None for value in column]
    return [value or None for value in column]


# --- across tables ----------------------------------------------------------------------


def _references_resolve(source: dict[str, list], fields: list[str],
                        target: dict[str, list], target_fields: list[str]) -> bool:
    """Whether every row's key (all its cells present) is the key of a row of the target."""
    wanted = set(zip(*(source[name] for name in fields)))
    if any(None in key for key in wanted):  # a partly or wholly missing key: not implemented
        return False
    known = set(zip(*(target[name] for name in target_fields)))
    return wanted <= known  # tuples of typed values in a set: the test frictionless makes
