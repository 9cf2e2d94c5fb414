"""CAUSE-04: Russia's growth since the boom, set against other oil exporters' (the growth half only)."""

import pytest

from conftest import make_evidence
from helpers import claims
from helpers.claims import causes
from helpers.claims.registry import Verdict


def _growth(evidence, paths):
    """Evidence whose gdp_growth holds, for each entity, ``boom`` % a year in 2000-2008, then
    ``middle`` % in 2009-2016 and ``late`` % in 2017-2024: ``paths = {code: (boom, middle, late)}``."""
    rows = [
        ("gdp_growth", code, "-", year, boom if year <= 2008 else middle if year <= 2016 else late)
        for code, (boom, middle, late) in paths.items()
        for year in range(2000, 2025)
    ]
    return make_evidence(evidence, rows, unit="percent", source_id="wb-wdi")


@pytest.mark.parametrize(
    "paths, verdict, words",
    [
        ({"RUS": (7, 1, 1), "KAZ": (7, 5, 5)}, Verdict.SUPPORTED, "4.0 points more than"),
        ({"RUS": (7, 2, 2), "KAZ": (7, 2, 2.5)}, Verdict.MIXED, "Outcome consistent, cause untested"),
        ({"RUS": (7, 3, 4), "KAZ": (7, 1, 1)}, Verdict.CONTRADICTED, "3.0 points less than"),
        ({"RUS": (5, 5, 6), "KAZ": (7, 1, 1)}, Verdict.CONTRADICTED, "grew faster than the boom"),
        ({"RUS": (7, 1, 1)}, Verdict.MIXED, "No other oil exporter is in the data"),
    ],
)
def test_growth_rule_gives_every_verdict(evidence, paths, verdict, words):
    outcome = claims.judge("CAUSE-04", _growth(evidence, paths))
    assert outcome.verdict is verdict
    assert words in outcome.explanation
    assert outcome.value == pytest.approx(paths["RUS"][0] - paths["RUS"][2])


def test_peers_are_the_median_of_those_the_data_hold(evidence):
    ev = _growth(evidence, {"RUS": (7, 1, 1), "KAZ": (7, 5, 5), "AZE": (7, 1, 1), "SAU": (7, 0, 0)})
    assert causes.peer_shortfalls(ev, causes.GrowthRule()) == pytest.approx({"AZE": 6, "KAZ": 2, "SAU": 7})
    outcome = claims.judge("CAUSE-04", ev)  # Russia's 6 against the median 6: consistent, cause untested
    assert outcome.verdict is Verdict.MIXED and "Norway" in outcome.explanation


def test_the_peer_margin_is_a_rule_field(evidence):
    ev = _growth(evidence, {"RUS": (7, 1, 1), "KAZ": (7, 2.5, 2.5)})  # Russia slowed 1.5 points more
    assert claims.judge("CAUSE-04", ev).verdict is Verdict.SUPPORTED
    assert claims.judge("CAUSE-04", ev, peer_margin_pp=2.0).verdict is Verdict.MIXED


def test_period_growth_is_compounded_and_skips_short_periods(evidence):
    ev = _growth(evidence, {"RUS": (10, 0, 0)})
    table = causes.period_growth(ev, "RUS", [(2000, 2001), (2023, None)], min_years=2)
    assert list(table["period"]) == ["2000–2001", "2023–2024"]
    assert table["growth"].iloc[0] == pytest.approx(10.0)
    assert causes.period_growth(ev, "RUS", [(2024, None)]).empty  # one year < min_years


def test_without_russian_growth_the_claim_cannot_be_judged(evidence):
    assert claims.judge("CAUSE-04", _growth(evidence, {"KAZ": (7, 1, 1)})).verdict is Verdict.NOT_TESTABLE
