"""The notebook runner: fresh kernel, offline, deterministic metadata; and the determinism check."""

from pathlib import Path

import nbformat
import pytest

from helpers.cli import check_determinism, notebook_files, run_notebooks


def _notebook(tmp_path, *sources, name="probe"):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.99"}
    nb.cells[0].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_run_is_offline_numbered_and_free_of_machine_metadata(tmp_path):
    path = _notebook(
        tmp_path,
        "import socket, helpers\nprint(getattr(socket, '_pivot_check_offline', False))",
        "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.org', timeout=2)\n"
        "except Exception as error:\n    print(type(error.reason).__name__)",
    )
    nb = notebook_files.execute(path)
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert nb.cells[0].outputs[0]["text"] == "True\n"
    assert nb.cells[1].outputs[0]["text"] == "NetworkDisabled\n"
    assert nb.metadata["language_info"] == notebook_files.METADATA["language_info"]
    assert "execution" not in nb.cells[0].metadata
    assert [c["id"] for c in nb.cells] == ["c000-code", "c001-code"]


def test_a_failing_cell_leaves_the_file_unchanged_and_is_reported(tmp_path, capsys):
    path = _notebook(tmp_path, "1 / 0")
    before = path.read_bytes()
    assert run_notebooks.main([str(path)]) == 1
    assert path.read_bytes() == before
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_a_notebook_failing_on_missing_data_is_told_which_series(tmp_path, capsys, monkeypatch):
    from conftest import copy_data
    from helpers import paths

    folder = copy_data(tmp_path / "data")
    observations = folder / "observations.csv"
    lines = observations.read_text(encoding="utf-8").splitlines(keepends=True)
    observations.write_text(
        "".join(line for line in lines if not line.startswith("fuel_share_of_exports_to_partner,")), encoding="utf-8"
    )
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    path = _notebook(tmp_path, "raise IndexError('single positional indexer is out-of-bounds')")
    assert run_notebooks.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert "series-coverage: claim RCH-02 reads 'fuel_share_of_exports_to_partner' RUS->CHN" in err


def test_notebooks_run_side_by_side_give_the_same_files_as_one_by_one(tmp_path, capsys):
    sources = ("print(sum(range(10)))", "x = 6 * 7\nx")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    alone = _notebook(tmp_path / "one", *sources, name="n0")
    beside = _notebook(tmp_path / "two", *sources, name="n0")
    other = _notebook(tmp_path / "two", "print('other')", name="n1")
    assert run_notebooks.main(["--jobs", "1", str(alone)]) == 0
    assert run_notebooks.main(["--jobs", "2", str(beside), str(other)]) == 0
    assert alone.read_bytes() == beside.read_bytes()
    assert nbformat.read(beside, 4).cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert "[2/2]" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_failing_notebook_leaves_every_notebook_unchanged(tmp_path, capsys, monkeypatch, jobs):
    import shutil
    import tempfile

    # A short temporary folder of its own (not under tmp_path): the kernels' IPC socket paths
    # must stay under the operating system's limit of about 100 characters.
    staging = Path(tempfile.mkdtemp(prefix="pc"))
    monkeypatch.setattr(tempfile, "tempdir", str(staging))
    good = _notebook(tmp_path, "print('fine')", name="n0")
    failing = _notebook(tmp_path, "raise ValueError('stop')", name="n1")
    before = {path: path.read_bytes() for path in (good, failing)}
    assert run_notebooks.main(["--jobs", jobs, str(good), str(failing)]) == 1
    assert {path: path.read_bytes() for path in before} == before
    err = capsys.readouterr().err
    assert "n1.ipynb ... FAILED" in err and "ValueError" in err and "no notebook was changed" in err
    left = list(staging.iterdir())
    shutil.rmtree(staging)
    assert left == []  # the staging folder is gone


def test_a_missing_notebook_is_named(tmp_path, capsys):
    assert run_notebooks.main([str(tmp_path / "nope.ipynb")]) == 2
    assert "no such notebook" in capsys.readouterr().err


def test_the_determinism_check_finds_the_first_difference():
    a = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    a.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=1)]
    b = nbformat.from_dict(a)
    assert check_determinism.first_difference(a, b) is None
    b.cells[0].outputs[0]["data"]["text/plain"] = "2"
    assert check_determinism.first_difference(a, b) == "cell 0, output 0: text/plain"


def test_make_run_records_the_data_only_after_every_notebook_ran():
    """A failing notebook stops make at its step, so hashes recorded last are never recorded for it."""
    import subprocess

    from helpers.paths import REPO_ROOT

    steps = subprocess.run(
        ["make", "-n", "run"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    modules = [line.split(" -m ", 1)[1] for line in steps if " -m helpers.cli." in line]
    assert [m.split()[0] for m in modules[-4:]] == [
        "helpers.cli.codebook",
        "helpers.cli.run_notebooks",
        "helpers.cli.render_site",
        "helpers.cli.validate",
    ]
    assert modules[-1].startswith("helpers.cli.validate --record")
    assert not any("--record" in m for m in modules[:-1])  # the first validation records nothing
