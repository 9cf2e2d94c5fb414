"""Command line: open the collection in JupyterLab (``make lab``).

    python -m helpers.cli.lab [NOTEBOOK]

JupyterLab as the collection needs it:

- offline: ``PIVOT_CHECK_OFFLINE=1`` for the kernels (:mod:`helpers.offline`), no news feed, no
  update check and a read-only extension manager, so nothing asks the internet;
- no news pop-up on first start: the settings in ``tools/lab/settings/overrides.json``;
- a notebook opens unmodified: the kernel of ``tools/lab/kernels/python3`` reports its language
  as the committed notebooks record it (:mod:`helpers.cli.lab_kernel`);
- ``--allow-root`` only when running as root (containers, many class servers), where JupyterLab
  refuses to start without it.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..offline import ENV
from ..paths import REPO_ROOT

#: JupyterLab's settings overrides and the kernel specification used by ``make lab``.
LAB_TOOLS = REPO_ROOT / "tools" / "lab"
OPEN = "notebooks/00_overview.ipynb"


def arguments(notebook: str = OPEN, *, as_root: bool | None = None) -> list[str]:
    """JupyterLab's command-line arguments (after ``jupyter lab``)."""
    root = (os.geteuid() == 0) if as_root is None else as_root
    return (
        [
            f"--LabApp.app_settings_dir={LAB_TOOLS / 'settings'}",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",
        ]
        + (["--allow-root"] if root else [])
        + [notebook]
    )


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for JupyterLab: offline kernels, and the collection's kernel found first."""
    env = dict(os.environ if base is None else base)
    paths = [str(LAB_TOOLS)] + ([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else [])
    return env | {ENV: "1", "JUPYTER_PATH": os.pathsep.join(paths)}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m helpers.cli.lab [NOTEBOOK]", file=sys.stderr)
        return 2
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"
    os.chdir(REPO_ROOT)
    os.execvpe(jupyter, [jupyter, "lab", *arguments(*args)], environment())
    return 0  # pragma: no cover - execvpe does not return


if __name__ == "__main__":
    sys.exit(main())
