"""Command line: re-execute notebooks top to bottom in a clean kernel, all or nothing.

    python -m helpers.cli.run_notebooks [--jobs N] [NOTEBOOK ...]   (default: every notebooks/*.ipynb)

Each notebook runs in a fresh kernel with the notebooks folder as working directory.
Outputs are written back with deterministic metadata: no timings, no interpreter version,
stable cell ids, so running twice leaves ``git status`` clean.

All or nothing: every notebook is executed into a temporary folder, and the notebooks are
replaced only when all of them succeeded. If a cell fails, no notebook file changes (so the
collection never mixes outputs from two versions of the data) and the command names the
notebook and the cell. Ctrl-C stops with one line, changes nothing and removes the temporary files.

Notebooks are independent, so ``--jobs`` of them run at once (default: one per CPU core);
each line of progress is printed when its notebook finishes. The outputs do not depend on
the order or on ``--jobs``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from nbclient.exceptions import CellExecutionError

from ..paths import display_path
from .notebook_files import KERNEL_LOGS, execute, notebook_paths, write


def run_one(path: Path, target: Path) -> tuple[float, str | None]:
    """Execute a notebook and write the result to ``target``; (seconds, None) or (seconds, what failed)."""
    start = time.perf_counter()
    try:
        nb = execute(path)
    except CellExecutionError as error:
        return time.perf_counter() - start, (
            f"  the failing cell of {display_path(path)} said:\n{error}\n"
            f"  (the kernel's own log: {display_path(KERNEL_LOGS / (path.stem + '.kernel.log'))})" + _missing_data()
        )
    write(nb, target)
    return time.perf_counter() - start, None


def _missing_data() -> str:
    """If the data lack series the claim tests read, one line each: the likely cause of a failed cell."""
    import warnings

    from .. import data, paths
    from ..claims import coverage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = coverage.problems(
                data.load(validate=False), file=display_path(paths.data_dir() / "observations.csv")
            )
    except Exception:  # noqa: BLE001 - only a hint; the cell's own error is reported above
        return ""
    if not found:
        return ""
    return "\n  the data lack what the claim tests read, which is probably why:\n" + "\n".join(f"  {p}" for p in found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every notebooks/*.ipynb)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="notebooks to run at once (default: the number of CPU cores)",
    )
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
    staging = Path(tempfile.mkdtemp(prefix="pivot-check-run-"))
    # one sub-folder per notebook: two notebooks of the same name in different folders stay apart
    targets = {path: staging / str(number) / path.name for number, path in enumerate(paths)}
    for target in targets.values():
        target.parent.mkdir()
    failures = 0
    pool = None
    try:
        if jobs == 1:
            outcomes = ((path, run_one(path, targets[path])) for path in paths)
        else:  # fresh worker processes (not forks of this one); each starts its own kernels
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
            futures = {pool.submit(run_one, path, targets[path]): path for path in paths}
            outcomes = ((futures[future], future.result()) for future in as_completed(futures))
        for done, (path, (seconds, failure)) in enumerate(outcomes, start=1):
            status = "FAILED" if failure else f"ok ({seconds:.1f} s)"
            print(f"[{done}/{len(paths)}] {display_path(path)} ... {status}", file=sys.stderr, flush=True)
            if failure:
                failures += 1
                print(failure, file=sys.stderr)
        if failures:
            print(
                f"{failures} of {len(paths)} notebook{'s' if len(paths) != 1 else ''} failed: no notebook was changed",
                file=sys.stderr,
            )
            return 1
        for path, target in targets.items():
            shutil.move(target, path)
        return 0
    except KeyboardInterrupt:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None
        print("interrupted: no notebook was changed", file=sys.stderr)
        return 130
    finally:
        if pool is not None:
            pool.shutdown()
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
