"""WCAG 2.1 AA in headless Chromium (``make browser-test``): axe-core's WCAG 2 A/AA rules on every
page of the site and on every slide of every deck, and a keyboard walk through the index and a
notebook page (every link reachable with Tab, the focus always visible).

A failure lists each rule broken, how many elements, the first few and axe's help text.
"""

from __future__ import annotations

import pytest
from browser_tools import describe, new_page, run_axe

from helpers.cli import slides
from helpers.cli.notebook_files import notebook_paths

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    if not (slides.REVEAL / "dist" / "reveal.js").is_file():
        pytest.skip("reveal.js not installed: make slides installs it")
    return slides.render(notebook_paths(), tmp_path_factory.mktemp("slides"))


def test_every_site_page_passes_axe(site, browser, axe_source):
    failures = {}
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 9
    for path in pages:
        page = new_page(browser, path)
        violations = run_axe(page, axe_source)
        page.close()
        if violations:
            failures[path.name] = describe(violations)
    assert not failures, "axe-core WCAG 2 A/AA violations:\n" + "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_every_slide_of_every_deck_passes_axe(decks, browser, axe_source):
    failures = {}
    for deck in decks:
        page = new_page(browser, deck)
        page.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()")
        # No transition: axe would measure the contrast of text still fading in.
        page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
        total = page.evaluate("Reveal.getTotalSlides()")
        for _ in range(total):
            violations = run_axe(page, axe_source)
            if violations:
                failures[f"{deck.name}, slide {page.evaluate('Reveal.getSlidePastCount()') + 1}"] = describe(violations)
            page.evaluate("Reveal.next()")
            page.wait_for_timeout(100)
        page.close()
    assert not failures, "axe-core WCAG 2 A/AA violations:\n" + "\n".join(f"{k}:\n{v}" for k, v in failures.items())


FOCUS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    return {tag: e.tagName, link: Array.from(document.querySelectorAll("a[href]")).indexOf(e),
            text: (e.textContent || "").trim().slice(0, 40),
            visible: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none"};
}"""


@pytest.mark.parametrize("name", ["index.html", "01_arctic.html"])
def test_every_link_is_reachable_by_keyboard_with_a_visible_focus(site, browser, name):
    page = new_page(browser, site / name)
    links = set(
        page.eval_on_selector_all(
            "a[href]",
            "els => els.map((e, i) => [i, getComputedStyle(e).display]).filter(x => x[1] !== 'none').map(x => x[0])",
        )
    )
    stops = page.eval_on_selector_all("a[href], [tabindex]:not([tabindex='-1']), button, summary", "els => els.length")
    reached, unseen = set(), []
    first = None
    for _ in range(stops + 5):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            continue
        if first is None:
            first = focus
        if focus["link"] >= 0:
            reached.add(focus["link"])
        if not focus["visible"]:
            unseen.append(focus)
    page.close()
    assert first is not None and first["text"] == "Skip to content", f"the first Tab stop is {first}"
    assert links and links <= reached, f"{name}: links never reached with Tab: {sorted(links - reached)[:10]}"
    assert not unseen, f"{name}: focus not visible on {unseen[:5]}"
