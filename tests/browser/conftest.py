"""Fixtures of the browser tests (``make browser-test``): headless Chromium and axe-core."""

from __future__ import annotations

import pytest
from browser_tools import ARGS, AXE, CHROMIUM


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: make browser-test installs it (npm ci in tools/slides)")
    return AXE.read_text(encoding="utf-8")
