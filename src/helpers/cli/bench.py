"""Command line: measure the collection against its floor (``make bench``).

    python -m helpers.cli.bench [--runs N] [--no-test] [--out build/bench.json]
    python -m helpers.cli.bench --robustness-only [--runs N]

The floor is the same number of notebooks that only import pandas, matplotlib and seaborn,
executed the same way (a fresh kernel each, through nbclient). The report gives, as medians
of ``--runs`` runs: the collection's and the floor's execution time and their ratio; each
notebook's time, how far above a floor notebook it is, and where it goes (kernel start and
cell round trips, the first cell's imports and ``data.load()``, cells that draw charts, the
rest), from per-cell timings; the time to import the helpers (pandas included) and then to
load the whole dataset cold in a fresh process (files and rules as recorded, so not validated),
and the full validation for comparison (its own time, after the imports); the time to run every specification of
every claim on both views (``claims.robustness``, after the load, in a fresh process; alone
with ``--robustness-only``); ``make run`` (only on a tree with nothing uncommitted, which it
would rewrite) and ``make test`` wall time with the venv in place (both skipped with ``--no-test``); file sizes; and how the full validation's time grows with 1, 2,
5 and 10 times the observations (a generated copy in a temporary folder, never committed).
These machines are noisy: compare ratios, not seconds, and run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..paths import REPO_ROOT, data_dir, display_path
from .notebook_files import KERNEL, notebook_paths

#: make_run_s: 1.25 x the 20.0 s that make run took on the reference 2-core machine before the
#: code was reorganised into layers (commit c842f24); the others are the product's own targets.
TARGETS = {
    "ratio": 1.3,
    "load_s": 0.3,
    "notebook_kb": 500,
    "make_run_s": 25,
    "make_test_s": 60,
    "robustness_s": 10,
}
FLOOR_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt\nimport seaborn as sns"


def _timed_execute(path: Path) -> tuple[float, dict[str, float]]:
    """Execute a notebook (not written back); total seconds and seconds per phase."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb, kernel_name=KERNEL, timeout=600, record_timing=True, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute(env={**os.environ, "PIVOT_CHECK_OFFLINE": "1", "PIVOT_CHECK_STATIC": "1"}, stderr=subprocess.DEVNULL)
    total = time.perf_counter() - start
    phases = {
        "kernel and cell round trips": 0.0,
        "first cell: imports and data.load()": 0.0,
        "charts": 0.0,
        "analysis and tables": 0.0,
    }
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for position, cell in enumerate(code_cells):
        stamps = cell.metadata.get("execution", {})
        try:
            began = datetime.fromisoformat(stamps["iopub.execute_input"].replace("Z", "+00:00"))
            ended = datetime.fromisoformat(stamps["shell.execute_reply"].replace("Z", "+00:00"))
        except (KeyError, ValueError):
            continue
        seconds = (ended - began).total_seconds()
        if position == 0 or "data.load(" in cell.source:
            phases["first cell: imports and data.load()"] += seconds
        elif any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            phases["charts"] += seconds
        else:
            phases["analysis and tables"] += seconds
    phases["kernel and cell round trips"] = max(total - sum(phases.values()), 0.0)
    return total, phases


def _floor_notebooks(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
        path = folder / f"floor_{index:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def _fresh_process_seconds(code: str, runs: int, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], check=True, env=env or os.environ.copy(), stdout=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _scaled_copy(folder: Path, factor: int) -> Path:
    """A copy of data/ whose observations are repeated ``factor`` times under new source ids."""
    target = folder / f"data_x{factor}"
    shutil.copytree(data_dir(), target)
    with open(target / "observations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(target / "sources.csv", encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    fields_obs, fields_src = list(rows[0]), list(sources[0])
    used = {r["source_id"] for r in rows}
    out_rows, out_sources = list(rows), list(sources)
    for copy in range(1, factor):
        out_rows += [{**r, "source_id": f"{r['source_id']}-x{copy}"} for r in rows]
        out_sources += [{**s, "source_id": f"{s['source_id']}-x{copy}"} for s in sources if s["source_id"] in used]
    for name, fields, data in (("observations.csv", fields_obs, out_rows), ("sources.csv", fields_src, out_sources)):
        with open(target / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(data)
    return target


#: Run in a fresh process: time ``import helpers.data`` (pandas included), then a cold
#: ``data.load()`` (nothing loaded yet in the process), and print both as JSON.
_LOAD_PROBE = """
import json, sys, time
started = time.perf_counter()
from helpers import data
imported = time.perf_counter()
begun = time.perf_counter()
evidence = data.load(sys.argv[1])
loaded = time.perf_counter()
print(json.dumps({"import_s": imported - started, "load_s": loaded - begun,
                  "rows": len(evidence.observations), "frictionless_imported": "frictionless" in sys.modules}))
"""


def _cold_load(folder: Path, runs: int) -> dict:
    """Medians over ``runs`` fresh processes: import time, and cold load time."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE, str(folder)], check=True, capture_output=True, text=True
        )
        results.append(json.loads(done.stdout))
    return {
        "import_s": statistics.median(r["import_s"] for r in results),
        "load_s": statistics.median(r["load_s"] for r in results),
        "rows": results[0]["rows"],
        "frictionless_imported": any(r["frictionless_imported"] for r in results),
    }


#: Run in a fresh process: load the data, then time every specification of every claim on
#: both views (nothing remembered from an earlier run), and print the seconds and the rows.
_ROBUSTNESS_PROBE = """
import json, time
from helpers import claims, data
evidence = data.load()
begun = time.perf_counter()
table = claims.robustness(evidence)
print(json.dumps({"seconds": time.perf_counter() - begun, "rows": len(table),
                  "claims": int(table["claim_id"].nunique())}))
"""


def robustness_seconds(runs: int) -> dict:
    """Median seconds of ``claims.robustness(ev)`` over ``runs`` fresh processes, with its size."""
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _ROBUSTNESS_PROBE], check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "rows": results[0]["rows"],
        "claims": results[0]["claims"],
    }


#: Run in a fresh process: time the full validation of a data folder (frictionless and the
#: consistency rules) after the imports, so that only the validation's own work is measured.
_VALIDATION_PROBE = """
import json, sys, time
import frictionless
from helpers import datapackage
begun = time.perf_counter()
problems = datapackage.validate(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - begun, "problems": len(problems)}))
"""


def _full_validation_seconds(folder: Path, runs: int) -> float:
    """Median seconds of the full validation of ``folder`` (what ``make validate`` runs), each in a
    fresh process, imports excluded."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _VALIDATION_PROBE, str(folder)], check=True, capture_output=True, text=True
        )
        results.append(json.loads(done.stdout))
    if any(r["problems"] for r in results):
        raise SystemExit(f"bench: {display_path(folder)} is not valid; run make validate")
    return statistics.median(r["seconds"] for r in results)


def _observation_rows(folder: Path) -> int:
    with open(folder / "observations.csv", encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _size_kb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1024
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024


def measure(runs: int, with_test: bool) -> dict:
    notebooks = notebook_paths()
    report: dict = {
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="pivot-check-bench-") as tmp:
        tmp_path = Path(tmp)
        floor = _floor_notebooks(tmp_path, len(notebooks))
        print(f"floor: {len(floor)} notebooks x {runs} runs", file=sys.stderr)
        floor_runs, floor_first_cells = [], []
        for _ in range(runs):
            timed = [_timed_execute(p) for p in floor]
            floor_runs.append(sum(seconds for seconds, _ in timed))
            floor_first_cells += [phases["first cell: imports and data.load()"] for _, phases in timed]
        per_notebook: dict[str, list] = {p.name: [] for p in notebooks}
        collection_runs = []
        for run in range(runs):
            print(f"collection: run {run + 1} of {runs}", file=sys.stderr)
            total = 0.0
            for path in notebooks:
                seconds, phases = _timed_execute(path)
                per_notebook[path.name].append((seconds, phases))
                total += seconds
            collection_runs.append(total)
        report["floor_s"] = statistics.median(floor_runs)
        report["collection_s"] = statistics.median(collection_runs)
        report["ratio"] = report["collection_s"] / report["floor_s"]
        report["notebooks"] = {}
        for name, results in per_notebook.items():
            phases = {k: statistics.median(r[1][k] for r in results) for k in results[0][1]}
            report["notebooks"][name] = {
                "seconds": statistics.median(r[0] for r in results),
                "phases": phases,
                "size_kb": _size_kb(REPO_ROOT / "notebooks" / name),
            }
        floor_cells = statistics.median(seconds for seconds in floor_first_cells)
        report["floor_per_notebook_s"] = report["floor_s"] / len(floor)
        report["floor_import_cell_s"] = floor_cells
        for info in report["notebooks"].values():
            info["above_floor_s"] = info["seconds"] - report["floor_per_notebook_s"]
        print("load and validate: fresh processes", file=sys.stderr)
        cold = _cold_load(data_dir(), runs)
        report["import_helpers_s"] = cold["import_s"]
        report["load_cold_s"] = cold["load_s"]
        report["load_imports_frictionless"] = cold["frictionless_imported"]
        report["full_frictionless_validation_s"] = _full_validation_seconds(data_dir(), runs)
        print("robustness: every specification of every claim, both views", file=sys.stderr)
        report["robustness"] = robustness_seconds(runs)
        subprocess.run([sys.executable, "-c", "from helpers import data; data.load()"], check=True)
        report["load_remembered_s"] = _fresh_process_seconds("from helpers import data; data.load()", runs)
        scale = {}  # the full validation every time: x1 is validated like the copies, not skipped
        for factor in (1, 2, 5, 10):
            folder = data_dir() if factor == 1 else _scaled_copy(tmp_path, factor)
            seconds = _full_validation_seconds(folder, max(1, runs - 1))
            scale[factor] = {"rows": _observation_rows(folder), "validate_s": seconds}
            print(f"  x{factor}: {scale[factor]['rows']} rows, {seconds:.3f} s", file=sys.stderr)
        report["scale"] = scale
        base = scale[1]["validate_s"]
        report["scale_growth_per_row"] = {f: scale[f]["validate_s"] / (base * f) for f in scale}
    site = REPO_ROOT / "build" / "site"
    report["site_kb"] = _size_kb(site) if site.exists() else None
    if with_test:
        if _committed():
            report["make_run_s"], report["make_run_runs_s"] = _make_seconds("run", runs)
        else:
            print(
                "make run not timed: the working tree has uncommitted changes, which it would rewrite", file=sys.stderr
            )
            report["make_run_s"], report["make_run_runs_s"] = None, []
        report["make_test_s"], report["make_test_runs_s"] = _make_seconds("test", runs)
    return report


def _committed() -> bool:
    """Whether the working tree is a git checkout with nothing uncommitted (``git status`` clean)."""
    done = subprocess.run(["git", "status", "--porcelain"], cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    return done.returncode == 0 and not done.stdout.strip()


def _make_seconds(target: str, runs: int) -> tuple[float, list[float]]:
    """Median wall seconds of ``make <target>`` over ``runs`` runs (venv in place), and each run's.

    ``make run`` rewrites the notebooks, the codebook and the site with the same bytes (its
    outputs are deterministic), so on a committed tree timing it leaves ``git status`` clean;
    :func:`measure` times it only there."""
    times = []
    for run in range(runs):
        print(f"make {target} (venv in place): run {run + 1} of {runs}", file=sys.stderr)
        start = time.perf_counter()
        subprocess.run(
            ["make", target], cwd=REPO_ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def table(report: dict) -> str:
    lines = [f"{'measure':48} {'value':>12}  target", "-" * 72]

    def row(label, value, unit, target=None, fmt=".2f"):
        shown = "n/a" if value is None else f"{value:{fmt}} {unit}"
        lines.append(f"{label:48} {shown:>12}  {target or ''}")

    row("floor: notebooks importing pandas/matplotlib/seaborn", report["floor_s"], "s")
    row("  per floor notebook (its import cell)", report["floor_per_notebook_s"], "s")
    row("    of which the import cell", report["floor_import_cell_s"], "s")
    row("collection: executing every notebook", report["collection_s"], "s")
    row("ratio collection / floor", report["ratio"], "x", f"<= {TARGETS['ratio']}")
    for name, info in report["notebooks"].items():
        row(f"  {name}", info["seconds"], "s", f"{info['above_floor_s']:+.2f} s above a floor notebook")
        for phase, seconds in info["phases"].items():
            row(f"      {phase}", seconds, "s")
    row("import helpers.data, incl. pandas (fresh process)", report["import_helpers_s"], "s")
    row(
        "load all data, cold, as recorded (after the import)",
        report["load_cold_s"],
        "s",
        f"<= {TARGETS['load_s']}",
    )
    row("  full validation (make validate), after its imports", report["full_frictionless_validation_s"], "s")
    row("load, validation remembered (whole process)", report["load_remembered_s"], "s")
    _robustness_row(row, report)
    for factor, info in report["scale"].items():
        row(
            f"full validation, x{factor} observations ({info['rows']} rows)",
            info["validate_s"],
            "s",
            f"{report['scale_growth_per_row'][factor]:.2f} x the x1 time per row",
        )
    for name, info in report["notebooks"].items():
        row(f"size {name}", info["size_kb"], "KB", f"<= {TARGETS['notebook_kb']}", ".0f")
    row("size of build/site", report["site_kb"], "KB", fmt=".0f")
    if "make_run_s" in report:
        row("make run, venv in place", report["make_run_s"], "s", f"<= {TARGETS['make_run_s']}")
    if "make_test_s" in report:
        row("make test, venv in place", report["make_test_s"], "s", f"< {TARGETS['make_test_s']}")
    return "\n".join(lines)


def _robustness_row(row, report: dict) -> None:
    info = report.get("robustness")
    if info is not None:
        row(
            f"every specification of {info['claims']} claims, both views ({info['rows']} verdicts)",
            info["seconds"],
            "s",
            f"< {TARGETS['robustness_s']}",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; medians are reported")
    parser.add_argument("--no-test", action="store_true", help="skip timing 'make run' and 'make test'")
    parser.add_argument("--out", default=str(REPO_ROOT / "build" / "bench.json"))
    parser.add_argument(
        "--robustness-only",
        action="store_true",
        help="only time every specification of every claim on both views (seconds)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.robustness_only:
        lines: list[str] = []
        _robustness_row(
            lambda label, value, unit, target=None: lines.append(f"{label}: {value:.2f} {unit} (target {target})"),
            {"robustness": robustness_seconds(max(1, args.runs))},
        )
        print("\n".join(lines))
        return 0
    report = measure(max(1, args.runs), not args.no_test)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(table(report))
    print(f"written to {display_path(out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
