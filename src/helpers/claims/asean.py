"""Claim tests: Southeast Asia and ASEAN (abstract sentence 7: Moscow 'promoted and signed many
agreements with members of ASEAN, only to fail to implement them practically').

ASEAN-01 counts the agreements in ``data/events.csv``; ASEAN-02 combines what became of them
(each project's status) with Russia's weight in ASEAN members' trade, before and after the
2016 agreements. The projects table is built in :mod:`helpers.claims.asean_agreements`, the
trade numbers in :mod:`helpers.claims.asean_trade`; this module holds the rules and the tests. The
events table holds every ASEAN-Russia summit and plan of action (a census, rule in the codebook)
and the headline agreements and flagship projects with members, not every memorandum signed on a
visit, so counts of agreements are lower bounds.

Every choice of a test is a field of its rule (:class:`AgreementsRule`, :class:`FollowThroughRule`);
run a variant with ``claims.run("ASEAN-02", ev, countries=("VNM",))``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import text
from ..data import Evidence
from .asean_agreements import (
    ALL_KINDS,
    DEAL_KINDS,
    FAILED,
    FIRST_YEAR,
    REALISED,
    SHORT_NAMES,
    SIGNED,
    THEME,
    agreements,
    deals,
    short_name,
    signed_agreements,
)
from .asean_trade import (
    PREFERRED_PUBLISHED,
    annual_growth,
    before_after,
    bilateral_trade,
    member_codes,
    member_trade,
    published_shares,
    trade_shares,
    vietnam_before_after,
)
from .registry import Assessment, Verdict, claim_test

__all__ = [
    "THEME",
    "SIGNED",
    "REALISED",
    "FAILED",
    "DEAL_KINDS",
    "ALL_KINDS",
    "AgreementsRule",
    "FollowThroughRule",
    "SHORT_NAMES",
    "short_name",
    "agreements",
    "signed_agreements",
    "many_agreements",
    "deals",
    "projects_half",
    "trade_half",
    "little_follow_through",
    "annual_growth",
    "before_after",
    "bilateral_trade",
    "member_codes",
    "member_trade",
    "published_shares",
    "trade_shares",
    "vietnam_before_after",
]


@dataclass(frozen=True)
class AgreementsRule:
    """The ASEAN-01 rule: which agreements are counted, and how many are "many"."""

    #: Agreements signed from this year on are counted: the claim's period in data/claims.csv
    #: starts in 2010, when the "pivot" years begin; earlier ones are reported, not counted.
    first_year: int = FIRST_YEAR
    #: At least this many headline agreements is "many": five headline texts from 2010 to the
    #: paper (one every year and a half) is a dense record for one region, because the events
    #: table holds headline agreements only, not the memoranda that come with every visit.
    many: int = 5
    #: At most this many is "few" (contradicted): two or fewer would be a thin record.
    few: int = 2
    #: Count texts signed on the same day (a summit and the plan of action it adopts) once:
    #: off, because each is a separate text with its own content.
    same_day_once: bool = False
    #: The kinds of project counted (data/events.csv ``kind``): agreements, declarations and
    #: plans signed as texts, treaties and projects. A summit is a meeting, not an agreement (the
    #: texts it adopts have rows of their own), as ASEAN-02 and OVR-03 read it too.
    kinds: tuple[str, ...] = ("agreement", "declaration", "project", "treaty")


@dataclass(frozen=True)
class FollowThroughRule:
    """The ASEAN-02 rule: which deals and members count, and what a change in trade means.

    The verdict has a projects half and a trade half; each is for the claim, against it, or
    undecided. Supported if both are for, contradicted if both are against, mixed otherwise.
    """

    #: The year of the agreements whose follow-through is judged: the Sochi summit and its
    #: 2016-2020 plan of action, and the entry into force of the EAEU-Vietnam free-trade
    #: agreement (both in data/events.csv).
    agreement_year: int = 2016
    #: Years compared on each side of ``agreement_year`` (at most; both sides get as many
    #: years as the data hold after it): four, the length of a plan of action's first half.
    window: int = 4
    #: Against the claim if Russia's mean share after ``agreement_year`` is at least this
    #: fraction above its mean over as many years up to it ("rise clearly" in data/claims.csv):
    #: a fifth is more than the year-to-year noise of a share this small.
    clear_rise: float = 0.2
    #: For the claim if the mean share changed by at most this fraction upwards ("flat or
    #: falling" in data/claims.csv): a twentieth is within revisions of the IMF figures. A rise
    #: between this and ``clear_rise`` leaves the trade half undecided, so the trade half can
    #: fail in both directions around "no change".
    flat_band: float = 0.05
    #: Optional bar on the level (percent): if set, the trade half is for the claim only while
    #: Russia's latest share is below it. None: the level is reported, not judged, because the
    #: earlier bar of 1% was never reached by Russia in any year and so could not fail.
    small_share: float | None = None
    #: The projects half is for the claim if fewer than this share of the deals is in force or
    #: implemented, against it if more: "fail to implement" read as most deals not carried out.
    realised_bar: float = 0.5
    #: Kinds of a project's first event that count as deals (see ``DEAL_KINDS``).
    deal_kinds: tuple[str, ...] = DEAL_KINDS
    #: A year counts only if the members with complete reports carry at least this share of the
    #: chosen members' total trade (so a missing small reporter does not drop the year).
    min_coverage: float = 0.9
    #: The members whose trade is summed (and whose deals count, with ASEAN-wide ones); empty:
    #: the ten ASEAN members in data/entities.csv.
    countries: tuple[str, ...] = ()
    #: Also judge the latest year with a published share (Russia's trade with ASEAN over ASEAN's
    #: total trade, :func:`~helpers.claims.asean_trade.published_shares`), if it is later than
    #: the IMF years: the claim is about Russia's place to the present, and the IMF series end
    #: in 2020. Its change against the before-mean must also be flat or falling for the trade
    #: half to be for the claim, and a clear rise in it is against. Only for the ten members
    #: together (ASEAN publishes its total, not each member's). The two bases differ (members'
    #: reports summed, against published totals), so the latest year is judged on its own and
    #: never averaged with the IMF years.
    latest_published: bool = True
    #: Source ids preferred, first first, when two published figures give the same year: ASEAN's
    #: statistics (2021) over the rounded figure in a joint statement.
    published_sources: tuple[str, ...] = PREFERRED_PUBLISHED


@claim_test(
    "ASEAN-01",
    metric="number of headline agreements with ASEAN or its members signed since 2010",
    unit="agreements",
    rule=AgreementsRule,
    alternatives={
        "many": {
            4: "A lower bar: four headline texts in seven years is already more than most partners sign.",
            6: "A higher bar: 'many' as more than one a year and a bit.",
            8: "A strict bar: 'many' as at least one headline text a year.",
        },
        "kinds": {
            ("agreement", "declaration", "project", "summit", "treaty"): "Summits too: a summit is "
            "where agreements are promoted, the claim's first verb."
        },
        "first_year": {
            2005: "Count from the first ASEAN-Russia summit (2005), the start of the "
            "institutional relationship, not from the pivot years."
        },
    },
)
def many_agreements(evidence: Evidence, rule: AgreementsRule) -> Assessment:
    """Count the theme's projects with a signature (status signed, in force or implemented)
    dated from ``rule.first_year`` to the view's date, of the kinds ``rule.kinds``: plans of
    action and declarations, free-trade agreements and flagship project agreements, not the
    summits themselves (with ``rule.same_day_once``, texts signed on the same day count once).

    Supported if at least ``rule.many`` (5) were signed; contradicted if at most ``rule.few``
    (2); mixed in between. "Many" has no agreed meaning; the defaults are explained on
    :class:`AgreementsRule`. Who proposed each agreement (the claim's "promoted") is not
    recorded, so the test counts signatures only.
    """
    table = agreements(evidence)
    if table.empty:
        return Assessment.no_data("No Southeast Asian agreement is recorded in this view.")
    counted = signed_agreements(evidence, rule.first_year)
    counted = counted[counted["kind"].isin(rule.kinds)]
    if rule.same_day_once:
        counted = counted.drop_duplicates("signed")
    earlier = table[
        table["signed_year"].notna() & (table["signed_year"] < rule.first_year) & table["kind"].isin(rule.kinds)
    ]
    n = len(counted)
    if n >= rule.many:
        verdict = Verdict.SUPPORTED
    elif n <= rule.few:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    by_channel = counted["channel"].value_counts()
    parts = [
        f"{int(by_channel.get(c, 0))} {label}"
        for c, label in (
            ("Russia with ASEAN", "between Russia and ASEAN as a group"),
            ("EAEU", "signed by the Eurasian Economic Union"),
            ("Russia with one member", "between Russia and a single member"),
        )
    ]
    last_year = int(counted["signed_year"].max()) if n else None
    span = text.year_span(rule.first_year, last_year) if n else f"since {rule.first_year}"
    unit = "signing days with headline agreements" if rule.same_day_once else "headline agreements were signed"
    explanation = (
        f"{n} {unit} {span} ({text.join_words(parts)}); "
        f"{len(earlier)} signed before {rule.first_year} are not counted. The bar for 'many' is {rule.many}; "
        f"who proposed them is not recorded."
    )
    return Assessment(verdict, float(n), last_year, explanation)


# -- ASEAN-02: follow-through -------------------------------------------------------------


def _span(years: list[int]) -> str:
    return text.year_span(min(years), max(years))


FOR, AGAINST, UNDECIDED = "for", "against", "undecided"
_SAID = {FOR: "for the claim", AGAINST: "against the claim", UNDECIDED: "undecided"}


def projects_half(realised_share: float, rule: FollowThroughRule) -> str:
    """The projects half of ASEAN-02: for the claim if fewer than ``rule.realised_bar`` of the
    deals are in force or implemented, against it if more, undecided at the bar."""
    if realised_share < rule.realised_bar:
        return FOR
    return AGAINST if realised_share > rule.realised_bar else UNDECIDED


def trade_half(changes: list[float], latest_share: float, rule: FollowThroughRule) -> str:
    """The trade half of ASEAN-02, from the relative ``changes`` of Russia's share against its
    mean before the agreements (the after-window's mean and, if judged, the latest published
    year; empty if no year after the agreements is in the view).

    Against the claim if any change is at least ``rule.clear_rise``; for it if every change is
    at most ``rule.flat_band`` (flat or falling) and, when ``rule.small_share`` is set, the
    latest share is below that bar; undecided otherwise, including a view with no change to
    judge and no level bar.
    """
    if any(change >= rule.clear_rise for change in changes):
        return AGAINST
    flat = all(change <= rule.flat_band for change in changes) if changes else None
    small = None if rule.small_share is None else latest_share < rule.small_share
    if flat is False or small is False or (flat is None and small is None):
        return UNDECIDED
    return FOR


@claim_test(
    "ASEAN-02",
    metric="Russia's share of ASEAN members' merchandise trade, latest year",
    unit="percent",
    rule=FollowThroughRule,
    alternatives={
        "flat_band": {
            0.0: "Strictly 'flat or falling': any rise at all leaves the trade half undecided.",
            0.1: "A wider band for noise: a share under 1% moves by a tenth from a single cargo.",
        },
        "countries": {
            ("VNM",): "Vietnam only: the member with the one free-trade agreement in force, "
            "where follow-through should show first."
        },
        "deal_kinds": {
            ALL_KINDS: "Count summits and declarations as deals too, as a count of every "
            "signed text would (they can only stay 'signed')."
        },
        "latest_published": {
            False: "The IMF years only: one statistical basis throughout, at the cost "
            "of stopping in 2020, before the war and the sanctions."
        },
    },
)
def little_follow_through(evidence: Evidence, rule: FollowThroughRule) -> Assessment:
    """Two halves, both from the data:

    (a) projects: of the signed deals (:func:`deals`: first event of a kind in
    ``rule.deal_kinds``, by default agreements, projects and treaties; declarations and summits
    are left out because they have no later stage to reach; with ``rule.countries``, only those
    of the chosen members or ASEAN), the share whose latest status is in force or implemented
    (:func:`projects_half`);
    (b) trade: Russia's share of the members' combined trade (their own reports), its mean in
    the years after ``rule.agreement_year`` (2016) against as many years up to it (at most
    ``rule.window``); with ``rule.latest_published``, also the latest published share (ASEAN's
    total trade) against the same before-mean (:func:`trade_half`).

    Supported if both halves are for the claim, contradicted if both are against it, mixed
    otherwise. The trade half is symmetric around "no change", as data/claims.csv words it:
    flat or falling (at most ``flat_band`` = 5% up) is for, a clear rise (at least
    ``clear_rise`` = 20%) is against, a modest rise in between is undecided. The level of the
    share is reported but, by default, not judged: the earlier bar (below 1%) was met in every
    year and so could not fail. Share is used rather than growth in dollars because ASEAN's
    trade as a whole grew: a partner whose trade grows no faster than everyone's has not
    gained. Growth rates in dollars over as many years before and after are reported alongside.
    """
    shares = trade_shares(evidence, rule.countries, rule.min_coverage)
    signed = deals(evidence, rule.countries, rule.deal_kinds)
    if shares.empty:
        return Assessment.no_data("No year has the members' trade with Russia, China and the world.")
    if signed.empty:
        return Assessment.no_data("No signed agreement or project with ASEAN members is recorded in this view.")
    last = shares.iloc[-1]
    year, share = int(last["year"]), float(last["share_RUS"])
    realised = int(signed["status"].isin(REALISED).sum())
    failed = int(signed["status"].isin(FAILED).sum())
    realised_share = realised / len(signed)
    split = before_after(shares, "share_RUS", rule.agreement_year, rule.window)
    changes = [split["after"] / split["before"] - 1] if split["after"] is not None and split["before"] else []
    published = (
        published_shares(evidence, rule.published_sources)
        if rule.latest_published and not rule.countries
        else shares.iloc[0:0]
    )
    published = published[(published["year"] > max(year, rule.agreement_year))]
    late = published.iloc[-1] if len(published) and split["before"] else None
    if late is not None:
        changes.append(float(late["share_RUS"]) / split["before"] - 1)
    halves = (
        projects_half(realised_share, rule),
        trade_half(changes, share if late is None else float(late["share_RUS"]), rule),
    )
    if halves == (FOR, FOR):
        verdict = Verdict.SUPPORTED
    elif halves == (AGAINST, AGAINST):
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED

    codes = member_codes(evidence, rule.countries)
    several = len(codes) > 1
    who = "the members'" if several else f"{evidence.entity_name(codes[0])}'s"
    trade_part = (
        f"Russia's share of {who} trade was {text.pct(share, digits=2)} in {year} "
        f"(China's {text.pct(float(last['share_CHN']))}; their reports to the IMF)"
    )
    agreement_year = rule.agreement_year
    if split["after"] is None:
        trend = (
            f"; no year after {agreement_year} is in this view (mean {text.pct(split['before'], digits=2)} "
            f"in {_span(split['before_years'])})"
        )
    else:
        trend = (
            f"; its mean was {text.pct(split['after'], digits=2)} in {_span(split['after_years'])} against "
            f"{text.pct(split['before'], digits=2)} in {_span(split['before_years'])} "
            f"({text.pct_change(100 * changes[0])})"
        )
        growth_after = annual_growth(shares, "RUS", agreement_year, split["after_years"][-1])
        growth_before = annual_growth(shares, "RUS", agreement_year - len(split["after_years"]), agreement_year)
        if growth_after is not None and growth_before is not None:
            trend += (
                f"; Russia's trade with {'them' if several else 'it'} grew {text.pct_change(growth_after)} "
                f"a year after {agreement_year} against {text.pct_change(growth_before)} before"
            )
    if late is not None:
        side = "ASEAN's" if late["side"] == "ASEAN" else "Russia's"
        trend += (
            f". In {int(late['year'])} Russia's trade with ASEAN ({side} figure) was "
            f"{text.pct(float(late['share_RUS']), digits=2)} of ASEAN's total trade as published "
            f"({text.pct_change(100 * changes[-1])} on the mean before {agreement_year + 1}; another basis)"
        )
        year = int(late["year"])
    explanation = (
        f"{trade_part}{trend}. Of {len(signed)} signed agreements and projects, {realised} "
        f"({text.pct(100 * realised_share, digits=0)}) {'was' if realised == 1 else 'were'} in force or "
        f"implemented, {failed} stalled or cancelled and {len(signed) - realised - failed} still only signed. "
        f"Projects half: {_SAID[halves[0]]}; trade half: {_SAID[halves[1]]}."
    )
    value = share if late is None else float(late["share_RUS"])
    return Assessment(verdict, value, year, explanation)
