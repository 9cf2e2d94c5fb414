"""Notebook files: which notebooks there are, how they are executed, normalised and written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from ..paths import NOTEBOOKS, REPO_ROOT, display_path

#: The site's and the slides' nbconvert templates and style sheet.
TEMPLATES = Path(__file__).resolve().parent / "site_template"
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
    with (
        tempfile.TemporaryDirectory(prefix="pivot-check-kernel-") as sockets,
        open(KERNEL_LOGS / f"{path.stem}.kernel.log", "w", encoding="utf-8") as log,
    ):
        # Local IPC sockets rather than TCP ports: nothing listens on the network.
        manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(
            nb,
            km=manager,
            timeout=CELL_TIMEOUT,
            kernel_name=KERNEL,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
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


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown heading, without the '#' marks."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback
