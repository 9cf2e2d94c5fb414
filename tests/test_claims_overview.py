"""The overview's claim tests: OVR-03 (projects realised), OVR-04 (targets met), OVR-06 (marginalisation)."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import flows, make_evidence
from helpers import claims, indicators
from helpers.claims import overview
from helpers.claims.overview import MarginalisedRule, ProjectsRule
from helpers.claims.registry import Verdict


def _events(evidence, statuses, kinds=None):
    """Evidence whose events are one Russian project per status (and kind), and one Chinese-only project."""
    kinds = kinds or ["agreement"] * len(statuses)
    rows = [{"project": f"p{i}", "status": s, "kind": k} for i, (s, k) in enumerate(zip(statuses, kinds, strict=True))]
    rows.append({"event_id": "other", "project": "not-russian", "parties": "CHN VNM", "status": "cancelled"})
    defaults = {"date": "2015-01-01", "theme": "asean", "parties": "RUS VNM"}
    return make_evidence(evidence, events=rows, event_defaults=defaults)


@settings(derandomize=True, deadline=None)
@given(
    statuses=st.lists(
        st.sampled_from(["announced", "signed", "in force", "implemented", "stalled", "suspended", "cancelled"]),
        min_size=5,
        max_size=30,
    )
)
def test_projects_realised_rule(evidence, statuses):
    outcome = claims.judge("OVR-03", _events(evidence, statuses))
    share = sum(s in overview.REALISED for s in statuses) / len(statuses)
    assert outcome.value == pytest.approx(share)
    low, high = ProjectsRule().band
    expected = Verdict.SUPPORTED if share < low else Verdict.CONTRADICTED if share > high else Verdict.MIXED
    assert outcome.verdict is expected
    assert f"Of {len(statuses)} documented agreements" in outcome.explanation  # the Chinese-only one is not counted


@pytest.mark.parametrize(
    "statuses, verdict",
    [
        (["implemented", "signed", "signed", "cancelled", "announced"], Verdict.SUPPORTED),
        (["implemented", "in force", "signed", "cancelled", "announced"], Verdict.MIXED),
        (["implemented", "in force", "in force", "implemented", "stalled"], Verdict.CONTRADICTED),
    ],
)
def test_projects_realised_can_give_every_verdict(evidence, statuses, verdict):
    assert claims.judge("OVR-03", _events(evidence, statuses)).verdict is verdict


def test_declarations_and_summits_are_reported_apart_not_counted(evidence):
    statuses = ["in force"] * 5 + ["signed"] * 4
    kinds = [
        "agreement",
        "treaty",
        "project",
        "agreement",
        "agreement",
        "declaration",
        "summit",
        "summit",
        "declaration",
    ]
    ev = _events(evidence, statuses, kinds)
    outcome = claims.judge("OVR-03", ev)
    assert outcome.verdict is Verdict.CONTRADICTED and outcome.value == 1.0
    assert "2 declarations and 2 summits" in outcome.explanation
    counted_all = claims.judge("OVR-03", ev, counted_kinds=overview.ALL_KINDS)
    assert counted_all.value == pytest.approx(5 / 9) and counted_all.verdict is Verdict.MIXED


def test_without_a_kind_column_statements_are_read_from_the_titles(evidence):
    events = _events(evidence, ["signed", "signed"]).events.drop(columns="kind")
    events.loc[0, "title"] = "ASEAN-Russia summit in Sochi"
    events.loc[1, "title"] = "Agreement to build a railway"
    assert overview.project_kinds(events).to_dict() == {
        "not-russian": "agreement",
        "p0": "declaration",
        "p1": "agreement",
    }


def test_an_agreement_counts_as_in_force_only_once_that_event_is_in_the_view(evidence):
    events = _events(evidence, ["signed"] * 5).events
    entry = events.iloc[[0]].assign(event_id="e0-in-force", date="2019-01-01", status="in force")
    ev = replace(evidence, events=pd.concat([events, entry], ignore_index=True))
    assert claims.judge("OVR-03", ev.view_as_of(date(2018, 12, 31))).value == 0
    assert claims.judge("OVR-03", ev).value == pytest.approx(1 / 5)


def test_pending_projects_left_out_judges_only_decided_ones(evidence):
    ev = _events(evidence, ["in force", "cancelled"] * 3 + ["signed"] * 4)
    assert claims.judge("OVR-03", ev).value == pytest.approx(3 / 10)
    assert claims.judge("OVR-03", ev, pending="left out").value == pytest.approx(3 / 6)


def test_projects_realised_needs_five_projects(evidence):
    outcome = claims.judge("OVR-03", _events(evidence, ["signed"] * 4))
    assert outcome.verdict is Verdict.NOT_TESTABLE


def _targets(evidence, pairs):
    rows = []
    for year, target, outcomes in pairs:
        rows.append(("nsr_cargo_target_mt", year, target, "arc-portnews-2019-nsr-plan"))
        sources = list(evidence.sources["source_id"])  # real ids: the source rule reads their publishers
        rows += [("nsr_cargo_mt", year, value, sources[i]) for i, value in enumerate(outcomes)]
    return make_evidence(evidence, [(s, "RUS", "-", y, v, src) for s, y, v, src in rows], unit="million tonnes")


@pytest.mark.parametrize(
    "pairs, verdict",
    [
        ([(2021, 32, [34.9]), (2023, 36, [37.0]), (2024, 80, [37.9, 38.0])], Verdict.MIXED),
        ([(2021, 32, [20.0]), (2023, 36, [30.0]), (2024, 80, [38.0])], Verdict.SUPPORTED),
        ([(2021, 32, [31.0]), (2023, 36, [36.0]), (2024, 40, [41.0])], Verdict.CONTRADICTED),  # 31 is within 5% of 32
        ([(2021, 32, [20.0]), (2024, 80, [38.0])], Verdict.NOT_TESTABLE),  # two targets are no record
    ],
)
def test_targets_rule(evidence, pairs, verdict):
    assert claims.judge("OVR-04", _targets(evidence, pairs)).verdict is verdict


def test_russia_china_trade_targets_count_when_the_data_hold_them(evidence):
    ev = _targets(evidence, [(2021, 32, [34.9])])
    trade = indicators.turnover(evidence, "CHN", "RUS")
    year = int(trade["year"].max())
    reached = float(trade["value"].iloc[-1]) / 1000
    extra = ("trade_target_usd_bn", "RUS", "CHN", year, 2 * reached, "blank-2017", "US$ billion")
    obs = evidence.observations
    real = obs[~obs["series_id"].str.startswith("nsr_") & (obs["series_id"] != "trade_target_usd_bn")]
    both = make_evidence(ev, [*ev.observations.to_dict("records"), *real.to_dict("records"), extra])
    table = overview.target_outcomes(both)
    assert list(table["family"]) == ["Northern Sea Route cargo", "Russia-China trade"]
    assert not table["met"].iloc[-1]
    assert claims.judge("OVR-04", both, min_targets=1).verdict is Verdict.MIXED  # 1 of 2 met
    assert claims.judge("OVR-04", both, families=("nsr_cargo",), min_targets=1).verdict is Verdict.CONTRADICTED
    assert claims.judge("OVR-04", both).verdict is Verdict.NOT_TESTABLE  # two targets: fewer than the rule's three


def test_targets_use_the_arctic_notebooks_source_rule(evidence):
    from helpers.claims import arctic

    table = overview.target_outcomes(evidence)
    chosen = arctic.nsr_figures(evidence).set_index("year")["value"]
    nsr = table[table["family"] == "Northern Sea Route cargo"]
    assert len(nsr)
    for row in nsr.itertuples():
        assert row.outcome == chosen[row.year]


def test_russia_china_trade_targets_are_read_from_the_data(evidence):
    table = overview.target_outcomes(evidence)
    trade = table[table["family"] == "Russia-China trade"]
    targets = evidence.series("trade_target_usd_bn", entity="RUS", counterpart="CHN")
    assert set(trade["year"]) <= set(targets["year"]) and len(trade)
    assert (trade["unit"] == "US$ bn").all()


def test_marginalisation_cannot_be_judged_as_of_the_paper(evidence):
    assert claims.judge("OVR-06", evidence.at_paper()).verdict is Verdict.NOT_TESTABLE


def test_marginalisation_on_the_real_data_counts_every_partner_with_later_data(evidence):
    rule = MarginalisedRule()
    changes = overview.russia_share_change(evidence, rule)
    assert set(changes["partner"]) <= set(overview.asian_partners(evidence, rule.partners))
    assert (changes["latest_year"] >= rule.first_latest_year).all()
    assert (changes["latest_year"] - changes["first_year"] == rule.window - 1).all()  # never across a gap
    outcome = claims.judge("OVR-06", evidence)
    assert outcome.verdict in (Verdict.SUPPORTED, Verdict.MIXED, Verdict.CONTRADICTED)
    assert f"of {len(changes)} Asian partners" in outcome.explanation


@pytest.mark.parametrize(
    "years, window, expected",
    [
        ([2018, 2019, 2020, 2021, 2022, 2024], 3, [2020, 2021, 2022]),
        ([2018, 2019, 2020, 2023], 3, [2018, 2019, 2020]),
        ([2018, 2020, 2022], 3, []),
        ([2018, 2020, 2022], 1, [2022]),
    ],
)
def test_the_latest_window_never_joins_years_across_a_gap(years, window, expected):
    assert overview.latest_run(years, window) == expected


def _shares(evidence, moves):
    """Evidence where each of len(moves) partners reports trade with Russia and the world,
    2014-2020, Russia's share moving from 10% by ``move`` points after 2016."""
    rows = []
    for i, move in enumerate(moves):
        partner = f"P{i:02d}"
        for year in range(2014, 2021):
            share = 10.0 + (move if year > 2016 else 0.0)
            rows += flows(partner, "RUS", year, share / 2) + flows(partner, "WLD", year, 50.0)
    return make_evidence(evidence, rows), tuple(f"P{i:02d}" for i in range(len(moves)))


@pytest.mark.parametrize(
    "moves, verdict",
    [
        ([-1, -1, -1, 1], Verdict.SUPPORTED),
        ([-1, -1, 1, 1], Verdict.MIXED),
        ([1, 1, 1, -1], Verdict.CONTRADICTED),
    ],
)
def test_marginalisation_can_give_every_verdict(evidence, moves, verdict):
    ev, partners = _shares(evidence, moves)
    outcome = claims.judge("OVR-06", ev, partners=partners)
    assert outcome.verdict is verdict
    assert outcome.value == pytest.approx(sorted(moves)[1] / 2 + sorted(moves)[2] / 2)
