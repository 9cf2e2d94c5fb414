"""Command line: validate ``data/`` against ``data/datapackage.json``.

    python -m helpers.validate [--record] [DATA_DIR]

Prints one line per problem (file, row, field, rule) and exits with status 1 if there are
any; otherwise prints a one-line summary of what was checked and exits with status 0. With
``--record`` (``make record``), a clean validation also records each file's SHA-256 in
``datapackage.json``, so the loader can warn when a file changes behind its descriptor.

This command always runs frictionless (``schema.validate(full=True)``), even when the fast
certificate of :mod:`helpers.quick_check` would let the loader skip it.
"""

from __future__ import annotations

import sys

from . import schema


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    record = "--record" in args
    args = [a for a in args if a != "--record"]
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m helpers.validate [--record] [DATA_DIR]", file=sys.stderr)
        return 2
    folder = schema.data_dir(args[0] if args else None)
    try:
        problems = schema.validate(folder, full=True)  # always frictionless: the reference check
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in "
              f"{schema.display_path(folder)}/", file=sys.stderr)
        return 1
    from .data import read_table

    counts = ", ".join(f"{len(read_table(name, folder))} {name}" for name in schema.resource_names(folder))
    print(f"{schema.display_path(folder)}/ is valid: {counts}.")
    if record:
        updated = schema.record_hashes(folder)
        if updated:
            print(f"recorded new hashes in {schema.DESCRIPTOR} for: {', '.join(updated)}")
    elif schema.changed_files(folder):
        print(f"note: {', '.join(schema.changed_files(folder))} changed since their hashes were recorded; "
              "'make record' records them", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
