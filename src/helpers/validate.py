"""Command line: validate ``data/`` against ``data/datapackage.json``.

    python -m helpers.validate [DATA_DIR]

Prints one line per problem (file, row, field, rule) and exits with status 1 if there are
any; otherwise prints a one-line summary of what was checked and exits with status 0.
"""

from __future__ import annotations

import sys

from . import schema


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m helpers.validate [DATA_DIR]", file=sys.stderr)
        return 2
    folder = schema.data_dir(args[0] if args else None)
    try:
        problems = schema.validate(folder)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
