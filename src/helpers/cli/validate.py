"""Command line: validate ``data/`` against ``data/datapackage.json``.

    python -m helpers.cli.validate [--record] [DATA_DIR]

Prints one line per problem (file, row, field, rule) and exits with status 1 if there are
any; otherwise prints a one-line summary of what was checked and exits with status 0.

Without ``--record`` (``make validate``) this always runs frictionless and the consistency
rules (:func:`helpers.datapackage.validate`), even when the recorded hashes would let the
loader skip them; on valid data it then checks that each claim test finds the series it
reads (:mod:`helpers.claims.coverage`).

With ``--record`` (``make record``, and the last step of ``make run``), a clean validation
also records each file's SHA-256 in ``datapackage.json``, so the loader can warn when a file
changes behind its descriptor. If every file and the rules already match their recorded
hashes, there is nothing to record: those exact bytes passed these exact rules when they were
recorded, so only the claim tests' coverage is checked again (the claim code is not part of
the rules' hash), and the command says so.
"""

from __future__ import annotations

import sys

from .. import datapackage, paths


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    record = "--record" in args
    args = [a for a in args if a != "--record"]
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m helpers.cli.validate [--record] [DATA_DIR]", file=sys.stderr)
        return 2
    folder = paths.data_dir(args[0] if args else None)
    try:
        as_recorded = record and datapackage.as_recorded(folder)
        problems = [] if as_recorded else datapackage.validate(folder)  # frictionless: the reference check
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if not problems:  # the data are valid: do they hold what each claim test reads?
        problems = _coverage_problems(folder)
    if as_recorded and not problems:
        print(f"{paths.display_path(folder)}/ is as recorded in {datapackage.DESCRIPTOR}: nothing to record")
        return 0
    if problems:
        for problem in problems:
            print(problem)
        print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {paths.display_path(folder)}/",
            file=sys.stderr,
        )
        return 1
    from ..datapackage import read_table

    counts = ", ".join(f"{len(read_table(name, folder))} {name}" for name in datapackage.resource_names(folder))
    print(f"{paths.display_path(folder)}/ is valid: {counts}.")
    flagged = datapackage.flags(folder)
    for flag in flagged:
        print(f"flag: {flag}")
    if flagged:
        print(
            f"{len(flagged)} figure{'s' if len(flagged) != 1 else ''} flagged for a second look (not errors)",
            file=sys.stderr,
        )
    if record:
        updated = datapackage.record_hashes(folder)
        if updated:
            print(f"recorded new hashes in {datapackage.DESCRIPTOR} for: {', '.join(updated)}")
    elif datapackage.changed_files(folder):
        print(
            f"note: {', '.join(datapackage.changed_files(folder))} changed since their hashes were recorded; "
            "'make record' records them",
            file=sys.stderr,
        )
    return 0


def _coverage_problems(folder) -> list:
    """Series a claim test reads that the (valid) data lack (:mod:`helpers.claims.coverage`)."""
    import warnings

    from .. import data
    from ..claims import coverage

    with warnings.catch_warnings():  # validation just ran; its warnings would repeat what is printed
        warnings.simplefilter("ignore")
        evidence = data.load(folder, validate=False)
    return coverage.problems(evidence, file=paths.display_path(folder / "observations.csv"))


if __name__ == "__main__":
    sys.exit(main())
