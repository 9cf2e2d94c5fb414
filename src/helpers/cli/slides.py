"""Command line: turn each notebook into a reveal.js slide deck under ``build/slides/``.

    python -m helpers.cli.slides [OUTPUT_DIR]

A cell's slide type comes from its ``slideshow`` metadata where the author set one; otherwise
each Markdown heading starts a new slide, each chart gets a slide of its own (below the
section it belongs to), and everything else continues the current slide. Code is hidden: a
deck shows the argument, the tables and the charts. Each deck is one HTML file with reveal.js
inlined (from ``tools/slides``, installed by ``make slides``), so it opens offline.

As on the site, Markdown and HTML outputs are sanitised (:func:`helpers.markup.clean_html`),
output types that could run code are dropped, and a Content-Security-Policy allows only the
deck's own scripts (reveal.js and its start-up, by their SHA-256 hashes). Wide or long
tables scroll inside their slide instead of running off it.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

import nbformat

from ..paths import REPO_ROOT, display_path
from .notebook_files import TEMPLATES, notebook_paths, title_of
from .render_site import DeckExporter, exporter_config, safe_notebook

SLIDES = REPO_ROOT / "build" / "slides"
REVEAL = REPO_ROOT / "tools" / "slides" / "node_modules" / "reveal.js"
THEME = "white"
CSS = (TEMPLATES / "slides.css").read_text(encoding="utf-8")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def slide_types(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` in which every cell has a slide type (existing ones are kept)."""
    copy = nbformat.from_dict(nb)
    for cell in copy.cells:
        if "slideshow" in cell.metadata:
            continue
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            kind = "slide"
        elif cell.cell_type == "code" and any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            kind = "subslide"
        elif cell.cell_type == "code" and not cell.get("outputs"):
            kind = "skip"  # set-up code with nothing to show
        else:
            kind = "-"
        cell.metadata["slideshow"] = {"slide_type": kind}
    return copy


def _reveal_file(relative: str) -> str:
    path = REVEAL / relative
    if not path.is_file():
        raise FileNotFoundError(f"{display_path(path)} is missing: run 'make slides' (it installs reveal.js with npm)")
    return path.read_text(encoding="utf-8")


_LINK = re.compile(r'<link\b[^>]*\bhref="reveal\.js/([^"]+)"[^>]*>')
_PRINT_PDF = re.compile(r"<script>\s*if\( window\.location\.search\.match\( /print-pdf/gi \) \).*?</script>", re.S)


def _inline_styles(html: str) -> str:
    """Replace the links to reveal.js style sheets with the style sheets themselves.

    Plain text substitution, not an HTML parser: the inlined reveal.js code contains sequences
    that a parser reading the page back would take for markup.
    """

    def style(match: re.Match) -> str:
        css = _reveal_file(match.group(1))
        css = "\n".join(line for line in css.splitlines() if not line.lstrip().startswith("@import"))
        return f"<style>\n{css}\n</style>"

    html = _LINK.sub(style, html)
    return _PRINT_PDF.sub("", html)  # the print-PDF helper links to the CDN layout


def content_security_policy(html: str) -> str:
    """A policy that lets the deck run only the inline scripts it holds now (by hash).

    Called on the finished page, whose data text is already sanitised: every ``<script>`` left
    is one of the deck's own (reveal.js, its notes plugin, the start-up call)."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in _SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src {hashes}; img-src data:; style-src 'unsafe-inline'; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html.replace("<head>", f"<head>\n{meta}", 1)


def render(paths: list[Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    exporter = DeckExporter(
        template_name="pivot_slides",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        reveal_url_prefix="reveal.js",
        reveal_theme=THEME,
        reveal_scroll=True,
        config=exporter_config(),
    )
    pivot = {"reveal_js": _reveal_file("dist/reveal.js"), "notes_js": _reveal_file("plugin/notes/notes.js"), "css": CSS}
    written = []
    for path in paths:
        nb = safe_notebook(slide_types(nbformat.read(path, as_version=4)))
        body, _ = exporter.from_notebook_node(
            nb, resources={"metadata": {"name": title_of(nb, path.stem)}, "pivot": pivot}
        )
        target = out / f"{path.stem}.slides.html"
        target.write_text(_add_policy(_inline_styles(body)), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else SLIDES
    try:
        written = render(notebook_paths(), out)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {len(written)} slide decks to {display_path(out)}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
