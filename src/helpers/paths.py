"""Where things are: the repository, the data folder, the notebooks; and paths as readers see them."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's root (``src/helpers/paths.py`` -> three levels up).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: Environment variable that points the helpers at another copy of ``data/``.
DATA_DIR_ENV = "PIVOT_CHECK_DATA"

#: The notebooks of the collection.
NOTEBOOKS = REPO_ROOT / "notebooks"


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data folder: ``path`` if given, else ``$PIVOT_CHECK_DATA``, else ``<repo>/data``."""
    chosen = path or os.environ.get(DATA_DIR_ENV) or REPO_ROOT / "data"
    return Path(chosen).resolve()


def display_path(path: Path) -> str:
    """A path as a reader should see it: relative to the repository if inside it.

    Outputs must never show a path of the machine they were made on.
    """
    path = Path(path).resolve()
    try:
        return path.relative_to(REPO_ROOT).as_posix()
    except ValueError:  # outside the repository: the name alone
        return path.name
