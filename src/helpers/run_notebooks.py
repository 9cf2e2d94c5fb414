"""Command line: re-execute notebooks top to bottom in a clean kernel, in place.

    python -m helpers.run_notebooks [--jobs N] [NOTEBOOK ...]   (default: every notebooks/*.ipynb)

Each notebook runs in a fresh kernel with the notebooks folder as working directory.
Outputs are written back with deterministic metadata: no timings, no interpreter version,
stable cell ids, so running twice leaves ``git status`` clean. If a cell fails, the
notebook file is left unchanged and the command names the notebook and the cell.

Notebooks are independent, so ``--jobs`` of them run at once (default: one per CPU core);
each line of progress is printed when its notebook finishes. The outputs do not depend on
the order or on ``--jobs``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .schema import REPO_ROOT, display_path

NOTEBOOKS = REPO_ROOT / "notebooks"
#: The kernels' own log lines (start-up and shut-down chatter, crashes) go here, not to the terminal.
KERNEL_LOGS = REPO_ROOT / "build" / "logs"
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds; a cell that takes longer is a bug

#: The notebook metadata every notebook carries after a run (no versions of this machine).
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL},
    "language_info": {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
    },
}
#: Cell metadata keys that a run adds and that must not be committed.
VOLATILE_CELL_KEYS = ("execution", "collapsed", "scrolled", "ExecuteTime")


def notebook_paths(args: list[str] | None = None) -> list[Path]:
    """The notebooks to run: the arguments, or every notebook in ``notebooks/``, sorted."""
    if args:
        paths = [Path(a).resolve() for a in args]
        missing = [display_path(p) for p in paths if not p.is_file()]
        if missing:
            raise FileNotFoundError(f"no such notebook: {', '.join(missing)}")
        return paths
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make a notebook's metadata deterministic (in place) and return it."""
    extra = {k: v for k, v in nb.metadata.items() if k not in ("kernelspec", "language_info", "widgets")}
    nb.metadata = nbformat.from_dict({**METADATA, **extra})
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        for key in VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        cell["id"] = f"c{index:03d}-{cell.cell_type[:4]}"
    return nb


def execute(path: Path) -> nbformat.NotebookNode:
    """Run one notebook in a fresh kernel and return it, normalised (the file is not written)."""
    nb = nbformat.read(path, as_version=4)
    KERNEL_LOGS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pivot-check-kernel-") as sockets, \
            open(KERNEL_LOGS / f"{path.stem}.kernel.log", "w", encoding="utf-8") as log:
        # Local IPC sockets rather than TCP ports: nothing listens on the network.
        manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=manager, timeout=CELL_TIMEOUT, kernel_name=KERNEL, record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute(stderr=log, env={**os.environ, "PIVOT_CHECK_OFFLINE": "1", "PIVOT_CHECK_STATIC": "1"})
        finally:  # a kernel manager we pass in is ours to shut down, not nbclient's
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)
    return normalise(nb)


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write a notebook the way nbformat does (sorted keys, one-space indent), newline-terminated."""
    text = nbformat.writes(nb)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def run_one(path: Path) -> tuple[float, str | None]:
    """Execute a notebook and write it back; (seconds, None) or (seconds, what failed)."""
    start = time.perf_counter()
    try:
        nb = execute(path)
    except CellExecutionError as error:
        return time.perf_counter() - start, (
            f"  {display_path(path)} was left unchanged; the failing cell said:\n{error}\n"
            f"  (the kernel's own log: {display_path(KERNEL_LOGS / (path.stem + '.kernel.log'))})")
    write(nb, path)
    return time.perf_counter() - start, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every notebooks/*.ipynb)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks to run at once (default: the number of CPU cores)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        paths = notebook_paths(args.notebooks)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 2
    jobs = max(1, min(args.jobs, len(paths)))
    failures = 0
    if jobs == 1:
        outcomes = ((path, run_one(path)) for path in paths)
        pool = None
    else:  # fresh worker processes (not forks of this one); each starts its own kernels
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
        futures = {pool.submit(run_one, path): path for path in paths}
        outcomes = ((futures[future], future.result()) for future in as_completed(futures))
    try:
        for done, (path, (seconds, failure)) in enumerate(outcomes, start=1):
            status = "FAILED" if failure else f"ok ({seconds:.1f} s)"
            print(f"[{done}/{len(paths)}] {display_path(path)} ... {status}", file=sys.stderr, flush=True)
            if failure:
                failures += 1
                print(failure, file=sys.stderr)
    finally:
        if pool is not None:
            pool.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
