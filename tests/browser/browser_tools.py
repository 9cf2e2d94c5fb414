"""Helpers of the browser tests: Chromium's place and flags, pages opened with their
Content-Security-Policy bypassed, and axe-core (Deque's accessibility engine, pinned in
``tools/slides/package.json``) run on a page with the WCAG 2 A and AA rules.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.paths import REPO_ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
AXE = REPO_ROOT / "tools" / "slides" / "node_modules" / "axe-core" / "axe.min.js"
#: The rule sets run: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page, axe_source: str, context: str = "document") -> list[dict]:
    """axe-core's WCAG 2 A/AA violations on ``page`` (injected; the page needs ``bypass_csp``)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async ([context, tags]) => {
            const result = await axe.run(eval(context), {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                                                nodes: v.nodes.map(n => n.target.join(" "))}));
        }""",
        [context, WCAG_TAGS],
    )


def describe(violations: list[dict], limit: int = 5) -> str:
    """One line per rule: rule, impact, how many elements, the first few, and the help text."""
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. "
        f"{', '.join(v['nodes'][:limit])}: {v['help']} ({v['helpUrl']})"
        for v in violations
    )


def count(violations: list[dict]) -> int:
    """Elements in violation, over all rules."""
    return sum(len(v["nodes"]) for v in violations)


def new_page(browser, url: str | Path | None = None, **options):
    """A page at 1280x900 with the page's Content-Security-Policy bypassed (so axe can be injected)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, **options)
    page = context.new_page()
    if url is not None:
        page.goto(url if isinstance(url, str) else Path(url).resolve().as_uri(), wait_until="load")
    return page
