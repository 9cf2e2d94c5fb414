"""Command line: prove that running the collection gives byte-identical notebooks.

    python -m helpers.cli.check_determinism [NOTEBOOK ...]    (make check-determinism)

Executes each notebook twice in fresh kernels (without writing it) and compares both runs with
each other and with the committed file, text and images alike. Exits 1 and names the first
differing cell of each notebook that is not reproduced exactly.
"""

from __future__ import annotations

import sys

import nbformat

from ..paths import display_path
from .notebook_files import execute, notebook_paths


def first_difference(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> str | None:
    """Where two notebooks first differ ('metadata', 'cell N ...'), or None if identical."""
    if nbformat.writes(a) == nbformat.writes(b):
        return None
    if a.metadata != b.metadata:
        return "notebook metadata"
    if len(a.cells) != len(b.cells):
        return f"number of cells ({len(a.cells)} vs {len(b.cells)})"
    for index, (x, y) in enumerate(zip(a.cells, b.cells)):
        if x != y:
            for key in ("source", "metadata", "execution_count"):
                if x.get(key) != y.get(key):
                    return f"cell {index}: {key}"
            for number, (ox, oy) in enumerate(zip(x.get("outputs", []), y.get("outputs", []))):
                if ox != oy:
                    kinds = sorted(
                        k
                        for k in set(ox.get("data", {})) | set(oy.get("data", {}))
                        if ox.get("data", {}).get(k) != oy.get("data", {}).get(k)
                    )
                    return f"cell {index}, output {number}: {', '.join(kinds) or ox.get('output_type')}"
            return f"cell {index}: outputs"
    return "serialisation"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = notebook_paths(args or None)
    failures = 0
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] {display_path(path)}: two fresh runs ...", end=" ", file=sys.stderr, flush=True)
        first, second = execute(path), execute(path)
        committed = nbformat.read(path, as_version=4)
        between_runs, against_file = first_difference(first, second), first_difference(first, committed)
        if between_runs or against_file:
            failures += 1
            print("DIFFERENT", file=sys.stderr)
            if between_runs:
                print(f"  two runs differ at {between_runs}", file=sys.stderr)
            if against_file:
                print(
                    f"  a run differs from the committed file at {against_file} (re-run with make run?)",
                    file=sys.stderr,
                )
        else:
            print("identical", file=sys.stderr)
    print(f"{len(paths) - failures} of {len(paths)} notebooks reproduce byte for byte", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
