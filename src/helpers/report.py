"""Building blocks for what notebooks show: tables and lists generated from the data.

Each function returns Markdown text or a DataFrame; the notebook displays it. Nothing here
types a number or a verdict: all of it comes from ``data/`` and the claim registry. Data text
in the Markdown is escaped (:mod:`helpers.markup`): it shows as text, never as HTML or a link,
and an address becomes a link only if it is ``http`` or ``https``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .data import Evidence
from .markup import markdown_text, markdown_url
from .schema import REPO_ROOT
from .themes import THEMES

NOTEBOOKS = REPO_ROOT / "notebooks"


def claims_table(evidence: Evidence, theme: str | None = None) -> pd.DataFrame:
    """The claims (all, or one theme's) as a table for reading: id, theme, type, claim, quote, place."""
    frame = evidence.claims if theme is None else evidence.claims[evidence.claims["theme"] == theme]
    if frame.empty:
        raise KeyError(f"no claims with theme {theme!r}")
    out = frame[["claim_id", "theme", "claim_type", "paraphrase", "quote", "place"]].rename(
        columns={"claim_type": "type", "paraphrase": "claim (paraphrase)"})
    return out.sort_values("claim_id").set_index("claim_id")


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a table for reading (verdicts as of the paper and with the latest data)."""
    out = card[["claim_id", "theme", "paper_verdict", "latest_verdict", "latest_year", "explanation"]].rename(
        columns={"paper_verdict": "as of the paper", "latest_verdict": "latest data",
                 "latest_year": "latest year", "explanation": "why (latest data)"})
    return out.set_index("claim_id")


def verdict_counts(card: pd.DataFrame) -> pd.DataFrame:
    """How many claims got each verdict, as of the paper and with the latest data."""
    order = ["supported", "mixed", "contradicted", "not testable with data", "no test yet"]
    counts = pd.DataFrame({
        "as of the paper": card["paper_verdict"].value_counts(),
        "latest data": card["latest_verdict"].value_counts(),
    }).reindex(order).fillna(0).astype(int)
    counts.index.name = "verdict"
    return counts


def notebook_links(directory: Path = NOTEBOOKS) -> str:
    """A Markdown list of the themed notebooks, linked where they exist yet."""
    lines, seen = [], set()
    for item in THEMES.values():
        if item.key == "overview" or item.notebook in seen:
            continue
        seen.add(item.notebook)
        keys = [t.key for t in THEMES.values() if t.notebook == item.notebook]
        title = item.title.split(":")[0] if len(keys) == 1 else "Russia and China: the balance, and the causal claims"
        if (directory / item.notebook).exists():
            lines.append(f"- [{title}]({item.notebook})")
        else:
            lines.append(f"- {title} (`{item.notebook}`, not written yet)")
    return "\n".join(lines)


def sources_markdown(evidence: Evidence, source_ids) -> str:
    """A Markdown list of sources: publisher, title, date, address, and where it was read."""
    lines = []
    for source_id in sorted(dict.fromkeys(source_ids)):
        row = evidence.source(source_id)
        date = f" ({markdown_text(row['published'])})" if pd.notna(row["published"]) else ""
        via = ""
        if pd.notna(row["via"]):
            via = (f" Read via {markdown_text(row['via'])}"
                   + (f", {markdown_url(row['via_url'])}" if pd.notna(row["via_url"]) else "") + ".")
        lines.append(f"- `{markdown_text(source_id).replace('`', '')}`: {markdown_text(row['publisher'])}, "
                     f"*{markdown_text(row['title'])}*{date}. {markdown_url(row['url'])}.{via}")
    return "\n".join(lines)


def sources_used(evidence: Evidence, series_ids=(), entities=None) -> list[str]:
    """Source ids of the observations of the given series (optionally only some entities)."""
    obs = evidence.observations[evidence.observations["series_id"].isin(list(series_ids))]
    if entities is not None:
        obs = obs[obs["entity"].isin(list(entities))]
    return sorted(obs["source_id"].unique())


def events_table(evidence: Evidence, theme: str | None = None) -> pd.DataFrame:
    """A theme's dated events (all themes if None) in date order: date, title, parties, status, source."""
    frame = evidence.events if theme is None else evidence.events[evidence.events["theme"] == theme]
    out = frame.sort_values(["date", "event_id"])[["date", "title", "parties", "status", "project", "source_id"]]
    return out.reset_index(drop=True)


def status_counts(evidence: Evidence, theme: str | None = None) -> pd.DataFrame:
    """How many projects stand at each status, as of the paper and with the latest data.

    A project's status is the one set by its latest event up to that date (see
    :meth:`helpers.data.Evidence.project_status`). Columns: as of the paper, latest data.
    """
    order = ["announced", "signed", "in force", "implemented", "stalled", "suspended", "cancelled"]

    def count(ev: Evidence) -> pd.Series:
        status = ev.project_status()
        if theme is not None:
            status = status[status["theme"] == theme]
        return status["status"].value_counts()

    out = pd.DataFrame({"as of the paper": count(evidence.at_paper()), "latest data": count(evidence)})
    out = out.reindex(order).fillna(0).astype(int)
    out.index.name = "status"
    return out


def verdicts_markdown(evidence: Evidence, claim_ids) -> str:
    """For each claim: its paraphrase, and its verdict and explanation in both views, as Markdown."""
    from . import claims

    blocks = []
    for claim_id in claim_ids:
        claim = evidence.claim(claim_id)
        result = claims.run(claim_id, evidence)
        blocks.append(
            f"**{markdown_text(claim_id)}**: {markdown_text(claim['paraphrase'])}\n\n"
            f"- *As of the paper*: **{result.at_paper.verdict}**. {markdown_text(result.at_paper.explanation, autolinks=True)}\n"
            f"- *Latest data*: **{result.latest.verdict}**. {markdown_text(result.latest.explanation, autolinks=True)}"
        )
    return "\n\n".join(blocks)


def alt_text(sentence: str):
    """The line under a chart that says what it shows and its takeaway (for screen readers and print)."""
    from IPython.display import Markdown

    if not sentence.strip():
        raise ValueError("alt text must say what the chart shows and its takeaway")
    return Markdown(f"*Chart description: {markdown_text(sentence.strip())}*")
