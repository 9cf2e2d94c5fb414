"""Derived numbers: turnover, shares and the asymmetry ratio."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import flows, make_evidence
from helpers import indicators


def test_turnover_sums_exports_and_imports_and_falls_back_to_published_figures(evidence):
    ev = make_evidence(
        evidence,
        [
            ("merchandise_exports", "RUS", "CHN", 2019, 10.0, "imf-dots"),
            ("merchandise_imports", "RUS", "CHN", 2019, 5.0, "imf-dots"),
            ("merchandise_exports", "RUS", "CHN", 2020, 7.0, "imf-dots"),  # no imports: not summed
            ("merchandise_trade", "RUS", "CHN", 2021, 30.0, "fcs-via-pledgetimes-2024"),
            ("merchandise_trade", "RUS", "CHN", 2019, 99.0, "fcs-via-pledgetimes-2024"),  # DOTS sum wins
        ],
    )
    out = indicators.turnover(ev, "RUS", "CHN")
    assert list(out["year"]) == [2019, 2021]
    assert list(out["value"]) == [15.0, 30.0]
    assert list(out["basis"]) == ["exports + imports", "published turnover"]
    assert list(out["sources"]) == [("imf-dots",), ("fcs-via-pledgetimes-2024",)]


def test_share_uses_only_years_with_the_same_basis(evidence):
    ev = make_evidence(
        evidence,
        [
            *flows("KAZ", "CHN", 2019, 10.0),
            *flows("KAZ", "WLD", 2019, 50.0),
            ("merchandise_trade", "KAZ", "CHN", 2020, 25.0, "fcs-via-pledgetimes-2024"),
            *flows("KAZ", "WLD", 2020, 60.0, 40.0),
        ],
    )
    out = indicators.trade_share(ev, "KAZ", "CHN", basis="any")
    assert list(out["year"]) == [2019]  # 2020 mixes a published total with a DOTS sum: left out
    assert out["share"].iloc[0] == pytest.approx(20.0)


def test_a_share_table_has_the_same_columns_and_types_with_or_without_rows(evidence):
    ev = make_evidence(evidence, [*flows("KAZ", "CHN", 2019, 10.0), *flows("KAZ", "WLD", 2019, 50.0)])
    found = indicators.trade_share(ev, "KAZ", "CHN")
    none = indicators.trade_share(ev, "KAZ", "RUS")  # no bilateral figures at all
    assert none.empty and list(none.columns) == list(found.columns)
    assert none.dtypes.to_dict() == found.dtypes.to_dict()
    assert found.dtypes.to_dict() == {
        "year": "Int64",
        "partner_trade": "float64",
        "total_trade": "float64",
        "share": "float64",
        "basis": found["basis"].dtype,  # pandas' string type
        "sources": "object",
    }


def test_asymmetry_on_the_real_data_matches_its_inputs(evidence):
    asym = indicators.asymmetry(evidence, "RUS", "CHN")
    row = asym[asym["year"] == 2016].iloc[0]
    rus = indicators.trade_share(evidence, "RUS", "CHN").set_index("year").loc[2016]
    chn = indicators.trade_share(evidence, "CHN", "RUS").set_index("year").loc[2016]
    assert row["ratio"] == pytest.approx(rus["share"] / chn["share"])
    expected = evidence.value("merchandise_exports", "RUS", "CHN", 2016) + evidence.value(
        "merchandise_imports", "RUS", "CHN", 2016
    )
    assert rus["partner_trade"] == pytest.approx(expected)


amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@settings(derandomize=True, deadline=None)
@given(x=amounts, m=amounts, rest_x=amounts, rest_m=amounts)
def test_a_partner_share_is_between_0_and_100_when_the_total_includes_it(evidence, x, m, rest_x, rest_m):
    if x + m + rest_x + rest_m == 0:
        return
    ev = make_evidence(evidence, flows("UZB", "CHN", 2015, x, m) + flows("UZB", "WLD", 2015, x + rest_x, m + rest_m))
    share = indicators.trade_share(ev, "UZB", "CHN")["share"].iloc[0]
    assert 0 <= share <= 100 + 1e-9


def test_group_turnover_keeps_only_complete_years(evidence):
    ev = make_evidence(
        evidence,
        [
            (series, "RUS", member, year, 1.0, "imf-dots")
            for series in ("merchandise_exports", "merchandise_imports")
            for member in ("KAZ", "KGZ", "TJK", "TKM", "UZB")
            for year in (2015, 2016)
            if not (member == "TKM" and year == 2016)  # one member missing in 2016
        ],
    )
    out = indicators.group_turnover(ev, "RUS", "CA5")
    assert list(out["year"]) == [2015]
    assert out["value"].iloc[0] == pytest.approx(10.0) and out["n_members"].iloc[0] == 5


def test_intra_group_exports_counts_each_ordered_pair_once(evidence):
    codes = indicators.members(evidence, "EAEU")
    rows = [("merchandise_exports", a, b, 2019, 2.0, "imf-dots") for a in codes for b in codes if a != b]
    rows.append(("merchandise_imports", "RUS", "KAZ", 2019, 100.0, "imf-dots"))  # imports are not counted
    out = indicators.intra_group_exports(make_evidence(evidence, rows), "EAEU")
    assert out["value"].iloc[0] == pytest.approx(2.0 * len(codes) * (len(codes) - 1))


def test_members_of_an_unknown_group_is_a_clear_error(evidence):
    with pytest.raises(KeyError, match="'RUS' is not a group"):
        indicators.members(evidence, "RUS")


def test_conflicting_published_turnovers_must_be_chosen_between(evidence):
    from helpers.data import AmbiguousSourceError

    ev = make_evidence(
        evidence,
        [
            ("merchandise_trade", "KAZ", "RUS", 2023, 26000.0, "source-a"),
            ("merchandise_trade", "KAZ", "RUS", 2023, 28500.0, "source-b"),
        ],
    )
    with pytest.raises(
        AmbiguousSourceError, match=r"KAZ->RUS 2023: several published turnovers \(source-a: 26000, source-b: 28500\)"
    ):
        indicators.turnover(ev, "KAZ", "RUS")
    chosen = indicators.turnover(ev, "KAZ", "RUS", published_sources=["source-b", "source-a"])
    assert list(chosen["value"]) == [28500.0] and list(chosen["sources"]) == [("source-b",)]
    assert indicators.turnover(ev, "KAZ", "RUS", include_published=False).empty
    # the default share uses IMF years only, so the conflict does not stop it
    assert indicators.trade_share(ev, "KAZ", "RUS").empty
    with pytest.raises(ValueError, match="basis must be"):
        indicators.trade_share(ev, "KAZ", "RUS", basis="mirror")


# -- provenance: source ids as tuples, merged in one place ------------------------------------

SOURCE_IDS = st.lists(st.sampled_from(["imf-dots", "gac-pair", "fcs-world", "wb-wdi-gdp", "b", "a"]), max_size=6)


@pytest.mark.parametrize(
    ("parts", "merged"),
    [
        ((), ()),
        (("imf-dots",), ("imf-dots",)),
        (("imf-dots", "imf-dots"), ("imf-dots",)),
        ((("b", "a"), "c"), ("a", "b", "c")),
        ((("a",), None, pd.NA, float("nan"), ""), ("a",)),
        ((pd.Series([("b",), ("a", "b")]), ["c"]), ("a", "b", "c")),
    ],
)
def test_merge_sources_takes_ids_tuples_series_and_missing_values(parts, merged):
    assert indicators.merge_sources(*parts) == merged


@pytest.mark.parametrize("joined", ["a+b", "a; b", ("ok", "a+b")])
def test_merge_sources_refuses_ids_joined_in_a_string(joined):
    with pytest.raises(ValueError, match="joined in a string"):
        indicators.merge_sources(joined)


def test_merge_sources_refuses_a_number():
    with pytest.raises(TypeError, match="must be a string, got int"):
        indicators.merge_sources(("a", 3))


@settings(max_examples=60, deadline=None)
@given(SOURCE_IDS, SOURCE_IDS)
def test_merge_sources_is_order_insensitive_idempotent_and_unique(first, second):
    merged = indicators.merge_sources(first, second)
    assert merged == indicators.merge_sources(second, first) == indicators.merge_sources(*reversed(first + second))
    assert indicators.merge_sources(merged, merged) == merged == indicators.merge_sources(merged)
    assert list(merged) == sorted(set(first) | set(second))


def test_sources_text_is_the_one_edge_to_text():
    assert indicators.sources_text(("b", "a", "b")) == "a; b"
    assert indicators.sources_text("imf-dots", sep=" + ") == "imf-dots"
    assert indicators.sources_text(()) == ""


def test_only_from_marks_rows_resting_on_one_source_alone():
    sources = pd.Series([("imf-dots",), ("gac-pair", "imf-dots"), ("gac-pair",)], index=[3, 4, 5])
    assert list(indicators.only_from(sources, "imf-dots")) == [True, False, False]
    assert list(indicators.only_from(sources, "imf-dots").index) == [3, 4, 5]


def test_turnover_and_shares_carry_sources_as_sorted_tuples(evidence):
    ev = make_evidence(
        evidence,
        [
            ("merchandise_exports", "RUS", "CHN", 2019, 10.0, "src-x"),
            ("merchandise_imports", "RUS", "CHN", 2019, 5.0),
            *flows("RUS", "WLD", 2019, 100.0, 50.0),
        ],
    )
    assert list(indicators.turnover(ev, "RUS", "CHN")["sources"]) == [("imf-dots", "src-x")]
    share = indicators.trade_share(ev, "RUS", "CHN")
    assert share["share"].tolist() == [10.0] and list(share["sources"]) == [("imf-dots", "src-x")]


@pytest.mark.parametrize(
    ("texts", "ids"),
    [("a; b", ("a", "b")), (["b; a", "c", None], ("a", "b", "c")), ("", ()), ([], ())],
)
def test_sources_from_text_reads_back_what_sources_text_wrote(texts, ids):
    assert indicators.sources_from_text(texts) == ids
    assert indicators.sources_from_text(indicators.sources_text(ids)) == ids
