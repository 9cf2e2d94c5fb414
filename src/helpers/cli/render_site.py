"""Command line: render the executed notebooks as a small offline website under ``build/site/``.

    python -m helpers.cli.render_site [OUTPUT_DIR]

Writes an ``index.html`` (the paper in brief, the scorecard of every claim, the notebooks,
the downloads), one page per notebook with navigation between them, ``codebook.html`` (the
data's codebook), and the downloads: the whole data package as ``pivot-check-data.zip`` and
the scorecard as ``scorecard.csv`` and ``scorecard.json`` (byte for byte the same on every run).
Pages use nbconvert's JupyterLab look through the template in ``site_template/pivot``, which
loads nothing from outside: no script or style from a CDN, no web font.

Safety: every HTML fragment that can carry data text (rendered Markdown, table outputs) goes
through the ``nh3`` sanitiser (:func:`helpers.markup.clean_html`), output types that could run
code (JavaScript, SVG, widgets) are dropped, and each page's Content-Security-Policy forbids
every script. Accessibility (WCAG 2.1 AA, checked with axe-core by ``make browser-test``): a
skip link, one ``h1``, underlined links, visible focus, an accessible code colour theme
(``a11y-light``), each chart's description as its ``alt`` text. Each claim's section carries
schema.org ``ClaimReview`` JSON-LD. Nothing is executed here: run ``make run`` (or
``python -m helpers.cli.run_notebooks``) first.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import mistune
import nbformat
import pandas as pd
from bs4 import BeautifulSoup
from jinja2 import pass_context
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

from ..markup import clean_html
from ..paths import REPO_ROOT, display_path
from ..themes import THEMES
from .notebook_files import TEMPLATES, notebook_paths, title_of
from .site_data import (
    DATA_ZIP,
    SCORECARD_CSV,
    SCORECARD_JSON,
    chart_downloads,
    claim_reviews,
    json_ld_html,
    write_downloads,
)

SITE = REPO_ROOT / "build" / "site"
CSS = (TEMPLATES / "site.css").read_text(encoding="utf-8")
_NB_LINK = re.compile(r'href="([A-Za-z0-9_\-]+)\.ipynb(#[^"]*)?"')
DESCRIPTION = "Chart description:"
FOOTER = (
    "Pivot Check: the claims of Blank (2017) on Russia's pivot to Asia, tested against data. "
    "Code MIT; text and data CC BY 4.0; figures keep their publishers' terms (see the sources)."
)
#: The site needs no script at all: the policy forbids every script, frame, form and connection.
#: Styles are inline (one self-contained file per page); images are embedded as data: URLs.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"
)
#: The pygments style of code cells: every token at 4.5:1 or better on white (accessible-pygments).
CODE_STYLE = "a11y-light"
#: Output types shown on the site; others (JavaScript, SVG, widgets, LaTeX) could run code or load
#: from outside and are dropped.
SHOWN_OUTPUTS = ("text/plain", "text/html", "text/markdown", "image/png", "image/jpeg")


class _SafeMarkdown:
    """nbconvert's Markdown rendering, with the result passed through the sanitiser.

    Applies to Markdown cells and to Markdown outputs alike (the templates render both with
    the ``markdown2html`` filter). The templates' own ``clean_html`` filter, which nbconvert
    runs on code cells too, is the same nh3 sanitiser instead of bleach: one allow-list for
    every fragment, and a faster one (bleach is pure Python)."""

    def default_filters(self):
        yield from super().default_filters()
        yield ("clean_html", clean_html)

    @pass_context
    def markdown2html(self, context, source):
        return clean_html(super().markdown2html(context, source))


class SiteExporter(_SafeMarkdown, HTMLExporter):
    """HTMLExporter for the site: sanitised Markdown, accessible code colours, claim anchors.

    After each page, ``anchors`` maps each claim anchored on it to its anchor (in page order)."""

    anchors: dict[str, str]  # set afresh by from_notebook_node for each page

    def default_filters(self):
        yield from super().default_filters()
        yield ("claim_anchors", lambda fragment, claim_ids: claim_anchors(fragment, claim_ids, self.anchors))

    def from_notebook_node(self, nb, resources=None, **kw):
        self.anchors = {}
        return super().from_notebook_node(nb, resources, **kw)


class DeckExporter(_SafeMarkdown, SlidesExporter):
    """SlidesExporter for the decks: sanitised Markdown, accessible code colours."""


def exporter_config() -> Config:
    return Config({"CSSHTMLHeaderPreprocessor": {"style": CODE_STYLE}})


def safe_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` fit to publish: only the output types in ``SHOWN_OUTPUTS``, every HTML
    output and raw cell sanitised (Markdown is sanitised when it is rendered), and each chart's
    description as its ``alt`` text (metadata the templates write into the ``img``)."""
    copy = nbformat.from_dict(nb)
    charts = [
        o for c in copy.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    for output, text in zip(charts, chart_descriptions(copy)):
        if text:
            output.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = text
    for cell in copy.cells:
        if cell.cell_type == "raw":
            cell.source = clean_html(cell.source)
        for output in cell.get("outputs", []):
            if "data" in output:
                output["data"] = {k: v for k, v in output["data"].items() if k in SHOWN_OUTPUTS}
                if "text/html" in output["data"]:
                    fragment = output["data"]["text/html"]
                    output["data"]["text/html"] = clean_html(
                        "".join(fragment) if isinstance(fragment, list) else fragment
                    )
    return copy


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


def plain_text(markdown: str) -> str:
    """Markdown as the plain text a reader sees (for ``alt`` attributes)."""
    rendered = mistune.create_markdown(escape=True)(markdown)
    return " ".join(BeautifulSoup(rendered, features="html.parser").get_text().split())


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
            later = outputs[position + 1 : position + 2] + (
                cells[index + 1].get("outputs", []) if index + 1 < len(cells) else []
            )
            for following in later:
                markdown = following.get("data", {}).get("text/markdown", "")
                if DESCRIPTION in markdown:
                    text = plain_text(markdown.split(DESCRIPTION, 1)[1].strip().strip("*").strip())
                    break
            out.append(text)
    return out


def nav_html(pages: list[tuple[str, str]], index: int | None, label: str = "Notebooks") -> str:
    """Home, previous and next links (``index`` is the current page's position, None for the index)."""
    parts = [
        f'<nav class="pivot-nav" aria-label="{html.escape(label)}">',
        '<a class="home" href="index.html">Pivot Check</a>',
    ]
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


def mark_verdicts(nb: nbformat.NotebookNode, claim_ids: list[str]) -> None:
    """Tell the template where each claim may be anchored: every Markdown output that names a
    claim of ``claim_ids`` in bold lists it in the output's ``pivot_claims`` metadata (in place).
    The template anchors each claim at the first of them where :func:`claim_anchors` can."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            markdown = output.get("data", {}).get("text/markdown")
            if markdown is None:
                continue
            text = "".join(markdown) if isinstance(markdown, list) else markdown
            named = [claim_id for claim_id in claim_ids if f"**{claim_id}**" in text]
            if named:
                output.setdefault("metadata", {})["pivot_claims"] = named


def claim_anchors(fragment: str, claim_ids: list[str], anchored: dict[str, str]) -> str:
    """A rendered Markdown output in which the element that names each of ``claim_ids`` in bold
    (its paragraph or list item) gets the id ``claim-<ID>``, the anchor of the claim's ClaimReview.

    ``anchored`` (claim id -> anchor) holds the claims already anchored on the page, in document
    order; each claim is anchored once, and added to it."""
    wanted = [claim_id for claim_id in claim_ids if claim_id not in anchored]
    if not wanted:
        return fragment
    soup = BeautifulSoup(fragment, features="html.parser")
    for claim_id in wanted:
        for strong in soup.find_all("strong"):
            if strong.get_text() == claim_id and strong.parent is not None and not strong.parent.get("id"):
                anchored[claim_id] = strong.parent.attrs["id"] = f"claim-{claim_id}"
                break
    return str(soup)


def page_claims(evidence, notebook: str) -> list[str]:
    """The claims tested in ``notebook`` (by their theme), in id order."""
    themes = [key for key, theme in THEMES.items() if theme.notebook == notebook]
    return sorted(evidence.claims.loc[evidence.claims["theme"].isin(themes), "claim_id"])


def render(paths: list[Path], out: Path) -> list[tuple[str, str]]:
    """Render notebooks, the index, the codebook and the downloads to ``out``; return (page, title) pairs."""
    from .. import claims, data

    out.mkdir(parents=True, exist_ok=True)
    evidence = data.load()
    card = claims.scorecard(evidence)
    notebooks = [(path, nbformat.read(path, as_version=4)) for path in paths]
    pages = [(f"{path.stem}.html", title_of(nb, path.stem)) for path, nb in notebooks]
    exporter = SiteExporter(template_name="pivot", extra_template_basedirs=[str(TEMPLATES)], config=exporter_config())
    for number, (path, nb) in enumerate(notebooks):
        page, title = pages[number]
        ids = page_claims(evidence, path.name)
        resources = {
            "metadata": {"name": title},
            "pivot": {
                "css": CSS,
                "csp": CSP,
                "nav": nav_html(pages, number),
                "nav_end": nav_html(pages, number, "Notebooks (end of page)"),
                "footer": html.escape(FOOTER),
                "json_ld": "{json_ld}",
            },
        }
        published, downloads = chart_downloads(nb, path.stem)
        for name, csv_text in downloads.items():
            (out / name).write_text(csv_text, encoding="utf-8", newline="")
        publishable = safe_notebook(published)
        mark_verdicts(publishable, ids)
        body, _ = exporter.from_notebook_node(publishable, resources=resources)
        anchors = exporter.anchors
        body = _NB_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)  # links between pages
        body = body.replace("{json_ld}", json_ld_html(claim_reviews(evidence, card, page, ids, anchors)), 1)
        (out / page).write_text(body, encoding="utf-8")
    summaries = [summary_of(nb) for _, nb in notebooks]
    (out / "index.html").write_text(index_page(pages, summaries, card), encoding="utf-8")
    (out / "codebook.html").write_text(codebook_page(pages, evidence), encoding="utf-8")
    write_downloads(out, card, evidence)
    return pages


def _shell(title: str, body: str, nav: str, nav_end: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{CSS}
</style>
</head>
<body class="pivot-index">
<a class="skip-link" href="#content">Skip to content</a>
{nav}
<main id="content">
{body}
</main>
{nav_end}
<footer class="pivot-footer">{html.escape(FOOTER)}</footer>
</body>
</html>
"""


def claim_href(claim_id: str, theme: str) -> str:
    """Where a claim is tested: its notebook's page, at the claim's anchor (``02_central_asia.html#cas-01``)."""
    page = THEMES[theme].notebook.removesuffix(".ipynb") + ".html"
    return f"{page}#{html.escape(claim_id.lower())}"


def scorecard_html(card: pd.DataFrame) -> str:
    """The scorecard of every claim as an HTML table (verdicts computed from the data)."""
    rows = []
    for row in card.itertuples(index=False):

        def badge(verdict: str) -> str:
            return f'<span class="verdict {html.escape(verdict.replace(" ", "-"))}">{html.escape(verdict)}</span>'

        explanation = row.explanation if isinstance(row.explanation, str) else ""
        rows.append(
            f'<tr><th scope="row"><a href="{claim_href(row.claim_id, row.theme)}">{html.escape(row.claim_id)}</a></th>'
            f"<td>{html.escape(row.claim)}</td>"
            f"<td>{badge(row.paper_verdict)}</td><td>{badge(row.latest_verdict)}</td>"
            f'<td class="muted">{html.escape(explanation)}</td></tr>'
        )
    return (
        "<table>\n<caption>Every claim of the paper, with its verdict as of the paper and with the latest data"
        '</caption>\n<thead><tr><th scope="col">claim</th><th scope="col">what the paper says (our paraphrase)</th>'
        '<th scope="col">as of the paper</th><th scope="col">latest data</th>'
        '<th scope="col">why (latest data)</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def index_page(pages: list[tuple[str, str]], summaries: list[str], card: pd.DataFrame) -> str:
    """The front page: the paper in brief, the scorecard, the notebooks and the downloads."""
    items = "\n".join(
        f'<li><a href="{html.escape(page)}">{html.escape(title)}</a><br><span class="muted">{html.escape(summary)}</span></li>'
        for (page, title), summary in zip(pages, summaries)
    )
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
{scorecard_html(card)}
<h2>The notebooks</h2>
<ol class="notebooks">
{items}
</ol>
<h2>The data</h2>
<p>The <a href="codebook.html">codebook</a> describes every file, field and series, with sources and gaps.</p>
<ul class="downloads">
<li><a href="{DATA_ZIP}" download>The whole data package</a> (zip: the CSV files, <code>datapackage.json</code> and the codebook)</li>
<li>The scorecard as <a href="{SCORECARD_CSV}" download>CSV</a> or <a href="{SCORECARD_JSON}" download>JSON</a></li>
</ul>"""
    return _shell("Pivot Check", body, nav_html(pages, None), nav_html(pages, None, "Notebooks (end of page)"))


def codebook_page(pages: list[tuple[str, str]], evidence=None) -> str:
    """The codebook (what ``data/README.md`` holds, generated afresh from the data) as a page."""
    from . import codebook

    markdown = mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])
    body = clean_html(markdown(codebook.render(evidence)))
    return _shell(
        "Pivot Check: codebook", body, nav_html(pages, None), nav_html(pages, None, "Notebooks (end of page)")
    )


# --- downloads -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]).resolve() if args else SITE
    pages = render(notebook_paths(), out)
    print(
        f"rendered {len(pages)} notebook{'s' if len(pages) != 1 else ''}, the index, the codebook and the "
        f"downloads to {display_path(out)}/",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
