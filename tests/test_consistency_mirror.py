"""The mirror-anomaly rule: a flow and its mirror differing more than tenfold must be explained."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_evidence
from helpers.data import load
from helpers.datapackage import plausibility


def _obs(evidence, exports: float, imports: float, note_x=None, note_m=None) -> pd.DataFrame:
    """Two rows of observations.csv: AAA's exports to BBB and BBB's imports from AAA in 2005."""
    rows = [
        ("merchandise_exports", "AAA", "BBB", 2005, exports, "s", "US$ million", note_x),
        ("merchandise_imports", "BBB", "AAA", 2005, imports, "s", "US$ million", note_m),
    ]
    return make_evidence(evidence, rows).observations


def test_the_data_have_no_unexplained_mirror_anomaly():
    evidence = load()
    assert plausibility.mirror_anomalies(evidence.observations) == []
    pairs = plausibility.mirror_pairs(evidence.observations)
    flagged = pairs[pairs["ratio"] > plausibility.MIRROR_RATIO]
    assert len(flagged) > 0 and flagged["explained"].all()
    # the cases the issue names are among them
    named = {(r.exporter, r.importer, int(r.year)) for r in flagged.itertuples()}
    assert {("UZB", "CHN", 2000), ("UZB", "CHN", 2001), ("TKM", "RUS", 2003)} <= named


def test_an_unexplained_tenfold_gap_is_reported_with_both_rows(evidence):
    problems = plausibility.mirror_anomalies(_obs(evidence, 100.0, 5.0))
    assert len(problems) == 1
    assert problems[0].rule == "mirror-anomaly" and problems[0].row == 2 and "row 3" in problems[0].message


MARK = plausibility.MIRROR_MARK + ": transit"


@pytest.mark.parametrize(
    ("exports", "imports", "note_x", "note_m", "n_problems"),
    [
        (100.0, 5.0, MARK, None, 1),  # one explained side is not enough
        (100.0, 5.0, MARK, MARK, 0),
        (3.0, 0.0, None, None, 1),  # a zero on one side counts as an anomaly
    ],
)
def test_an_anomaly_needs_both_sides_explained(evidence, exports, imports, note_x, note_m, n_problems):
    assert len(plausibility.mirror_anomalies(_obs(evidence, exports, imports, note_x, note_m))) == n_problems


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.001, max_value=1e6), st.floats(min_value=0.1, max_value=10.0))
def test_gaps_within_tenfold_pass_whichever_side_is_larger(evidence, value, factor):
    assert plausibility.mirror_anomalies(_obs(evidence, value, value * factor)) == []
    assert plausibility.mirror_anomalies(_obs(evidence, value * factor, value)) == []
