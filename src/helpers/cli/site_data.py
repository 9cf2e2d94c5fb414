"""What the site offers as data: ClaimReview JSON-LD for each claim, and the downloads (the data
package as a zip, the scorecard as CSV and JSON, each chart's plotted numbers as CSV), each the same
byte for byte on every run."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import nbformat
import pandas as pd

from .. import paper
from ..chart_output import DATA_KEY
from ..markup import json_for_script
from ..paths import data_dir
from ..themes import THEMES

DATA_ZIP, SCORECARD_CSV, SCORECARD_JSON = "pivot-check-data.zip", "scorecard.csv", "scorecard.json"
#: The author of every ClaimReview.
COLLECTION = "Pivot Check"


def chart_downloads(nb: nbformat.NotebookNode, stem: str) -> tuple[nbformat.NotebookNode, dict[str, str]]:
    """A copy of ``nb`` in which each chart's description ends with a link to the CSV of the
    numbers it plots, and those CSVs by file name (``<stem>-chart-<n>.csv``, numbered in order).

    The numbers travel in the description output's metadata (:data:`helpers.chart_output.DATA_KEY`),
    put there by the chart itself, so the download is exactly what was plotted.
    """
    copy = nbformat.from_dict(nb)
    files = {}
    for cell in copy.cells:
        for output in cell.get("outputs", []):
            csv_text = output.get("metadata", {}).get(DATA_KEY)
            markdown = output.get("data", {}).get("text/markdown")
            if not isinstance(csv_text, str) or markdown is None:
                continue
            name = f"{stem}-chart-{len(files) + 1}.csv"
            files[name] = csv_text
            text = "".join(markdown) if isinstance(markdown, list) else markdown
            output["data"]["text/markdown"] = f"{text}\n\n[Download the numbers plotted (CSV, with source ids)]({name})"
    return copy, files


def data_date(evidence) -> str:
    """The data's build date, from the data: the newest full date (YYYY-MM-DD) they record, a
    source's publication or an event. The data cannot have been put together before it; unlike the
    clock, it changes only when the data do."""
    dates = pd.concat([evidence.sources["published"], evidence.events["date"]]).dropna().astype(str)
    full = sorted(d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d))
    if not full:
        raise ValueError("the data hold no full date (sources.csv published, events.csv date) to date the build by")
    return full[-1]


def claim_reviews(evidence, card: pd.DataFrame, page: str, claim_ids: list[str], anchors: dict[str, str]) -> list[dict]:
    """schema.org ClaimReview objects for ``claim_ids``, from the claims table and the scorecard."""
    source = evidence.source(paper.SOURCE_ID)
    work = {
        "@type": "CreativeWork",
        "name": 'Russia\'s "Pivot to Asia": The Multilateral Dimensions',
        "headline": str(source["title"]),
        "url": str(source["url"]),
        "datePublished": str(source["published"]),
        "publisher": {"@type": "Organization", "name": str(source["publisher"])},
    }
    built = data_date(evidence)
    rows = card.set_index("claim_id")
    reviews = []
    for claim_id in claim_ids:
        row = rows.loc[claim_id]
        explanation = str(row["explanation"]) if pd.notna(row["explanation"]) else ""
        body = (
            f"As of the paper (annual data to {paper.last_full_year_known(paper.DATE)}, events to "
            f"{paper.DATE.isoformat()}): {row['paper_verdict']}. With the latest data: {row['latest_verdict']}."
            + (f" {explanation}" if explanation else "")
        )
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{page}#{anchors[claim_id]}" if claim_id in anchors else page,
                "identifier": claim_id,
                "claimReviewed": str(row["claim"]),
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": "Stephen J. Blank"},
                    "datePublished": str(source["published"]),
                    "appearance": work,
                    "firstAppearance": work,
                },
                "author": {"@type": "Organization", "name": COLLECTION},
                "datePublished": built,
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": str(row["latest_verdict"]),
                    "ratingExplanation": explanation or str(row["latest_verdict"]),
                },
                "reviewBody": body,
            }
        )
    return reviews


def json_ld_html(objects: list[dict]) -> str:
    """A ``<script type="application/ld+json">`` block (data, never run: the page's CSP allows no script)."""
    if not objects:
        return ""
    return f'<script type="application/ld+json">\n{json_for_script(objects)}\n</script>'


SCORECARD_COLUMNS = [
    "claim_id",
    "theme",
    "claim",
    "metric",
    "paper_value",
    "paper_verdict",
    "latest_value",
    "latest_year",
    "latest_verdict",
    "explanation",
    "page",
]


def scorecard_records(card: pd.DataFrame) -> list[dict]:
    """The scorecard as plain records (no NaN: a missing value is None), with each claim's page."""
    records = []
    for row in card.to_dict(orient="records"):
        record = {
            key: (None if value is None or (not isinstance(value, str) and pd.isna(value)) else value)
            for key, value in row.items()
        }
        for key in ("paper_value", "latest_value"):
            if record.get(key) is not None:
                record[key] = float(record[key])
        if record.get("latest_year") is not None:
            record["latest_year"] = int(record["latest_year"])
        record["page"] = THEMES[record["theme"]].notebook.removesuffix(".ipynb") + ".html"
        records.append({key: record.get(key) for key in SCORECARD_COLUMNS})
    return records


def scorecard_csv(card: pd.DataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCORECARD_COLUMNS)
    for record in scorecard_records(card):
        writer.writerow(
            [
                "" if record[key] is None else repr(record[key]) if isinstance(record[key], float) else record[key]
                for key in SCORECARD_COLUMNS
            ]
        )
    return buffer.getvalue()


def scorecard_json(card: pd.DataFrame, evidence) -> str:
    document = {
        "title": "Pivot Check: scorecard",
        "paper": paper.CITATION,
        "data_date": data_date(evidence),
        "claims": scorecard_records(card),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def data_zip(folder: Path, date: str) -> bytes:
    """The data package (every file of the data folder, sorted) as a zip; the same bytes on every
    run: each entry is dated ``date`` (the data's own date), with fixed permissions."""
    year, month, day = (int(part) for part in date.split("-"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
            info = zipfile.ZipInfo(
                f"pivot-check-data/{path.relative_to(folder).as_posix()}", (year, month, day, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def write_downloads(out: Path, card: pd.DataFrame, evidence) -> None:
    (out / DATA_ZIP).write_bytes(data_zip(data_dir(), data_date(evidence)))
    (out / SCORECARD_CSV).write_text(scorecard_csv(card), encoding="utf-8", newline="")
    (out / SCORECARD_JSON).write_text(scorecard_json(card, evidence), encoding="utf-8")
