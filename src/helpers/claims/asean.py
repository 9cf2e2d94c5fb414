"""Claim tests: Southeast Asia and ASEAN (abstract sentence 7: Moscow 'promoted and signed many
agreements with members of ASEAN, only to fail to implement them practically').

ASEAN-01 counts the agreements in ``data/events.csv``; ASEAN-02 combines what became of them
(each project's status) with Russia's weight in ASEAN members' trade, before and after the
2016 agreements. The events table is a curated list of headline agreements and flagship
projects, not a census of every memorandum, so counts are lower bounds.

Every choice of a test is a field of its rule (:class:`AgreementsRule`, :class:`FollowThroughRule`);
run a variant with ``claims.run("ASEAN-02", ev, countries=("VNM",))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import pandas as pd

from .. import indicators, text
from ..data import Evidence, period_end
from .registry import Assessment, Verdict, claim_test

THEME = "asean"

#: Statuses that show an agreement was signed (a later stage implies the signature).
SIGNED = ("signed", "in force", "implemented")
#: Statuses that count as carried out, and as failed (the vocabulary of data/events.csv).
REALISED = ("in force", "implemented")
FAILED = ("stalled", "suspended", "cancelled")
#: Kinds of a project's first event that make it something that can be carried out. Summits
#: and declarations (plans of action, the strategic partnership) are statements: the events
#: table gives them no later stage, so counting them as "not implemented" would be unfair.
DEAL_KINDS = ("agreement", "project", "treaty")
#: Every kind of first event in the theme: deals and the statements that cannot be carried out.
ALL_KINDS = (*DEAL_KINDS, "declaration", "summit")


@dataclass(frozen=True)
class AgreementsRule:
    """The ASEAN-01 rule: which agreements are counted, and how many are "many"."""

    #: Agreements signed from this year on are counted: the claim's period in data/claims.csv
    #: starts in 2010, when the "pivot" years begin; earlier ones are reported, not counted.
    first_year: int = 2010
    #: At least this many headline agreements is "many": five headline texts from 2010 to the
    #: paper (one every year and a half) is a dense record for one region, because the events
    #: table holds headline agreements only, not the memoranda that come with every visit.
    many: int = 5
    #: At most this many is "few" (contradicted): two or fewer would be a thin record.
    few: int = 2
    #: Count texts signed on the same day (a summit and the plan of action it adopts) once:
    #: off, because each is a separate text with its own content.
    same_day_once: bool = False


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


#: Short names for charts and tables (fallback: the project id).
SHORT_NAMES = {
    "asean-eec-memorandum": "ASEAN-EEC memorandum",
    "asean-russia-cpa-2005-2015": "Plan of action 2005-2015",
    "asean-russia-cpa-2016-2020": "Plan of action 2016-2020",
    "asean-russia-cpa-2021-2025": "Plan of action 2021-2025",
    "asean-russia-kuala-lumpur-2005": "Kuala Lumpur summit",
    "asean-russia-sochi-2016": "Sochi summit",
    "asean-russia-strategic-partnership": "Strategic partnership",
    "eaeu-singapore-fta": "EAEU-Singapore FTA",
    "eaeu-vietnam-fta": "EAEU-Vietnam FTA",
    "ninh-thuan-1-npp": "Ninh Thuan 1 nuclear plant",
    "rosneft-pertamina-tuban": "Tuban refinery",
    "rzd-kalimantan-railway": "Kalimantan railway",
}


def short_name(project: str) -> str:
    """A project's short name for charts and tables."""
    return SHORT_NAMES.get(project, project)


def _channel(parties: set[str]) -> str:
    if "EAEU" in parties:
        return "EAEU"
    if "ASEAN" in parties:
        return "Russia with ASEAN"
    return "Russia with one member"


def agreements(evidence: Evidence, theme: str = THEME) -> pd.DataFrame:
    """Every project of the theme in this view, with its signature and its latest status.

    Columns: project, name, kind (of its first event), channel ("Russia with ASEAN", "EAEU" or
    "Russia with one member"), parties, signed (date of the first event with a status in
    ``SIGNED``, or missing), signed_year, status (set by the latest event), status_date, deal
    (True if ``kind`` is in ``DEAL_KINDS``). Sorted by signature date, then project.
    """
    events = evidence.events[evidence.events["theme"] == theme]
    columns = ["project", "name", "kind", "channel", "parties", "signed", "signed_year", "status",
               "status_date", "deal"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    events = events.assign(_end=events["date"].map(period_end)).sort_values(["project", "_end", "event_id"])
    status = {row["project"]: row for row in evidence.project_status().to_dict("records")}
    rows = []
    # plain records: a per-project pandas group costs more than the whole table
    for project, group in groupby(events.to_dict("records"), key=lambda event: event["project"]):
        group = list(group)
        parties = set(" ".join(event["parties"] for event in group).split())
        signed = [event["date"] for event in group if event["status"] in SIGNED]
        first = group[0]
        rows.append({
            "project": project, "name": short_name(project), "kind": first["kind"], "channel": _channel(parties),
            "parties": " ".join(sorted(parties)),
            "signed": signed[0] if signed else pd.NA,
            "signed_year": int(str(signed[0])[:4]) if signed else pd.NA,
            "status": status[project]["status"], "status_date": status[project]["date"],
            "deal": first["kind"] in DEAL_KINDS,
        })
    out = pd.DataFrame(rows, columns=columns)
    out["signed_year"] = out["signed_year"].astype("Int64")
    order = out["signed"].fillna("9999").map(period_end)
    return out.assign(_order=order).sort_values(["_order", "project"]).drop(columns="_order").reset_index(drop=True)


def signed_agreements(evidence: Evidence, first_year: int = AgreementsRule.first_year) -> pd.DataFrame:
    """The agreements signed from ``first_year`` (default: ASEAN-01's) up to the view's date."""
    table = agreements(evidence)
    return table[table["signed_year"].notna() & (table["signed_year"] >= first_year)].reset_index(drop=True)


@claim_test("ASEAN-01", metric="number of headline agreements with ASEAN or its members signed since 2010",
            unit="agreements", rule=AgreementsRule, alternatives={
                "many": {4: "A lower bar: four headline texts in seven years is already more than most partners sign.",
                         6: "A higher bar: 'many' as more than one a year and a bit.",
                         8: "A strict bar: 'many' as at least one headline text a year."},
                "same_day_once": {True: "One signing occasion, one agreement: a summit and the plan it adopts "
                                        "on the same day are one act of diplomacy."},
                "first_year": {2005: "Count from the first ASEAN-Russia summit (2005), the start of the "
                                     "institutional relationship, not from the pivot years."},
            })
def many_agreements(evidence: Evidence, rule: AgreementsRule) -> Assessment:
    """Count the theme's projects with a signature (status signed, in force or implemented)
    dated from ``rule.first_year`` to the view's date: summit declarations, plans of action,
    free-trade agreements and flagship project agreements (with ``rule.same_day_once``, texts
    signed on the same day count once).

    Supported if at least ``rule.many`` (5) were signed; contradicted if at most ``rule.few``
    (2); mixed in between. "Many" has no agreed meaning; the defaults are explained on
    :class:`AgreementsRule`. Who proposed each agreement (the claim's "promoted") is not
    recorded, so the test counts signatures only.
    """
    table = agreements(evidence)
    if table.empty:
        return Assessment.no_data("No Southeast Asian agreement is recorded in this view.")
    counted = signed_agreements(evidence, rule.first_year)
    if rule.same_day_once:
        counted = counted.drop_duplicates("signed")
    earlier = table[table["signed_year"].notna() & (table["signed_year"] < rule.first_year)]
    n = len(counted)
    if n >= rule.many:
        verdict = Verdict.SUPPORTED
    elif n <= rule.few:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    by_channel = counted["channel"].value_counts()
    parts = [f"{int(by_channel.get(c, 0))} {label}" for c, label in (
        ("Russia with ASEAN", "between Russia and ASEAN as a group"), ("EAEU", "signed by the Eurasian Economic Union"),
        ("Russia with one member", "between Russia and a single member"))]
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

def deals(evidence: Evidence, countries: tuple[str, ...] = (), kinds: tuple[str, ...] = DEAL_KINDS) -> pd.DataFrame:
    """The signed projects whose first event is of one of ``kinds`` (default: agreements,
    projects and treaties) in this view, whatever their year.

    With ``countries`` given, only those whose parties include one of them or ASEAN as a group
    (of which every member is part).
    """
    table = signed_agreements(evidence, first_year=0)
    table = table[table["kind"].isin(kinds)]
    if countries:
        wanted = set(countries) | {"ASEAN"}
        table = table[table["parties"].str.split().map(lambda codes: bool(set(codes) & wanted))]
    return table.reset_index(drop=True)


def member_codes(evidence: Evidence, countries: tuple[str, ...] = ()) -> list[str]:
    """The members used: ``countries`` if given, else the ten ASEAN members."""
    return sorted(countries) if countries else indicators.members(evidence, "ASEAN")


def bilateral_trade(evidence: Evidence, reporters, partners) -> pd.DataFrame:
    """Merchandise trade (exports plus imports) as each reporter reports it with each partner,
    for years with both flows (the IMF DOTS years): :func:`helpers.indicators.turnover` for many
    pairs at once. Columns: reporter, partner, year, value (US$ million), sources. Raises
    :class:`~helpers.data.AmbiguousSourceError` if two sources give the same flow."""
    from ..data import AmbiguousSourceError

    obs = evidence.observations
    obs = obs[obs["series_id"].isin([indicators.EXPORTS, indicators.IMPORTS]) & obs["entity"].isin(list(reporters))
              & obs["counterpart"].isin(list(partners))]
    dupes = obs[obs.duplicated(["series_id", "entity", "counterpart", "year"], keep=False)]
    if not dupes.empty:
        first = dupes.iloc[0]
        raise AmbiguousSourceError(
            f"{first['entity']}->{first['counterpart']} {first['year']}: several sources for {first['series_id']} "
            f"({', '.join(sorted(dupes['source_id'].unique()))}); choose one before computing turnover")
    exports = obs[obs["series_id"] == indicators.EXPORTS]
    imports = obs[obs["series_id"] == indicators.IMPORTS]
    both = exports.merge(imports, on=["entity", "counterpart", "year"], suffixes=("_x", "_m"))
    out = pd.DataFrame({
        "reporter": both["entity"], "partner": both["counterpart"], "year": both["year"].astype(int),
        "value": both["value_x"] + both["value_m"],
        "sources": [("+".join(sorted({a, b}))) for a, b in zip(both["source_id_x"], both["source_id_m"])],
    })
    return out.sort_values(["reporter", "partner", "year"]).reset_index(drop=True)


def member_trade(evidence: Evidence, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each member's own reported trade with Russia, China and the world (:func:`bilateral_trade`).
    Columns: member, year, RUS, CHN, WLD (US$ million; missing where not reported), sources."""
    columns = ["member", "year", "RUS", "CHN", "WLD", "sources"]
    both = bilateral_trade(evidence, member_codes(evidence, countries), ["RUS", "CHN", "WLD"])
    if both.empty:
        return pd.DataFrame(columns=columns)
    wide = both.pivot_table(index=["reporter", "year"], columns="partner", values="value", aggfunc="first")
    wide = wide.reindex(columns=["RUS", "CHN", "WLD"])
    wide.columns.name = None
    sources = both.groupby(["reporter", "year"])["sources"].agg(lambda s: "+".join(sorted(set("+".join(s).split("+")))))
    out = wide.join(sources).reset_index().rename(columns={"reporter": "member"})
    return out[columns].sort_values(["year", "member"]).reset_index(drop=True)


def trade_shares(evidence: Evidence, countries: tuple[str, ...] = (),
                 min_coverage: float = FollowThroughRule.min_coverage) -> pd.DataFrame:
    """Russia's and China's share of the members' combined trade, per year, members' own reports.

    A member counts in a year if it reports its trade with Russia, China and the world; both
    shares are sums over those members (same members above and below the line). A year is kept
    if they carry at least ``min_coverage`` of all chosen members' trade with the world
    (``countries`` empty: the ten members).
    Columns: year, RUS, CHN, WLD (US$ million), share_RUS, share_CHN (percent), n_members,
    missing (codes, space-separated), coverage (fraction), sources.
    """
    trade = member_trade(evidence, countries)
    columns = ["year", "RUS", "CHN", "WLD", "share_RUS", "share_CHN", "n_members", "missing", "coverage", "sources"]
    if trade.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for year, group in trade.groupby("year", sort=True):
        complete = group.dropna(subset=["RUS", "CHN", "WLD"])
        world = group["WLD"].sum()
        if complete.empty or world <= 0:
            continue
        coverage = complete["WLD"].sum() / world
        if coverage < min_coverage:
            continue
        rows.append({
            "year": int(year), "RUS": complete["RUS"].sum(), "CHN": complete["CHN"].sum(), "WLD": complete["WLD"].sum(),
            "share_RUS": 100 * complete["RUS"].sum() / complete["WLD"].sum(),
            "share_CHN": 100 * complete["CHN"].sum() / complete["WLD"].sum(),
            "n_members": len(complete), "missing": " ".join(sorted(set(group["member"]) - set(complete["member"]))),
            "coverage": float(coverage),
            "sources": "+".join(sorted(set("+".join(complete["sources"]).split("+")))),
        })
    out = pd.DataFrame(rows, columns=columns)
    out["year"] = out["year"].astype("Int64")
    return out


def before_after(frame: pd.DataFrame, column: str, year: int = FollowThroughRule.agreement_year,
                 window: int = FollowThroughRule.window) -> dict:
    """Mean of ``column`` in the years after ``year`` (at most ``window``) and over as many
    years up to and including ``year``.

    Returns a dict: after_years, before_years (lists), after, before (means, None if no year).
    With no year after ``year``, the before side holds the last ``window`` years up to it.
    """
    data = frame.dropna(subset=[column])
    after = data[data["year"] > year].head(window)
    n = len(after) if len(after) else window
    before = data[data["year"] <= year].tail(n)
    return {
        "after_years": [int(y) for y in after["year"]], "before_years": [int(y) for y in before["year"]],
        "after": float(after[column].mean()) if len(after) else None,
        "before": float(before[column].mean()) if len(before) else None,
    }


def annual_growth(frame: pd.DataFrame, column: str, first: int, last: int) -> float | None:
    """Compound annual growth of ``column`` from year ``first`` to year ``last``, percent."""
    values = frame.set_index("year")[column]
    if first not in values.index or last not in values.index or last <= first or values[first] <= 0:
        return None
    return float(100 * ((values[last] / values[first]) ** (1 / (last - first)) - 1))


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


def trade_half(before: float | None, after: float | None, latest_share: float, rule: FollowThroughRule) -> str:
    """The trade half of ASEAN-02, from the mean shares ``before`` and ``after`` the agreements.

    Against the claim if the after-mean is at least ``rule.clear_rise`` above the before-mean;
    for it if it rose by at most ``rule.flat_band`` (flat or falling) and, when
    ``rule.small_share`` is set, the latest share is below that bar; undecided otherwise,
    including a view with no year after the agreements and no level bar to judge.
    """
    if after is not None and before:
        change = after / before - 1
        if change >= rule.clear_rise:
            return AGAINST
        flat = change <= rule.flat_band
    else:
        flat = None
    small = None if rule.small_share is None else latest_share < rule.small_share
    if flat is False or small is False or (flat is None and small is None):
        return UNDECIDED
    return FOR


@claim_test("ASEAN-02", metric="Russia's share of ASEAN members' merchandise trade, latest year",
            unit="percent", rule=FollowThroughRule, alternatives={
                "flat_band": {0.0: "Strictly 'flat or falling': any rise at all leaves the trade half undecided.",
                              0.1: "A wider band for noise: a share under 1% moves by a tenth from a single cargo."},
                "clear_rise": {0.1: "A lower bar for 'rise clearly': a tenth more weight would already be news "
                                    "for a partner this small."},
                "countries": {("VNM",): "Vietnam only: the member with the one free-trade agreement in force, "
                                        "where follow-through should show first."},
                "deal_kinds": {ALL_KINDS: "Count summits and declarations as deals too, as a count of every "
                                          "signed text would (they can only stay 'signed')."},
            })
def little_follow_through(evidence: Evidence, rule: FollowThroughRule) -> Assessment:
    """Two halves, both from the data:

    (a) projects: of the signed deals (:func:`deals`: first event of a kind in
    ``rule.deal_kinds``, by default agreements, projects and treaties; declarations and summits
    are left out because they have no later stage to reach; with ``rule.countries``, only those
    of the chosen members or ASEAN), the share whose latest status is in force or implemented
    (:func:`projects_half`);
    (b) trade: Russia's share of the members' combined trade (their own reports), its mean in
    the years after ``rule.agreement_year`` (2016) against as many years up to it (at most
    ``rule.window``) (:func:`trade_half`).

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
    halves = (projects_half(realised_share, rule), trade_half(split["before"], split["after"], share, rule))
    if halves == (FOR, FOR):
        verdict = Verdict.SUPPORTED
    elif halves == (AGAINST, AGAINST):
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED

    codes = member_codes(evidence, rule.countries)
    several = len(codes) > 1
    who = "the members'" if several else f"{evidence.entity_name(codes[0])}'s"
    trade_part = (f"Russia's share of {who} trade was {text.pct(share, digits=2)} in {year} "
                  f"(China's {text.pct(float(last['share_CHN']))})")
    agreement_year = rule.agreement_year
    if split["after"] is None:
        trend = (f"; no year after {agreement_year} is in this view (mean {text.pct(split['before'], digits=2)} "
                 f"in {_span(split['before_years'])})")
    else:
        change = 100 * (split["after"] / split["before"] - 1)
        trend = (f"; its mean was {text.pct(split['after'], digits=2)} in {_span(split['after_years'])} against "
                 f"{text.pct(split['before'], digits=2)} in {_span(split['before_years'])} ({text.pct_change(change)})")
        growth_after = annual_growth(shares, "RUS", agreement_year, split["after_years"][-1])
        growth_before = annual_growth(shares, "RUS", agreement_year - len(split["after_years"]), agreement_year)
        if growth_after is not None and growth_before is not None:
            trend += (f"; Russia's trade with {'them' if several else 'it'} grew {text.pct_change(growth_after)} "
                      f"a year after {agreement_year} against {text.pct_change(growth_before)} before")
    explanation = (
        f"{trade_part}{trend}. Of {len(signed)} signed agreements and projects, {realised} "
        f"({text.pct(100 * realised_share, digits=0)}) {'was' if realised == 1 else 'were'} in force or "
        f"implemented, {failed} stalled or cancelled and {len(signed) - realised - failed} still only signed. "
        f"Projects half: {_SAID[halves[0]]}; trade half: {_SAID[halves[1]]}."
    )
    return Assessment(verdict, share, year, explanation)
