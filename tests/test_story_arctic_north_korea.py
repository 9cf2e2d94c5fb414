"""The sentences the Arctic and North Korea notebooks build from the data: they say what the data say."""

import pandas as pd
import pytest

from helpers import arctic_story, charts_north_korea, claims, north_korea_story, text
from helpers.claims import arctic
from helpers.claims import north_korea as nk


@pytest.fixture(scope="module")
def nk_view(evidence):
    rule = claims.default_rule("DPRK-01")
    bal = nk.balance(evidence, rule.flow)
    chn, rus = nk.partner_trade(evidence, "CHN"), nk.partner_trade(evidence, "RUS")
    return {
        "rule": rule,
        "bal": bal,
        "chn": chn,
        "rus": rus,
        "latest": nk.compare(evidence, rule, bal),
        "paper": nk.compare(evidence.at_paper(), rule),
        "result": claims.run("DPRK-01", evidence),
    }


def test_the_method_states_the_rule_numbers(nk_view):
    words = north_korea_story.method(nk_view["rule"], nk_view["bal"])
    assert f"at least {nk_view['rule'].min_years} of its {nk_view['rule'].window} years" in words
    assert f"{len(nk_view['bal'])}, from {nk_view['bal']['year'].min()}" in words


def test_what_moved_names_both_verdicts_and_the_treaty(evidence, nk_view):
    words = north_korea_story.what_moved(
        evidence, nk_view["rule"], nk_view["bal"], nk_view["latest"], nk_view["paper"], nk_view["result"]
    )
    assert f"**As of the paper** the verdict is **{nk_view['result'].at_paper.verdict}**" in words
    assert f"**With the latest data** the verdict is **{nk_view['result'].latest.verdict}**" in words
    assert ("What changes the overall verdict is the treaty" in words) == (not nk_view["latest"]["treaties"].empty)


def test_since_lists_every_recent_chinese_year_and_the_bridge_status(evidence, nk_view):
    chn, rus = nk_view["chn"], nk_view["rus"]
    recent = sorted(int(y) for y in chn.loc[chn["year"] > 2020, "year"])
    words = north_korea_story.since(
        evidence, chn, rus, recent, 2020, nk_view["latest"], nk_view["paper"], nk_view["result"]
    )
    for year in [y for y in recent if y >= 2023]:  # the years of the recovery, each named with its figure
        assert f"{text.usd_million(north_korea_story.turnover_in(chn, year))} in {year}" in words
    assert "(status: under construction)" in words


def test_military_events_come_from_the_events_table(evidence):
    words = north_korea_story.military(evidence)
    for project in north_korea_story.MILITARY:
        for row in evidence.events[evidence.events["project"] == project].itertuples():
            assert row.date in words and f"({row.status})" in words


def test_gaps_name_the_missing_russian_years_and_what_would_settle_them(nk_view):
    chn, rus = nk_view["chn"], nk_view["rus"]
    recent = sorted(int(y) for y in chn.loc[chn["year"] > 2020, "year"])
    later = [
        y for y in recent if y not in set(rus["year"].astype(int)) and y > max(nk_view["latest"]["latest"]["years"])
    ]
    words = north_korea_story.gaps(recent, rus, 2020, nk_view["latest"], nk_view["rule"])
    assert words.startswith("**Gaps to keep in mind.**")
    assert ("What would settle the latest window" in words) == bool(later)
    assert f"North Korea in {text.join_words([str(y) for y in later])}:" in words


def test_status_table_leaves_no_missing_values(evidence):
    table = north_korea_story.status_table(evidence)
    assert not table.isna().any().any()
    assert table.at["rus-prk-tumen-road-bridge", "status (latest)"] == "under construction"


def test_arctic_transit_text_reports_the_route_share_when_the_view_holds_it(evidence):
    rule = arctic.ArcticRule()
    transit, cargo = arctic.nsr_figures(evidence, "nsr_transit_cargo_mt"), arctic.nsr_figures(evidence)
    gaps = evidence.gaps[evidence.gaps["series_id"] == "nsr_transit_cargo_mt"]
    route = arctic.route_share(evidence, rule)
    words = arctic_story.transit_text(evidence, transit, cargo, gaps, rule)
    assert f"{text.pct(route['value'])} of transit tonnage was carried from Russia to China" in words
    paper_words = arctic_story.transit_text(evidence.at_paper(), transit, cargo, gaps, rule)
    assert "the dataset does not hold that split" in paper_words


def test_arctic_china_part_names_only_gaps_the_data_still_have(evidence):
    rule = arctic.ArcticRule()
    equity = arctic.chinese_equity(evidence, rule)
    transit = arctic.nsr_figures(evidence, "nsr_transit_cargo_mt")
    filled = pd.DataFrame({"first_year": [2016], "last_year": [2019], "reason": ["stale"]})
    words = arctic_story.china_part(evidence, equity, transit, filled, rule, 2016)
    named = words.split("no figure for ")[1].split(";")[0]
    assert "2016" in named and "2018" not in named and "2019" not in named  # years with a figure are never gaps


def test_arctic_rule_text_follows_the_rule(evidence):
    words = arctic_story.rule_text(arctic.ArcticRule(blocking_share=30.0))
    assert "A stake above 30% of a project" in words


def test_the_loans_are_set_against_the_stated_cost_only_where_the_data_hold_it(evidence):
    equity = arctic.chinese_equity(evidence)
    events, loans = evidence.events.set_index("event_id"), arctic.chinese_loans(evidence)
    cost = arctic_story.project_cost(evidence)
    assert cost is not None and cost["year"] == 2016
    share = text.pct(100 * loans["value"].sum() / cost["value"], digits=0)
    assert f"the Chinese loans come to {share} of it" in arctic_story.yamal_text(equity, events, loans, cost)
    assert "that total is not in the dataset" in arctic_story.yamal_text(equity, events, loans, None)


def test_the_timeline_title_says_summits_were_held_not_signed(evidence):
    title = north_korea_story.timeline_title(evidence, charts_north_korea.row_label)
    assert "summits signed" not in title
    summits = north_korea_story.theme_events(evidence)
    summits = summits[(summits["project"] == "rus-prk-summits") & (summits["date"] > str(evidence.at_paper().as_of))]
    assert f"Putin-Kim summits held ({', '.join(sorted(set(summits['date'].str[:4])))})" in title
    assert "Tumen River road bridge under construction" in title


def test_event_text_from_the_data_stays_text_in_the_story(evidence):
    from dataclasses import replace

    events = evidence.events.copy()
    project = north_korea_story.MILITARY[0]
    first = events.index[events["project"] == project][0]
    events.loc[first, "title"] = "<script>alert(1)</script> [x](javascript:alert(1))"
    words = north_korea_story.military(replace(evidence, events=events))
    import re

    assert not re.search(r"(?<!\\)<script", words) and not re.search(r"(?<!\\)\]\(javascript:", words)
    assert "\\<script>" in words and "\\[x\\]" in words  # shown as text, escaped for Markdown
