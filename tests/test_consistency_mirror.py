"""The mirror-anomaly rule: a flow and its mirror differing more than tenfold must be explained."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import load
from helpers.datapackage import consistency


def _obs(exports: float, imports: float, note_x=None, note_m=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series_id": ["merchandise_exports", "merchandise_imports"],
            "entity": ["AAA", "BBB"],
            "counterpart": ["BBB", "AAA"],
            "year": [2005, 2005],
            "value": [exports, imports],
            "unit": ["US$ million"] * 2,
            "source_id": ["s", "s"],
            "note": [note_x, note_m],
        }
    )


def test_the_data_have_no_unexplained_mirror_anomaly():
    evidence = load()
    assert consistency.mirror_anomalies(evidence.observations) == []
    pairs = consistency.mirror_pairs(evidence.observations)
    flagged = pairs[pairs["ratio"] > consistency.MIRROR_RATIO]
    assert len(flagged) > 0 and flagged["explained"].all()
    # the cases the issue names are among them
    named = {(r.exporter, r.importer, int(r.year)) for r in flagged.itertuples()}
    assert {("UZB", "CHN", 2000), ("UZB", "CHN", 2001), ("TKM", "RUS", 2003)} <= named


def test_an_unexplained_tenfold_gap_is_reported_with_both_rows():
    problems = consistency.mirror_anomalies(_obs(100.0, 5.0))
    assert len(problems) == 1
    assert problems[0].rule == "mirror-anomaly" and problems[0].row == 2 and "row 3" in problems[0].message


def test_one_explained_side_is_not_enough():
    mark = consistency.MIRROR_MARK + ": transit"
    assert len(consistency.mirror_anomalies(_obs(100.0, 5.0, note_x=mark))) == 1
    assert consistency.mirror_anomalies(_obs(100.0, 5.0, note_x=mark, note_m=mark)) == []


def test_a_zero_on_one_side_counts_as_an_anomaly():
    assert len(consistency.mirror_anomalies(_obs(3.0, 0.0))) == 1


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.001, max_value=1e6), st.floats(min_value=0.1, max_value=10.0))
def test_gaps_within_tenfold_pass_whichever_side_is_larger(value, factor):
    assert consistency.mirror_anomalies(_obs(value, value * factor)) == []
    assert consistency.mirror_anomalies(_obs(value * factor, value)) == []
