"""Claim tests: the Eurasian Economic Union (abstract sentence 5).

Blank calls the union "the one exception" to Russia's failure to take part in multilateral
projects (EAEU-01) and says it "has become an economic disappointment to both Russia and its
other members" (EAEU-02 for Russia, EAEU-03 for the others).

Both economic tests compare a period *before* the union with a period *after* it started, as
averages over the years with data, never one year against another: 2015, the union's first
year, was also the year of the oil-price and rouble collapse and a trough for trade, so any
growth measured from 2015 flatters the union (the base-year trap), while a single pre-union
peak year would flatter the past. The "after" period stops in 2019 so that neither the
pandemic year nor the re-routing of trade after the 2022 sanctions is credited to, or blamed
on, the union; the notebook treats those years separately. Every choice is a field of the
claim's rule (:mod:`helpers.claims.eurasian_union_rules`).
"""

from __future__ import annotations

import statistics

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .eurasian_union_measures import DOTS_BASIS as DOTS_BASIS
from .eurasian_union_measures import GROUP as GROUP
from .eurasian_union_measures import MUTUAL_TRADE_SOURCES as MUTUAL_TRADE_SOURCES
from .eurasian_union_measures import PUBLISHED_BASIS as PUBLISHED_BASIS
from .eurasian_union_measures import RUSSIA as RUSSIA
from .eurasian_union_measures import mutual_trade as mutual_trade
from .eurasian_union_measures import other_members as other_members
from .eurasian_union_measures import peak_regained as peak_regained
from .eurasian_union_measures import pre_union_peak as pre_union_peak
from .eurasian_union_measures import span as span
from .eurasian_union_measures import union_share as union_share
from .eurasian_union_measures import union_share_mirror as union_share_mirror
from .eurasian_union_measures import union_start as union_start
from .eurasian_union_measures import window_mean as window_mean
from .eurasian_union_rules import SECOND_SIGNALS as SECOND_SIGNALS
from .eurasian_union_rules import MembersRule, RussiaRule, threshold_words
from .registry import Assessment, Verdict, claim_test, not_testable

#: The published rules: the defaults of the functions below.
PUBLISHED_RUSSIA = RussiaRule()
PUBLISHED_MEMBERS = MembersRule()

# -- measures that read a rule ---------------------------------------------------------------------


def growth_change(evidence: Evidence, entity: str, rule: MembersRule = PUBLISHED_MEMBERS) -> dict | None:
    """Average real GDP growth (WDI) over the rule's two periods, and the change, for one economy."""
    growth = evidence.series("gdp_growth", entity=entity, counterpart="-")
    before, years_before = window_mean(growth, "value", rule.before, rule.min_years)
    after, years_after = window_mean(growth, "value", rule.after, rule.min_years)
    if before is None or after is None:
        return None
    return {
        "before": before,
        "after": after,
        "change": after - before,
        "years_before": years_before,
        "years_after": years_after,
    }


def comparator_change(evidence: Evidence, rule: MembersRule = PUBLISHED_MEMBERS) -> float | None:
    """Median change in average growth (after minus before) of the rule's non-member comparators."""
    changes = [c["change"] for code in rule.comparators if (c := growth_change(evidence, code, rule)) is not None]
    return statistics.median(changes) if changes else None


def member_table(
    evidence: Evidence, rule: MembersRule = PUBLISHED_MEMBERS, members: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """For each member: the union's share of its trade and its growth, before and after.

    Columns: member, share_before, share_after, share_change (pp), growth_before,
    growth_after, growth_change (pp), growth_vs_non_members (pp: the member's change minus
    the comparators' median change), trade_gained (share rose by at least
    ``rule.share_rise_pp``), growth_held (growth_vs_non_members >= 0), outcome ("gained on
    both", "let down on both", "split"), share_years_before, share_years_after (years with
    data). Members without enough years are left out.
    """
    members = members or tuple(other_members(evidence, RUSSIA))
    benchmark = comparator_change(evidence, rule)
    rows = []
    for member in members:
        shares = union_share(evidence, member)
        before, years_before = window_mean(shares, "share", rule.before, rule.min_years)
        after, years_after = window_mean(shares, "share", rule.after, rule.min_years)
        growth = growth_change(evidence, member, rule)
        if before is None or after is None or growth is None:
            continue
        relative = growth["change"] - benchmark if benchmark is not None else None
        gained = after - before >= rule.share_rise_pp
        held = relative is not None and relative >= 0
        outcome = "gained on both" if gained and held else "let down on both" if not (gained or held) else "split"
        rows.append(
            {
                "member": member,
                "share_before": before,
                "share_after": after,
                "share_change": after - before,
                "growth_before": growth["before"],
                "growth_after": growth["after"],
                "growth_change": growth["change"],
                "growth_vs_non_members": relative,
                "trade_gained": gained,
                "growth_held": held,
                "outcome": outcome,
                "share_years_before": years_before,
                "share_years_after": years_after,
            }
        )
    columns = [
        "member",
        "share_before",
        "share_after",
        "share_change",
        "growth_before",
        "growth_after",
        "growth_change",
        "growth_vs_non_members",
        "trade_gained",
        "growth_held",
        "outcome",
        "share_years_before",
        "share_years_after",
    ]
    return pd.DataFrame(rows, columns=columns)


def russia_in_partners(evidence: Evidence, rule: RussiaRule = PUBLISHED_RUSSIA) -> pd.DataFrame:
    """For each other member: Russia's share of its trade (its own reports), before and after.

    Columns: member, before, after, change (pp), years_before, years_after. Members without
    enough years in either period are left out.
    """
    rows = []
    for member in other_members(evidence, RUSSIA):
        shares = evidence.remember(
            "eurasian_union.russia_share", member, lambda m=member: indicators.trade_share(evidence, m, RUSSIA)
        )
        before, years_before = window_mean(shares, "share", rule.before, rule.min_years)
        after, years_after = window_mean(shares, "share", rule.after, rule.min_years)
        if before is not None and after is not None:
            rows.append(
                {
                    "member": member,
                    "before": before,
                    "after": after,
                    "change": after - before,
                    "years_before": years_before,
                    "years_after": years_after,
                }
            )
    return pd.DataFrame(rows, columns=["member", "before", "after", "change", "years_before", "years_after"])


# -- claim tests ----------------------------------------------------------------------------------

not_testable(
    "EAEU-01",
    reason=(
        "The claim compares Russia's role in the union with its role in every other regional body "
        "(the SCO, Belt and Road bodies, ASEAN-led forums). The data hold members' GDP and trade and a "
        "curated list of dated events, but no measure of a member's weight inside an institution "
        "(who drafts decisions, staffs the secretariat, pays the budget, sets the agenda), and the "
        "event list is not a census of every body's agreements, so counting its rows would not "
        "compare like with like."
    ),
    would_settle=(
        "a coded comparison of Russia's role in each body (founder, host, funder, agenda-setter or "
        "bystander), with Russia's share of the Eurasian Economic Commission's budget and staff, "
        "the share of union decisions initiated by Russia, and the same measures for the SCO "
        "secretariat, Belt and Road forums and ASEAN-led meetings."
    ),
    module=__name__,
)


#: The alternatives EAEU-02 and EAEU-03 share: their "after" window and their trade-share bar.
SHARED_ALTERNATIVES = {
    "after": {(2016, 2019): "Leave out 2015, the oil-price and rouble trough of the union's first year."},
    "share_rise_pp": {
        1.0: "A lower bar: any clear rise counts.",
        3.0: "A higher bar: only a rise well beyond year-to-year drift counts.",
    },
}


@claim_test(
    "EAEU-02",
    metric="change in the other members' share of Russia's trade, after-average minus before-average",
    unit="percentage points",
    rule=RussiaRule,
    alternatives={
        "before": {
            (2010, 2014): "The customs-union years, as published before: what the EAEU added to "
            "the customs union it grew out of."
        },
        **SHARED_ALTERNATIVES,
        "second": {
            "mutual_trade_usd": "Trade among all members in US dollars, as published before: the "
            "yardstick the union's own reports use."
        },
    },
)
def disappointment_to_russia(evidence: Evidence, rule: RussiaRule) -> Assessment:
    """Two signals, each an average over ``rule.after`` against one over ``rule.before``
    (years with data): the other members' share of Russia's trade (Russia's own reports), and
    the second signal (``rule.second``):

    - "partner_shares": the median change in Russia's share of the other members' trade (their
      own reports). Supported if neither share rose by ``rule.share_rise_pp`` points (the union
      did not bind Russia and its partners closer); contradicted if both did; mixed otherwise.
    - "mutual_trade_usd": trade among all members (IMF, sum of exports). Supported if the share
      rose by less than ``rule.share_rise_pp`` points and mutual trade averaged less after than
      before; contradicted if the share rose by at least that and mutual trade averaged at
      least as much; mixed otherwise.

    The explanation also says when mutual trade first regained its pre-union peak (on either
    basis), which the verdict does not use.
    """
    shares = union_share(evidence, RUSSIA)
    share_before, years_sb = window_mean(shares, "share", rule.before, rule.min_years)
    share_after, years_sa = window_mean(shares, "share", rule.after, rule.min_years)
    periods = f"{text.year_span(*rule.before)} and {text.year_span(*rule.after)}"
    if share_before is None or share_after is None:
        return Assessment.no_data(
            f"Too few years with Russia's trade by partner (need {rule.min_years} in each of {periods})."
        )
    change = share_after - share_before
    rose = change >= rule.share_rise_pp
    explanation = (
        f"The other members' share of Russia's trade averaged {text.pct(share_before)} in "
        f"{span(years_sb)} and {text.pct(share_after)} in {span(years_sa)} ({text.pp(change)}; a rise "
        f"needs {threshold_words(rule)}); "
    )
    if rule.second == "partner_shares":
        partners = russia_in_partners(evidence, rule)
        if len(partners) < 3:
            return Assessment.no_data(f"Fewer than three members have Russia's share of their trade in {periods}.")
        median = float(statistics.median(partners["change"]))
        second_rose = median >= rule.share_rise_pp
        verdict = (
            Verdict.SUPPORTED
            if not rose and not second_rose
            else Verdict.CONTRADICTED
            if rose and second_rose
            else Verdict.MIXED
        )
        explanation += (
            "Russia's share of the other members' own trade moved by "
            + text.join_words(
                [f"{text.pp(r.change)} ({evidence.entity_name(r.member)})" for r in partners.itertuples()]
            )
            + f", a median of {text.pp(median)}."
        )
        last = max(years_sa + [y for ys in partners["years_after"] for y in ys])
    else:
        dots = mutual_trade(evidence)
        dots = dots[dots["basis"] == DOTS_BASIS]
        level_before, years_lb = window_mean(dots, "value", rule.before, rule.min_years)
        level_after, years_la = window_mean(dots, "value", rule.after, rule.min_years)
        if level_before is None or level_after is None:
            return Assessment.no_data(
                f"Too few years with every member's exports to the others (need {rule.min_years} in each of {periods})."
            )
        verdict = (
            Verdict.SUPPORTED
            if not rose and level_after < level_before
            else Verdict.CONTRADICTED
            if rose and level_after >= level_before
            else Verdict.MIXED
        )
        explanation += (
            f"trade among the members averaged {text.usd_million(level_after)} in {span(years_la)}, "
            f"{text.pct_change(100 * (level_after / level_before - 1))} on "
            f"{text.usd_million(level_before)} in {span(years_lb)}."
        )
        last = max(years_sa + years_la)
    return Assessment(verdict, change, last, explanation + _peak_words(evidence))


def _peak_words(evidence: Evidence) -> str:
    start = union_start(evidence)
    peak = pre_union_peak(evidence, start)
    if peak is None:
        return ""
    regained = peak_regained(evidence, start)
    head = f" Mutual trade's pre-union peak ({text.usd_million(peak[1])} in {peak[0]})"
    if regained is None:
        return f"{head} had not been regained by {int(mutual_trade(evidence)['year'].max())}."
    basis = "IMF sum" if regained["basis"] == DOTS_BASIS else "published figure"
    words = (
        f"{head} was {'first passed in' if not regained['missing'] else 'passed by'} {int(regained['year'])} "
        f"({text.usd_million(regained['value'])}, {basis} from the "
        f"{evidence.source(regained['source_id'])['publisher']})"
    )
    if regained["missing"]:  # a gap before it: the data cannot say when the peak was first passed
        words += (
            f"; the data hold no figure for {text.join_words([str(y) for y in regained['missing']])}, "
            "so it may have been passed earlier"
        )
    return words + "."


@claim_test(
    "EAEU-03",
    metric="number of the other members let down on both trade and growth",
    unit="members",
    rule=MembersRule,
    alternatives={
        "before": {
            (2005, 2009): "Before the customs union too: the years before any of the union's "
            "rules applied to Belarus and Kazakhstan."
        },
        **SHARED_ALTERNATIVES,
        "comparators": {
            ("TJK", "TKM", "UZB"): "All three Central Asian non-members, Turkmenistan's "
            "unmoving official growth included."
        },
    },
)
def disappointment_to_members(evidence: Evidence, rule: MembersRule) -> Assessment:
    """For each of Armenia, Belarus, Kazakhstan and Kyrgyzstan, two signals, each comparing
    the average over ``rule.after`` with the average over ``rule.before``:

    - trade: the union's share of the member's trade (its own reports) rose by at least
      ``rule.share_rise_pp`` points;
    - growth: the member's average real GDP growth changed at least as favourably as the
      median change of the non-member ``rule.comparators``.

    A member is "let down" if neither holds and "gained" if both hold. Supported if more than
    half of the members with data were let down; contradicted if more than half gained;
    mixed otherwise. Without a counterfactual, a slowdown is not proof that the union caused it.
    """
    table = member_table(evidence, rule)
    benchmark = comparator_change(evidence, rule)
    if len(table) < 3 or benchmark is None:
        return Assessment.no_data(
            "Fewer than three members (or no non-member benchmark) have trade shares and growth in both "
            f"{text.year_span(*rule.before)} and {text.year_span(*rule.after)}."
        )
    n = len(table)
    let_down = int((table["outcome"] == "let down on both").sum())
    gained = int((table["outcome"] == "gained on both").sum())
    verdict = Verdict.SUPPORTED if let_down > n / 2 else Verdict.CONTRADICTED if gained > n / 2 else Verdict.MIXED
    years_after = sorted({y for ys in table["share_years_after"] for y in ys})
    parts = [
        f"{evidence.entity_name(r.member)} {text.pp(r.share_change)} and {text.pp(r.growth_vs_non_members)}"
        for r in table.itertuples()
    ]
    names = [evidence.entity_name(c) for c in rule.comparators if growth_change(evidence, c, rule) is not None]
    explanation = (
        f"From the {text.year_span(*rule.before)} average to the {span(years_after)} average, the union's share of "
        f"each member's trade and its GDP growth relative to non-members ({text.join_words(names)}, median "
        f"growth change {text.pp(benchmark)}) moved: {'; '.join(parts)}. {let_down} of {n} members were let "
        f"down on both (share up less than {threshold_words(rule)} and growth behind the non-members), "
        f"{gained} gained on both."
    )
    return Assessment(verdict, float(let_down), max(years_after), explanation)
