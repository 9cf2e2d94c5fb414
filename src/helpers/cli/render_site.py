"""Command line: render the executed notebooks as a small offline website under ``build/site/``.

    python -m helpers.cli.render_site [OUTPUT_DIR]

Writes an ``index.html`` (the paper in brief, the scorecard of every claim, the notebooks),
one page per notebook with navigation between them, and ``codebook.html`` (the data's
codebook). Pages use nbconvert's JupyterLab look through the template in
``site_template/pivot``, which loads nothing from outside: no script or style from a CDN,
no web font. Each chart's ``alt`` text is the description printed under it. Nothing is
executed here: run ``make run`` (or ``python -m helpers.cli.run_notebooks``) first.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import mistune
import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from .notebook_files import TEMPLATES, notebook_paths, title_of
from ..paths import REPO_ROOT, display_path

SITE = REPO_ROOT / "build" / "site"
CSS = (TEMPLATES / "site.css").read_text(encoding="utf-8")
_NB_LINK = re.compile(r'href="([A-Za-z0-9_\-]+)\.ipynb(#[^"]*)?"')
DESCRIPTION = "Chart description:"
FOOTER = ("Pivot Check: the claims of Blank (2017) on Russia's pivot to Asia, tested against data. "
          "Code MIT; text and data CC BY 4.0; figures keep their publishers' terms (see the sources).")


def summary_of(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the title, as plain text (for the index)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in cell.source.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
        if paragraphs:
            text = re.sub(r"[*_`]", "", " ".join(paragraphs[0].split()))
            return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return ""


def chart_descriptions(nb: nbformat.NotebookNode) -> list[str]:
    """For each chart (PNG output), the description printed after it: by the same cell (a chart
    function's output) or else by the next code cell ('' if none)."""
    cells = [c for c in nb.cells if c.cell_type == "code"]
    out = []
    for index, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        for position, output in enumerate(outputs):
            if "image/png" not in output.get("data", {}):
                continue
            text = ""
            later = outputs[position + 1:position + 2] + (cells[index + 1].get("outputs", [])
                                                          if index + 1 < len(cells) else [])
            for following in later:
                markdown = following.get("data", {}).get("text/markdown", "")
                if DESCRIPTION in markdown:
                    text = markdown.split(DESCRIPTION, 1)[1].strip().strip("*").strip()
                    break
            out.append(text)
    return out


def nav_html(pages: list[tuple[str, str]], index: int | None) -> str:
    """Home, previous and next links (``index`` is the current page's position, None for the index)."""
    parts = ['<nav class="pivot-nav" aria-label="Notebooks">', '<a class="home" href="index.html">Pivot Check</a>']
    if index is not None:
        if index > 0:
            page, title = pages[index - 1]
            parts.append(f'<a href="{page}" rel="prev">&larr; {html.escape(title)}</a>')
        parts.append('<span class="spacer"></span>')
        if index + 1 < len(pages):
            page, title = pages[index + 1]
            parts.append(f'<a href="{page}" rel="next">{html.escape(title)} &rarr;</a>')
    parts.append("</nav>")
    return "\n".join(parts)


def _finish_page(body: str, descriptions: list[str]) -> str:
    """Links between notebooks point to pages; each chart gets its description as alt text."""
    body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)
    soup = BeautifulSoup(body, features="html.parser")
    images = soup.select('img[src^="data:image/png"]')
    for image, text in zip(images, descriptions):
        if text:
            image.attrs["alt"] = text
    return str(soup)


def render(paths: list[Path], out: Path) -> list[tuple[str, str]]:
    """Render notebooks and the index to ``out``; return (page, title) pairs in order."""
    out.mkdir(parents=True, exist_ok=True)
    notebooks = [(path, nbformat.read(path, as_version=4)) for path in paths]
    pages = [(f"{path.stem}.html", title_of(nb, path.stem)) for path, nb in notebooks]
    exporter = HTMLExporter(template_name="pivot", extra_template_basedirs=[str(TEMPLATES)])
    for number, (path, nb) in enumerate(notebooks):
        page, title = pages[number]
        resources = {"metadata": {"name": title},
                     "pivot": {"css": CSS, "nav": nav_html(pages, number), "footer": html.escape(FOOTER)}}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        (out / page).write_text(_finish_page(body, chart_descriptions(nb)), encoding="utf-8")
    summaries = [summary_of(nb) for _, nb in notebooks]
    (out / "index.html").write_text(index_page(pages, summaries), encoding="utf-8")
    (out / "codebook.html").write_text(codebook_page(pages), encoding="utf-8")
    return pages


def _shell(title: str, body: str, nav: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{CSS}
</style>
</head>
<body class="pivot-index">
{nav}
<main>
{body}
</main>
<footer class="pivot-footer">{html.escape(FOOTER)}</footer>
</body>
</html>
"""


def scorecard_html() -> str:
    """The scorecard of every claim as an HTML table (verdicts computed now, from the data)."""
    from .. import claims, data

    card = claims.scorecard(data.load())
    rows = []
    for row in card.itertuples(index=False):
        def badge(verdict: str) -> str:
            return f'<span class="verdict {verdict.replace(" ", "-")}">{html.escape(verdict)}</span>'

        rows.append(f"<tr><td>{row.claim_id}</td><td>{html.escape(row.claim)}</td>"
                    f"<td>{badge(row.paper_verdict)}</td><td>{badge(row.latest_verdict)}</td>"
                    f"<td class=\"muted\">{html.escape(row.explanation)}</td></tr>")
    return ("<table>\n<thead><tr><th>claim</th><th>what the paper says (our paraphrase)</th>"
            "<th>as of the paper</th><th>latest data</th><th>why (latest data)</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table>")


def index_page(pages: list[tuple[str, str]], summaries: list[str]) -> str:
    """The front page: the paper in brief, the scorecard and the notebooks."""
    items = "\n".join(
        f'<li><a href="{html.escape(page)}">{html.escape(title)}</a><br><span class="muted">{html.escape(summary)}</span></li>'
        for (page, title), summary in zip(pages, summaries))
    body = f"""<h1>Pivot Check</h1>
<p class="lead">The claims of Stephen J. Blank, <em>Russia's "Pivot to Asia": The Multilateral Dimensions</em>
(NBR Working Paper, 28 June 2017), put under test theme by theme against sourced data, with what happened after 2017.</p>
<h2>The paper in brief</h2>
<p>Blank argued that Russia's turn to Asia was failing where it claimed most: in the region's multilateral
projects, from the Arctic to Southeast Asia. Russia, he wrote, neither gains from these projects nor really
takes part in them; its own Eurasian Union disappoints economically; China is gaining ground at its expense
in the Arctic, Central Asia and North Korea; in Southeast Asia it signs agreements and does not carry them
out; it is becoming China's supplier of raw materials and very junior partner; and the cause is its
political system, which holds back the growth of its economic power.</p>
<h2>The scorecard</h2>
<p>Each claim's verdict is computed by a registered test from the data: once with what the author could
have seen (annual data to 2016, events to 28 June 2017), once with the latest data. The notebooks show
how, with the evidence for and against.</p>
{scorecard_html()}
<h2>The notebooks</h2>
<ol class="notebooks">
{items}
</ol>
<p>The data: <a href="codebook.html">codebook</a> (every file, field and series, with sources and gaps).</p>"""
    return _shell("Pivot Check", body, nav_html(pages, None))


def codebook_page(pages: list[tuple[str, str]]) -> str:
    """``data/README.md`` as a page."""
    text = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    return _shell("Pivot Check: codebook", mistune.html(text), nav_html(pages, None))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else SITE
    pages = render(notebook_paths(), out)
    print(f"rendered {len(pages)} notebook{'s' if len(pages) != 1 else ''}, the index and the codebook to "
          f"{display_path(out)}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
