"""The rendered site as data: ClaimReview JSON-LD for every claim, the downloads on the index
(deterministic, relative links), the page structure the accessibility checks rely on."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import zipfile
from datetime import date

import pytest
from bs4 import BeautifulSoup

from helpers import claims, paths
from helpers.cli import render_site, site_data

REQUIRED = ("url", "claimReviewed", "itemReviewed", "author", "datePublished", "reviewRating", "reviewBody")


@pytest.fixture(scope="module")
def card(evidence):
    return claims.scorecard(evidence)


@functools.cache  # parsed once per rendered site: the pages are large (charts inline) and only read
def pages(site):
    return {
        p.name: BeautifulSoup(p.read_text(encoding="utf-8"), features="html.parser")
        for p in sorted(site.glob("*.html"))
    }


def reviews(soup) -> list[dict]:
    out = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        out += json.loads(script.string)
    return out


def test_every_claim_has_one_claimreview_with_the_required_fields(site, card, evidence):
    found = {}
    for name, soup in pages(site).items():
        for review in reviews(soup):
            assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview", name
            missing = [key for key in REQUIRED if not review.get(key)]
            assert not missing, f"{name}: {review.get('identifier')} lacks {missing}"
            assert review["identifier"] not in found, (
                f"{review['identifier']} on {found.get(review['identifier'])} and {name}"
            )
            found[review["identifier"]] = name
            page, _, anchor = review["url"].partition("#")
            assert page == name, review["url"]
            assert anchor == f"claim-{review['identifier']}", f"{review['url']}: the claim's verdicts have no anchor"
            assert soup.find(id=anchor) is not None, f"{name} has no element #{anchor}"
            row = card.set_index("claim_id").loc[review["identifier"]]
            assert review["claimReviewed"] == row["claim"]
            assert review["reviewRating"]["alternateName"] == row["latest_verdict"]
            assert "As of the paper" in review["reviewBody"] and str(row["paper_verdict"]) in review["reviewBody"]
            item = review["itemReviewed"]
            assert item["@type"] == "Claim" and item["author"]["name"] == "Stephen J. Blank"
            assert item["appearance"]["datePublished"] == "2017-06-28" == item["datePublished"]
            assert review["author"]["name"] == "Pivot Check"
            assert review["datePublished"] == site_data.data_date(evidence) != date.today().isoformat()
    assert set(found) == set(evidence.claims["claim_id"])


def test_claim_anchors_point_at_the_verdicts(site):
    soup = pages(site)["01_arctic.html"]
    target = soup.find(id="claim-ARC-01")
    assert target is not None and "ARC-01" in target.get_text()


def _markdown_output(text):
    return {"output_type": "display_data", "data": {"text/markdown": text}, "metadata": {}}


def test_every_output_naming_a_claim_in_bold_is_a_candidate_for_its_anchor():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Prose about **ARC-01** is not a verdict."),
        nbformat.v4.new_code_cell(outputs=[_markdown_output("ARC-01 in plain text")]),
        nbformat.v4.new_code_cell(outputs=[_markdown_output("- **ARC-01**: first\n- **CAS-01**: second")]),
        nbformat.v4.new_code_cell(outputs=[_markdown_output(["**ARC-01** ", "again"])]),
    ]
    render_site.mark_verdicts(nb, ["ARC-01", "CAS-01", "DPRK-01"])
    marked = [o.get("metadata", {}).get("pivot_claims") for c in nb.cells[1:] for o in c.outputs]
    assert marked == [None, ["ARC-01", "CAS-01"], ["ARC-01"]]


def test_each_claim_is_anchored_once_on_the_first_element_naming_it_in_bold():
    anchored = {}
    listed = "<ul><li><strong>ARC-01</strong>: first</li><li><strong>CAS-01</strong>: second</li></ul>"
    soup = BeautifulSoup(render_site.claim_anchors(listed, ["ARC-01", "CAS-01"], anchored), "html.parser")
    assert [li.get("id") for li in soup.find_all("li")] == ["claim-ARC-01", "claim-CAS-01"]
    assert anchored == {"ARC-01": "claim-ARC-01", "CAS-01": "claim-CAS-01"}
    again = "<p><strong>ARC-01</strong> again</p>"
    assert render_site.claim_anchors(again, ["ARC-01"], anchored) == again  # already anchored above


def test_a_claim_named_where_no_anchor_fits_waits_for_the_next_output():
    anchored = {}
    taken = '<h2 id="x"><strong>ARC-01</strong></h2><p><code>**ARC-01**</code></p>'
    assert render_site.claim_anchors(taken, ["ARC-01"], anchored) == taken and anchored == {}
    later = render_site.claim_anchors("<p><strong>ARC-01</strong>: the verdicts</p>", ["ARC-01"], anchored)
    assert later.startswith('<p id="claim-ARC-01">') and anchored == {"ARC-01": "claim-ARC-01"}


def test_the_site_cleans_every_template_fragment_with_the_house_sanitiser():
    exporter = render_site.SiteExporter(template_name="pivot", extra_template_basedirs=[str(render_site.TEMPLATES)])
    assert exporter.environment.filters["clean_html"] is render_site.clean_html


def test_data_date_comes_from_the_data(evidence):
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", site_data.data_date(evidence))
    later = evidence.sources.copy()
    later.loc[later.index[0], "published"] = "2099-01-02"
    from dataclasses import replace

    assert site_data.data_date(replace(evidence, sources=later)) == "2099-01-02"


def test_the_index_links_the_downloads_relatively(site):
    links = {a["href"] for a in pages(site)["index.html"].find_all("a", href=True)}
    for name in (site_data.DATA_ZIP, site_data.SCORECARD_CSV, site_data.SCORECARD_JSON):
        assert name in links and (site / name).is_file()
    assert not [link for link in links if link.startswith(("/", "file:"))]


def test_the_downloads_hold_the_data_and_the_scorecard(site, card):
    with zipfile.ZipFile(site / site_data.DATA_ZIP) as archive:
        names = set(archive.namelist())
        for path in paths.data_dir().iterdir():
            if path.is_file() and not path.name.startswith("."):
                assert archive.read(f"pivot-check-data/{path.name}") == path.read_bytes()
    assert "pivot-check-data/datapackage.json" in names
    rows = list(csv.DictReader(io.StringIO((site / site_data.SCORECARD_CSV).read_text(encoding="utf-8"))))
    document = json.loads((site / site_data.SCORECARD_JSON).read_text(encoding="utf-8"))
    assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in document["claims"]] == list(card["claim_id"])
    assert [r["latest_verdict"] for r in rows] == list(card["latest_verdict"])
    assert "<NA>" not in (site / site_data.SCORECARD_CSV).read_text(encoding="utf-8")
    assert all((site / r["page"]).is_file() for r in rows)


def test_downloads_are_the_same_bytes_every_time(tmp_path, card, evidence):
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        site_data.write_downloads(tmp_path / run, card, evidence)
    for name in (site_data.DATA_ZIP, site_data.SCORECARD_CSV, site_data.SCORECARD_JSON):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_every_page_has_the_structure_assistive_technology_needs(site):
    for name, soup in pages(site).items():
        assert soup.html.get("lang") == "en", name
        assert len(soup.find_all("h1")) == 1, f"{name}: {len(soup.find_all('h1'))} h1"
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not skips, f"{name}: heading levels skip {skips}"
        skip = soup.find("a", class_="skip-link")
        assert skip is not None and soup.find(id=skip["href"][1:]).name == "main", name
        for table in soup.find_all("table"):
            assert table.find("th") is not None, f"{name}: a table without header cells"
        for image in soup.find_all("img"):
            assert image.get("alt") and not image["alt"].startswith("No description"), f"{name}: an image without alt"
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None and "default-src 'none'" in policy["content"], name
        assert not [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"], name


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_code_colour_reaches_4_5_to_1(site):
    """Against the code background (a11y-light's #f2f2f2, darker than the page's white)."""
    text = (site / "01_arctic.html").read_text(encoding="utf-8")
    colours = re.findall(r"\.highlight \.\w+ \{[^}]*?(?<![-\w])color: (#[0-9A-Fa-f]{3,6})", text)
    assert len(colours) > 20, "no pygments colours found"
    background = _luminance("#f2f2f2")
    weak = sorted({c for c in colours if (background + 0.05) / (_luminance(c) + 0.05) < 4.5})
    assert not weak, f"code colours below 4.5:1: {weak}"


def test_each_chart_offers_the_csv_of_the_numbers_it_plots():
    import nbformat

    from helpers.chart_output import DATA_KEY

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"image/png": "iVBORw0KGgo="}),
        nbformat.v4.new_output(
            "display_data",
            {"text/markdown": "*Chart description: two bars.*"},
            metadata={DATA_KEY: "year,value,sources\n2016,1.5,imf-dots\n"},
        ),
    ]
    nb.cells = [cell, nbformat.v4.new_code_cell("no chart")]
    published, files = site_data.chart_downloads(nb, "01_arctic")
    assert files == {"01_arctic-chart-1.csv": "year,value,sources\n2016,1.5,imf-dots\n"}
    text = published.cells[0].outputs[1]["data"]["text/markdown"]
    assert text.endswith("[Download the numbers plotted (CSV, with source ids)](01_arctic-chart-1.csv)")
    assert nb.cells[0].outputs[1]["data"]["text/markdown"] == "*Chart description: two bars.*"  # original kept


def test_each_claim_on_the_index_links_to_where_it_is_tested(card):
    soup = BeautifulSoup(render_site.scorecard_html(card), features="html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("th a")}
    assert links["CAS-01"] == "02_central_asia.html#cas-01" and links["OVR-03"] == "00_overview.html#ovr-03"
    assert len(links) == len(card)
