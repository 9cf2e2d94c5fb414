"""The Arctic's claim test ARC-01 (China gaining at Russia's expense) and the NSR source rule."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_evidence
from helpers import claims, text
from helpers.claims import arctic
from helpers.claims.registry import Verdict

YAMAL, ALNG2 = "yamal_lng_chinese_equity", "arctic_lng2_chinese_equity"
PARTICIPATION = {series: project for series, (_, project) in arctic.PROJECTS.items()}


ROUTE_SOURCE = "arc-arcticlio-2021-transit-record"  # any source in sources.csv: the publisher ranks figures


def _arctic_evidence(evidence, stakes, statuses=(), loans=(), route=()):
    """Evidence holding only the given Chinese stakes, participation statuses, loans and route shares.

    stakes: (series_id, year, percent, buyer); statuses: (series_id, date, status) or
    (series_id, date, status, parties) for the project of China's participation in that series'
    project; loans: (year, US$ million); route: (year, percent of NSR transit cargo between
    Russia and China), in the series the default rule reads.
    """
    rows = [
        (series, "CHN", "RUS", year, value, f"src-{i}", "percent", f"{buyer}; synthetic")
        for i, (series, year, value, buyer) in enumerate(stakes)
    ]
    rows += [("yamal_lng_chinese_loans_usd", "CHN", "RUS", y, v, f"loan-{i}") for i, (y, v) in enumerate(loans)]
    rows += [(arctic.ArcticRule().route_series, "RUS", "CHN", y, v, ROUTE_SOURCE, "percent") for y, v in route]
    events = [
        {
            "date": status[1],
            "project": PARTICIPATION[status[0]],
            "status": status[2],
            **({"parties": status[3]} if len(status) > 3 else {}),
        }
        for status in statuses
    ]
    return make_evidence(evidence, rows, events)


def _judge(ev, **changes):
    return claims.judge("ARC-01", ev, **changes)


TWO_YAMAL_BUYERS = [(YAMAL, 2014, 20.0, "CNPC"), (YAMAL, 2016, 9.9, "Silk Road Fund")]
SHARED_FREEZE = (ALNG2, "2023-12-25", "suspended", "CHN FRA JPN RUS")

#: name -> (stakes, statuses, route shares, verdict under the published rule)
VERDICT_CASES = {
    "two purchases, a blocking minority, no pull-back: supported": (
        TWO_YAMAL_BUYERS,
        [(YAMAL, "2016-04-29", "signed")],
        [],
        Verdict.SUPPORTED,
    ),
    "a blocking minority and a pull-back elsewhere: mixed": (
        TWO_YAMAL_BUYERS + [(ALNG2, 2019, 10.0, "CNODC"), (ALNG2, 2019, 10.0, "CNOOC")],
        [(ALNG2, "2019-04-25", "signed"), SHARED_FREEZE],
        [],
        Verdict.MIXED,
    ),
    "control bought at once is no gradual gain: mixed": ([(YAMAL, 2014, 60.0, "CNPC")], [], [], Verdict.MIXED),
    "small stakes and a pull-back: contradicted": (
        [(YAMAL, 2014, 20.0, "CNPC"), (ALNG2, 2019, 10.0, "CNOOC")],
        [(YAMAL, "2017-12", "implemented"), (ALNG2, "2023-12-25", "suspended")],
        [],
        Verdict.CONTRADICTED,
    ),
    "a single small purchase: contradicted": ([(YAMAL, 2014, 20.0, "CNPC")], [], [], Verdict.CONTRADICTED),
    "equity says supported, the route mostly not China's: mixed": (TWO_YAMAL_BUYERS, [], [(2023, 30.0)], Verdict.MIXED),
    "equity says supported, the route mostly China's: supported": (
        TWO_YAMAL_BUYERS,
        [],
        [(2023, 95.0)],
        Verdict.SUPPORTED,
    ),
    "equity says contradicted, the route mostly China's: mixed": (
        [(YAMAL, 2014, 20.0, "CNPC")],
        [],
        [(2022, 10.0), (2024, 95.0)],
        Verdict.MIXED,
    ),
    "equity says contradicted, the route not China's: contradicted": (
        [(YAMAL, 2014, 20.0, "CNPC")],
        [],
        [(2024, 40.0)],
        Verdict.CONTRADICTED,
    ),
}


@pytest.mark.parametrize(("stakes", "statuses", "route", "verdict"), VERDICT_CASES.values(), ids=VERDICT_CASES.keys())
def test_the_published_rule_can_support_mix_and_contradict(evidence, stakes, statuses, route, verdict):
    assert _judge(_arctic_evidence(evidence, stakes, statuses, route=route)).verdict is verdict


def test_a_supported_outcome_says_what_it_rests_on(evidence):
    ev = _arctic_evidence(evidence, TWO_YAMAL_BUYERS, [(YAMAL, "2016-04-29", "signed")], loans=[(2016, 12080.0)])
    outcome = _judge(ev)
    assert outcome.value == pytest.approx(29.9)
    assert outcome.year == 2016
    assert "29.9% of Yamal LNG" in outcome.explanation and "CNPC and Silk Road Fund" in outcome.explanation
    assert "4.9 points above the 25% line" in outcome.explanation
    assert "$12.1 bn of loans" in outcome.explanation
    assert "not in this view, so the route does not enter the verdict" in outcome.explanation


def test_a_contradiction_names_the_pull_back_and_its_year(evidence):
    stakes, statuses, _, _ = VERDICT_CASES["small stakes and a pull-back: contradicted"]
    outcome = _judge(_arctic_evidence(evidence, stakes, statuses))
    assert outcome.value == pytest.approx(20.0)
    assert outcome.year == 2023
    assert "China's participation in Arctic LNG 2 was suspended (2023-12-25)" in outcome.explanation


def test_the_peak_is_one_project_not_the_sum_over_projects(evidence):
    stakes, statuses, _, _ = VERDICT_CASES["a blocking minority and a pull-back elsewhere: mixed"]
    outcome = _judge(_arctic_evidence(evidence, stakes, statuses))
    assert outcome.value == pytest.approx(29.9)
    assert "20.0% of Arctic LNG 2 (CNODC and CNOOC, bought in 2019)" in outcome.explanation
    assert "together with the partners from France and Japan" in outcome.explanation


def test_the_route_leg_enters_with_its_year_and_line(evidence):
    outcome = _judge(_arctic_evidence(evidence, TWO_YAMAL_BUYERS, [], route=[(2023, 93.0), (2024, 95.0)]))
    assert outcome.year == 2024
    assert (
        "95.0% of Northern Sea Route transit cargo was carried from Russia to China in 2024, above the 50% line"
        in outcome.explanation
    )


def test_no_chinese_stake_is_not_testable(evidence):
    outcome = _judge(_arctic_evidence(evidence, []))
    assert outcome.verdict is Verdict.NOT_TESTABLE and outcome.value is None


def test_counting_the_largest_buyer_instead_of_the_state_bloc(evidence):
    ev = _arctic_evidence(evidence, TWO_YAMAL_BUYERS)
    assert _judge(ev).verdict is Verdict.SUPPORTED
    by_buyer = _judge(ev, bloc="buyer")
    assert by_buyer.value == pytest.approx(20.0)
    assert by_buyer.verdict is Verdict.MIXED  # added stakes, but no single buyer above the line
    assert "20.0% of Yamal LNG (CNPC), is a minority stake, 5.0 points below" in by_buyer.explanation


def test_a_freeze_shared_with_other_foreign_partners_can_be_left_out(evidence):
    stakes, statuses, _, _ = VERDICT_CASES["a blocking minority and a pull-back elsewhere: mixed"]
    ev = _arctic_evidence(evidence, stakes, statuses)
    ignored = _judge(ev, shared_suspension="ignored")
    assert ignored.verdict is Verdict.SUPPORTED
    assert "not counted: a freeze shared by every foreign partner" in ignored.explanation
    alone = _arctic_evidence(evidence, stakes, [(ALNG2, "2023-12-25", "suspended")])  # China alone: still counts
    assert _judge(alone, shared_suspension="ignored").verdict is Verdict.MIXED


@pytest.mark.parametrize(
    "changes",
    [dict(bloc="group"), dict(shared_suspension="maybe"), dict(blocking_share=60.0), dict(blocking_share=0.0)],
)
def test_a_rule_that_makes_no_sense_is_refused(changes):
    with pytest.raises(ValueError, match="ArcticRule"):
        arctic.ArcticRule(**changes)


stakes = st.floats(min_value=0.1, max_value=49.9, allow_nan=False).map(lambda x: round(x, 1))


@settings(derandomize=True, deadline=None)
@given(first=stakes, second=stakes, pulled_back=st.booleans(), second_year=st.sampled_from([2014, 2016]))
def test_verdict_follows_the_rule(evidence, first, second, pulled_back, second_year):
    rows = [(YAMAL, 2014, first, "A"), (YAMAL, second_year, second, "B"), (ALNG2, 2019, 0.5, "C")]
    statuses = [(ALNG2, "2023-12-25", "suspended")] if pulled_back else [(ALNG2, "2019-06", "signed")]
    outcome = _judge(_arctic_evidence(evidence, rows, statuses))
    peak = first + second
    blocking = arctic.ArcticRule().blocking_share
    assert outcome.value == pytest.approx(max(peak, 0.5))
    # purchases in 2014 (and 2016) and 2019: China always added stakes in at least two years
    if peak > blocking and not pulled_back:
        assert outcome.verdict is Verdict.SUPPORTED
    elif peak <= blocking and pulled_back:
        assert outcome.verdict is Verdict.CONTRADICTED
    else:
        assert outcome.verdict is Verdict.MIXED


@settings(derandomize=True, deadline=None)
@given(threshold=st.floats(min_value=1, max_value=49, allow_nan=False), total=st.floats(min_value=1, max_value=49))
def test_blocking_threshold_moves_the_verdict(evidence, threshold, total):
    ev = _arctic_evidence(evidence, [(YAMAL, 2014, total / 2, "A"), (YAMAL, 2016, total / 2, "B")])
    outcome = _judge(ev, blocking_share=threshold)
    assert outcome.verdict is (Verdict.SUPPORTED if total > threshold else Verdict.MIXED)


def test_on_the_real_data(evidence):
    result = claims.run("ARC-01", evidence)
    for outcome in (result.at_paper, result.latest):
        assert outcome.verdict in set(Verdict)
    equity = arctic.chinese_equity(evidence)
    for total in equity["chinese_total"]:
        assert text.pct(total) in result.latest.explanation
    assert result.latest.value == pytest.approx(equity["stake"].max())
    # as of the paper only the Yamal LNG stakes (bought before 2017) are in view
    assert list(arctic.chinese_equity(evidence.at_paper())["project"]) == ["Yamal LNG"]
    assert "Arctic LNG 2" not in result.at_paper.explanation


def test_stakes_of_two_buyers_in_one_year_are_summed(evidence):
    stakes = arctic.chinese_stakes(evidence)
    alng2 = stakes[stakes["series_id"] == ALNG2]
    assert len(alng2) == alng2["source_id"].nunique() >= 2
    equity = arctic.chinese_equity(evidence).set_index("project")
    assert equity.at["Arctic LNG 2", "chinese_total"] == pytest.approx(alng2["stake"].sum())


# -- the NSR source rule ----------------------------------------------------------------------


def _nsr_evidence(evidence, rows, series="nsr_cargo_mt"):
    return make_evidence(evidence, [(series, "RUS", "-", y, v, src) for y, v, src in rows], unit="million tonnes")


def test_nsr_rule_prefers_the_administration_then_rosatom_then_precision(evidence):
    ev = _nsr_evidence(
        evidence,
        [
            (2016, 6.5, "arc-portnews-2018-nsr-2016-2017"),  # NSR Administration
            (2016, 7.47, "arc-seanews-2022-nsr-2021"),  # Rosatom
            (2016, 7.5, "arc-forumarctica-rogozin-2017"),  # Deputy Prime Minister
            (2024, 38.0, "arc-sputnik-2024-nsr-2024"),  # Rosatom CEO, 'nearly 38'
            (2024, 37.9, "arc-rosatom-newsletter-2025-icebreakers"),
            (2022, 34.117, "arc-atomflot-2023-nsr-record"),  # a Rosatom subsidiary
            (2022, 34.034, "arc-rosatom-2023-nsr-2022"),
        ],
    )
    chosen = arctic.nsr_figures(ev).set_index("year")
    assert chosen.at[2016, "value"] == 6.5 and chosen.at[2016, "n_sources"] == 3
    assert (chosen.at[2016, "low"], chosen.at[2016, "high"]) == (6.5, 7.5)
    assert chosen.at[2024, "value"] == 37.9
    assert chosen.at[2022, "value"] == 34.034


def test_nsr_reader_can_choose_another_source_for_a_year(evidence):
    rosatom_2016 = arctic.nsr_figures(evidence, prefer={2016: "arc-seanews-2022-nsr-2021"}).set_index("year")
    default = arctic.nsr_figures(evidence).set_index("year")
    assert rosatom_2016.at[2016, "source_id"] == "arc-seanews-2022-nsr-2021"
    assert rosatom_2016.drop(index=2016).equals(default.drop(index=2016))
    with pytest.raises(KeyError, match="no figure for 2016 from source 'imf-dots'"):
        arctic.nsr_figures(evidence, prefer={2016: "imf-dots"})


def test_nsr_figures_give_one_row_per_year_of_the_real_series(evidence):
    obs = evidence.observations
    for series in ("nsr_cargo_mt", "nsr_transit_voyages", "nsr_transit_cargo_mt"):
        years = sorted(obs.loc[obs["series_id"] == series, "year"].unique())
        figures = arctic.nsr_figures(evidence, series)
        assert list(figures["year"]) == years
        assert (figures["low"] <= figures["value"]).all() and (figures["value"] <= figures["high"]).all()


def test_target_gap_compares_targets_with_chosen_outcomes(evidence):
    gap = arctic.target_gap(evidence)
    chosen = arctic.nsr_figures(evidence).set_index("year")
    for row in gap.itertuples():
        assert row.outcome == chosen.at[row.year, "value"]
        assert row.share == pytest.approx(100 * row.outcome / row.target)
