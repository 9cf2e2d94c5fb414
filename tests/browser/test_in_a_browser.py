"""The collection as a reader sees it, in headless Chromium (``make browser-test``).

Renders the site from the committed notebooks, opens every page, follows the links and checks
that each page loads with no failed request and no request leaving the machine, and that the
charts are shown. Opens JupyterLab on the overview notebook and takes a screenshot. Screenshots
go to ``build/screenshots/``: look at them.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_tools import CHROMIUM

from helpers.cli.notebook_files import notebook_paths
from helpers.paths import REPO_ROOT

pytestmark = pytest.mark.browser

SHOTS = REPO_ROOT / "build" / "screenshots"
LOCAL = re.compile(r"^(file:|data:|blob:|about:|http://127\.0\.0\.1[:/]|http://localhost[:/])")

if CHROMIUM is None:
    pytest.skip("Chromium is not installed: apt-get install chromium chromium-driver", allow_module_level=True)


def open_page(browser, url):
    """Open ``url``; return the page, every request made and every failed request."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, failed = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(url, wait_until="load")
    return page, requests, failed


def test_every_page_loads_offline_and_shows_its_charts(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, requests, failed = open_page(browser, (site / "index.html").as_uri())
    links = sorted(
        {a for a in page.eval_on_selector_all("a[href$='.html']", "els => els.map(e => e.getAttribute('href'))")}
    )
    page.screenshot(path=str(SHOTS / "site-index.png"), full_page=False)
    page.close()
    expected = {f"{p.stem}.html" for p in notebook_paths()} | {"codebook.html"}
    assert expected <= set(links), f"the index does not link {sorted(expected - set(links))}"
    for link in links:
        page, reqs, fails = open_page(browser, (site / link).as_uri())
        requests += reqs
        failed += fails
        if link not in ("codebook.html", "index.html"):
            charts = page.eval_on_selector_all(
                "img[src^='data:image/png']", "els => els.map(e => [e.naturalWidth, e.alt])"
            )
            assert charts, f"{link} shows no chart"
            assert all(width > 0 for width, _ in charts), f"{link}: a chart did not render"
            assert all(alt and not alt.startswith("No description") for _, alt in charts), (
                f"{link}: a chart has no alt text"
            )
            assert page.locator("nav.pivot-nav a.home").count() >= 1, f"{link} has no navigation"
        page.screenshot(path=str(SHOTS / f"site-{link.removesuffix('.html')}.png"), full_page=False)
        page.close()
    assert not failed, f"failed requests: {failed[:5]}"
    outside = [u for u in requests if not LOCAL.match(u)]
    assert not outside, f"requests leaving the machine: {outside[:5]}"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_jupyterlab_opens_the_overview(browser, tmp_path):
    server, base, token = _lab(tmp_path, REPO_ROOT)
    try:
        page, requests, failed = open_page(browser, f"{base}/lab/tree/notebooks/00_overview.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-RenderedImage img", timeout=90_000)
        page.wait_for_selector("text=Python 3 (ipykernel) | Idle", timeout=90_000)  # the kernel has started
        page.wait_for_timeout(1500)
        assert page.locator(".jp-mod-dirty").count() == 0, "opening the notebook marked it modified"
        assert page.locator(".Toastify__toast").count() == 0, page.locator(".Toastify__toast").all_inner_texts()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "jupyterlab-overview.png"))
        assert page.locator(".jp-Notebook .jp-Cell").count() > 10
        outside = [u for u in requests if not LOCAL.match(u)]
        assert not outside, f"JupyterLab requested from outside: {outside[:5]}"
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_slide_deck_runs_offline(browser, tmp_path):
    from helpers.cli import slides

    if not (slides.REVEAL / "dist" / "reveal.js").is_file():
        pytest.skip("reveal.js not installed: make slides installs it")
    [deck] = slides.render([REPO_ROOT / "notebooks" / "06_russia_china.ipynb"], tmp_path)
    page, requests, failed = open_page(browser, deck.as_uri())
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.wait_for_timeout(500)
    assert page.evaluate("typeof Reveal !== 'undefined' && Reveal.isReady()")
    assert page.evaluate("Reveal.getTotalSlides()") > 5
    page.keyboard.press("ArrowRight")
    page.screenshot(path=str(SHOTS / "slides-06_russia_china.png"))
    assert not failed and not errors, (failed, errors)
    assert not [u for u in requests if not LOCAL.match(u)]


def _lab(tmp_path, root: Path) -> tuple[subprocess.Popen, str, str]:
    """JupyterLab on ``root`` as ``make lab`` opens it (helpers.cli.lab: offline kernels, no news,
    read-only extension manager), in a private configuration, with live controls (no
    ``PIVOT_CHECK_STATIC``); returns the server, its URL and its token."""
    from helpers.cli import lab

    port, token = _free_port(), "pivot-check-test"
    env = lab.environment(
        {
            **{k: v for k, v in os.environ.items() if k != "PIVOT_CHECK_STATIC"},
            "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
            "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        }
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.log_level=WARN",
            *lab.arguments()[:-1],
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    return server, base, token


def _a_single_choice_that_flips(evidence):
    """(claim, field, dropdown label, verdict before, verdict after) for a one-field change that flips
    a latest verdict, found from the robustness analysis (so the test follows the data)."""
    from helpers import claims, controls

    summary = claims.robustness_summary(claims.robustness(evidence))
    for row in summary[(summary["view"] == "latest") & summary["fragile"]].itertuples():
        for flip in row.flips.split("; "):
            choice, verdict = flip.split(" -> ")
            if ";" not in choice and "=" in choice:
                field, label = choice.split("=", 1)
                for shown, _ in controls.options(row.claim_id)[field]:
                    if shown == label:
                        return row.claim_id, field, shown, row.headline, verdict
    pytest.fail("no claim has a one-field change that flips its latest verdict")


def test_live_controls_rejudge_a_claim_in_jupyterlab(browser, tmp_path):
    import nbformat

    from helpers import data

    claim_id, field, label, before, after = _a_single_choice_that_flips(data.load())
    from helpers.cli.notebook_files import METADATA

    nb = nbformat.v4.new_notebook(metadata=METADATA)  # with its kernel named, JupyterLab asks nothing
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from helpers import controls, data\nev = data.load()\ncontrols.explore({claim_id!r}, ev)"
        )
    ]
    root = tmp_path / "lab"
    root.mkdir()
    nbformat.write(nb, root / "controls.ipynb")
    server, base, token = _lab(tmp_path, root)
    try:
        page, _, _ = open_page(browser, f"{base}/lab/tree/controls.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_timeout(3000)  # the kernel starts
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Shift+Enter")
        dropdown = page.locator(f".widget-dropdown:has(label:text-is('{field}')) select")
        dropdown.wait_for(timeout=90_000)
        outcome = page.locator(".widget-html-content")
        latest = outcome.locator("tbody tr").nth(1).locator("td").first
        assert latest.inner_text().strip() == before
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "jupyterlab-controls-before.png"))
        dropdown.select_option(label=label)
        page.wait_for_function(
            "([sel, want]) => document.querySelector(sel)?.innerText.trim() === want",
            arg=[".widget-html-content tbody tr:nth-child(2) td", after],
            timeout=60_000,
        )
        page.screenshot(path=str(SHOTS / "jupyterlab-controls-after.png"))
        assert latest.inner_text().strip() == after
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
