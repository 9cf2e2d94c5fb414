"""Claim tests: the overview (the paper's general claims, abstract sentences 1-4 and 8, key point 1)."""

from __future__ import annotations

import statistics

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .registry import Assessment, Verdict, claim_test, not_testable

#: Statuses that count as a project or agreement carried out, and as one that failed.
REALISED = ("in force", "implemented")
FAILED = ("stalled", "suspended", "cancelled")
#: OVR-03: below this share of Russian projects realised the claim is supported, above
#: ``REALISED_HIGH`` contradicted.
REALISED_LOW, REALISED_HIGH = 0.4, 0.6
#: Parties that make a project one "Russia takes part in": Russia itself or the union it leads.
RUSSIAN_SIDE = ("RUS", "EAEU")
#: OVR-04: an outcome within this fraction below its target counts as meeting it.
TARGET_TOLERANCE = 0.05
#: OVR-06: the Asian partners whose trade shares are followed (China, the ten ASEAN members,
#: the five Central Asian states), the base years before the paper and the averaging window.
BASE_YEARS = (2014, 2016)
WINDOW = 3
#: A partner counts only if its data reach at least this year (two years after the base).
FIRST_LATEST_YEAR = 2018


def russian_projects(evidence: Evidence) -> pd.DataFrame:
    """Projects with Russia (or the EAEU) among the parties of any of their events, with status."""
    events = evidence.events
    russian = events[events["parties"].str.split().map(lambda codes: bool(set(codes) & set(RUSSIAN_SIDE)))]
    status = evidence.project_status()
    return status[status["project"].isin(set(russian["project"]))].reset_index(drop=True)


@claim_test("OVR-03", metric="share of Russia's projects and agreements in the data that are in force or implemented",
            unit="share of projects")
def failing_to_participate(evidence: Evidence) -> Assessment:
    """Supported if fewer than 40% of the projects with a Russian party are in force or
    implemented; contradicted if more than 60% are; mixed in between.

    The events in ``data/events.csv`` are a curated list, not a census of every agreement,
    so the verdict is about the projects the collection documents.
    """
    projects = russian_projects(evidence)
    if len(projects) < 5:
        return Assessment.no_data("Fewer than five projects with a Russian party are documented in this view.")
    realised = projects["status"].isin(REALISED)
    failed = projects["status"].isin(FAILED)
    share = float(realised.mean())
    if share < REALISED_LOW:
        verdict = Verdict.SUPPORTED
    elif share > REALISED_HIGH:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    pending = len(projects) - int(realised.sum()) - int(failed.sum())
    last_year = int(str(projects["date"].max())[:4])  # the latest event the view holds
    explanation = (
        f"Of {len(projects)} documented projects and agreements with Russia or the EAEU as a party, "
        f"{int(realised.sum())} ({text.pct(100 * share, digits=0)}) were in force or implemented, "
        f"{int(failed.sum())} stalled, suspended or cancelled and {pending} only announced or signed."
    )
    return Assessment(verdict, share, last_year, explanation)


def target_outcomes(evidence: Evidence) -> pd.DataFrame:
    """Official Northern Sea Route cargo targets next to the outcome for the same year.

    Where sources give different outcomes for a year, the Arctic notebook's source rule
    chooses one (:func:`helpers.claims.arctic.nsr_figures`), so both notebooks read the same
    figure. Columns: year, target, outcome, n_sources, met.
    """
    from .arctic import target_gap

    table = target_gap(evidence)
    if table.empty:
        return pd.DataFrame(columns=["year", "target", "outcome", "met"])
    table = table[["year", "target", "outcome"]].copy()
    table["met"] = table["outcome"] >= table["target"] * (1 - TARGET_TOLERANCE)
    return table.reset_index(drop=True)


@claim_test("OVR-04", metric="share of official targets with a known outcome that were met",
            unit="share of targets")
def rhetoric_versus_record(evidence: Evidence) -> Assessment:
    """Supported if fewer than half of the dated official targets were met; contradicted if all
    were; mixed otherwise. The targets in the data are Northern Sea Route cargo targets (a
    narrow base: say so when reading the verdict)."""
    table = target_outcomes(evidence)
    if table.empty:
        return Assessment.no_data("No official target in the data had reached its target year in this view.")
    met = int(table["met"].sum())
    share = met / len(table)
    if share < 0.5:
        verdict = Verdict.SUPPORTED
    elif share == 1:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    parts = [f"{int(r.year)}: {text.number(r.outcome, digits=1)} Mt against {text.number(r.target, digits=0)} Mt"
             for r in table.itertuples()]
    explanation = (f"{met} of {len(table)} Northern Sea Route cargo targets were met "
                   f"({'; '.join(parts)}).")
    return Assessment(verdict, share, int(table["year"].max()), explanation)


def asian_partners(evidence: Evidence) -> list[str]:
    """China, the ten ASEAN members and the five Central Asian states (sorted)."""
    return sorted({"CHN", *indicators.members(evidence, "ASEAN"), *indicators.members(evidence, "CA5")})


def russia_share_change(evidence: Evidence) -> pd.DataFrame:
    """Russia's share of each Asian partner's trade: base years' average and latest average.

    Shares are the partner's own reports (exports plus imports: IMF DOTS, and official
    splits where published); for China, China's customs turnover for 2021-2024 too. Partners
    whose data end before ``FIRST_LATEST_YEAR`` are left out. Columns: partner, base,
    latest, latest_year, change (pp).
    """
    rows = []
    for partner in asian_partners(evidence):
        basis = "any" if partner == "CHN" else "dots"
        shares = indicators.trade_share(evidence, partner, "RUS", basis=basis)
        base = shares[shares["year"].between(*BASE_YEARS)]
        if base.empty or shares["year"].max() < FIRST_LATEST_YEAR:
            continue
        latest = shares.tail(WINDOW)
        rows.append({"partner": partner, "base": float(base["share"].mean()), "latest": float(latest["share"].mean()),
                     "latest_year": int(latest["year"].max())})
    out = pd.DataFrame(rows, columns=["partner", "base", "latest", "latest_year"])
    out["change"] = out["latest"] - out["base"]
    return out


@claim_test("OVR-06", metric="median change in Russia's share of its Asian partners' trade since 2014-2016",
            unit="percentage points")
def marginalised(evidence: Evidence) -> Assessment:
    """A prediction made in 2017, so it can only be judged on later data. Supported if
    Russia's share of trade fell for at least two thirds of its Asian partners; contradicted if
    it rose for at least two thirds; mixed otherwise."""
    changes = russia_share_change(evidence)
    if changes.empty:
        return Assessment.no_data("A prediction made in 2017 can only be judged with data for later years.")
    fell = int((changes["change"] < 0).sum())
    rose = int((changes["change"] > 0).sum())
    n = len(changes)
    median = float(statistics.median(changes["change"]))
    if fell >= 2 * n / 3:
        verdict = Verdict.SUPPORTED
    elif rose >= 2 * n / 3:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    china = changes[changes["partner"] == "CHN"]
    china_part = ""
    if not china.empty:
        row = china.iloc[0]
        china_part = (f" In China's trade it went from {text.pct(row['base'])} to {text.pct(row['latest'])} "
                      f"(to {row['latest_year']}).")
    explanation = (f"Russia's share of trade fell for {fell} and rose for {rose} of {n} Asian partners between "
                   f"{text.year_span(*BASE_YEARS)} and their latest {WINDOW} years (median change "
                   f"{text.pp(median)}).{china_part}")
    return Assessment(verdict, median, int(changes["latest_year"].max()), explanation)


not_testable(
    "OVR-01",
    reason="The claim is about what Russian officials and writers say, which is discourse, not a series.",
    would_settle="a coded sample of official and expert statements on the pivot (Kremlin and Foreign Ministry "
                 "transcripts, Valdai reports), counting how many call it a success, year by year.",
    module=__name__,
)

not_testable(
    "OVR-02",
    reason="The claim is the paper's yardstick (multilateral projects as the 'acid test'): a choice of method, "
           "which can be argued but not measured.",
    would_settle="comparing the verdicts the multilateral yardstick gives with those of bilateral yardsticks "
                 "(arms, energy, diplomacy), claim by claim, across this collection.",
    module=__name__,
)

not_testable(
    "OVR-05",
    reason="The dataset holds GDP for Russia, China and the Central Asian and EAEU states only, not for Asia "
           "as a region or the world, so Asia's weight in world growth cannot be computed from it.",
    would_settle="World Bank WDI or IMF World Economic Outlook GDP growth for regional aggregates (East Asia and "
                 "Pacific, South Asia) against the world and other regions, 2000 to the latest year.",
    module=__name__,
)

not_testable(
    "OVR-07",
    reason="The sentence states the paper's scope (opportunities and obstacles of an economic pivot) rather "
           "than a finding.",
    would_settle="nothing: it frames the other claims, which are tested one by one.",
    module=__name__,
)
