"""What data each claim test needs: the series it reads, before the paper and after it.

A claim test given a series with no rows does not always fail loudly: it may stop with a pandas
``IndexError`` deep in a notebook, or worse, return "not testable" and quietly change the
overview. So each test's needs are declared here, and checked against the data by ``make
validate`` (through :mod:`helpers.cli.validate`), before the scorecard is drawn
(:func:`helpers.claims.scorecard`) and when a claim test fails (:func:`helpers.claims.run`),
with one line naming the claim, the series and the rule.

``before``: the series has a figure up to the paper's last full year (2016), which the verdict
*as of the paper* reads. ``after``: it has a figure for a later year, which the *latest*
verdict reads. The needs were found by taking each series (and each country pair a test reads)
out of the data in turn and keeping those whose absence changes the test's verdict or value;
``tests/test_coverage.py`` checks that the real data meet them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from .. import paper
from ..data import Evidence, MissingSeriesError
from ..datapackage import Problem

#: The five Central Asian states, and Russia's Asian partners read by OVR-06.
_CA5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
_ASIA = ("IDN", "IND", "JPN", "KHM", "KOR", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TJK", "TKM", "UZB", "VNM")
_FLOWS = ("merchandise_exports", "merchandise_imports")


@dataclass(frozen=True)
class Need:
    """A claim test reads ``series`` for every entity in ``entities`` with every counterpart in
    ``counterparts`` (``()``: any), and needs a figure before the paper and/or after it."""

    claim_id: str
    series: tuple[str, ...]
    entities: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()
    before: bool = True
    after: bool = True

    def keys(self) -> list[tuple[str, str | None, str | None]]:
        return list(product(self.series, self.entities or (None,), self.counterparts or (None,)))


NEEDS: tuple[Need, ...] = (
    Need("ARC-01", ("yamal_lng_chinese_equity",), after=False),  # stakes bought 2014-2016
    Need("ARC-01", ("arctic_lng2_chinese_equity",), before=False),  # first stake 2019
    Need("ASEAN-02", _FLOWS),
    Need("CAS-01", _FLOWS, _CA5, ("CHN", "RUS", "WLD")),
    Need("CAS-01", ("merchandise_trade",), ("UZB",), ("CHN", "RUS"), before=False),
    Need("CAUSE-04", ("gdp_growth",), ("RUS",)),
    Need("CAUSE-04", ("gdp_growth",), ("KAZ",), after=False),
    Need("DPRK-01", _FLOWS, ("CHN", "RUS"), ("PRK",)),
    Need("EAEU-02", _FLOWS, ("RUS",)),
    Need("EAEU-03", ("gdp_growth",)),
    Need("EAEU-03", _FLOWS, ("ARM", "BLR", "KAZ", "KGZ")),
    Need("OVR-04", ("nsr_cargo_mt",), before=False),
    Need("OVR-04", ("nsr_cargo_target_mt",), ("RUS",), ("-",), before=False),
    Need("OVR-06", _FLOWS, _ASIA, ("RUS", "WLD"), before=False),
    Need("OVR-06", _FLOWS + ("merchandise_trade",), ("CHN",), ("WLD",), before=False),
    Need("RCH-02", ("fuel_share_of_exports_to_partner",), ("RUS",), ("CHN",)),
    Need("RCH-03", _FLOWS, ("CHN",), ("RUS", "WLD")),
    Need("RCH-03", _FLOWS, ("RUS",), ("CHN", "WLD")),
)

RULE = "series-coverage"


def problems(
    evidence: Evidence, claim_ids: list[str] | None = None, file: str = "data/observations.csv"
) -> list[Problem]:
    """Every need of the claims (all, or ``claim_ids``) that the data do not meet: one line each."""
    last = paper.last_full_year_known(paper.DATE)
    years = evidence.remember(
        "coverage",
        None,
        lambda: evidence.observations.groupby(["series_id", "entity", "counterpart"], sort=False)["year"].agg(
            ["min", "max"]
        ),
    )
    found = []
    for need in NEEDS:
        if claim_ids is not None and need.claim_id not in claim_ids:
            continue
        for series, entity, counterpart in need.keys():
            rows = years
            for level, wanted in (("series_id", series), ("entity", entity), ("counterpart", counterpart)):
                if wanted is not None:
                    rows = rows[rows.index.get_level_values(level) == wanted]
            missing = [
                when
                for when, needed, ok in (
                    (f"up to {last}", need.before, not rows.empty and rows["min"].min() <= last),
                    (f"after {last}", need.after, not rows.empty and rows["max"].max() > last),
                )
                if needed and not ok
            ]
            if missing:
                pair = f" {entity or '*'}->{counterpart or '*'}" if entity or counterpart else ""
                lacks = (
                    "no figures at all"
                    if rows.empty
                    else f"no figure {' or '.join(missing)} (only {rows['min'].min()}-{rows['max'].max()})"
                )
                found.append(
                    Problem(
                        file,
                        None,
                        "series_id",
                        RULE,
                        f"claim {need.claim_id} reads '{series}'{pair}, which has {lacks}: restore its rows "
                        "(git diff data/observations.csv shows what changed)",
                    )
                )
    return found


def require(claim_id: str, evidence: Evidence) -> None:
    """Raise :class:`~helpers.data.MissingSeriesError` (one line) if the data lack what ``claim_id`` reads."""
    require_all(evidence, [claim_id])


def require_all(evidence: Evidence, claim_ids: list[str] | None = None) -> None:
    """:func:`require` for every claim (or ``claim_ids``): the first problem, and how many more."""
    found = problems(evidence, claim_ids)
    if found:
        raise MissingSeriesError(
            str(found[0]) + (f" (and {len(found) - 1} more: make validate lists them)" if len(found) > 1 else "")
        )
