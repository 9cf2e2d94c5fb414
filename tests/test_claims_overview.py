"""The overview's claim tests: OVR-03 (projects realised), OVR-04 (targets met), OVR-06 (marginalisation)."""

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.claims import overview
from helpers.claims.registry import Verdict


def _events(statuses):
    rows = [{"event_id": f"e{i}", "date": "2015-01-01", "project": f"p{i}", "theme": "asean", "kind": "agreement",
             "title": "t", "parties": "RUS VNM", "status": status, "source_id": "blank-2017", "description": pd.NA}
            for i, status in enumerate(statuses)]
    rows.append({"event_id": "other", "date": "2015-01-01", "project": "not-russian", "theme": "asean",
                 "kind": "agreement", "title": "t", "parties": "CHN VNM", "status": "cancelled",
                 "source_id": "blank-2017", "description": pd.NA})
    return pd.DataFrame(rows).astype("str").replace("<NA>", pd.NA)


@settings(derandomize=True, deadline=None)
@given(statuses=st.lists(st.sampled_from(["announced", "signed", "in force", "implemented", "stalled",
                                          "suspended", "cancelled"]), min_size=5, max_size=30))
def test_projects_realised_rule(evidence, statuses):
    outcome = overview.failing_to_participate(replace(evidence, events=_events(statuses)))
    share = sum(s in overview.REALISED for s in statuses) / len(statuses)
    assert outcome.value == pytest.approx(share)
    expected = (Verdict.SUPPORTED if share < overview.REALISED_LOW else
                Verdict.CONTRADICTED if share > overview.REALISED_HIGH else Verdict.MIXED)
    assert outcome.verdict is expected
    assert f"Of {len(statuses)} documented projects" in outcome.explanation  # the Chinese-only project is not counted


def test_projects_realised_needs_five_projects(evidence):
    assert overview.failing_to_participate(replace(evidence, events=_events(["signed"] * 4))).verdict is Verdict.NOT_TESTABLE


def _targets(evidence, pairs):
    rows = []
    for year, target, outcomes in pairs:
        rows.append(("nsr_cargo_target_mt", year, target, "arc-portnews-2019-nsr-plan"))
        sources = list(evidence.sources["source_id"])  # real ids: the source rule reads their publishers
        rows += [("nsr_cargo_mt", year, value, sources[i]) for i, value in enumerate(outcomes)]
    obs = pd.DataFrame([{"series_id": s, "entity": "RUS", "counterpart": "-", "year": y, "value": v,
                         "unit": "million tonnes", "source_id": src, "note": pd.NA} for s, y, v, src in rows])
    return replace(evidence, observations=obs.astype({"year": "Int64", "value": "float64"}))


@pytest.mark.parametrize("pairs, verdict", [
    ([(2021, 32, [34.9]), (2024, 80, [37.9, 38.0])], Verdict.MIXED),
    ([(2021, 32, [20.0]), (2023, 36, [30.0]), (2024, 80, [38.0])], Verdict.SUPPORTED),
    ([(2021, 32, [31.0]), (2023, 36, [36.0])], Verdict.CONTRADICTED),  # 31 is within 5% of 32
])
def test_targets_rule(evidence, pairs, verdict):
    assert overview.rhetoric_versus_record(_targets(evidence, pairs)).verdict is verdict


def test_targets_use_the_arctic_notebooks_source_rule(evidence):
    from helpers.claims import arctic

    table = overview.target_outcomes(evidence)
    chosen = arctic.nsr_figures(evidence).set_index("year")["value"]
    for row in table.itertuples():
        assert row.outcome == chosen[row.year]


def test_marginalisation_cannot_be_judged_as_of_the_paper(evidence):
    assert overview.marginalised(evidence.at_paper()).verdict is Verdict.NOT_TESTABLE


def test_marginalisation_on_the_real_data_counts_every_partner_with_later_data(evidence):
    changes = overview.russia_share_change(evidence)
    assert set(changes["partner"]) <= set(overview.asian_partners(evidence))
    assert (changes["latest_year"] >= overview.FIRST_LATEST_YEAR).all()
    outcome = overview.marginalised(evidence)
    assert outcome.verdict in (Verdict.SUPPORTED, Verdict.MIXED, Verdict.CONTRADICTED)
    assert f"of {len(changes)} Asian partners" in outcome.explanation
