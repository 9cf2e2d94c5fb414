"""The ASEAN claim tests: ASEAN-01 (many agreements signed) and ASEAN-02 (little follow-through)."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import flows, make_evidence
from helpers import claims, indicators
from helpers.claims import asean
from helpers.claims.asean import AgreementsRule, FollowThroughRule
from helpers.claims.registry import Verdict

# -- synthetic data ----------------------------------------------------------------------------


#: The fields of an event written as a tuple in these tests (all in the asean theme).
EVENT = ("project", "date", "kind", "parties", "status")


def _signed(n, year=2012, kind="agreement", status="signed"):
    return [(f"p{i}", f"{year}-03-01", kind, "RUS VNM", status) for i in range(n)]


def _trade(evidence, share_by_year, members=None, china=15.0):
    """Observation tuples in which each member trades 1000 with the world, ``share`` % with Russia and
    ``china`` % with China, split evenly between exports and imports."""
    members = members or indicators.members(evidence, "ASEAN")
    return [
        row
        for year, share in share_by_year.items()
        for code in members
        for partner, value in (("RUS", 10 * share), ("CHN", 10 * china), ("WLD", 1000.0))
        for row in flows(code, partner, year, value / 2)
    ]


def _view(evidence, events=(), shares=None):
    rows = _trade(evidence, shares) if shares else []
    return make_evidence(evidence, rows, list(events), event_fields=EVENT, event_defaults={"theme": "asean"})


def _deals(n_realised, n_other, other_status="cancelled"):
    """``n_realised`` agreements in force and ``n_other`` projects signed, then ``other_status``."""
    others = []
    for i in range(n_other):
        others += [
            (f"q{i}", "2012-01-01", "project", "IDN RUS", "signed"),
            (f"q{i}", "2013-01-01", "project", "IDN RUS", other_status),
        ]
    return _signed(n_realised, status="in force") + others


FLAT = {year: 0.5 for year in range(2010, 2021)}
RISING = {year: (0.5 if year <= 2016 else 2.0) for year in range(2010, 2021)}
MODEST = {year: (0.5 if year <= 2016 else 0.55) for year in range(2010, 2021)}  # +10%: neither flat nor clear
FALLING = {year: (0.5 if year <= 2016 else 0.3) for year in range(2010, 2021)}


# -- ASEAN-01 ----------------------------------------------------------------------------------

ONE = AgreementsRule()
RULE = FollowThroughRule()


@pytest.mark.parametrize(
    "n, verdict",
    [
        (ONE.many, Verdict.SUPPORTED),
        (ONE.many + 3, Verdict.SUPPORTED),
        (ONE.few, Verdict.CONTRADICTED),
        (0 + 1, Verdict.CONTRADICTED),
        (ONE.few + 1, Verdict.MIXED),
    ],
)
def test_many_agreements_rule(evidence, n, verdict):
    # one project that is only announced and one signed before first_year never count
    extra = [
        ("ann", "2014-01-01", "project", "RUS THA", "announced"),
        ("old", f"{ONE.first_year - 1}-01-01", "declaration", "ASEAN RUS", "signed"),
    ]
    outcome = asean.many_agreements(_view(evidence, _signed(n) + extra), ONE)
    assert outcome.verdict is verdict
    assert outcome.value == n
    assert f"{n} headline agreements" in outcome.explanation and "1 signed before" in outcome.explanation


@settings(derandomize=True, deadline=None)
@given(n=st.integers(min_value=0, max_value=15), many=st.integers(min_value=3, max_value=10))
def test_many_agreements_threshold_property(evidence, n, many):
    announced = [("ann", "2014", "project", "RUS THA", "announced")]
    outcome = asean.many_agreements(_view(evidence, _signed(n) + announced), AgreementsRule(many=many))
    expected = Verdict.SUPPORTED if n >= many else Verdict.CONTRADICTED if n <= ONE.few else Verdict.MIXED
    assert outcome.verdict is expected


def test_many_agreements_counts_an_agreement_once_and_credits_later_stages(evidence):
    # signed then in force is one agreement; an agreement known only in force was signed too
    rows = [
        ("fta", "2015-05-29", "agreement", "EAEU VNM", "signed"),
        ("fta", "2016-10-05", "agreement", "EAEU VNM", "in force"),
        ("npp", "2016-01-01", "agreement", "RUS VNM", "in force"),
    ]
    outcome = asean.many_agreements(_view(evidence, rows), ONE)
    assert outcome.value == 2
    assert "1 signed by the Eurasian Economic Union" in outcome.explanation


def test_many_agreements_without_events_is_not_testable(evidence):
    assert asean.many_agreements(_view(evidence), ONE).verdict is Verdict.NOT_TESTABLE


def test_same_day_texts_can_count_once(evidence):
    rows = [
        ("summit", "2016-05-20", "summit", "ASEAN RUS", "signed"),
        ("plan", "2016-05-20", "declaration", "ASEAN RUS", "signed"),
        ("fta", "2015-05-29", "agreement", "EAEU VNM", "signed"),
    ]
    with_summits = ("agreement", "declaration", "project", "summit", "treaty")
    assert asean.many_agreements(_view(evidence, rows), replace(ONE, kinds=with_summits)).value == 3
    once = asean.many_agreements(_view(evidence, rows), AgreementsRule(same_day_once=True, kinds=with_summits))
    assert once.value == 2 and "2 signing days" in once.explanation


def test_a_summit_is_not_counted_as_an_agreement(evidence):
    rows = [
        ("summit", "2016-05-20", "summit", "ASEAN RUS", "signed"),
        ("plan", "2016-05-20", "declaration", "ASEAN RUS", "signed"),
        ("fta", "2015-05-29", "agreement", "EAEU VNM", "signed"),
    ]
    outcome = asean.many_agreements(_view(evidence, rows), ONE)
    assert outcome.value == 2 and "2 headline agreements" in outcome.explanation


# -- ASEAN-02 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shares, deals, verdict",
    [
        (FLAT, _deals(1, 3), Verdict.SUPPORTED),  # small, flat, most deals failed
        (RISING, _deals(3, 1), Verdict.CONTRADICTED),  # share quadrupled, most deals in force
        (FLAT, _deals(3, 1), Verdict.MIXED),  # small and flat, but most deals in force
        (RISING, _deals(1, 3), Verdict.MIXED),  # share rose clearly, most deals failed
        (FLAT, _deals(2, 2), Verdict.MIXED),  # exactly half in force: neither "most"
        (FALLING, _deals(0, 2), Verdict.SUPPORTED),  # falling counts as "flat or falling"
        ({y: 1.5 for y in range(2010, 2021)}, _deals(0, 2), Verdict.SUPPORTED),  # the level is not judged
        (MODEST, _deals(1, 3), Verdict.MIXED),  # a modest rise: the trade half is undecided
        (MODEST, _deals(3, 1), Verdict.MIXED),
    ],
)
def test_follow_through_rule(evidence, shares, deals, verdict):
    outcome = asean.little_follow_through(_view(evidence, deals, shares), RULE)
    assert outcome.verdict is verdict
    assert outcome.year == 2020
    assert outcome.value == pytest.approx(shares[2020])


def test_follow_through_ignores_declarations_and_compares_equal_windows(evidence):
    declarations = [(f"d{i}", "2016-05-20", "declaration", "ASEAN RUS", "signed") for i in range(5)]
    outcome = asean.little_follow_through(_view(evidence, _deals(1, 1) + declarations, RISING), RULE)
    assert "Of 2 signed agreements and projects, 1 (50%) was in force" in outcome.explanation
    assert "2017–2020 against 0.50% in 2013–2016" in outcome.explanation


def test_follow_through_as_of_the_paper_has_no_after_period(evidence):
    shares = {year: 0.5 for year in range(2010, 2017)}
    outcome = asean.little_follow_through(_view(evidence, _deals(1, 3), shares), RULE)
    assert outcome.verdict is Verdict.MIXED  # nothing to judge the trade half on
    assert "no year after 2016" in outcome.explanation and "trade half: undecided" in outcome.explanation
    # with a level bar (the earlier rule) the level alone decides the trade half
    barred = asean.little_follow_through(_view(evidence, _deals(1, 3), shares), FollowThroughRule(small_share=1.0))
    assert barred.verdict is Verdict.SUPPORTED


def test_a_level_bar_can_block_support(evidence):
    high = {y: 1.5 for y in range(2010, 2021)}
    outcome = asean.little_follow_through(_view(evidence, _deals(0, 2), high), FollowThroughRule(small_share=1.0))
    assert outcome.verdict is Verdict.MIXED


@settings(derandomize=True, deadline=None)
@given(
    before=st.floats(min_value=0.05, max_value=3),
    after=st.floats(min_value=0.05, max_value=3),
    n_realised=st.integers(min_value=0, max_value=5),
    n_other=st.integers(min_value=0, max_value=5),
)
def test_follow_through_verdict_follows_its_rule(evidence, before, after, n_realised, n_other):
    if n_realised + n_other == 0:
        n_other = 1
    shares = {year: (before if year <= RULE.agreement_year else after) for year in range(2010, 2021)}
    outcome = asean.little_follow_through(_view(evidence, _deals(n_realised, n_other), shares), RULE)
    realised = n_realised / (n_realised + n_other)
    rose = after / before - 1 >= RULE.clear_rise
    flat = after / before - 1 <= RULE.flat_band
    if flat and realised < 0.5:
        expected = Verdict.SUPPORTED
    elif rose and realised > 0.5:
        expected = Verdict.CONTRADICTED
    else:
        expected = Verdict.MIXED
    assert outcome.verdict is expected


def test_follow_through_without_trade_or_deals_is_not_testable(evidence):
    assert asean.little_follow_through(_view(evidence, _deals(1, 1)), RULE).verdict is Verdict.NOT_TESTABLE
    declarations_only = [("d", "2016-05-20", "declaration", "ASEAN RUS", "signed")]
    assert asean.little_follow_through(_view(evidence, declarations_only, FLAT), RULE).verdict is Verdict.NOT_TESTABLE
    # counting statements as deals makes the same view testable
    counted = asean.little_follow_through(
        _view(evidence, declarations_only, FLAT), FollowThroughRule(deal_kinds=asean.ALL_KINDS)
    )
    assert counted.verdict is Verdict.SUPPORTED


def test_countries_restrict_trade_and_deals(evidence):
    vietnam = FollowThroughRule(countries=("VNM",))
    rows = [
        ("vn", "2015-01-01", "agreement", "EAEU VNM", "in force"),
        ("id", "2012-01-01", "project", "IDN RUS", "signed"),
        ("id", "2013-01-01", "project", "IDN RUS", "cancelled"),
        ("memo", "2018-11-14", "agreement", "ASEAN EAEU", "signed"),
    ]
    view = _view(evidence, rows, FLAT)
    assert list(asean.deals(view, vietnam.countries)["project"]) == ["vn", "memo"]  # ASEAN-wide deals concern all
    outcome = asean.little_follow_through(view, vietnam)
    assert "Russia's share of Vietnam's trade" in outcome.explanation


def test_trade_shares_drop_a_year_with_too_little_coverage(evidence):
    rows = _trade(evidence, {2015: 0.5, 2016: 0.5}, members=["VNM", "THA"])
    # Thailand reports nothing with Russia in 2016: Vietnam alone carries half the trade
    rows = [row for row in rows if row[1:4] != ("THA", "RUS", 2016)]
    shares = asean.trade_shares(make_evidence(evidence, rows), countries=("VNM", "THA"))
    assert list(shares["year"]) == [2015]
    assert shares["share_RUS"].iloc[0] == pytest.approx(0.5)


def _published(evidence, deals, shares, late_share, year=2023, side=("RUS", "ASEAN")):
    """A view with IMF shares and one published year: ASEAN's total 100000 and Russia's trade
    with ASEAN at ``late_share`` percent of it (Russia's figure by default)."""
    view = _view(evidence, deals, shares)
    rows = [
        ("merchandise_trade", "ASEAN", "WLD", year, 100000.0),
        ("merchandise_trade", side[0], side[1], year, 1000.0 * late_share, "blank-2017"),
    ]
    return make_evidence(view, [*view.observations.to_dict("records"), *rows])


@pytest.mark.parametrize(
    "late, deals, verdict",
    [
        (0.5, _deals(1, 3), Verdict.SUPPORTED),  # flat in the IMF years and in the latest year
        (1.0, _deals(1, 3), Verdict.MIXED),  # doubled by the latest year: the trade half is against
        (1.0, _deals(3, 1), Verdict.CONTRADICTED),  # ... and most deals in force
        (0.54, _deals(1, 3), Verdict.MIXED),  # a modest rise by the latest year: undecided
        (0.2, _deals(1, 3), Verdict.SUPPORTED),  # falling
    ],
)
def test_the_latest_published_share_is_judged_too(evidence, late, deals, verdict):
    outcome = asean.little_follow_through(_published(evidence, deals, FLAT, late), RULE)
    assert outcome.verdict is verdict
    assert outcome.year == 2023 and outcome.value == pytest.approx(late)
    assert "(Russia's figure)" in outcome.explanation and "another basis" in outcome.explanation
    # the IMF years alone (one basis throughout) judge only the after-window: flat
    alone = asean.little_follow_through(_published(evidence, deals, FLAT, late), replace(RULE, latest_published=False))
    assert alone.year == 2020 and alone.verdict is (Verdict.SUPPORTED if deals == _deals(1, 3) else Verdict.MIXED)


def test_published_shares_prefer_asean_figures_and_need_a_total(evidence):
    view = _published(evidence, _deals(1, 3), FLAT, 0.6, side=("ASEAN", "RUS"))
    shares = asean.published_shares(view)
    assert list(shares["side"]) == ["ASEAN"] and shares["share_RUS"].iloc[0] == pytest.approx(0.6)
    no_total = replace(view, observations=view.observations[view.observations["counterpart"] != "WLD"])
    assert asean.published_shares(no_total).empty
    # a member subset has no published total: only its IMF years count
    assert asean.little_follow_through(view, replace(RULE, countries=("VNM",))).year == 2020


def test_trade_half_is_symmetric_around_no_change():
    assert asean.trade_half([], 0.5, RULE) == "undecided"
    assert asean.trade_half([-0.3, 0.0], 0.5, RULE) == "for"
    assert asean.trade_half([-0.3, RULE.clear_rise], 0.5, RULE) == "against"
    assert asean.trade_half([0.0, RULE.flat_band + 0.01], 0.5, RULE) == "undecided"
    assert asean.trade_half([0.0], 1.5, replace(RULE, small_share=1.0)) == "undecided"


# -- the real data -----------------------------------------------------------------------------


def test_parameters_match_the_data(evidence):
    years = evidence.claim("ASEAN-01")["years"]
    assert int(years[:4]) == ONE.first_year
    events = evidence.events.set_index("event_id")
    assert events.loc["eaeu-vietnam-fta-in-force", "date"].startswith(str(RULE.agreement_year))
    assert events.loc["asean-russia-sochi-summit", "date"].startswith(str(RULE.agreement_year))
    assert set(evidence.events.loc[evidence.events["theme"] == "asean", "kind"]) <= set(asean.ALL_KINDS)
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
    shares, published = asean.trade_shares(evidence), asean.published_shares(evidence)
    assert f"{shares['share_RUS'].iloc[-1]:.2f}%" in latest.explanation
    assert latest.year == published["year"].max() >= 2023
    assert f"{published['share_RUS'].iloc[-1]:.2f}% of ASEAN's total trade" in latest.explanation
    first = claims.run("ASEAN-01", evidence).latest
    signed = asean.signed_agreements(evidence)
    assert first.value == signed["kind"].isin(AgreementsRule().kinds).sum() < len(signed)  # summits left out
    assert f"{int(first.value)} headline agreements" in first.explanation


def test_a_variant_is_an_argument_not_a_setting(evidence):
    vietnam = claims.run("ASEAN-02", evidence, countries=("VNM",))
    assert "Vietnam's trade" in vietnam.latest.explanation
    assert claims.default_rule("ASEAN-02") == FollowThroughRule()  # nothing was changed in place
    assert "the members' trade" in claims.run("ASEAN-02", evidence).latest.explanation
