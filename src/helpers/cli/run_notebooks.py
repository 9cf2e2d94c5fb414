"""Command line: re-execute notebooks top to bottom in a clean kernel, in place.

    python -m helpers.cli.run_notebooks [--jobs N] [NOTEBOOK ...]   (default: every notebooks/*.ipynb)

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
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from nbclient.exceptions import CellExecutionError

from ..paths import display_path
from .notebook_files import KERNEL_LOGS, execute, notebook_paths, write

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
