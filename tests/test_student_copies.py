"""Student copies: solutions removed, everything else unchanged, tags consistent."""

import nbformat
import pytest

from helpers.cli import student_copies
from helpers.paths import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))


def _toy():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Exercise: compute x.", metadata={"tags": ["exercise"]}),
        nbformat.v4.new_code_cell("x = 41 + 1\nx", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("y = 2"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "42"}, execution_count=1)]
    nb.cells[1].execution_count = 1
    return nb


def test_a_solution_is_emptied_and_the_rest_is_untouched():
    nb = _toy()
    copy = student_copies.student_copy(nb)
    assert copy.cells[1].source.startswith("# Your answer here")
    assert copy.cells[1].outputs == [] and copy.cells[1].execution_count is None
    assert copy.cells[1].metadata["tags"] == ["solution"]
    assert copy.cells[0] == nb.cells[0] and copy.cells[2] == nb.cells[2]
    assert nb.cells[1].source.startswith("x = 41")  # the original is not modified


def test_instructor_cells_are_left_out_of_the_copy():
    nb = _toy()
    nb.cells.append(nbformat.v4.new_markdown_cell("Rubric: full marks for ...", metadata={"tags": ["instructor"]}))
    copy = student_copies.student_copy(nb)
    assert len(copy.cells) == 3 and all("Rubric" not in c.source for c in copy.cells)
    assert len(nb.cells) == 4  # the original keeps it


def test_a_markdown_cell_tagged_solution_is_refused():
    nb = _toy()
    nb.cells[0].metadata["tags"] = ["solution"]
    with pytest.raises(ValueError, match="not a code cell"):
        student_copies.student_copy(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_solution_leaks_into_the_student_copy(path):
    """No line that is particular to a solution (not a comment, not a bare bracket, not also used
    elsewhere in the notebook) appears anywhere in the student copy."""
    nb = nbformat.read(path, as_version=4)
    copy = student_copies.student_copy(nb)
    elsewhere = {line.strip() for c in nb.cells if not student_copies.is_solution(c) for line in c.source.splitlines()}
    particular = [
        line.strip()
        for c in nb.cells
        if student_copies.is_solution(c)
        for line in c.source.splitlines()
        if len(line.strip()) >= 12 and not line.strip().startswith("#") and line.strip() not in elsewhere
    ]
    text = "\n".join(line.strip() for c in copy.cells for line in c.source.splitlines())
    text += nbformat.writes(copy)
    for line in particular:
        assert line not in text, f"{path.name}: solution line leaks into the copy: {line!r}"
    assert all(not c.outputs for c in copy.cells if student_copies.is_solution(c))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name != "00_overview.ipynb"], ids=lambda p: p.name)
def test_every_exercise_is_followed_by_its_solution(path):
    nb = nbformat.read(path, as_version=4)
    tags = [c.get("metadata", {}).get("tags", []) for c in nb.cells]
    exercises = [i for i, t in enumerate(tags) if "exercise" in t]
    assert exercises, f"{path.name} has no exercise"
    for i in exercises:
        following = next((j for j in range(i + 1, len(nb.cells)) if nb.cells[j].cell_type == "code"), None)
        assert following is not None and "solution" in tags[following], (
            f"{path.name}: exercise in cell {i} has no solution"
        )
