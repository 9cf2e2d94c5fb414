"""The North Korea claim test (DPRK-01): its verdict rule on synthetic data, and on the real data."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import flows, make_evidence
from helpers import claims, indicators, text
from helpers.claims import north_korea as nk
from helpers.claims.registry import Verdict


def _evidence(evidence, trade, events=()):
    """Evidence with only the given trade and events.

    ``trade`` maps (reporter, year) to turnover in US$ million, split evenly between exports and
    imports with North Korea; ``events`` are (event_id, date, project, kind, title, parties, status).
    """
    rows = [row for (reporter, year), value in sorted(trade.items()) for row in flows(reporter, "PRK", year, value / 2)]
    return make_evidence(
        evidence,
        rows,
        events,
        event_fields=("event_id", "date", "project", "kind", "title", "parties", "status"),
        event_defaults={"theme": "north_korea", "source_id": "interfax-2024-rus-prk-treaty", "description": "x"},
    )


def _judge(ev, **changes):
    return claims.judge("DPRK-01", ev, **changes)


RULE = nk.NorthKoreaRule()


def _two_windows(chn_then, rus_then, chn_now, rus_now, first=2006, last=2016):
    """Three years at the same level in each window (the published window, 3, and trend, 10 years)."""
    trade = {}
    for end, chn, rus in ((first, chn_then, rus_then), (last, chn_now, rus_now)):
        for year in range(end - 2, end + 1):
            trade[("CHN", year)] = chn
            trade[("RUS", year)] = rus
    return trade


TREATY = [
    ("t-signed", "2015-06-19", "rus-prk-treaty", "treaty", "Treaty signed", "PRK RUS", "signed"),
    ("t-in-force", "2015-12-04", "rus-prk-treaty", "treaty", "Treaty enters into force", "PRK RUS", "in force"),
]


def test_china_far_ahead_and_gaining_is_supported(evidence):
    outcome = _judge(_evidence(evidence, _two_windows(1000, 100, 5000, 50)))
    assert outcome.verdict is Verdict.SUPPORTED
    assert outcome.value == pytest.approx(100)
    assert outcome.year == 2016
    assert "100.0x" in outcome.explanation and "10.0x" in outcome.explanation
    assert "2014–2016" in outcome.explanation and "2004–2006" in outcome.explanation


#: name -> (the two windows' trade, as _two_windows takes it; the verdict; China's multiple, if checked)
TRADE_CASES = {
    "China overwhelming and gaining is supported": ((1000, 100, 5000, 50), Verdict.SUPPORTED, 100),
    # China's multiple falls from 40x to 15x: still large, but Russia's weight more than doubled
    "Russia doubling its weight is contradicted": ((4000, 100, 3000, 200), Verdict.CONTRADICTED, 15),
    "Russia ahead is contradicted": ((100, 50, 100, 120), Verdict.CONTRADICTED, None),
    "China ahead but not overwhelming is mixed": ((600, 100, 800, 100), Verdict.MIXED, 8),
    "China overwhelming but slipping a little is mixed": ((8000, 100, 6000, 100), Verdict.MIXED, None),
}


@pytest.mark.parametrize(("windows", "verdict", "multiple"), TRADE_CASES.values(), ids=TRADE_CASES.keys())
def test_trade_alone_decides_without_a_new_treaty(evidence, windows, verdict, multiple):
    outcome = _judge(_evidence(evidence, _two_windows(*windows)))
    assert outcome.verdict is verdict
    if multiple is not None:
        assert outcome.value == pytest.approx(multiple)


def test_a_new_treaty_in_force_turns_supported_into_mixed(evidence):
    outcome = _judge(_evidence(evidence, _two_windows(1000, 100, 5000, 50), TREATY))
    assert outcome.verdict is Verdict.MIXED
    assert "trade alone says supported" in outcome.explanation
    assert "Treaty enters into force (2015-12-04)" in outcome.explanation


def test_a_treaty_only_signed_or_older_than_the_earlier_window_does_not_count(evidence):
    signed_only = TREATY[:1]
    old = [(e[0], "2003" + e[1][4:], *e[2:]) for e in TREATY]
    for events in (signed_only, old):
        outcome = _judge(_evidence(evidence, _two_windows(1000, 100, 5000, 50), events))
        assert outcome.verdict is Verdict.SUPPORTED


def test_a_treaty_with_a_third_party_does_not_count(evidence):
    events = [(e[0], e[1], e[2], e[3], e[4], "CHN PRK", e[6]) for e in TREATY]
    outcome = _judge(_evidence(evidence, _two_windows(1000, 100, 5000, 50), events))
    assert outcome.verdict is Verdict.SUPPORTED


def test_a_treaty_does_not_soften_a_contradiction(evidence):
    outcome = _judge(_evidence(evidence, _two_windows(4000, 100, 3000, 200), TREATY))
    assert outcome.verdict is Verdict.CONTRADICTED


def test_windows_pool_years_so_one_odd_year_weighs_by_its_size(evidence):
    trade = _two_windows(1000, 100, 5000, 50)
    trade[("CHN", 2016)] = 50.0  # a border closure: China's trade collapses in the last year
    outcome = _judge(_evidence(evidence, trade))
    assert outcome.value == pytest.approx((5000 + 5000 + 50) / 150)
    assert outcome.verdict is Verdict.SUPPORTED


def test_latest_window_uses_only_years_with_both_figures(evidence):
    trade = _two_windows(1000, 100, 5000, 50)
    del trade[("RUS", 2015)], trade[("RUS", 2014)]
    bal = nk.balance(_evidence(evidence, trade))
    point = nk.pooled(bal, 2016)
    assert point["years"] == [2016]
    assert point["china_multiple"] == pytest.approx(100)
    assert point["russia_share"] == pytest.approx(100 * 50 / 5050)


def test_without_two_windows_it_is_not_testable(evidence):
    only_recent = {("CHN", 2015): 100.0, ("RUS", 2015): 10.0, ("CHN", 2016): 100.0, ("RUS", 2016): 10.0}
    assert _judge(_evidence(evidence, only_recent)).verdict is Verdict.NOT_TESTABLE
    assert _judge(_evidence(evidence, {})).verdict is Verdict.NOT_TESTABLE
    china_only = {("CHN", 2006): 100.0, ("CHN", 2016): 100.0}
    assert _judge(_evidence(evidence, china_only)).verdict is Verdict.NOT_TESTABLE


def test_a_missing_earlier_decade_falls_back_to_the_earliest_years(evidence):
    trade = _two_windows(1000, 100, 5000, 50, first=2010)
    outcome = _judge(_evidence(evidence, trade))
    assert outcome.verdict is Verdict.SUPPORTED
    assert "2008–2010" in outcome.explanation


def test_exports_flow_and_a_bad_flow(evidence):
    trade = _two_windows(1000, 100, 5000, 50)
    outcome = _judge(_evidence(evidence, trade), flow="exports")
    assert outcome.value == pytest.approx(100)  # exports are half of the turnover on both sides
    with pytest.raises(ValueError, match="flow must be"):
        nk.partner_trade(evidence, "RUS", "imports")
    with pytest.raises(ValueError, match="NorthKoreaRule.flow"):
        nk.NorthKoreaRule(flow="imports")


def _with_one_late_year(chn_late, rus_late):
    """The two windows of a supported case, and one later year (2020) with figures from both."""
    trade = _two_windows(1000, 100, 5000, 50)
    trade[("CHN", 2020)], trade[("RUS", 2020)] = chn_late, rus_late
    return trade


def test_a_single_late_year_is_not_a_window(evidence):
    ev = _evidence(evidence, _with_one_late_year(2000, 1000))  # 2020 alone: Russia half of China
    outcome = _judge(ev)
    assert outcome.verdict is Verdict.SUPPORTED and outcome.year == 2016
    assert (
        "Later years with figures from both (2020) are too few for a 3-year window (at least 2 needed)"
        in outcome.explanation
    )
    single = _judge(ev, min_coverage=0.0)  # the rule as first published: 2020 alone is the latest "window"
    assert single.year == 2020 and single.verdict is Verdict.CONTRADICTED
    assert "2018–2020 (1 of 3 years with figures; Russia" in single.explanation


def test_two_late_years_of_three_make_a_window(evidence):
    trade = _with_one_late_year(2000, 1000)
    trade[("CHN", 2019)], trade[("RUS", 2019)] = 2000.0, 1000.0
    outcome = _judge(_evidence(evidence, trade))
    assert outcome.year == 2020 and outcome.value == pytest.approx(2)
    assert "2018–2020 (2 of 3 years with figures; Russia" in outcome.explanation
    assert _judge(_evidence(evidence, trade), min_coverage=1.0).year == 2016  # complete windows only


@pytest.mark.parametrize(
    ("window", "coverage", "years"), [(1, 0.5, 1), (3, 0.5, 2), (5, 0.5, 3), (3, 0.0, 1), (3, 1.0, 3), (4, 0.5, 2)]
)
def test_min_years_rounds_the_coverage_up(window, coverage, years):
    assert nk.NorthKoreaRule(window=window, min_coverage=coverage).min_years == years


values = st.floats(min_value=1, max_value=10_000, allow_nan=False)


@settings(derandomize=True, deadline=None)
@given(chn_then=values, rus_then=values, chn_now=values, rus_now=values, treaty=st.booleans())
def test_verdict_follows_its_rule(evidence, chn_then, rus_then, chn_now, rus_now, treaty):
    trade = _two_windows(chn_then, rus_then, chn_now, rus_now)
    outcome = _judge(_evidence(evidence, trade, TREATY if treaty else ()))
    now, then = chn_now / rus_now, chn_then / rus_then
    assert outcome.value == pytest.approx(now)
    if now <= 1 or now <= RULE.rise_fraction * then:
        assert outcome.verdict is Verdict.CONTRADICTED
    elif now >= RULE.large_multiple and now >= then:
        assert outcome.verdict is (Verdict.MIXED if treaty else Verdict.SUPPORTED)
    else:
        assert outcome.verdict is Verdict.MIXED


def test_rolling_share_needs_every_year_of_the_window(evidence):
    trade = _two_windows(1000, 100, 5000, 50)
    rolled = nk.rolling_share(nk.balance(_evidence(evidence, trade)))
    assert list(rolled["year"]) == [2006, 2016]
    assert rolled["russia_share"].tolist() == pytest.approx([100 * 100 / 1100, 100 * 50 / 5050])


def test_on_the_real_data(evidence):
    result = claims.run("DPRK-01", evidence)
    bal = nk.balance(evidence)
    for outcome, view in ((result.at_paper, evidence.at_paper()), (result.latest, evidence)):
        assert outcome.verdict in set(Verdict)
        assert outcome.verdict is not Verdict.NOT_TESTABLE
        assert text.ratio(outcome.value) in outcome.explanation
        assert outcome.year == max(nk.compare(view)["latest"]["years"]) <= int(nk.balance(view)["year"].iloc[-1])
    # the latest window rests on at least two of its three years; later years are named, not pooled
    latest = nk.compare(evidence)
    assert len(latest["latest"]["years"]) >= RULE.min_years
    for year in latest["left_out"]:
        assert str(year) in result.latest.explanation
    # the partners' own figures, not the IMF's estimates for North Korea, feed the test
    assert set(indicators.merge_sources(bal["sources"])) >= {"imf-dots"}
    assert (bal["basis_CHN"].isin(["exports + imports", "published turnover"])).all()
