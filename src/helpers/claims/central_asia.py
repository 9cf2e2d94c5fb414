"""Claim tests: Central Asia (abstract sentence 6: 'losing ground to China ... Central Asia').

CAS-01 asks whether China's weight in the five Central Asian states' trade is rising at
Russia's expense. Trade between a Central Asian state and China or Russia is recorded twice:
by the state itself (the *reporter* side) and by China or Russia (the *partner*, or mirror,
side). The two records differ a lot in this region: the states' customs miss much of the
informal and transit trade with China, and China records goods that pass through a state
(Kyrgyzstan above all) as exports to that state. The test therefore reads both sides and
only gives a firm verdict when they agree. Every choice it makes is a field of
:class:`~helpers.claims.central_asia_rule.CentralAsiaRule`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pandas as pd

from .. import indicators, text
from ..data import Evidence
from .central_asia_rule import CA5 as CA5
from .central_asia_rule import DIRECTIONS as DIRECTIONS
from .central_asia_rule import POWERS, SIDE_NAMES, CentralAsiaRule, check_side
from .registry import Assessment, Verdict, claim_test

#: The published rule: the default of the functions below.
PUBLISHED = CentralAsiaRule()


def bilateral(
    evidence: Evidence, state: str, power: str, side: str = "reporter", rule: CentralAsiaRule = PUBLISHED
) -> pd.DataFrame:
    """Trade (exports + imports, US$ million) between ``state`` and ``power``, per year.

    ``side="reporter"``: as ``state`` reports it; ``side="partner"``: as ``power`` reports it.
    IMF years are exports plus imports; with ``rule.own_figures``, later published turnovers
    (chosen by ``rule.published_sources``) follow. Columns: year, value, sources.
    """
    check_side(side)
    reporter, partner = (state, power) if side == "reporter" else (power, state)
    return _turnover(evidence, reporter, partner, rule)[["year", "value", "sources"]]


def _turnover(evidence: Evidence, reporter: str, partner: str, rule: CentralAsiaRule) -> pd.DataFrame:
    return indicators.turnover(
        evidence, reporter, partner, include_published=rule.own_figures, published_sources=rule.published_sources
    )


def _consecutive_mean(frame: pd.DataFrame, column: str, window: int) -> pd.Series:
    """Mean of ``column`` over the ``window`` calendar years ending in each row's year.

    Empty (NaN) unless every one of those years has a value: a window never jumps a gap.
    """
    values = {int(year): value for year, value in zip(frame["year"], frame[column])}
    averaged = []
    for year in frame["year"].astype(int):
        found = [values.get(y) for y in range(year - window + 1, year + 1)]
        complete = all(v is not None and not pd.isna(v) for v in found)
        averaged.append(sum(found) / window if complete else float("nan"))
    return pd.Series(averaged, index=frame.index, dtype="float64")


def _share_table(evidence: Evidence, state: str, side: str, rule: CentralAsiaRule) -> pd.DataFrame:
    """Per year: the state's total trade and its trade with China and Russia on ``side``.

    Years in ``rule.breaks`` are left out. Remembered per Evidence under every rule field it
    reads. Columns: year, CHN, RUS, total (US$ million), sources.
    """
    key = (state, side, rule.own_figures, rule.published_sources, rule.breaks)
    return evidence.remember("central_asia.share_table", key, lambda: _build_share_table(evidence, state, side, rule))


def _build_share_table(evidence: Evidence, state: str, side: str, rule: CentralAsiaRule) -> pd.DataFrame:
    total = _turnover(evidence, state, "WLD", rule)[["year", "value", "sources"]].rename(
        columns={"value": "total", "sources": "s_total"}
    )
    for power in POWERS:
        found = bilateral(evidence, state, power, side, rule).rename(columns={"value": power, "sources": f"s_{power}"})
        total = total.merge(found, on="year")
    skip = [year for code, year in rule.breaks if code == state]
    table = total[~total["year"].isin(skip)].sort_values("year").reset_index(drop=True)
    table["sources"] = [
        indicators.merge_sources(*parts) for parts in zip(table["s_total"], table["s_CHN"], table["s_RUS"])
    ]
    return table[["year", "CHN", "RUS", "total", "sources"]].astype({"year": "Int64"})


def share_gap(
    evidence: Evidence, state: str, side: str = "reporter", rule: CentralAsiaRule = PUBLISHED
) -> pd.DataFrame:
    """China's minus Russia's share of ``state``'s trade (percentage points), per year.

    ``side="reporter"`` (default): both bilateral figures and the total are the state's own
    reports (the same shares as :func:`helpers.indicators.trade_share` in IMF years).
    ``side="partner"``: the bilateral figures are China's and Russia's reports of their trade
    with the state, divided by the state's own total (the only total there is). A partner-side
    "share" can exceed 100 % where the partners record much more trade than the state does;
    read its sign (who leads) before its size. Years in ``rule.breaks`` are left out.

    Columns: year, share_CHN, share_RUS, gap, gap_avg (mean of the gap over the
    ``rule.window`` consecutive calendar years ending in that year; empty if any of them is
    missing), sources.
    """
    check_side(side)
    key = (state, side, rule.own_figures, rule.published_sources, rule.breaks, rule.window)
    return evidence.remember("central_asia.share_gap", key, lambda: _share_gap(evidence, state, side, rule))


def _share_gap(evidence: Evidence, state: str, side: str, rule: CentralAsiaRule) -> pd.DataFrame:
    table = _share_table(evidence, state, side, rule)
    out = pd.DataFrame(
        {
            "year": table["year"],
            "share_CHN": 100 * table["CHN"] / table["total"],
            "share_RUS": 100 * table["RUS"] / table["total"],
        }
    )
    out["gap"] = out["share_CHN"] - out["share_RUS"]
    out["gap_avg"] = _consecutive_mean(out, "gap", rule.window)
    out["sources"] = table["sources"]
    return out.reset_index(drop=True)


def weighted_shares(evidence: Evidence, side: str = "reporter", rule: CentralAsiaRule = PUBLISHED) -> pd.DataFrame:
    """China's and Russia's shares of the combined trade of ``rule.states``, percent, per year.

    The trade-weighted counterpart of :func:`share_gap`: the states' trade with each power
    (on ``side``) summed and divided by the sum of the states' own totals, for years in which
    every state has all three figures (a year missing one state would be a different region).
    Columns: year, share_CHN, share_RUS, avg_CHN, avg_RUS (means over ``rule.window``
    consecutive years; empty if any is missing), sources.
    """
    key = (side, rule.states, rule.own_figures, rule.published_sources, rule.breaks, rule.window)
    return evidence.remember("central_asia.weighted", key, lambda: _weighted_shares(evidence, side, rule))


def _weighted_shares(evidence: Evidence, side: str, rule: CentralAsiaRule) -> pd.DataFrame:
    stacked = pd.concat([_share_table(evidence, state, side, rule) for state in rule.states], ignore_index=True)
    summed = stacked.groupby("year", sort=True).agg(
        CHN=("CHN", "sum"),
        RUS=("RUS", "sum"),
        total=("total", "sum"),
        n=("total", "size"),
        sources=("sources", indicators.merge_sources),
    )
    summed = summed[summed["n"] == len(rule.states)].reset_index()
    out = pd.DataFrame({"year": summed["year"].astype("Int64")})
    for power in POWERS:
        out[f"share_{power}"] = (100 * summed[power] / summed["total"]).astype("float64")
        out[f"avg_{power}"] = _consecutive_mean(out, f"share_{power}", rule.window)
    out["sources"] = summed["sources"]
    return out


def china_of_two(
    evidence: Evidence, state: str, side: str = "reporter", rule: CentralAsiaRule = PUBLISHED
) -> pd.DataFrame:
    """China's share of ``state``'s trade with China and Russia combined, in percent, per year.

    Above 50 % China leads. Unlike :func:`share_gap` it needs no total, so it is comparable
    between the reporter and the partner side. ``lead`` is China's minus Russia's share of that
    combined trade, in percentage points (``2 * china_pct - 100``). Columns: year, CHN, RUS
    (US$ million), china_pct, lead, lead_avg (mean of lead over ``rule.window`` consecutive
    years), sources.
    """
    chn = bilateral(evidence, state, "CHN", side, rule)
    rus = bilateral(evidence, state, "RUS", side, rule)
    both = chn.merge(rus, on="year", suffixes=("_CHN", "_RUS"))
    skip = {year for code, year in rule.breaks if code == state}
    both = both[~both["year"].isin(skip)]
    out = pd.DataFrame({"year": both["year"].astype("Int64"), "CHN": both["value_CHN"], "RUS": both["value_RUS"]})
    out["china_pct"] = 100 * out["CHN"] / (out["CHN"] + out["RUS"])
    out["lead"] = 100 * (out["CHN"] - out["RUS"]) / (out["CHN"] + out["RUS"])
    out["lead_avg"] = _consecutive_mean(out, "lead", rule.window)
    out["sources"] = [indicators.merge_sources(a, b) for a, b in zip(both["sources_CHN"], both["sources_RUS"])]
    return out.reset_index(drop=True)


def remittances_share_of_gdp(evidence: Evidence, state: str) -> pd.DataFrame:
    """Personal remittances received by ``state`` as a percent of its GDP, per year (WDI).

    Both series are the World Bank's (current US$). Columns: year, remittances, gdp (US$),
    pct, sources.
    """
    rem = evidence.series("remittances_received_usd", entity=state, counterpart="-")
    gdp = evidence.series("gdp_current_usd", entity=state, counterpart="-")
    both = rem.merge(gdp, on="year", suffixes=("_rem", "_gdp"))
    out = pd.DataFrame(
        {"year": both["year"].astype("Int64"), "remittances": both["value_rem"], "gdp": both["value_gdp"]}
    )
    out["pct"] = 100 * out["remittances"] / out["gdp"]
    out["sources"] = [indicators.merge_sources(a, b) for a, b in zip(both["source_id_rem"], both["source_id_gdp"])]
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class SideReading:
    """What one side's statistics say: the verdict of the rule and the numbers behind it."""

    side: str
    verdict: Verdict
    n_states: int
    ahead: tuple[str, ...]
    median_gap: float
    median_change: float | None
    first_year: int
    last_year: int
    table: pd.DataFrame
    rule: CentralAsiaRule
    #: The trade-weighted shares (percent) in the base and latest windows, and those windows'
    #: last years: ``{"CHN": (base, latest), "RUS": (base, latest)}``; None if not measurable.
    weighted: dict | None = None
    weighted_years: tuple[int, int] | None = None

    @property
    def towards_china(self) -> bool:
        """Whether the move the rule reads went China's way (no measurable move: it did not)."""
        if self.rule.direction == "median":
            return self.median_change is not None and self.median_change > 0
        if self.weighted is None:
            return False
        (c0, c1), (r0, r1) = self.weighted["CHN"], self.weighted["RUS"]
        return c1 - c0 > self.rule.flat_pp and r0 - r1 > self.rule.flat_pp

    def sentence(self, evidence: Evidence) -> str:
        w, t = self.rule.window, self.rule.trend_years
        names = text.join_words([evidence.entity_name(code) for code in self.ahead]) or "none of them"
        window = (
            f"the {w} years to {self.last_year}"
            if self.first_year == self.last_year
            else f"each state's latest {w} years (ending {text.year_span(self.first_year, self.last_year)})"
        )
        change = (
            "no state has a window that far back"
            if self.median_change is None
            else f"moved {text.pp(self.median_change)} over the previous {t} years"
        )
        out = (
            f"On {SIDE_NAMES[self.side]}, averaged over {window}, China's share of trade exceeded "
            f"Russia's in {len(self.ahead)} of {self.n_states} states ({names}); the median gap "
            f"(China minus Russia) was {text.pp(self.median_gap)} and {change}."
        )
        if self.rule.direction == "weighted":
            if self.weighted is None:
                out += (
                    f" The states' combined trade has no two complete {w}-year windows {t} years apart, "
                    f"so no move at Russia's expense can be measured."
                )
            else:
                (c0, c1), (r0, r1) = self.weighted["CHN"], self.weighted["RUS"]
                base, last = self.weighted_years
                out += (
                    f" Of the {len(self.rule.states)} states' combined trade, China's share went from "
                    f"{text.pct(c0)} ({w} years to {base}) to {text.pct(c1)} ({w} years to {last}) and "
                    f"Russia's from {text.pct(r0)} to {text.pct(r1)} (a move of {text.number(self.rule.flat_pp, digits=1)} pp "
                    f"or less counts as none): "
                    + (
                        "China gained while Russia lost."
                        if self.towards_china
                        else "not a gain for China at Russia's expense."
                    )
                )
        return out


def _weighted_move(evidence: Evidence, side: str, rule: CentralAsiaRule) -> tuple[dict | None, tuple | None]:
    shares = weighted_shares(evidence, side, rule).dropna(subset=["avg_CHN", "avg_RUS"])
    if shares.empty:
        return None, None
    last = shares.iloc[-1]
    before = shares[shares["year"] <= last["year"] - rule.trend_years]
    if before.empty:
        return None, None
    base = before.iloc[-1]
    moves = {p: (float(base[f"avg_{p}"]), float(last[f"avg_{p}"])) for p in POWERS}
    return moves, (int(base["year"]), int(last["year"]))


def read_side(evidence: Evidence, side: str, rule: CentralAsiaRule = PUBLISHED) -> SideReading | None:
    """Apply the CAS-01 rule to one side's statistics; ``None`` if too few states have data.

    The table (one row per state) has: state, year (last year with a ``rule.window``-year
    average), gap_avg, base_year (the last such year at least ``rule.trend_years`` earlier),
    base_gap_avg, change.
    """
    rows = []
    for state in rule.states:
        gaps = share_gap(evidence, state, side, rule).dropna(subset=["gap_avg"])
        if gaps.empty:
            continue
        last = gaps.iloc[-1]
        before = gaps[gaps["year"] <= last["year"] - rule.trend_years]
        base = before.iloc[-1] if not before.empty else None
        rows.append(
            {
                "state": state,
                "year": int(last["year"]),
                "gap_avg": float(last["gap_avg"]),
                "base_year": None if base is None else int(base["year"]),
                "base_gap_avg": None if base is None else float(base["gap_avg"]),
                "change": None if base is None else float(last["gap_avg"]) - float(base["gap_avg"]),
            }
        )
    if len(rows) < rule.min_states:
        return None
    table = pd.DataFrame(rows).astype(
        {"year": "Int64", "base_year": "Int64", "gap_avg": "float64", "base_gap_avg": "float64", "change": "float64"}
    )
    ahead = tuple(table.loc[table["gap_avg"] > 0, "state"])
    changes = table["change"].dropna()
    median_change = float(statistics.median(changes)) if not changes.empty else None
    weighted, weighted_years = _weighted_move(evidence, side, rule)
    reading = SideReading(
        side,
        Verdict.MIXED,
        len(table),
        ahead,
        float(statistics.median(table["gap_avg"])),
        median_change,
        int(table["year"].min()),
        int(table["year"].max()),
        table,
        rule,
        weighted,
        weighted_years,
    )
    if len(ahead) >= rule.min_states and reading.towards_china:
        verdict = Verdict.SUPPORTED
    elif len(table) - len(ahead) >= rule.min_states and not reading.towards_china:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    return SideReading(**{**reading.__dict__, "verdict": verdict})


@claim_test(
    "CAS-01",
    metric="median across the five states of China's minus Russia's share of trade",
    unit="percentage points",
    rule=CentralAsiaRule,
    alternatives={
        "sides": {
            ("reporter",): "The states' own customs only: the figures their governments publish.",
            ("partner",): "China's and Russia's customs only: they catch the informal border trade the states miss.",
        },
        "window": {1: "Single years: what a reader of one year's statistics sees."},
        "direction": {
            "median": "The median state's gap, as published before: each state counts the same, whatever its trade."
        },
        "breaks": {(): "Keep Kazakhstan's 2010 as recorded: no judgement about which year is broken."},
    },
)
def losing_ground_central_asia(evidence: Evidence, rule: CentralAsiaRule) -> Assessment:
    """On one side's statistics (gaps and shares averaged over ``rule.window`` consecutive years):

    - supported if China's share exceeds Russia's in at least ``rule.min_states`` states and,
      over ``rule.trend_years`` years, the trade moved China's way: by default China's share of
      the states' combined trade rose *and* Russia's fell (``direction="median"``: the median
      state's gap rose);
    - contradicted if Russia leads in at least ``rule.min_states`` states and the trade did not
      move China's way;
    - mixed otherwise.

    Every side in ``rule.sides`` with data for enough states is read. The verdict is the sides'
    common verdict if they agree, and mixed if they do not. The value is the median gap on the
    first side with data.
    """
    readings = [r for r in (read_side(evidence, side, rule) for side in rule.sides) if r is not None]
    if not readings:
        return Assessment.no_data(
            f"Fewer than {rule.min_states} Central Asian states have trade shares for China and Russia."
        )
    verdicts = {r.verdict for r in readings}
    verdict = verdicts.pop() if len(verdicts) == 1 else Verdict.MIXED
    sentences = [r.sentence(evidence) for r in readings]
    if len(readings) > 1:
        if len({r.verdict for r in readings}) == 1:
            sentences.append(f"Both sides give the same reading ({readings[0].verdict}).")
        else:
            parts = text.join_words([f"{r.side} side {r.verdict}" for r in readings])
            sentences.append(f"The two sides disagree ({parts}), so the verdict is mixed.")
    return Assessment(verdict, readings[0].median_gap, max(r.last_year for r in readings), " ".join(sentences))
