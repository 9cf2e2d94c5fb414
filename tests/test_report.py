"""Tables and lists the notebooks show."""

import pandas as pd
import pytest

from helpers import report


def test_claims_table_for_a_theme_and_for_an_unknown_theme(evidence):
    table = report.claims_table(evidence, "central_asia")
    assert list(table.index) == sorted(evidence.claims.loc[evidence.claims["theme"] == "central_asia", "claim_id"])
    with pytest.raises(KeyError, match="no claims with theme 'mars'"):
        report.claims_table(evidence, "mars")


def test_events_table_is_in_date_order(evidence):
    table = report.events_table(evidence)
    assert list(table["date"]) == sorted(table["date"])
    assert len(table) == len(evidence.events)


def test_status_counts_use_each_projects_latest_event(evidence):
    counts = report.status_counts(evidence, "asean")
    latest = evidence.project_status()
    latest = latest[latest["theme"] == "asean"]
    assert counts["latest data"].sum() == len(latest)
    for status, n in latest["status"].value_counts().items():
        assert counts.loc[status, "latest data"] == n
    paper_view = evidence.at_paper().project_status()
    assert counts["as of the paper"].sum() == (paper_view["theme"] == "asean").sum()


def test_verdicts_markdown_shows_both_views(evidence):
    text = report.verdicts_markdown(evidence, ["RCH-03"])
    assert text.startswith("**RCH-03**")
    assert "*As of the paper*: **" in text and "*Latest data*: **" in text


def test_sources_markdown_lists_each_source_once_with_how_it_was_read(evidence):
    text = report.sources_markdown(evidence, ["imf-dots", "blank-2017", "imf-dots"])
    access = dict(zip(evidence.sources["source_id"], evidence.sources["access"]))
    assert all(f"Access: {access[line.split('`')[1]]}." in line for line in text.splitlines())
    assert text.count("`imf-dots`") == 1 and text.count("\n") == 1
    with pytest.raises(KeyError):
        report.sources_markdown(evidence, ["nope"])


def test_alt_text_refuses_an_empty_description():
    assert report.alt_text("Two lines.").data == "*Chart description: Two lines.*"
    with pytest.raises(ValueError):
        report.alt_text("  ")


def test_verdict_counts_cover_every_claim(evidence):
    from helpers import claims

    card = claims.scorecard(evidence)
    counts = report.verdict_counts(card)
    assert counts["latest data"].sum() == len(card) == counts["as of the paper"].sum()
    assert isinstance(counts, pd.DataFrame)


# -- robustness tables -----------------------------------------------------------------------


def test_markdown_cells_are_whole_escaped_and_never_na():
    from helpers import report

    assert report.markdown_cell(pd.NA) == "" and report.markdown_cell(None) == ""
    assert report.markdown_cell("a|b <script>*x*") == "a\\|b &lt;script&gt;\\*x\\*"
    assert report.markdown_cell("US$1 and $2") == "US\\$1 and \\$2"
    long = "word " * 60
    table = report.markdown_table(pd.DataFrame({"why": [long], "n": [pd.NA]}))
    assert long.strip() in table and "<NA>" not in table and "..." not in table


def test_robustness_scorecard_says_how_many_specifications_agree(evidence):
    from helpers import claims, report

    ids = ["OVR-03", "OVR-01"]
    card = claims.scorecard(evidence, ids)
    summary = claims.robustness_summary(claims.robustness(evidence, ids))
    out = report.robustness_scorecard(card, summary).set_index("claim", drop=False)
    row = out.loc["[OVR-03](#ovr-03)"]
    latest = summary[(summary["claim_id"] == "OVR-03") & (summary["view"] == "latest")].iloc[0]
    assert row["latest data"] == f"{latest['headline']} in {latest['agree']} of {latest['total']}"
    assert row["claim"] == "[OVR-03](#ovr-03)"
    other = out.loc["[OVR-01](#ovr-01)"]
    assert other["latest data"] == "not testable with data" and other["what flips it"] == ""
    assert not out.isna().any().any()
    flips = report.flips_table(summary)
    assert set(flips["claim"]) <= {"OVR-03"} and (flips["flipped by"] != "").all()
    assert "specifications" in report.robustness_sentence(summary, "OVR-03")


def test_claim_links_point_to_the_testing_notebook():
    from helpers import report

    assert report.claim_link("CAS-01", "central_asia") == "[CAS-01](02_central_asia.ipynb#cas-01)"
    assert report.claim_link("CAUSE-04", "causes") == "[CAUSE-04](06_russia_china.ipynb#cause-04)"


PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <javascript:alert(1)>"


def _rendered(markdown: str):
    import mistune
    from bs4 import BeautifulSoup

    return BeautifulSoup(mistune.create_markdown(escape=False)(markdown), features="html.parser")


def test_data_text_in_generated_markdown_stays_text(evidence):
    from dataclasses import replace

    sources = evidence.sources.copy()
    row = sources.index[sources["source_id"] == "blank-2017"][0]
    sources.loc[row, ["title", "publisher", "via"]] = PAYLOAD
    sources.loc[row, ["url", "via_url"]] = "javascript:alert(1)"
    claims = evidence.claims.copy()
    claims.loc[claims["claim_id"] == "ARC-01", "paraphrase"] = PAYLOAD
    seeded = replace(evidence, sources=sources, claims=claims)
    for markdown in (
        report.sources_markdown(seeded, ["blank-2017"]),
        report.verdicts_markdown(seeded, ["ARC-01"]),
        report.alt_text(PAYLOAD).data,
    ):
        soup = _rendered(markdown)
        assert not soup.find_all(["script", "img", "a"]), markdown
        assert "alert(1)" in soup.get_text()  # shown as text, not dropped
