"""The ASEAN claim tests: ASEAN-01 (many agreements signed) and ASEAN-02 (little follow-through)."""

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import claims, indicators
from helpers.claims import asean
from helpers.claims.registry import Verdict


# -- synthetic data ----------------------------------------------------------------------------

def _events(rows):
    """Events from (project, date, kind, parties, status) tuples, all in the asean theme."""
    columns = ["event_id", "date", "project", "theme", "kind", "title", "parties", "status", "source_id", "description"]
    records = [{"event_id": f"e{i}", "date": date, "project": project, "theme": "asean", "kind": kind,
                "title": "t", "parties": parties, "status": status, "source_id": "blank-2017", "description": pd.NA}
               for i, (project, date, kind, parties, status) in enumerate(rows)]
    return pd.DataFrame(records, columns=columns).astype("str").replace("<NA>", pd.NA)


def _signed(n, year=2012, kind="agreement", status="signed"):
    return [(f"p{i}", f"{year}-03-01", kind, "RUS VNM", status) for i in range(n)]


def _trade(evidence, share_by_year, members=None, china=15.0):
    """Observations in which each member trades 1000 with the world, ``share`` % with Russia and
    ``china`` % with China, split evenly between exports and imports."""
    members = members or indicators.members(evidence, "ASEAN")
    records = []
    for year, share in share_by_year.items():
        for code in members:
            for partner, value in (("RUS", 10 * share), ("CHN", 10 * china), ("WLD", 1000.0)):
                for series in ("merchandise_exports", "merchandise_imports"):
                    records.append({"series_id": series, "entity": code, "counterpart": partner, "year": year,
                                    "value": value / 2, "unit": "US$ million", "source_id": "imf-dots", "note": pd.NA})
    return pd.DataFrame(records).astype({"year": "Int64", "value": "float64"})


def _view(evidence, events=(), shares=None):
    obs = _trade(evidence, shares) if shares else evidence.observations.iloc[0:0]
    return replace(evidence, events=_events(list(events)), observations=obs)


def _deals(n_realised, n_other, other_status="cancelled"):
    """``n_realised`` agreements in force and ``n_other`` projects signed, then ``other_status``."""
    others = []
    for i in range(n_other):
        others += [(f"q{i}", "2012-01-01", "project", "IDN RUS", "signed"),
                   (f"q{i}", "2013-01-01", "project", "IDN RUS", other_status)]
    return _signed(n_realised, status="in force") + others


FLAT = {year: 0.5 for year in range(2010, 2021)}
RISING = {year: (0.5 if year <= 2016 else 2.0) for year in range(2010, 2021)}


# -- ASEAN-01 ----------------------------------------------------------------------------------

@pytest.mark.parametrize("n, verdict", [(asean.MANY, Verdict.SUPPORTED), (asean.MANY + 3, Verdict.SUPPORTED),
                                        (asean.FEW, Verdict.CONTRADICTED), (0 + 1, Verdict.CONTRADICTED),
                                        (asean.FEW + 1, Verdict.MIXED)])
def test_many_agreements_rule(evidence, n, verdict):
    # one project that is only announced and one signed before FIRST_YEAR never count
    extra = [("ann", "2014-01-01", "project", "RUS THA", "announced"),
             ("old", f"{asean.FIRST_YEAR - 1}-01-01", "declaration", "ASEAN RUS", "signed")]
    outcome = asean.many_agreements(_view(evidence, _signed(n) + extra))
    assert outcome.verdict is verdict
    assert outcome.value == n
    assert f"{n} headline agreements" in outcome.explanation and "1 signed before" in outcome.explanation


@settings(derandomize=True, deadline=None)
@given(n=st.integers(min_value=0, max_value=15), many=st.integers(min_value=3, max_value=10))
def test_many_agreements_threshold_property(evidence, n, many):
    saved = asean.MANY
    asean.MANY = many
    try:
        announced = [("ann", "2014", "project", "RUS THA", "announced")]
        outcome = asean.many_agreements(_view(evidence, _signed(n) + announced))
    finally:
        asean.MANY = saved
    expected = Verdict.SUPPORTED if n >= many else Verdict.CONTRADICTED if n <= asean.FEW else Verdict.MIXED
    assert outcome.verdict is expected


def test_many_agreements_counts_an_agreement_once_and_credits_later_stages(evidence):
    # signed then in force is one agreement; an agreement known only in force was signed too
    rows = [("fta", "2015-05-29", "agreement", "EAEU VNM", "signed"),
            ("fta", "2016-10-05", "agreement", "EAEU VNM", "in force"),
            ("npp", "2016-01-01", "agreement", "RUS VNM", "in force")]
    outcome = asean.many_agreements(_view(evidence, rows))
    assert outcome.value == 2
    assert "1 signed by the Eurasian Economic Union" in outcome.explanation


def test_many_agreements_without_events_is_not_testable(evidence):
    assert asean.many_agreements(_view(evidence)).verdict is Verdict.NOT_TESTABLE


# -- ASEAN-02 ----------------------------------------------------------------------------------

@pytest.mark.parametrize("shares, deals, verdict", [
    (FLAT, _deals(1, 3), Verdict.SUPPORTED),          # small, flat, most deals failed
    (RISING, _deals(3, 1), Verdict.CONTRADICTED),     # share quadrupled, most deals in force
    (FLAT, _deals(3, 1), Verdict.MIXED),              # small and flat, but most deals in force
    (RISING, _deals(1, 3), Verdict.MIXED),            # share rose clearly, most deals failed
    (FLAT, _deals(2, 2), Verdict.MIXED),              # exactly half in force: neither "most"
    ({y: 1.5 for y in range(2010, 2021)}, _deals(0, 2), Verdict.MIXED),  # not small
])
def test_follow_through_rule(evidence, shares, deals, verdict):
    outcome = asean.little_follow_through(_view(evidence, deals, shares))
    assert outcome.verdict is verdict
    assert outcome.year == 2020
    assert outcome.value == pytest.approx(shares[2020])


def test_follow_through_ignores_declarations_and_compares_equal_windows(evidence):
    declarations = [(f"d{i}", "2016-05-20", "declaration", "ASEAN RUS", "signed") for i in range(5)]
    outcome = asean.little_follow_through(_view(evidence, _deals(1, 1) + declarations, RISING))
    assert "Of 2 signed agreements and projects, 1 (50%) was in force" in outcome.explanation
    assert "2017–2020 against 0.50% in 2013–2016" in outcome.explanation


def test_follow_through_as_of_the_paper_has_no_after_period(evidence):
    shares = {year: 0.5 for year in range(2010, 2017)}
    outcome = asean.little_follow_through(_view(evidence, _deals(1, 3), shares))
    assert outcome.verdict is Verdict.SUPPORTED
    assert "no year after 2016" in outcome.explanation


@settings(derandomize=True, deadline=None)
@given(before=st.floats(min_value=0.05, max_value=3), after=st.floats(min_value=0.05, max_value=3),
       n_realised=st.integers(min_value=0, max_value=5), n_other=st.integers(min_value=0, max_value=5))
def test_follow_through_verdict_follows_its_rule(evidence, before, after, n_realised, n_other):
    if n_realised + n_other == 0:
        n_other = 1
    shares = {year: (before if year <= asean.AGREEMENT_YEAR else after) for year in range(2010, 2021)}
    outcome = asean.little_follow_through(_view(evidence, _deals(n_realised, n_other), shares))
    realised = n_realised / (n_realised + n_other)
    rose = after >= before * (1 + asean.CLEAR_RISE)
    if after < asean.SMALL_SHARE and not rose and realised < 0.5:
        expected = Verdict.SUPPORTED
    elif rose and realised > 0.5:
        expected = Verdict.CONTRADICTED
    else:
        expected = Verdict.MIXED
    assert outcome.verdict is expected


def test_follow_through_without_trade_or_deals_is_not_testable(evidence):
    assert asean.little_follow_through(_view(evidence, _deals(1, 1))).verdict is Verdict.NOT_TESTABLE
    declarations_only = [("d", "2016-05-20", "declaration", "ASEAN RUS", "signed")]
    assert asean.little_follow_through(_view(evidence, declarations_only, FLAT)).verdict is Verdict.NOT_TESTABLE


def test_countries_restrict_trade_and_deals(evidence, monkeypatch):
    monkeypatch.setattr(asean, "COUNTRIES", ("VNM",))
    rows = [("vn", "2015-01-01", "agreement", "EAEU VNM", "in force"),
            ("id", "2012-01-01", "project", "IDN RUS", "signed"),
            ("id", "2013-01-01", "project", "IDN RUS", "cancelled"),
            ("memo", "2018-11-14", "agreement", "ASEAN EAEU", "signed")]
    view = _view(evidence, rows, FLAT)
    assert list(asean.deals(view)["project"]) == ["vn", "memo"]  # ASEAN-wide deals concern every member
    outcome = asean.little_follow_through(view)
    assert "Russia's share of Vietnam's trade" in outcome.explanation


def test_trade_shares_drop_a_year_with_too_little_coverage(evidence):
    obs = _trade(evidence, {2015: 0.5, 2016: 0.5}, members=["VNM", "THA"])
    # Thailand reports nothing with Russia in 2016: Vietnam alone carries half the trade
    obs = obs[~((obs["entity"] == "THA") & (obs["counterpart"] == "RUS") & (obs["year"] == 2016))]
    shares = asean.trade_shares(replace(evidence, observations=obs), countries=["VNM", "THA"])
    assert list(shares["year"]) == [2015]
    assert shares["share_RUS"].iloc[0] == pytest.approx(0.5)


# -- the real data -----------------------------------------------------------------------------

def test_parameters_match_the_data(evidence):
    years = evidence.claim("ASEAN-01")["years"]
    assert int(years[:4]) == asean.FIRST_YEAR
    events = evidence.events.set_index("event_id")
    assert events.loc["eaeu-vietnam-fta-in-force", "date"].startswith(str(asean.AGREEMENT_YEAR))
    assert events.loc["asean-russia-sochi-summit", "date"].startswith(str(asean.AGREEMENT_YEAR))
    # every short name belongs to a real project (a new project without one shows its id)
    assert set(asean.SHORT_NAMES) <= set(evidence.events.loc[evidence.events["theme"] == "asean", "project"])


@pytest.mark.parametrize("claim_id", ["ASEAN-01", "ASEAN-02"])
def test_real_data_gives_a_verdict_with_its_numbers(evidence, claim_id):
    result = claims.run(claim_id, evidence)
    for outcome in (result.at_paper, result.latest):
        assert outcome.verdict in set(Verdict)
        assert outcome.value is not None
        assert any(ch.isdigit() for ch in outcome.explanation)
    assert result.latest.year > result.at_paper.year


def test_real_data_explanations_carry_the_computed_values(evidence):
    latest = claims.run("ASEAN-02", evidence).latest
    shares = asean.trade_shares(evidence)
    assert f"{shares['share_RUS'].iloc[-1]:.2f}%" in latest.explanation
    first = claims.run("ASEAN-01", evidence).latest
    assert first.value == len(asean.signed_agreements(evidence))
    assert f"{int(first.value)} headline agreements" in first.explanation
