"""Command line: write student copies of the notebooks, with the worked solutions removed.

    python -m helpers.cli.student_copies [OUTPUT_DIR]     (default: build/student/)

The themed notebooks mark each exercise with the cell tag ``exercise`` (a Markdown cell with the
task and a hint) and its worked answer with the tag ``solution`` (the code cell after it). In the
copies every ``solution`` cell keeps its tag but its code is replaced by a prompt and its
outputs are cleared. Cells tagged ``instructor`` (the rubric of each notebook's "two cases"
assignment) are left out of the copies; every other cell is unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from ..paths import REPO_ROOT, display_path
from .notebook_files import notebook_paths, write

STUDENT = REPO_ROOT / "build" / "student"
SOLUTION, EXERCISE, INSTRUCTOR = "solution", "exercise", "instructor"
PROMPT = "# Your answer here: see the exercise above (the hint tells you where to start).\n"


def is_solution(cell: nbformat.NotebookNode) -> bool:
    return SOLUTION in cell.get("metadata", {}).get("tags", [])


def is_for_instructors(cell: nbformat.NotebookNode) -> bool:
    return INSTRUCTOR in cell.get("metadata", {}).get("tags", [])


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with every solution cell emptied (prompt only, no outputs) and no instructor cell."""
    copy = nbformat.from_dict(nb)
    copy.cells = [cell for cell in copy.cells if not is_for_instructors(cell)]
    for cell in copy.cells:
        if is_solution(cell):
            if cell.cell_type != "code":
                raise ValueError(f"cell {cell.get('id')} is tagged '{SOLUTION}' but is not a code cell")
            cell.source = PROMPT.rstrip("\n")
            cell.outputs = []
            cell.execution_count = None
    return copy


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else STUDENT
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        solutions = sum(is_solution(c) for c in nb.cells)
        total += solutions
        write(student_copy(nb), out / path.name)
        print(
            f"{display_path(out / path.name)}: {solutions} solution cell{'s' if solutions != 1 else ''} emptied",
            file=sys.stderr,
        )
    print(f"wrote student copies of {len(notebook_paths())} notebooks ({total} solutions removed)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
