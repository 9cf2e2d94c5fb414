"""Consistency of the real data beyond what the Table Schema can express."""

from __future__ import annotations

import re

import pandas as pd
import pycountry
import pytest

from helpers import claims, data, datapackage, paper
from helpers.data import Evidence

#: The themes a claim may have, from the schema's enum (one notebook each).
THEMES = next(f for f in datapackage.resource("claims")["schema"]["fields"] if f["name"] == "theme")["constraints"][
    "enum"
]


def codes(cell) -> list[str]:
    """A space-separated list of entity codes; an empty cell is no codes."""
    return [] if pd.isna(cell) else str(cell).split()


# --- entities ------------------------------------------------------------------------


def test_countries_are_iso_alpha3_codes(evidence):
    countries = evidence.entities[evidence.entities["kind"] == "country"]
    assert len(countries) >= 20
    for code, name in zip(countries["code"], countries["name"]):
        assert re.fullmatch(r"[A-Z]{3}", code), code
        known = pycountry.countries.get(alpha_3=code)
        assert known is not None, f"{code} ({name}) is not an ISO 3166-1 alpha-3 code"
        assert pd.isna(evidence.entities.set_index("code").loc[code, "members"]), f"country {code} has members"


def test_group_members_are_countries(evidence):
    entities = evidence.entities.set_index("code")
    countries = set(entities.index[entities["kind"] == "country"])
    groups = entities[entities["kind"] == "group"]
    assert {"ASEAN", "CA5", "EAEU"} <= set(groups.index)
    for code, members in groups["members"].items():
        listed = codes(members)
        assert len(listed) == len(set(listed)), f"group {code} lists a member twice"
        assert set(listed) <= countries, f"group {code}: members {sorted(set(listed) - countries)} are not countries"
    # Only the world total may leave its members implicit (all economies).
    memberless = {code for code, members in groups["members"].items() if not codes(members)}
    assert memberless <= {"WLD"}, memberless
    assert len(codes(groups.loc["ASEAN", "members"])) == 10
    assert len(codes(groups.loc["CA5", "members"])) == 5


def test_group_codes_are_not_country_codes(evidence):
    groups = evidence.entities[evidence.entities["kind"] != "country"]
    for code in groups["code"]:
        assert pycountry.countries.get(alpha_3=code) is None, f"group code {code} is also a country's code"


def test_claim_and_event_codes_exist(evidence):
    known = set(evidence.entities["code"])
    for claim_id, cell in zip(evidence.claims["claim_id"], evidence.claims["countries"]):
        assert codes(cell), claim_id
        assert set(codes(cell)) <= known, f"{claim_id}: unknown codes {sorted(set(codes(cell)) - known)}"
    for event_id, cell in zip(evidence.events["event_id"], evidence.events["parties"]):
        assert len(codes(cell)) >= 1, f"{event_id}: an event needs at least one party"
        assert set(codes(cell)) <= known, f"{event_id}: unknown codes {sorted(set(codes(cell)) - known)}"


# --- claims --------------------------------------------------------------------------


def test_enough_claims_and_every_theme_covered(evidence):
    assert len(evidence.claims) >= 15
    assert evidence.claims["claim_id"].is_unique
    assert len(THEMES) == 8
    missing = set(THEMES) - set(evidence.claims["theme"])
    assert not missing, f"themes without a claim: {sorted(missing)}"


def test_claim_ids_carry_their_theme_prefix(evidence):
    prefixes = {}
    for claim_id, theme in zip(evidence.claims["claim_id"], evidence.claims["theme"]):
        prefixes.setdefault(theme, set()).add(claim_id.split("-")[0])
    assert all(len(found) == 1 for found in prefixes.values()), prefixes
    assert len({p for found in prefixes.values() for p in found}) == len(prefixes)  # one prefix per theme


def test_quotes_are_short_and_from_the_paper(evidence):
    for claim_id, quote in zip(evidence.claims["claim_id"], evidence.claims["quote"]):
        words = quote.split()
        assert 1 <= len(words) <= 20, f"{claim_id}: quote has {len(words)} words"
    assert set(evidence.claims["source_id"]) == {paper.SOURCE_ID}
    assert evidence.source(paper.SOURCE_ID)["published"] == paper.DATE.isoformat()


def test_claim_years_are_a_forward_period(evidence):
    for claim_id, years in zip(evidence.claims["claim_id"], evidence.claims["years"]):
        start, end = map(int, years.split("-"))
        assert 1990 <= start < end <= 2030, f"{claim_id}: {years}"


# --- sources and series --------------------------------------------------------------


def test_every_source_is_used_and_every_used_source_exists(evidence):
    sources = set(evidence.sources["source_id"])
    used = {
        "observations": set(evidence.observations["source_id"]),
        "events": set(evidence.events["source_id"]),
        "claims": set(evidence.claims["source_id"]),
    }
    unused = sources - set().union(*used.values())
    assert not unused, f"sources used by no observation, event or claim: {sorted(unused)}"
    for table, ids in used.items():
        assert ids <= sources, f"{table} cite unknown sources {sorted(ids - sources)}"


def test_observations_respect_series_bounds(evidence):
    bounded = 0
    for meta in evidence.series_meta.itertuples(index=False):
        values = evidence.observations.loc[evidence.observations["series_id"] == meta.series_id, "value"]
        assert len(values) > 0, f"series {meta.series_id} has no observation"
        if pd.notna(meta.minimum):
            assert (values >= meta.minimum).all(), f"{meta.series_id}: value below {meta.minimum}: {values.min()}"
            bounded += 1
        if pd.notna(meta.maximum):
            assert (values <= meta.maximum).all(), f"{meta.series_id}: value above {meta.maximum}: {values.max()}"
            bounded += 1
    assert bounded >= 4  # the trade and GDP series are bounded below by 0


# --- the series the claim tests read ---------------------------------------------------


@pytest.fixture(scope="module")
def series_read_by_claim_tests():
    """``{claim_id: {series ids}}`` read by each registered, testable claim test.

    Found by running each test on the latest data and on the paper's view with
    ``Evidence.series`` wrapped to record the series asked for. A freshly loaded Evidence is
    used: one that other tests have used remembers derived tables (turnovers, for example),
    so a claim test run on it could get its figures without asking for the series again.
    """
    evidence = data.load()
    read: dict[str, set[str]] = {}
    original = Evidence.series
    current: set[str] = set()

    def spy(self, series_id, **kwargs):
        current.add(series_id)
        return original(self, series_id, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Evidence, "series", spy)
        for claim_id, test in claims.registered().items():
            if not test.testable:
                continue
            current = read.setdefault(claim_id, set())
            claims.judge(claim_id, evidence)
            claims.judge(claim_id, evidence.at_paper())
    return read


def test_claim_tests_read_the_merchandise_series(evidence, series_read_by_claim_tests):
    assert series_read_by_claim_tests, "no registered claim test reads any data"
    every = set().union(*series_read_by_claim_tests.values())
    assert {"merchandise_exports", "merchandise_imports"} <= every
    assert every <= set(evidence.series_meta["series_id"])


def test_claim_test_series_cover_both_sides_of_2017(evidence, series_read_by_claim_tests):
    years = evidence.observations.groupby("series_id")["year"]
    first, last = years.min(), years.max()
    for claim_id, used in series_read_by_claim_tests.items():
        judged_later_only = claims.run(claim_id, evidence).at_paper.verdict is claims.Verdict.NOT_TESTABLE
        if used and not judged_later_only:  # some read only events (OVR-03); OVR-04/06 concern later years
            assert min(first[s] for s in used) < paper.YEAR, f"{claim_id}: no data before {paper.YEAR}"
    # (that each test also sees data after the paper is checked on its outcome, in
    # test_testable_claims_get_a_verdict_with_the_latest_data: some read events or rows directly)
    # The flows themselves cover both sides; the published turnover (merchandise_trade) only
    # fills 2021-2024, after the flows end (see series.csv notes).
    for series_id in ("merchandise_exports", "merchandise_imports"):
        assert first[series_id] < paper.YEAR < last[series_id], series_id
    assert last["merchandise_trade"] > paper.YEAR


def test_testable_claims_get_a_verdict_with_the_latest_data(evidence):
    """Every testable claim is judged on data after the paper; as of the paper it is judged on
    data the author could have seen, or (a prediction, a target not yet due) says why it cannot be."""
    testable = [cid for cid, test in claims.registered().items() if test.testable]
    assert len(testable) >= 10
    for claim_id in testable:
        result = claims.run(claim_id, evidence)
        assert result.latest.verdict is not claims.Verdict.NOT_TESTABLE, (claim_id, result.latest)
        assert result.latest.year is not None and result.latest.year > paper.YEAR, (claim_id, result.latest)
        if result.at_paper.verdict is claims.Verdict.NOT_TESTABLE:
            assert result.at_paper.explanation, claim_id
        else:
            assert result.at_paper.year is not None, claim_id
            assert result.at_paper.year <= paper.YEAR, (claim_id, result.at_paper)


def test_registered_claims_exist(evidence):
    unknown = set(claims.registered()) - set(evidence.claims["claim_id"])
    assert not unknown, f"tests registered for claims not in claims.csv: {sorted(unknown)}"
