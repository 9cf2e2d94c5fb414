"""Claim tests: the overview (the paper's general claims, abstract sentences 1-4 and 8, key point 1)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .arctic_route import target_gap
from .overview_projects import ALL_KINDS, FAILED, REALISED, RUSSIAN_SIDE, russian_projects
from .overview_projects import STATEMENT_KINDS as STATEMENT_KINDS
from .overview_projects import project_kinds as project_kinds
from .registry import Assessment, Verdict, claim_test, not_testable

# -- OVR-03: projects realised --------------------------------------------------------------


@dataclass(frozen=True)
class ProjectsRule:
    """The OVR-03 rule: which documented projects count, and the share realised that decides."""

    #: Kinds of a project's first event that make it something that can be carried out. Summits
    #: and declarations are statements with no later stage in the data: counting them as "not
    #: realised" would make the claim true by construction (the ASEAN notebook leaves them out
    #: for the same reason, so both notebooks count the same things).
    counted_kinds: tuple[str, ...] = ("agreement", "project", "treaty")
    #: Parties that make a project one "Russia takes part in": Russia itself or the union it leads.
    russian_side: tuple[str, ...] = RUSSIAN_SIDE
    #: Below the first share realised the claim is supported, above the second contradicted: a
    #: band symmetric around one half, so neither verdict is easier to reach than the other.
    band: tuple[float, float] = (0.4, 0.6)
    #: Projects only announced or signed count as not (yet) realised: the claim is that Russia's
    #: projects "are not being realised", and an agreement whose entry into force is not in the
    #: data is, for the data, only signed.
    pending: str = "not realised"
    #: Fewer counted projects than this and the view cannot judge the claim.
    min_projects: int = 5


@claim_test(
    "OVR-03",
    metric="share of Russia's agreements and projects in the data that are in force or implemented",
    unit="share of projects",
    rule=ProjectsRule,
    alternatives={
        "counted_kinds": {
            (
                "agreement",
                "membership",
                "project",
                "treaty",
            ): "Accessions to the union Russia leads are agreements carried out too.",
            ALL_KINDS: "Every documented event, statements included: the rule as first published.",
        },
        "band": {
            (0.3, 0.7): "A wider middle: only a clear majority either way decides.",
            (0.5, 0.5): "A bare majority decides; no middle verdict.",
        },
        "pending": {
            "left out": "Judge only projects whose fate is known (realised or failed): a recent "
            "signature is not yet a failure."
        },
    },
)
def failing_to_participate(evidence: Evidence, rule: ProjectsRule) -> Assessment:
    """Supported if fewer than ``band[0]`` of the counted projects with a Russian party are in
    force or implemented; contradicted if more than ``band[1]`` are; mixed in between.

    A project counts if its first event's kind is in ``counted_kinds`` (agreements, treaties
    and projects by default); declarations and summits are reported apart. Its status is the
    one set by its latest event in the view, so an agreement counts as in force only once its
    entry into force is in the data. The events in ``data/events.csv`` are a curated list, not
    a census, so the verdict is about the projects the collection documents.
    """
    projects = russian_projects(evidence, rule.russian_side)
    left_out = projects.loc[~projects["kind"].isin(rule.counted_kinds), "kind"].value_counts().sort_index()
    counted = projects[projects["kind"].isin(rule.counted_kinds)]
    realised = counted["status"].isin(REALISED)
    failed = counted["status"].isin(FAILED)
    judged = counted if rule.pending == "not realised" else counted[realised | failed]
    if len(judged) < rule.min_projects:
        return Assessment.no_data(
            f"Fewer than {rule.min_projects} projects with a Russian party can be judged in this view."
        )
    n_realised, n_failed = int(realised.sum()), int(failed.sum())
    share = n_realised / len(judged)
    low, high = rule.band
    verdict = Verdict.SUPPORTED if share < low else Verdict.CONTRADICTED if share > high else Verdict.MIXED
    pending = len(counted) - n_realised - n_failed
    pending_words = (
        f"{pending} only announced or signed"
        if rule.pending == "not realised"
        else f"{pending} only announced or signed were left out as not yet decided"
    )
    last_year = int(str(projects["date"].max())[:4])  # the latest event the view holds
    explanation = (
        f"Of {len(counted)} documented agreements and projects with "
        f"{' or '.join(evidence.entity_name(code) for code in rule.russian_side)} as a party, "
        f"{n_realised} ({text.pct(100 * share, digits=0)} of those judged) were in force or implemented, "
        f"{n_failed} stalled, suspended or cancelled and {pending_words}."
    )
    if len(left_out):
        explanation += (
            " Not counted (statements and other kinds, reported apart): "
            f"{text.join_words([f'{n} {kind}' + ('s' if n > 1 else '') for kind, n in left_out.items()])}."
        )
    return Assessment(verdict, share, last_year, explanation)


# -- OVR-04: official targets -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetsRule:
    """The OVR-04 rule: which official targets count, when one is met, and the shares that decide."""

    #: Families of dated official targets (see :data:`TARGET_FAMILIES`): Northern Sea Route
    #: cargo, and Russia-China trade turnover, the two kinds of dated target the data can hold.
    #: A family whose target series is not in the data is left out and named in the explanation.
    families: tuple[str, ...] = ("nsr_cargo", "russia_china_trade")
    #: An outcome within this fraction below its target counts as meeting it (a rounding margin:
    #: a target of 32 Mt met with 31 Mt is not "the reverse" of the rhetoric).
    tolerance: float = 0.05
    #: Fewer targets met than this share supports the claim (most targets missed).
    supported_below: float = 0.5
    #: At least this share met contradicts it ("exactly the opposite" of success needs most
    #: targets missed; only a clean record shows the rhetoric was right).
    contradicted_from: float = 1.0
    #: Fewer dated targets with an outcome than this is no record to judge: a share of one or two
    #: targets says nothing of "most" (three is the smallest number a majority can be read from).
    min_targets: int = 3


#: For each family: the target series, its unit in US$ million or Mt per unit, and a label.
TARGET_FAMILIES = {
    "nsr_cargo": ("nsr_cargo_target_mt", "Northern Sea Route cargo", "Mt"),
    "russia_china_trade": ("trade_target_usd_bn", "Russia-China trade", "US$ bn"),
}


def _russia_china_outcomes(evidence: Evidence, targets: pd.DataFrame) -> pd.DataFrame:
    """China's customs turnover with Russia (US$ bn) for each target year the data hold."""
    trade = indicators.turnover(evidence, "CHN", "RUS", include_published=True)
    by_year = {int(y): float(v) / 1000 for y, v in zip(trade["year"], trade["value"])}
    out = targets.assign(outcome=targets["year"].map(lambda y: by_year.get(int(y))))
    return out.dropna(subset=["outcome"])


def target_outcomes(evidence: Evidence, rule: TargetsRule | None = None) -> pd.DataFrame:
    """Every dated official target of the rule's families next to the outcome for its year.

    Northern Sea Route outcomes use the Arctic notebook's source rule
    (:func:`helpers.claims.arctic_route.target_gap`), so both notebooks read the same figure;
    Russia-China trade outcomes are China's customs turnover with Russia. Only targets whose
    year has an outcome. Columns: family, year, target, outcome, unit, met.
    """
    rule = TargetsRule() if rule is None else rule
    columns = ["family", "year", "target", "outcome", "unit", "met"]
    frames = []
    for family in rule.families:
        series_id, label, unit = TARGET_FAMILIES[family]
        if family == "nsr_cargo":
            table = target_gap(evidence)[["year", "target", "outcome"]]
        else:
            obs = evidence.observations
            targets = obs[(obs["series_id"] == series_id) & (obs["entity"] == "RUS") & (obs["counterpart"] == "CHN")]
            table = _russia_china_outcomes(evidence, targets.rename(columns={"value": "target"})[["year", "target"]])
        if not table.empty:
            frames.append(table.assign(family=label, unit=unit))
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["met"] = out["outcome"] >= out["target"] * (1 - rule.tolerance)
    return out[columns].sort_values(["year", "family"]).reset_index(drop=True)


@claim_test(
    "OVR-04",
    metric="share of dated official targets with a known outcome that were met",
    unit="share of targets",
    rule=TargetsRule,
    alternatives={
        "tolerance": {
            0.0: "Met means met: no margin below the target.",
            0.1: "'Met or nearly met', as the claim's operationalisation reads.",
        },
        "contradicted_from": {
            0.6: "'Most targets met' (three in five) already shows the record is not the reverse of the rhetoric."
        },
        "families": {("nsr_cargo",): "Only the Arctic route's targets, the base the test first had."},
        "min_targets": {1: "Any target with an outcome is a record, as the rule first read."},
    },
)
def rhetoric_versus_record(evidence: Evidence, rule: TargetsRule) -> Assessment:
    """Supported if fewer than ``supported_below`` of the dated official targets were met;
    contradicted if at least ``contradicted_from`` were; mixed otherwise. The targets are
    Northern Sea Route cargo targets and, where the data hold them, Russia-China trade
    targets (a narrow base: say so when reading the verdict)."""
    table = target_outcomes(evidence, rule)
    missing = [TARGET_FAMILIES[f][1] for f in rule.families if TARGET_FAMILIES[f][1] not in set(table["family"])]
    if len(table) < rule.min_targets:
        return Assessment.no_data(
            f"Only {len(table)} official target{'s' if len(table) != 1 else ''} in the data had reached its target year "
            f"in this view (the rule needs at least {rule.min_targets} to read a record)."
        )
    met = int(table["met"].sum())
    share = met / len(table)
    if share < rule.supported_below:
        verdict = Verdict.SUPPORTED
    elif share >= rule.contradicted_from:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    parts = [
        f"{r.family} {int(r.year)}: {text.number(r.outcome, digits=1)} against "
        f"{text.number(r.target, digits=0)} {r.unit}"
        for r in table.itertuples()
    ]
    absent = f" No {text.join_words(missing)} target has an outcome in this view." if missing else ""
    explanation = f"{met} of {len(table)} dated official targets were met ({'; '.join(parts)}).{absent}"
    return Assessment(verdict, share, int(table["year"].max()), explanation)


# -- OVR-06: Russia's place in Asian partners' trade ------------------------------------------


@dataclass(frozen=True)
class MarginalisedRule:
    """The OVR-06 rule: whose trade, which years, and how many partners must agree."""

    #: Asian partners whose trade shares are followed: China, the groups' members (ASEAN, the
    #: five Central Asian states) and Japan, South Korea and India, which data/claims.csv names.
    #: A partner without data in the view is left out and named in the explanation.
    partners: tuple[str, ...] = ("CHN", "ASEAN", "CA5", "JPN", "KOR", "IND")
    #: The base years before the paper (after the 2014 sanctions, before the prediction).
    base_years: tuple[int, int] = (2014, 2016)
    #: The latest shares are averaged over this many consecutive calendar years (the latest
    #: run without a gap), so one odd year does not decide and no average joins years across a gap.
    window: int = 3
    #: A partner counts only if its data reach at least this year (two years after the base).
    first_latest_year: int = 2018
    #: The share of partners that must move the same way for a verdict (two thirds: a clear
    #: majority, symmetric for "fell" and "rose").
    majority: float = 2 / 3


def asian_partners(evidence: Evidence, partners: tuple[str, ...] = MarginalisedRule.partners) -> list[str]:
    """The partner countries of ``partners``, groups replaced by their members (sorted)."""
    groups = _group_codes(evidence)
    found = set()
    for code in partners:
        found |= set(indicators.members(evidence, code)) if code in groups else {code}
    return sorted(found)


def _group_codes(evidence: Evidence) -> set[str]:
    return set(evidence.entities.loc[evidence.entities["kind"] == "group", "code"])


def latest_run(years, window: int) -> list[int]:
    """The latest ``window`` consecutive calendar years among ``years`` (empty if none).

    An average never joins years across a gap: if the newest years are broken by a missing
    year (China 2021, 2022, 2024), the latest complete run before it is used (2020-2022).
    """
    present = {int(year) for year in years}
    for end in sorted(present, reverse=True):
        run = list(range(end - window + 1, end + 1))
        if all(year in present for year in run):
            return run
    return []


def russia_share_change(evidence: Evidence, rule: MarginalisedRule | None = None) -> pd.DataFrame:
    """Russia's share of each Asian partner's trade: base years' average and latest average.

    Shares are the partner's own reports (exports plus imports: IMF DOTS, and official splits
    where published); for China, China's customs turnover and total for 2021-2025 too. A partner counts
    if it has every base year, data reaching ``first_latest_year`` and ``window`` consecutive
    latest years. Columns: partner, base, latest, first_year, latest_year, change (pp).
    """
    rule = MarginalisedRule() if rule is None else rule
    first, last = rule.base_years
    rows = []
    for partner in asian_partners(evidence, rule.partners):
        basis = "any" if partner == "CHN" else "dots"
        shares = indicators.trade_share(evidence, partner, "RUS", basis=basis)
        # A year -> share dictionary: this runs for every partner under every specification.
        by_year = {int(year): share for year, share in zip(shares["year"], shares["share"])}
        base = [by_year[year] for year in range(first, last + 1) if year in by_year]
        if len(base) < last - first + 1 or not by_year or max(by_year) < rule.first_latest_year:
            continue
        latest = latest_run(by_year, rule.window)
        if not latest:
            continue
        rows.append(
            {
                "partner": partner,
                "base": float(np.nanmean(base)),  # as pandas' mean: a missing share is skipped
                "latest": float(np.nanmean([by_year[year] for year in latest])),
                "first_year": latest[0],
                "latest_year": latest[-1],
            }
        )
    out = pd.DataFrame(rows, columns=["partner", "base", "latest", "first_year", "latest_year"])
    out["change"] = out["latest"] - out["base"]
    return out


@claim_test(
    "OVR-06",
    metric="median change in Russia's share of its Asian partners' trade since the base years",
    unit="percentage points",
    rule=MarginalisedRule,
    alternatives={
        "window": {
            1: "The latest single year: what a reader of the newest statistics sees.",
            5: "Five years, so the 2020 pandemic year weighs less.",
        },
        "base_years": {
            (2011, 2013): "Before the 2014 sanctions and the fall of the rouble, when the pivot was announced."
        },
        "majority": {0.5: "A simple majority of partners decides."},
    },
)
def marginalised(evidence: Evidence, rule: MarginalisedRule) -> Assessment:
    """A prediction made in 2017, so it can only be judged on later data. Supported if
    Russia's share of trade fell for at least ``majority`` of its Asian partners; contradicted
    if it rose for at least that share; mixed otherwise."""
    changes = russia_share_change(evidence, rule)
    if changes.empty:
        return Assessment.no_data("A prediction made in 2017 can only be judged with data for later years.")
    fell = int((changes["change"] < 0).sum())
    rose = int((changes["change"] > 0).sum())
    n = len(changes)
    median = float(statistics.median(changes["change"]))
    if fell >= rule.majority * n and fell > rose:
        verdict = Verdict.SUPPORTED
    elif rose >= rule.majority * n and rose > fell:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    china = changes[changes["partner"] == "CHN"]
    china_part = ""
    if not china.empty:
        row = china.iloc[0]
        china_part = (
            f" In China's trade it went from {text.pct(row['base'])} to {text.pct(row['latest'])} "
            f"({text.year_span(int(row['first_year']), int(row['latest_year']))})."
        )
    named = [code for code in rule.partners if code not in _group_codes(evidence)]
    without = [code for code in named if code not in set(changes["partner"])]
    absent = f" No usable data for {text.join_words([evidence.entity_name(c) for c in without])}." if without else ""
    explanation = (
        f"Russia's share of trade fell for {fell} and rose for {rose} of {n} Asian partners between "
        f"{text.year_span(*rule.base_years)} and their latest {rule.window} consecutive years (median "
        f"change {text.pp(median)}).{china_part}{absent}"
    )
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
