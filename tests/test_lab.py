"""make lab: offline kernels, no news pop-up, notebooks open unmodified, --allow-root only as root.

The browser test (tests/browser, ``make browser-test``) opens JupyterLab this way and checks the
tab is not marked modified and no notification shows; these tests check the parts without a browser.
"""

import json

import nbformat
import pytest

from helpers import offline
from helpers.cli import lab, lab_kernel, notebook_files
from helpers.cli.notebook_files import notebook_paths
from helpers.paths import REPO_ROOT


@pytest.mark.parametrize("as_root", [True, False])
def test_allow_root_is_passed_only_as_root(as_root):
    args = lab.arguments(as_root=as_root)
    assert ("--allow-root" in args) is as_root
    assert args[-1] == "notebooks/00_overview.ipynb"
    assert "--LabApp.news_url=" in args and "--LabApp.extension_manager=readonly" in args


def test_the_kernels_run_offline_and_the_collections_kernel_is_found_first():
    env = lab.environment({"JUPYTER_PATH": "/elsewhere", "HOME": "/home/someone"})
    assert env[offline.ENV] == "1"
    assert env["JUPYTER_PATH"].split(":") == [str(lab.LAB_TOOLS), "/elsewhere"]
    spec = json.loads((lab.LAB_TOOLS / "kernels" / "python3" / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][:3] == ["python", "-m", "helpers.cli.lab_kernel"] and spec["env"][offline.ENV] == "1"
    assert spec["display_name"] == notebook_files.METADATA["kernelspec"]["display_name"]


def test_no_news_and_no_update_check():
    overrides = json.loads((lab.LAB_TOOLS / "settings" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert any(arg == f"--LabApp.app_settings_dir={lab.LAB_TOOLS / 'settings'}" for arg in lab.arguments())


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_the_kernel_reports_the_language_as_each_notebook_records_it(path):
    # JupyterLab marks a notebook modified when the kernel's language_info differs from the file's.
    recorded = nbformat.read(path, as_version=4).metadata["language_info"]
    assert lab_kernel.Kernel.language_info == recorded
    assert path.is_relative_to(REPO_ROOT)


def test_usage():
    assert lab.main(["-x"]) == 2
