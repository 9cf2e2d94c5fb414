"""Claim tests: Southeast Asia and ASEAN (abstract sentence 7: Moscow 'promoted and signed many
agreements with members of ASEAN, only to fail to implement them practically').

ASEAN-01 counts the agreements in ``data/events.csv``; ASEAN-02 combines what became of them
(each project's status) with Russia's weight in ASEAN members' trade, before and after the
2016 agreements. The events table is a curated list of headline agreements and flagship
projects, not a census of every memorandum, so counts are lower bounds.

Module constants are the tests' parameters; a notebook exercise may change one and must
restore it afterwards (``try``/``finally``).
"""

from __future__ import annotations

from itertools import groupby

import pandas as pd

from .. import indicators, text
from ..data import Evidence, period_end
from .registry import Assessment, Verdict, claim_test

THEME = "asean"

#: Statuses that show an agreement was signed (a later stage implies the signature).
SIGNED = ("signed", "in force", "implemented")
#: Statuses that count as carried out, and as failed.
REALISED = ("in force", "implemented")
FAILED = ("stalled", "suspended", "cancelled")
#: Kinds of a project's first event that make it something that can be carried out. Summits
#: and declarations (plans of action, the strategic partnership) are statements: the events
#: table gives them no later stage, so counting them as "not implemented" would be unfair.
DEAL_KINDS = ("agreement", "project", "treaty")

#: ASEAN-01 counts agreements signed from this year on: the claim's period in data/claims.csv
#: starts in 2010, when the "pivot" years begin; earlier ones are reported, not counted.
FIRST_YEAR = 2010
#: ASEAN-01: at least ``MANY`` headline agreements is "many", at most ``FEW`` is "few".
MANY = 5
FEW = 2

#: ASEAN-02: the year of the agreements whose follow-through is judged: the Sochi summit and
#: its 2016-2020 plan of action, and the entry into force of the EAEU-Vietnam free-trade
#: agreement (both in data/events.csv).
AGREEMENT_YEAR = 2016
#: Years compared on each side of ``AGREEMENT_YEAR`` (at most; both sides get as many years
#: as the data hold after it).
WINDOW = 4
#: Russia's share of the members' trade below this (percent) is "small".
SMALL_SHARE = 1.0
#: The share "rises clearly" if its mean after ``AGREEMENT_YEAR`` is at least this fraction
#: above its mean over as many years up to it.
CLEAR_RISE = 0.2
#: A year counts only if the members with complete reports carry at least this share of the
#: chosen members' total trade (so a missing small reporter does not drop the year).
MIN_COVERAGE = 0.9
#: The members whose trade is summed; None = the ten ASEAN members in data/entities.csv.
#: An exercise may set e.g. ("VNM",).
COUNTRIES: tuple[str, ...] | None = None

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


def signed_agreements(evidence: Evidence, first_year: int | None = None) -> pd.DataFrame:
    """The agreements signed from ``first_year`` (default ``FIRST_YEAR``) up to the view's date."""
    first_year = FIRST_YEAR if first_year is None else first_year
    table = agreements(evidence)
    return table[table["signed_year"].notna() & (table["signed_year"] >= first_year)].reset_index(drop=True)


@claim_test("ASEAN-01", metric="number of headline agreements with ASEAN or its members signed since 2010",
            unit="agreements")
def many_agreements(evidence: Evidence) -> Assessment:
    """Count the theme's projects with a signature (status signed, in force or implemented)
    dated from ``FIRST_YEAR`` to the view's date: summit declarations, plans of action,
    free-trade agreements and flagship project agreements.

    Supported if at least ``MANY`` (5) were signed; contradicted if at most ``FEW`` (2); mixed in
    between. "Many" has no agreed meaning: five headline texts in the period (from 2010 to the
    paper, one every year and a half) is a dense record for one region, because the events
    table holds headline agreements only, not the memoranda that come with every visit; two
    or fewer would be a thin one. Who proposed each agreement (the claim's "promoted") is not
    recorded, so the test counts signatures only.
    """
    table = agreements(evidence)
    if table.empty:
        return Assessment.no_data("No Southeast Asian agreement is recorded in this view.")
    counted = signed_agreements(evidence)
    earlier = table[table["signed_year"].notna() & (table["signed_year"] < FIRST_YEAR)]
    n = len(counted)
    if n >= MANY:
        verdict = Verdict.SUPPORTED
    elif n <= FEW:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    by_channel = counted["channel"].value_counts()
    parts = [f"{int(by_channel.get(c, 0))} {label}" for c, label in (
        ("Russia with ASEAN", "between Russia and ASEAN as a group"), ("EAEU", "signed by the Eurasian Economic Union"),
        ("Russia with one member", "between Russia and a single member"))]
    last_year = int(counted["signed_year"].max()) if n else None
    span = text.year_span(FIRST_YEAR, last_year) if n else f"since {FIRST_YEAR}"
    explanation = (
        f"{n} headline agreements were signed {span} ({text.join_words(parts)}); "
        f"{len(earlier)} signed before {FIRST_YEAR} are not counted. The bar for 'many' is {MANY}; "
        f"who proposed them is not recorded."
    )
    return Assessment(verdict, float(n), last_year, explanation)


# -- ASEAN-02: follow-through -------------------------------------------------------------

def deals(evidence: Evidence, countries=None) -> pd.DataFrame:
    """The signed agreements and projects (``DEAL_KINDS``) in this view, whatever their year.

    With ``countries`` (or ``COUNTRIES``) set, only those whose parties include one of them or
    ASEAN as a group (of which every member is part).
    """
    table = signed_agreements(evidence, first_year=0)
    table = table[table["deal"]]
    chosen = countries if countries is not None else COUNTRIES
    if chosen is not None:
        wanted = set(chosen) | {"ASEAN"}
        table = table[table["parties"].str.split().map(lambda codes: bool(set(codes) & wanted))]
    return table.reset_index(drop=True)


def member_codes(evidence: Evidence, countries=None) -> list[str]:
    """The members used: ``countries``, else ``COUNTRIES``, else the ten ASEAN members."""
    chosen = countries if countries is not None else COUNTRIES
    return sorted(chosen) if chosen is not None else indicators.members(evidence, "ASEAN")


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


def member_trade(evidence: Evidence, countries=None) -> pd.DataFrame:
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


def trade_shares(evidence: Evidence, countries=None) -> pd.DataFrame:
    """Russia's and China's share of the members' combined trade, per year, members' own reports.

    A member counts in a year if it reports its trade with Russia, China and the world; both
    shares are sums over those members (same members above and below the line). A year is kept
    if they carry at least ``MIN_COVERAGE`` of all chosen members' trade with the world.
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
        if coverage < MIN_COVERAGE:
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


def before_after(frame: pd.DataFrame, column: str, year: int | None = None, window: int | None = None) -> dict:
    """Mean of ``column`` in the years after ``year`` (at most ``window``) and over as many
    years up to and including ``year``.

    Returns a dict: after_years, before_years (lists), after, before (means, None if no year).
    With no year after ``year``, the before side holds the last ``window`` years up to it.
    """
    year = AGREEMENT_YEAR if year is None else year
    window = WINDOW if window is None else window
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


@claim_test("ASEAN-02", metric="Russia's share of ASEAN members' merchandise trade, latest year",
            unit="percent")
def little_follow_through(evidence: Evidence) -> Assessment:
    """Two parts, both from the data:

    (a) projects: of the signed agreements and projects (:func:`deals`: first event an agreement,
    project or treaty; declarations and summits are left out because they have no later stage
    to reach; with ``COUNTRIES`` set, only those of the chosen members or ASEAN), the share
    whose latest status is in force or implemented;
    (b) trade: Russia's share of the members' combined trade (their own reports), its latest
    level, and its mean in the years after ``AGREEMENT_YEAR`` (2016) against as many years up
    to it (at most ``WINDOW``).

    Supported if Russia's latest share is below ``SMALL_SHARE`` (1%), it did not rise clearly
    (the after-mean is less than ``CLEAR_RISE`` = 20% above the before-mean, or there is no
    year after 2016 yet), and fewer than half of the deals are in force or implemented.
    Contradicted if the share rose clearly and more than half of the deals are in force or
    implemented. Mixed otherwise. Share is used rather than growth in dollars because ASEAN's
    trade as a whole grew: a partner whose trade grows no faster than everyone's has not
    gained. Growth rates in dollars over as many years before and after are reported alongside.
    """
    shares = trade_shares(evidence)
    signed = deals(evidence)
    if shares.empty:
        return Assessment.no_data("No year has the members' trade with Russia, China and the world.")
    if signed.empty:
        return Assessment.no_data("No signed agreement or project with ASEAN members is recorded in this view.")
    last = shares.iloc[-1]
    year, share = int(last["year"]), float(last["share_RUS"])
    realised = int(signed["status"].isin(REALISED).sum())
    failed = int(signed["status"].isin(FAILED).sum())
    realised_share = realised / len(signed)
    split = before_after(shares, "share_RUS")
    rose = split["after"] is not None and split["after"] >= split["before"] * (1 + CLEAR_RISE)
    small = share < SMALL_SHARE
    if small and not rose and realised_share < 0.5:
        verdict = Verdict.SUPPORTED
    elif rose and realised_share > 0.5:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED

    codes = member_codes(evidence)
    several = len(codes) > 1
    who = "the members'" if several else f"{evidence.entity_name(codes[0])}'s"
    trade_part = (f"Russia's share of {who} trade was {text.pct(share, digits=2)} in {year} "
                  f"(China's {text.pct(float(last['share_CHN']))})")
    if split["after"] is None:
        trend = (f"; no year after {AGREEMENT_YEAR} is in this view (mean {text.pct(split['before'], digits=2)} "
                 f"in {_span(split['before_years'])})")
    else:
        change = 100 * (split["after"] / split["before"] - 1)
        trend = (f"; its mean was {text.pct(split['after'], digits=2)} in {_span(split['after_years'])} against "
                 f"{text.pct(split['before'], digits=2)} in {_span(split['before_years'])} ({text.pct_change(change)})")
        growth_after = annual_growth(shares, "RUS", AGREEMENT_YEAR, split["after_years"][-1])
        growth_before = annual_growth(shares, "RUS", AGREEMENT_YEAR - len(split["after_years"]), AGREEMENT_YEAR)
        if growth_after is not None and growth_before is not None:
            trend += (f"; Russia's trade with {'them' if several else 'it'} grew {text.pct_change(growth_after)} "
                      f"a year after {AGREEMENT_YEAR} against {text.pct_change(growth_before)} before")
    explanation = (
        f"{trade_part}{trend}. Of {len(signed)} signed agreements and projects, {realised} "
        f"({text.pct(100 * realised_share, digits=0)}) {'was' if realised == 1 else 'were'} in force or "
        f"implemented, {failed} stalled or cancelled and {len(signed) - realised - failed} still only signed."
    )
    return Assessment(verdict, share, year, explanation)
