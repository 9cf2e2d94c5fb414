"""Notebook hygiene: what nbval does not check.

nbval (run by ``make test`` on every notebook) re-executes each notebook and compares the
outputs with the committed ones. These tests check the rest: that the committed notebook
was produced by one clean run top to bottom, with no errors, no warnings on stderr, no path
of the machine it ran on, and the deterministic metadata that ``make run`` writes.
"""

import json
import re

import nbformat
import pytest

from helpers.cli.notebook_files import METADATA, VOLATILE_CELL_KEYS
from helpers.paths import REPO_ROOT

NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
MACHINE_PATH = re.compile(r"(/home/[a-z]|/root/|/tmp/|/Users/|/work/|[A-Z]:\\\\Users)")


def test_there_is_an_overview_notebook():
    assert REPO_ROOT / "notebooks" / "00_overview.ipynb" in NOTEBOOKS


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_code_cells_ran_once_in_order(notebook):
    path, nb = notebook
    counts = [c.execution_count for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-run with 'make run' (counts {counts})"


def test_no_errors_and_nothing_on_stderr(notebook):
    path, nb = notebook
    for index, cell in enumerate(code_cells(nb)):
        for output in cell.outputs:
            assert output.output_type != "error", f"{path.name} cell {index}: {output.get('ename')}"
            assert output.get("name") != "stderr", f"{path.name} cell {index} writes to stderr: {output.get('text')}"


def test_outputs_show_no_path_of_the_machine(notebook):
    path, nb = notebook
    for index, cell in enumerate(code_cells(nb)):
        for output in cell.outputs:
            text = json.dumps({k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")})
            text += output.get("text", "")
            assert not MACHINE_PATH.search(text), f"{path.name} cell {index} shows a machine path"


def test_metadata_is_deterministic(notebook):
    path, nb = notebook
    assert nb.metadata["kernelspec"] == METADATA["kernelspec"]
    assert nb.metadata["language_info"] == METADATA["language_info"], "no interpreter version in metadata"
    for cell in nb.cells:
        assert not set(VOLATILE_CELL_KEYS) & set(cell.metadata), f"{path.name}: timing metadata committed"


def test_every_notebook_starts_with_the_house_setup(notebook):
    path, nb = notebook
    first = code_cells(nb)[0].source
    assert "style.setup()" in first and "data.load()" in first, path.name


def test_every_chart_has_a_source_line(notebook):
    """Each cell that draws a figure finishes it with the house style (title, subtitle, source),
    itself or through a named chart function of a ``helpers.charts_*`` module (tested there)."""
    path, nb = notebook
    for cell in code_cells(nb):
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            assert "style.finish(" in cell.source or "charts_" in cell.source, (
                f"{path.name}: a chart without style.finish"
            )


def test_every_chart_is_followed_by_its_description(notebook):
    """A chart's 'Chart description:' line follows it in the same cell (a chart function's Chart)
    or in the next one (report.alt_text)."""
    path, nb = notebook
    cells = code_cells(nb)
    for index, cell in enumerate(cells):
        images = [i for i, o in enumerate(cell.outputs) if "image/png" in o.get("data", {})]
        if images:
            following = cells[index + 1].outputs if index + 1 < len(cells) else []
            shown = json.dumps([o.get("data", {}) for o in [*cell.outputs[images[-1] + 1 :], *following]])
            assert "Chart description:" in shown, f"{path.name}: chart in cell {index} has no description after it"


def test_tables_show_every_cell_whole_and_no_pandas_missing_marker(notebook):
    """Issue of record: a reader never sees a cell cut short ('...') or pandas' NaN / <NA>."""
    path, nb = notebook
    for cell in code_cells(nb):
        for output in cell.outputs:
            for kind in ("text/html", "text/markdown"):
                text = "".join(output.get("data", {}).get(kind, ""))
                text = re.sub(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", "", text)
                for marker in ("&lt;NA&gt;", ">NaN<", ">nan<", "| NaN |", "| <NA> |", "...</td>"):
                    assert marker not in text, f"{path.name}: a table shows {marker!r}: {cell.source[:60]!r}"


def test_every_chart_carries_the_numbers_it_plots(notebook):
    """Each chart's description output carries the CSV of its plotted numbers (the site's download)."""
    from helpers.chart_output import DATA_KEY

    path, nb = notebook
    for cell in code_cells(nb):
        outputs = cell.outputs
        for position, output in enumerate(outputs):
            if "image/png" in output.get("data", {}):
                described = [o for o in outputs[position + 1 : position + 2] if DATA_KEY in o.get("metadata", {})]
                assert described, f"{path.name}: a chart without its plotted numbers: {cell.source[:60]!r}"
