"""Claim tests: Central Asia (abstract sentence 6: 'losing ground to China ... Central Asia').

CAS-01 asks whether China's weight in the five Central Asian states' trade is rising at
Russia's expense. Trade between a Central Asian state and China or Russia is recorded twice:
by the state itself (the *reporter* side) and by China or Russia (the *partner*, or mirror,
side). The two records differ a lot in this region: the states' customs miss much of the
informal and transit trade with China, and China records goods that pass through a state
(Kyrgyzstan above all) as exports to that state. The test therefore reads both sides
(:data:`SIDES`) and only gives a firm verdict when they agree.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .. import indicators, text
from ..data import AmbiguousSourceError, Evidence
from .registry import Assessment, Verdict, claim_test

CA5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
POWERS = ("CHN", "RUS")
#: Every code whose trade the tests read (the five states, the two powers, the world).
_CODES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN", "RUS", "WLD")
#: "Steadily losing ground" is judged over this many years before the latest year.
TREND_YEARS = 10
#: Gaps are averaged over this many consecutive calendar years, so one odd year (2020's closed
#: borders, a change in how a customs union records trade) does not decide the verdict.
WINDOW = 3
#: Whose statistics the verdict reads, in order: "reporter" (each state's own reports to the
#: IMF) and "partner" (China's and Russia's reports of their trade with the state). The first
#: side with data gives the metric's value; with several sides, a verdict is supported or
#: contradicted only if every side with data gives it, and mixed otherwise.
SIDES = ("reporter", "partner")
#: How the sides are named in sentences.
SIDE_NAMES = {"reporter": "each state's own reports", "partner": "China's and Russia's own reports"}


def _check_side(side: str) -> None:
    if side not in SIDE_NAMES:
        raise ValueError(f"side must be one of {', '.join(map(repr, SIDE_NAMES))}, got {side!r}")


def bilateral(evidence: Evidence, state: str, power: str, side: str = "reporter") -> pd.DataFrame:
    """Trade (exports + imports, US$ million) between ``state`` and ``power``, per year.

    ``side="reporter"``: as ``state`` reports it; ``side="partner"``: as ``power`` reports it.
    Only years with both flows reported are kept (no published turnovers, so every year is on
    the same exports-plus-imports basis): the same figures as
    ``indicators.turnover(evidence, reporter, partner, include_published=False)``, read in one
    pass per dataset so that the test runs fast. Columns: year, value, sources.
    """
    _check_side(side)
    reporter, partner = (state, power) if side == "reporter" else (power, state)
    return _pair(evidence, reporter, partner)


def _pair(evidence: Evidence, reporter: str, partner: str) -> pd.DataFrame:
    """``reporter``'s exports + imports with ``partner`` per year (columns year, value, sources)."""
    found = _pair_dict(evidence, reporter, partner)
    return pd.DataFrame({
        "year": pd.array(sorted(found), dtype="Int64"),
        "value": pd.array([found[y][0] for y in sorted(found)], dtype="float64"),
        "sources": pd.array([found[y][1] for y in sorted(found)], dtype="str"),
    })


def _pair_dict(evidence: Evidence, reporter: str, partner: str) -> dict[int, tuple[float, str]]:
    unknown = sorted({reporter, partner} - set(_CODES))
    if unknown:
        raise ValueError(f"this module reads trade among {', '.join(_CODES)} only, not {', '.join(unknown)}; "
                         "use helpers.indicators.turnover for other pairs")
    pairs, ambiguous = _flows(evidence)
    if (reporter, partner) in ambiguous:
        raise AmbiguousSourceError(
            f"{reporter}->{partner}: several sources give exports or imports for the same year; "
            "choose one in data/ or with indicators.turnover(..., published_sources=...)")
    return pairs.get((reporter, partner), {})


@lru_cache(maxsize=16)
def _flows(evidence: Evidence) -> tuple[dict, frozenset]:
    """Exports + imports for every pair among the five states, China, Russia and the world.

    One pass per dataset object (cached): returns ({(reporter, partner): {year: (value,
    sources)}}, pairs with duplicate sources). An :class:`~helpers.data.Evidence` is hashed by
    identity and a new view is a new object, so the cache never mixes two views.
    """
    codes = set(_CODES)
    obs = evidence.observations
    rows = obs[obs["series_id"].isin([indicators.EXPORTS, indicators.IMPORTS])
               & obs["entity"].isin(codes) & obs["counterpart"].isin(codes)]
    flows: dict[tuple, dict[str, list]] = {}
    for row in rows[["series_id", "entity", "counterpart", "year", "value", "source_id"]].itertuples(index=False):
        flows.setdefault((row.entity, row.counterpart, int(row.year)), {}).setdefault(row.series_id, []).append(
            (float(row.value), str(row.source_id)))
    pairs: dict[tuple, dict] = {}
    ambiguous = set()
    for (entity, counterpart, year), by_series in sorted(flows.items()):
        if any(len(found) > 1 for found in by_series.values()):
            ambiguous.add((entity, counterpart))
            continue
        if set(by_series) != {indicators.EXPORTS, indicators.IMPORTS}:
            continue
        (x, x_src), = by_series[indicators.EXPORTS]
        (m, m_src), = by_series[indicators.IMPORTS]
        pairs.setdefault((entity, counterpart), {})[year] = (x + m, "+".join(sorted({x_src, m_src})))
    return pairs, frozenset(ambiguous)


def _join_sources(left, right) -> list[str]:
    return ["+".join(sorted(set(a.split("+")) | set(b.split("+")))) for a, b in zip(left, right)]


def _consecutive_mean(frame: pd.DataFrame, column: str) -> pd.Series:
    """Mean of ``column`` over the ``WINDOW`` calendar years ending in each row's year.

    Empty (NaN) unless every one of those years has a value: a window never jumps a gap.
    """
    values = {int(year): value for year, value in zip(frame["year"], frame[column])}
    averaged = []
    for year in frame["year"].astype(int):
        window = [values.get(y) for y in range(year - WINDOW + 1, year + 1)]
        complete = all(v is not None and not pd.isna(v) for v in window)
        averaged.append(sum(window) / WINDOW if complete else float("nan"))
    return pd.Series(averaged, index=frame.index, dtype="float64")


def share_gap(evidence: Evidence, state: str, side: str = "reporter") -> pd.DataFrame:
    """China's minus Russia's share of ``state``'s trade (percentage points), per year.

    ``side="reporter"`` (default): both bilateral figures and the total are the state's own
    reports (the same shares as :func:`helpers.indicators.trade_share`). ``side="partner"``: the bilateral figures
    are China's and Russia's reports of their trade with the state, divided by the state's own
    total (the only total there is). A partner-side "share" can exceed 100 % where the partners
    record much more trade than the state does; read its sign (who leads) before its size.

    Columns: year, share_CHN, share_RUS, gap, gap_avg (mean of the gap over the ``WINDOW``
    consecutive calendar years ending in that year; empty if any of them is missing), sources.
    """
    _check_side(side)
    total = _pair_dict(evidence, state, "WLD")
    found = {p: _pair_dict(evidence, *((state, p) if side == "reporter" else (p, state))) for p in POWERS}
    years = sorted(set(total) & set(found["CHN"]) & set(found["RUS"]))
    out = pd.DataFrame({
        "year": pd.array(years, dtype="Int64"),
        "share_CHN": pd.array([100 * found["CHN"][y][0] / total[y][0] for y in years], dtype="float64"),
        "share_RUS": pd.array([100 * found["RUS"][y][0] / total[y][0] for y in years], dtype="float64"),
    })
    out["gap"] = out["share_CHN"] - out["share_RUS"]
    out["gap_avg"] = _consecutive_mean(out, "gap")
    out["sources"] = pd.array(["+".join(sorted(set("+".join((total[y][1], found["CHN"][y][1], found["RUS"][y][1])).split("+"))))
                               for y in years], dtype="str")
    return out.sort_values("year").reset_index(drop=True)


def china_of_two(evidence: Evidence, state: str, side: str = "reporter") -> pd.DataFrame:
    """China's share of ``state``'s trade with China and Russia combined, in percent, per year.

    Above 50 % China leads. Unlike :func:`share_gap` it needs no total, so it is comparable
    between the reporter and the partner side. ``lead`` is China's minus Russia's share of that
    combined trade, in percentage points (``2 * china_pct - 100``: zero when they are equal,
    +100 if all of it is with China). Columns: year, CHN, RUS (US$ million), china_pct, lead,
    lead_avg (mean of lead over ``WINDOW`` consecutive years), sources.
    """
    chn = bilateral(evidence, state, "CHN", side)
    rus = bilateral(evidence, state, "RUS", side)
    both = chn.merge(rus, on="year", suffixes=("_CHN", "_RUS"))
    out = pd.DataFrame({"year": both["year"].astype("Int64"), "CHN": both["value_CHN"], "RUS": both["value_RUS"]})
    out["china_pct"] = 100 * out["CHN"] / (out["CHN"] + out["RUS"])
    out["lead"] = 100 * (out["CHN"] - out["RUS"]) / (out["CHN"] + out["RUS"])
    out["lead_avg"] = _consecutive_mean(out, "lead")
    out["sources"] = _join_sources(both["sources_CHN"], both["sources_RUS"])
    return out.reset_index(drop=True)


def remittances_share_of_gdp(evidence: Evidence, state: str) -> pd.DataFrame:
    """Personal remittances received by ``state`` as a percent of its GDP, per year (WDI).

    Both series are the World Bank's (current US$). Columns: year, remittances, gdp (US$),
    pct, sources.
    """
    rem = evidence.series("remittances_received_usd", entity=state, counterpart="-")
    gdp = evidence.series("gdp_current_usd", entity=state, counterpart="-")
    both = rem.merge(gdp, on="year", suffixes=("_rem", "_gdp"))
    out = pd.DataFrame({"year": both["year"].astype("Int64"), "remittances": both["value_rem"],
                        "gdp": both["value_gdp"]})
    out["pct"] = 100 * out["remittances"] / out["gdp"]
    out["sources"] = ["+".join(sorted({a, b})) for a, b in zip(both["source_id_rem"], both["source_id_gdp"])]
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

    def sentence(self, evidence: Evidence) -> str:
        names = text.join_words([evidence.entity_name(code) for code in self.ahead]) or "none of them"
        window = (f"the {WINDOW} years to {self.last_year}" if self.first_year == self.last_year else
                  f"each state's latest {WINDOW} years (ending {text.year_span(self.first_year, self.last_year)})")
        change = ("no state has a window that far back" if self.median_change is None else
                  f"moved {text.pp(self.median_change)} over the previous {TREND_YEARS} years")
        return (f"On {SIDE_NAMES[self.side]}, averaged over {window}, China's share of trade exceeded "
                f"Russia's in {len(self.ahead)} of {self.n_states} states ({names}); the median gap "
                f"(China minus Russia) was {text.pp(self.median_gap)} and {change}.")


def read_side(evidence: Evidence, side: str) -> SideReading | None:
    """Apply the CAS-01 rule to one side's statistics; ``None`` if fewer than three states have data.

    The table (one row per state) has: state, year (last year with a ``WINDOW``-year average),
    gap_avg, base_year (the last such year at least ``TREND_YEARS`` earlier), base_gap_avg,
    change.
    """
    rows = []
    for state in CA5:
        gaps = share_gap(evidence, state, side).dropna(subset=["gap_avg"])
        if gaps.empty:
            continue
        last = gaps.iloc[-1]
        before = gaps[gaps["year"] <= last["year"] - TREND_YEARS]
        base = before.iloc[-1] if not before.empty else None
        rows.append({
            "state": state, "year": int(last["year"]), "gap_avg": float(last["gap_avg"]),
            "base_year": None if base is None else int(base["year"]),
            "base_gap_avg": None if base is None else float(base["gap_avg"]),
            "change": None if base is None else float(last["gap_avg"]) - float(base["gap_avg"]),
        })
    if len(rows) < 3:
        return None
    table = pd.DataFrame(rows).astype({"year": "Int64", "base_year": "Int64", "gap_avg": "float64",
                                       "base_gap_avg": "float64", "change": "float64"})
    ahead = tuple(table.loc[table["gap_avg"] > 0, "state"])
    changes = table["change"].dropna()
    median_gap = float(statistics.median(table["gap_avg"]))
    median_change = float(statistics.median(changes)) if not changes.empty else None
    trend = median_change if median_change is not None else 0.0
    n_states = len(table)
    if len(ahead) >= 3 and trend > 0:
        verdict = Verdict.SUPPORTED
    elif n_states - len(ahead) >= 3 and trend <= 0:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.MIXED
    return SideReading(side, verdict, n_states, ahead, median_gap, median_change,
                       int(table["year"].min()), int(table["year"].max()), table)


@claim_test("CAS-01", metric="median across the five states of China's minus Russia's share of trade",
            unit="percentage points")
def losing_ground_central_asia(evidence: Evidence) -> Assessment:
    """Gaps (China's minus Russia's share of a state's trade) are averaged over ``WINDOW``
    consecutive years.

    The rule, on one side's statistics: supported if China's share exceeds Russia's in at least
    three of the five states and the median gap moved in China's favour over ``TREND_YEARS``
    years; contradicted if Russia leads in at least three and the gap did not move in China's
    favour; mixed otherwise.

    The rule is applied to every side in ``SIDES`` that has data for at least three states
    (the reporter side: each state's own reports; the partner side: China's and Russia's
    reports). The verdict is the sides' common verdict if they agree, and mixed if they do
    not: in Central Asia the two records of the same trade differ so much that a verdict one
    side gives and the other denies is not a finding about the claim. The value is the median
    gap on the first side with data (the reporter side, if it has data).

    Changed from the first version of this test: (1) the partner side is read too (before,
    only the reporter side); (2) the ``WINDOW``-year average now needs consecutive calendar
    years (before, it averaged the last three rows, so a year after a gap in a series was
    averaged with years before the gap).
    """
    readings = [r for r in (read_side(evidence, side) for side in SIDES) if r is not None]
    if not readings:
        return Assessment.no_data("Fewer than three Central Asian states have trade shares for China and Russia.")
    verdicts = {r.verdict for r in readings}
    verdict = verdicts.pop() if len(verdicts) == 1 else Verdict.MIXED
    sentences = [r.sentence(evidence) for r in readings]
    if len(readings) > 1:
        if len({r.verdict for r in readings}) == 1:
            sentences.append(f"Both sides give the same reading ({readings[0].verdict}).")
        else:
            parts = text.join_words([f"{r.side} side {r.verdict}" for r in readings])
            sentences.append(f"The two sides disagree ({parts}), so the verdict is mixed.")
    first = readings[0]
    return Assessment(verdict, first.median_gap, max(r.last_year for r in readings), " ".join(sentences))
