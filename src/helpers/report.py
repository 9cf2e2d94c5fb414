"""Building blocks for what notebooks show: tables and lists generated from the data.

Each function returns Markdown text or a DataFrame; the notebook displays it. Nothing here
types a number or a verdict: all of it comes from ``data/`` and the claim registry. Data text
in the Markdown is escaped (:mod:`helpers.markup`): it shows as text, never as HTML or a link,
and an address becomes a link only if it is ``http`` or ``https``.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .data import Evidence
from .markup import markdown_text, markdown_url
from .paths import REPO_ROOT
from .themes import THEMES

NOTEBOOKS = REPO_ROOT / "notebooks"


def claims_table(evidence: Evidence, theme: str | None = None) -> pd.DataFrame:
    """The claims (all, or one theme's) as a table for reading: id, theme, type, claim, quote, place."""
    frame = evidence.claims if theme is None else evidence.claims[evidence.claims["theme"] == theme]
    if frame.empty:
        raise KeyError(f"no claims with theme {theme!r}")
    out = frame[["claim_id", "theme", "claim_type", "paraphrase", "quote", "place"]].rename(
        columns={"claim_type": "type", "paraphrase": "claim (paraphrase)"}
    )
    return out.sort_values("claim_id").set_index("claim_id")


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard as a table for reading (verdicts as of the paper and with the latest data)."""
    out = card[["claim_id", "theme", "paper_verdict", "latest_verdict", "latest_year", "explanation"]].rename(
        columns={
            "paper_verdict": "as of the paper",
            "latest_verdict": "latest data",
            "latest_year": "latest year",
            "explanation": "why (latest data)",
        }
    )
    return out.set_index("claim_id")


def verdict_counts(card: pd.DataFrame) -> pd.DataFrame:
    """How many claims got each verdict, as of the paper and with the latest data."""
    order = ["supported", "mixed", "contradicted", "not testable with data", "no test yet"]
    counts = (
        pd.DataFrame(
            {
                "as of the paper": card["paper_verdict"].value_counts(),
                "latest data": card["latest_verdict"].value_counts(),
            }
        )
        .reindex(order)
        .fillna(0)
        .astype(int)
    )
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
    """A Markdown list of sources: publisher, title, date, address, where it was read, and how
    (``access``: original, relay through a named agency, or reprint)."""
    lines = []
    for source_id in sorted(dict.fromkeys(source_ids)):
        row = evidence.source(source_id)
        date = f" ({markdown_text(row['published'])})" if pd.notna(row["published"]) else ""
        via = ""
        if pd.notna(row["via"]):
            via = (
                f" Read via {markdown_text(row['via'])}"
                + (f", {markdown_url(row['via_url'])}" if pd.notna(row["via_url"]) else "")
                + "."
            )
        access = f" Access: {markdown_text(row['access'])}." if pd.notna(row.get("access")) else ""
        lines.append(
            f"- `{markdown_text(source_id).replace('`', '')}`: {markdown_text(row['publisher'])}, "
            f"*{markdown_text(row['title'])}*{date}. {markdown_url(row['url'])}.{via}{access}"
        )
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


# -- robustness: the scorecard with every specification ------------------------------------


def markdown_cell(value) -> str:
    """One table cell as safe Markdown: missing values empty, HTML and table syntax escaped.

    Text in ``data/`` is untrusted, so ``<``, ``>``, ``&``, ``|``, ``*``, ``_``, backticks and
    brackets are escaped and line breaks become spaces; nothing is ever cut short.
    """
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    out = html.escape(str(value), quote=False).replace("\r", " ").replace("\n", " ")
    for char in "\\|*_`[]$":
        out = out.replace(char, "\\" + char)
    return out


def markdown_table(frame: pd.DataFrame, *, raw_columns: tuple[str, ...] = ()) -> str:
    """A DataFrame as a Markdown table, every cell whole (never truncated) and escaped.

    Columns in ``raw_columns`` hold Markdown built by this module (links) and are not escaped.
    The index is not shown: put what identifies a row in a column.
    """
    header = "| " + " | ".join(markdown_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    lines = [header, rule]
    for row in frame.itertuples(index=False):
        cells = [str(v) if c in raw_columns else markdown_cell(v) for c, v in zip(frame.columns, row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def claim_anchor(claim_id: str) -> str:
    """The id of the Markdown anchor that marks a claim's test in its notebook (``cas-01``)."""
    return claim_id.lower()


def claim_link(claim_id: str, theme: str, *, here: str = "00_overview.ipynb") -> str:
    """A Markdown link from the overview to the section of the notebook that tests the claim."""
    notebook = THEMES[theme].notebook
    target = f"#{claim_anchor(claim_id)}" if notebook == here else f"{notebook}#{claim_anchor(claim_id)}"
    return f"[{claim_id}]({target})"


def _agree(headline: str, agree: int, total: int) -> str:
    return headline if total <= 1 else f"{headline} in {agree} of {total}"


def robustness_scorecard(card: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """The scorecard with each claim's robustness: one row per claim, every cell filled or empty.

    ``card`` is :func:`helpers.claims.scorecard`, ``summary`` is
    :func:`helpers.claims.robustness_summary`. For a tested claim a view's cell reads
    "supported in 14 of 18" (the default rule's verdict and how many specifications agree);
    "what flips it" names the one-field changes that give another verdict. The claim column is
    a Markdown link to the section that tests it. Columns: claim, theme, as of the paper,
    latest data, latest year, what flips it, why (latest data).
    """
    by_view = {(r.claim_id, r.view): r for r in summary.itertuples(index=False)}
    rows = []
    for row in card.itertuples(index=False):
        cells, flips = {}, []
        for view, column, verdict in (
            ("as of the paper", "as of the paper", row.paper_verdict),
            ("latest", "latest data", row.latest_verdict),
        ):
            found = by_view.get((row.claim_id, view))
            cells[column] = _agree(found.headline, found.agree, found.total) if found is not None else verdict
            if found is not None and found.fragile:
                flips.append(f"{view}: {found.flips}")
        year = "" if pd.isna(row.latest_year) else str(int(row.latest_year))
        rows.append(
            {
                "claim": claim_link(row.claim_id, row.theme),
                "theme": row.theme,
                **cells,
                "latest year": year,
                "what flips it": "; ".join(flips),
                "why (latest data)": row.explanation if isinstance(row.explanation, str) else "",
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "claim",
            "theme",
            "as of the paper",
            "latest data",
            "latest year",
            "what flips it",
            "why (latest data)",
        ],
    )


def flips_table(summary: pd.DataFrame) -> pd.DataFrame:
    """What flips which verdict: one row per fragile claim and view, with the choices that flip it.

    Columns: claim, view, verdict (default rule), agree (e.g. "6 of 18"), flipped by (one
    "field=value -> verdict" per line).
    """
    fragile = summary[summary["fragile"]]
    rows = [
        {
            "claim": r.claim_id,
            "view": r.view,
            "verdict": r.headline,
            "agree": f"{r.agree} of {r.total}",
            "flipped by": r.flips,
        }
        for r in fragile.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["claim", "view", "verdict", "agree", "flipped by"])


def robustness_sentence(summary: pd.DataFrame, claim_id: str) -> str:
    """One generated sentence per view: "Latest data: mixed in 6 of 18 specifications; fragile: ..."."""
    parts = []
    for r in summary[summary["claim_id"] == claim_id].sort_values("view").itertuples(index=False):
        sentence = f"*{r.view[0].upper()}{r.view[1:]}*: {r.headline} in {r.agree} of {r.total} specifications"
        sentence += f"; fragile: {markdown_cell(r.flips)}." if r.fragile else "; no specification changes it."
        parts.append(sentence)
    if not parts:
        raise KeyError(f"no robustness summary for {claim_id!r}")
    return " ".join(parts)


def specifications_table(table: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """One claim's specifications and their verdicts in both views (default rule first).

    ``table`` is :func:`helpers.claims.robustness`. Columns: specification, as of the paper,
    latest data. Cells are verdicts; none is missing.
    """
    own = table[table["claim_id"] == claim_id]
    if own.empty:
        raise KeyError(f"no specifications of {claim_id!r} in the robustness table")
    wide = own.pivot(index="specification", columns="view", values="verdict")
    order = list(dict.fromkeys(own["specification"]))
    wide = wide.reindex(order).rename(columns={"latest": "latest data"})
    return wide.reset_index()[["specification", "as of the paper", "latest data"]].fillna("")
