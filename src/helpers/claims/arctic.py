"""Claim tests: the Arctic (abstract sentence 6 and key point 2: China gaining at Russia's expense).

The data hold China's equity in Russia's two flagship Arctic LNG projects (Yamal LNG and
Arctic LNG 2, one row per Chinese buyer), Chinese loans to Yamal LNG, the projects' dated
events with their status, and Northern Sea Route (NSR) cargo and transit counts against the
official targets. ARC-01 is judged on the first three; the NSR figures are the context (how
far Russia's own Arctic plans went), read with :func:`helpers.claims.arctic_route.nsr_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import text
from ..data import Evidence
from .arctic_route import NSR_PUBLISHER_ORDER as NSR_PUBLISHER_ORDER
from .arctic_route import nsr_candidates as nsr_candidates
from .arctic_route import nsr_figures
from .arctic_route import publisher_label as publisher_label
from .arctic_route import publisher_rank as publisher_rank
from .arctic_route import target_gap as target_gap
from .registry import Assessment, Verdict, claim_test

#: Chinese equity series -> (project name, project id in events.csv of China's participation).
PROJECTS = {
    "yamal_lng_chinese_equity": ("Yamal LNG", "yamal-lng"),
    "arctic_lng2_chinese_equity": ("Arctic LNG 2", "arctic-lng-2-chinese-stakes"),
}


# -- Chinese stakes ---------------------------------------------------------------------------


def chinese_stakes(evidence: Evidence) -> pd.DataFrame:
    """Every Chinese equity purchase in the projects of :data:`PROJECTS`, one row per buyer.

    Read from the observations directly, because two buyers of Arctic LNG 2 signed in the same
    year (the accessor ``evidence.series`` would see two sources for one year; here they are two
    stakes, and the project's Chinese total is their sum). The buyer is the first part of the
    row's note, shortened to the company's name (``buyer_note`` keeps the note's first part, e.g.
    "CNODC (subsidiary of CNPC)"). Columns: project, series_id, year, buyer, buyer_note, stake
    (percent), source_id.
    """
    obs = evidence.observations
    rows = obs[obs["series_id"].isin(list(PROJECTS)) & (obs["entity"] == "CHN") & (obs["counterpart"] == "RUS")]
    first_part = rows["note"].fillna("Chinese buyer (not named)").str.split(";").str[0].str.strip()
    out = pd.DataFrame(
        {
            "project": rows["series_id"].map(lambda s: PROJECTS[s][0]),
            "series_id": rows["series_id"],
            "year": rows["year"].astype(int),
            "buyer": first_part.map(buyer_name),
            "buyer_note": first_part,
            "stake": rows["value"].astype(float),
            "source_id": rows["source_id"],
        }
    )
    order = {series: i for i, series in enumerate(PROJECTS)}
    out = out.assign(_order=out["series_id"].map(order))
    return out.sort_values(["_order", "year", "buyer"]).drop(columns="_order").reset_index(drop=True)


def buyer_name(note: str) -> str:
    """The company's name from the first part of a stake's note.

    >>> buyer_name("CNODC (subsidiary of CNPC)"), buyer_name("CNOOC Limited via CEPR"), buyer_name("CNPC")
    ('CNODC', 'CNOOC Limited', 'CNPC')
    """
    return note.split(" (")[0].split(" via ")[0].strip() or note


def position(share: float, *, blocking: float = 25.0, control: float = 50.0) -> str:
    """What a stake (percent) gives its holder: "control", "a blocking minority" or "a minority stake".

    ``blocking`` and ``control`` are the lines (percent) a stake must pass; the defaults are those
    of :class:`ArcticRule`.

    >>> position(29.9), position(20.0), position(50.1), position(29.9, blocking=30.0)
    ('a blocking minority', 'a minority stake', 'control', 'a minority stake')
    """
    if share > control:
        return "control"
    if share > blocking:
        return "a blocking minority"
    return "a minority stake"


@dataclass(frozen=True)
class ArcticRule:
    """The ARC-01 rule: when do China's stakes in Russia's Arctic LNG projects read as "gaining"."""

    #: A stake above this share (percent) is a blocking minority: in a Russian joint-stock
    #: company, charter changes, reorganisation and other key decisions need three quarters of
    #: the votes, so a holder of more than a quarter can veto them (the legal line, not a
    #: judgement of ours; a stake a few points above it is still above it).
    blocking_share: float = 25.0
    #: A stake above this share (percent) is control: a majority of the votes.
    control_share: float = 50.0
    #: Whose stakes make "China's" stake in a project: "state" sums every Chinese state company
    #: and fund that bought in (the claim is about China, and every buyer in the data is owned by
    #: the Chinese state); "buyer" takes the largest single buyer's stake (a veto is a right of
    #: one shareholder; two state buyers block together only if they vote together).
    bloc: str = "state"
    #: China "added" to its stakes if it bought in at least this many different years.
    min_purchase_years: int = 2
    #: A participation whose latest status is one of these has shrunk (China pulled back).
    retreat_statuses: tuple[str, ...] = ("suspended", "cancelled")
    #: How a suspension shared with non-Chinese foreign partners counts (the Arctic LNG 2 force
    #: majeure of December 2023: every foreign shareholder froze financing and offtake under US
    #: sanctions, and kept its stake). "counts": as a pull-back, because the claim's own
    #: contradicting evidence (data/claims.csv) names exactly this, Chinese partners stepping back
    #: under sanctions, as a sign of a limited Chinese presence; "ignored": a step forced by a third
    #: state and taken by all foreign partners alike says nothing about China against Russia.
    shared_suspension: str = "counts"
    #: The series of the share (percent) of Northern Sea Route transit cargo carried from Russia
    #: to China (entity RUS, CHNL's transit overviews); the claim's indicator asks for the
    #: Chinese-linked share of the route. Judged only when the view holds it (2024 on).
    route_series: str = "nsr_transit_share_rus_to_chn"
    #: The route leg says "China gains" if the latest share is above this (percent): most transit
    #: cargo then serves China, the symmetric line between "mostly China's" and "mostly not".
    route_share: float = 50.0

    def __post_init__(self) -> None:
        if self.bloc not in ("state", "buyer"):
            raise ValueError(f"ArcticRule.bloc must be 'state' or 'buyer', got {self.bloc!r}")
        if self.shared_suspension not in ("counts", "ignored"):
            raise ValueError(
                f"ArcticRule.shared_suspension must be 'counts' or 'ignored', got {self.shared_suspension!r}"
            )
        if not 0 < self.blocking_share < self.control_share <= 100:
            raise ValueError(
                f"ArcticRule needs 0 < blocking_share < control_share <= 100, got "
                f"{self.blocking_share} and {self.control_share}"
            )


def chinese_equity(evidence: Evidence, rule: ArcticRule = ArcticRule()) -> pd.DataFrame:
    """China's stake in each project under ``rule``, with the status of China's participation.

    One row per project with at least one Chinese stake in this view. Columns: project,
    chinese_total (percent, the sum of the buyers' stakes), largest_buyer and largest_stake
    (the largest single buyer's stake), stake (what counts as China's stake under ``rule.bloc``),
    buyers (names, as in a sentence), first_year, last_year (of the purchases), position (of
    ``stake``, see :func:`position`), status, status_date and status_parties (of the latest event
    of China's participation, empty if none), shared (that event names a foreign state other
    than China and Russia), retreat (the status is a pull-back under ``rule``).
    """
    stakes = chinese_stakes(evidence)
    status = evidence.project_status().set_index("project")
    parties = evidence.events.set_index("event_id")["parties"]
    rows = []
    for series_id, (name, project_id) in PROJECTS.items():
        mine = stakes[stakes["series_id"] == series_id]
        if mine.empty:
            continue
        total = float(mine["stake"].sum())
        top = mine.sort_values(["stake", "buyer"], ascending=[False, True]).iloc[0]
        stake = total if rule.bloc == "state" else float(top["stake"])
        has_status = project_id in status.index
        rows.append(
            {
                "project": name,
                "chinese_total": total,
                "largest_buyer": top["buyer"],
                "largest_stake": float(top["stake"]),
                "stake": stake,
                "buyers": text.join_words(list(mine["buyer"])),
                "first_year": int(mine["year"].min()),
                "last_year": int(mine["year"].max()),
                "position": position(stake, blocking=rule.blocking_share, control=rule.control_share),
                "status": status.at[project_id, "status"] if has_status else pd.NA,
                "status_date": status.at[project_id, "date"] if has_status else pd.NA,
                "status_parties": parties.get(status.at[project_id, "event_id"], pd.NA) if has_status else pd.NA,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "project",
            "chinese_total",
            "largest_buyer",
            "largest_stake",
            "stake",
            "buyers",
            "first_year",
            "last_year",
            "position",
            "status",
            "status_date",
            "status_parties",
        ],
    )
    out["shared"] = [isinstance(p, str) and bool(set(p.split()) - {"CHN", "RUS"}) for p in out["status_parties"]]
    pulled = out["status"].isin(rule.retreat_statuses)
    if rule.shared_suspension == "ignored":
        pulled &= ~((out["status"] == "suspended") & out["shared"])
    out["retreat"] = pulled.astype(bool)
    return out


def chinese_loans(evidence: Evidence) -> pd.DataFrame:
    """Chinese loans to Yamal LNG (US$ million as converted by each source), one row per year."""
    return evidence.series("yamal_lng_chinese_loans_usd", entity="CHN", counterpart="RUS")


def route_share(evidence: Evidence, rule: ArcticRule = ArcticRule()) -> pd.Series | None:
    """The latest figure of ``rule.route_series`` in this view (chosen as :func:`nsr_figures` does), or None."""
    obs = evidence.observations
    if not ((obs["series_id"] == rule.route_series) & (obs["entity"] == "RUS")).any():
        return None
    return nsr_figures(evidence, rule.route_series).iloc[-1]


def _equity_verdict(added: bool, say: bool, pulled_back: bool) -> Verdict:
    if added and say and not pulled_back:
        return Verdict.SUPPORTED
    if not say and (pulled_back or not added):
        return Verdict.CONTRADICTED
    return Verdict.MIXED


def _weigh_route(equity: Verdict, route_gain: bool | None) -> Verdict:
    """The route leg, where the view holds it, softens a verdict it disagrees with to mixed."""
    if route_gain is None:
        return equity
    if (equity is Verdict.SUPPORTED and not route_gain) or (equity is Verdict.CONTRADICTED and route_gain):
        return Verdict.MIXED
    return equity


ALTERNATIVES = {
    "blocking_share": {
        20.0: "A fifth of the shares: the usual accounting line for significant influence, and a board seat.",
        30.0: "A margin above the legal quarter: a stake just over the line is a thin veto.",
    },
    "bloc": {
        "buyer": "A veto belongs to one shareholder: count the largest single buyer, not the sum of state buyers.",
    },
    "shared_suspension": {
        "ignored": "A freeze forced by US sanctions and shared by every foreign partner says nothing about China.",
    },
}


@claim_test(
    "ARC-01",
    metric="largest Chinese equity share in a Russian Arctic LNG project",
    unit="percent",
    rule=ArcticRule,
    alternatives=ALTERNATIVES,
)
def china_gaining_arctic(evidence: Evidence, rule: ArcticRule) -> Assessment:
    """China's stakes in Russia's flagship Arctic LNG projects (Yamal LNG, Arctic LNG 2).

    Three things are read from the data in view: whether China *added* to its stakes over
    time (purchases in at least ``rule.min_purchase_years`` different years), whether its largest
    stake in one project (``rule.bloc``: the sum of its state buyers, or its largest buyer) gives
    it a say over the project (more than ``rule.blocking_share`` %, a blocking minority), and
    whether China *pulled back* (its participation suspended or cancelled; a suspension shared
    with other foreign partners as ``rule.shared_suspension`` says).

    Supported if China added stakes over time, holds more than a blocking minority in at least
    one project, and pulled back from none. Contradicted if China never got beyond a minority
    stake without veto and either pulled back or never added to its stakes. Mixed otherwise.
    Where the view holds the share of Northern Sea Route transit cargo carried from Russia to
    China (``rule.route_series``), that route leg turns a verdict it disagrees with into mixed.
    """
    equity = chinese_equity(evidence, rule)
    if equity.empty:
        return Assessment.no_data("No Chinese stake in a Russian Arctic LNG project is recorded in this view.")
    stakes = chinese_stakes(evidence)
    years = sorted(int(y) for y in stakes["year"].unique())
    peak = float(equity["stake"].max())
    retreats = equity[equity["retreat"]]
    verdict = _equity_verdict(len(years) >= rule.min_purchase_years, peak > rule.blocking_share, not retreats.empty)
    route = route_share(evidence, rule)
    route_gain = None if route is None else bool(route["value"] > rule.route_share)
    verdict = _weigh_route(verdict, route_gain)

    whose = (
        "the largest stake (Chinese state buyers together)"
        if rule.bloc == "state"
        else "the largest stake of one Chinese buyer"
    )
    holdings = [
        f"{text.pct(r.chinese_total)} of {r.project} ({r.buyers}, bought in "
        f"{text.year_span(r.first_year, r.last_year)})"
        for r in equity.itertuples()
    ]
    top = equity.loc[equity["stake"].idxmax()]
    parts = [
        f"Chinese state buyers held {text.join_words(holdings)}",
        f"stakes were bought in {text.join_words([str(y) for y in years])}",
        f"{whose}, {text.pct(peak)} of {top['project']}"
        + ("" if rule.bloc == "state" else f" ({top['largest_buyer']})")
        + f", is {top['position']}, {text.number(abs(peak - rule.blocking_share), digits=1)} points "
        f"{'above' if peak > rule.blocking_share else 'below'} the {text.pct(rule.blocking_share, digits=0)} "
        "line of a blocking minority",
    ]
    pauses = equity[equity["status"].isin(rule.retreat_statuses)]
    if pauses.empty:
        parts.append("no Chinese participation was suspended or cancelled")
    for r in pauses.itertuples():
        with_whom = [evidence.entity_name(p) for p in str(r.status_parties).split() if p not in ("CHN", "RUS")]
        shared = f", together with the partners from {text.join_words(with_whom)}" if r.shared else ""
        counted = "" if r.retreat else " (not counted: a freeze shared by every foreign partner)"
        parts.append(f"China's participation in {r.project} was {r.status} ({r.status_date}){shared}{counted}")
    loans = chinese_loans(evidence)
    if not loans.empty:
        parts.append(
            f"Chinese lenders signed {text.usd_million(loans['value'].sum())} of loans to Yamal LNG "
            f"in {text.year_span(loans['year'].min(), loans['year'].max())}"
        )
    if route is None:
        parts.append(
            "the share of Northern Sea Route transit cargo carried from Russia to China is not in this "
            "view, so the route does not enter the verdict"
        )
    else:
        parts.append(
            f"{text.pct(route['value'])} of Northern Sea Route transit cargo was carried from Russia to China in "
            f"{int(route['year'])}, {'above' if route_gain else 'not above'} the "
            f"{text.pct(rule.route_share, digits=0)} line"
        )
    event_years = [int(str(d)[:4]) for d in equity["status_date"].dropna()]
    route_years = [] if route is None else [int(route["year"])]
    year = int(max([*years, *event_years, *route_years]))
    return Assessment(verdict, peak, year, "; ".join(parts) + ".")
