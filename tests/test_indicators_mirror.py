"""The mirror-trade reader: a reporter's trade read from its partner's reports."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import indicators
from helpers.data import load


@pytest.fixture(scope="module")
def evidence():
    return load()


def test_mirror_is_the_partner_side_relabelled(evidence):
    mirror = indicators.mirror_trade(evidence, "RUS", "CHN")
    partner_side = indicators.turnover(evidence, "CHN", "RUS")
    pd.testing.assert_frame_equal(mirror[partner_side.columns], partner_side)
    assert set(mirror["side"]) == {"mirror"}
    assert set(mirror["reporter"]) == {"RUS"} and set(mirror["partner"]) == {"CHN"}


def test_russia_china_mirror_reaches_2025_from_china_customs(evidence):
    mirror = indicators.mirror_trade(evidence, "RUS", "CHN")
    latest = mirror[mirror["year"] == 2025]
    assert len(latest) == 1
    assert latest["basis"].iloc[0] == "published turnover"
    assert latest["sources"].iloc[0] == ("trade-gac-via-moscowtimes-2026",)
    # the first fall since 2020: 2025 below 2024
    by_year = dict(zip(mirror["year"].astype(int), mirror["value"]))
    assert by_year[2025] < by_year[2024]


def test_mirror_of_unknown_pair_is_empty_not_filled(evidence):
    mirror = indicators.mirror_trade(evidence, "RUS", "FRA")
    assert mirror.empty
    assert list(mirror.columns) == ["year", "value", "basis", "sources", "reporter", "partner", "side"]


@pytest.mark.parametrize("country", ["JPN", "KOR", "IND"])
def test_wider_asia_has_dots_trade_with_russia_from_2000_on_both_sides(evidence, country):
    own = indicators.turnover(evidence, country, "RUS", include_published=False)
    mirror = indicators.mirror_trade(evidence, country, "RUS")
    assert own["year"].min() == 2000 and own["year"].max() >= 2020
    assert list(mirror["year"]) == list(range(2000, 2021))
    assert (own["basis"] == "exports + imports").all()
