"""Command line: render the executed notebooks to HTML under ``build/site/``.

    python -m helpers.render_site [OUTPUT_DIR]

Writes one page per notebook and an ``index.html`` that links them all, in the
collection's order. Links between notebooks (``01_arctic.ipynb``) become links between
pages (``01_arctic.html``). Nothing is executed here: run ``make run`` (or
``python -m helpers.run_notebooks``) first so the outputs are current.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .schema import REPO_ROOT, display_path
from .run_notebooks import notebook_paths

SITE = REPO_ROOT / "build" / "site"
_NB_LINK = re.compile(r'href="([A-Za-z0-9_\-]+)\.ipynb(#[^"]*)?"')


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown heading, without the '#' marks."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def render(paths: list[Path], out: Path) -> list[tuple[str, str]]:
    """Render notebooks to ``out``; return (page file name, title) pairs in order."""
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    pages = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title = title_of(nb, path.stem)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
        page = f"{path.stem}.html"
        (out / page).write_text(body, encoding="utf-8")
        pages.append((page, title))
    (out / "index.html").write_text(index_page(pages), encoding="utf-8")
    return pages


def index_page(pages: list[tuple[str, str]]) -> str:
    """A plain, self-contained index page linking every notebook page."""
    items = "\n".join(f'    <li><a href="{html.escape(page)}">{html.escape(title)}</a></li>' for page, title in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pivot Check</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46rem; margin: 2rem auto;
         padding: 0 1rem; line-height: 1.5; color: #222; }}
  h1 {{ margin-bottom: 0.2rem; }}
  .lead {{ color: #555; margin-top: 0; }}
  li {{ margin: 0.3rem 0; }}
</style>
</head>
<body>
<h1>Pivot Check</h1>
<p class="lead">The claims of Stephen J. Blank, <em>Russia's "Pivot to Asia": The Multilateral Dimensions</em>
(NBR, 2017), tested against data, theme by theme.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else SITE
    pages = render(notebook_paths(), out)
    print(f"rendered {len(pages)} notebook{'s' if len(pages) != 1 else ''} to {display_path(out)}/index.html",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
